from django.urls import path

from hearth.inspection import views

app_name = "inspection"
urlpatterns = [
    path("", views.register_page, name="register"),
    path("judgements", views.judgements_page, name="judgements"),
    path("new", views.inspection_new, name="new"),
    path("sample", views.my_sample_page, name="my_sample"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/change", views.inspection_edit, name="edit"),
    path("<int:pk>/report", views.report_download, name="report"),
    path("<int:pk>/report/upload", views.report_upload, name="report_upload"),
    path("<int:pk>/plan", views.plan_page, name="plan"),
    path("<int:pk>/plan/actions/new", views.action_new, name="action_new"),
    path("<int:pk>/plan/progress-report", views.progress_report, name="progress_report"),
    path("<int:pk>/plan/progress-report.pdf", views.progress_report_pdf, name="progress_report_pdf"),
    path("actions/<int:pk>", views.action_page, name="action"),
    path("<int:pk>/access", views.access_page, name="access"),
    path("<int:pk>/access/views", views.views_page, name="views"),
    path("self-evaluation/", views.self_evaluations_page, name="self_evaluations"),
    path("self-evaluation/new", views.self_evaluation_new, name="self_evaluation_new"),
    path("self-evaluation/compare", views.self_evaluation_compare, name="self_evaluation_compare"),
    path("self-evaluation/<int:pk>", views.self_evaluation_page, name="self_evaluation"),
    path("self-evaluation/<int:pk>.pdf", views.self_evaluation_pdf, name="self_evaluation_pdf"),
]
