from django.urls import path

from hearth.oversight import views, views_audits, views_supervision

app_name = "oversight"
urlpatterns = [
    path("decisions", views.decisions_page, name="decisions"),
    path("audits/", views_audits.audits_page, name="audits"),
    path("audits/templates/new", views_audits.template_new, name="audit_template_new"),
    path("audits/templates/<int:pk>/revise", views_audits.template_revise, name="audit_template_revise"),
    path("audits/sample", views_audits.sample_page, name="audit_sample"),
    path("audits/themes", views_audits.themes_page, name="audit_themes"),
    path("audits/themes/audits", views_audits.audits_behind_page, name="audits_behind"),
    path("audits/<int:pk>", views_audits.audit_page, name="audit"),
    path("supervision/", views_supervision.supervision_page, name="supervision"),
    path("supervision/new", views_supervision.supervision_new, name="supervision_new"),
    path("supervision/<int:pk>", views_supervision.supervision_detail, name="supervision_detail"),
]
