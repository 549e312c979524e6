from django.urls import path

from hearth.children_in_need import views

app_name = "children_in_need"
EPISODE = "children/<int:child_id>/children-in-need/<int:referral_id>/"
urlpatterns = [
    path("children-in-need/referrals/", views.queue, name="queue"),
    path("children-in-need/referrals/<int:referral_id>/allocate", views.allocate, name="allocate"),
    path(EPISODE, views.episode, name="episode"),
    path(EPISODE + "close", views.close, name="close"),
    path(EPISODE + "closure-request", views.closure_request, name="closure_request"),
    path(EPISODE + "closure-request/<int:request_id>/decide", views.closure_decide, name="closure_decide"),
    path(EPISODE + "target", views.target, name="target"),
    path(EPISODE + "visits/new", views.visit_add, name="visit_add"),
    path(EPISODE + "assessment", views.assessment, name="assessment"),
    path(EPISODE + "assessment/start", views.assessment_start, name="assessment_start"),
    path(EPISODE + "assessment/edit", views.assessment_edit, name="assessment_edit"),
    path(EPISODE + "assessment/submit", views.assessment_submit, name="assessment_submit"),
    path(EPISODE + "assessment/decide", views.assessment_decide, name="assessment_decide"),
    path(EPISODE + "plans/new", views.plan_start, name="plan_start"),
    path(EPISODE + "plans/<int:plan_id>/", views.plan, name="plan"),
    path(EPISODE + "plans/<int:plan_id>/edit", views.plan_edit, name="plan_edit"),
    path(EPISODE + "plans/<int:plan_id>/end", views.plan_end, name="plan_end"),
    path(EPISODE + "plans/<int:plan_id>/actions/new", views.plan_action_add, name="plan_action_add"),
    path(EPISODE + "plans/<int:plan_id>/reviews/new", views.plan_review_add, name="plan_review_add"),
    path(EPISODE + "parenting/new", views.parenting_start, name="parenting_start"),
    path(EPISODE + "parenting/<int:assessment_id>/complete", views.parenting_complete, name="parenting_complete"),
]
