from django.urls import path

from hearth.protection import views

app_name = "protection"
urlpatterns = [
    path("<int:child_id>/strategy-discussions/new", views.discussion_start, name="discussion_start"),
    path("<int:child_id>/strategy-discussions/<int:discussion_id>", views.discussion, name="discussion"),
    path("<int:child_id>/strategy-discussions/<int:discussion_id>/held", views.discussion_hold, name="discussion_hold"),
    path("<int:child_id>/strategy-discussions/<int:discussion_id>/decide", views.discussion_decide,
         name="discussion_decide"),
    path("<int:child_id>/section-47/<int:enquiry_id>", views.enquiry, name="enquiry"),
    path("<int:child_id>/section-47/<int:enquiry_id>/record", views.enquiry_record, name="enquiry_record"),
    path("<int:child_id>/section-47/<int:enquiry_id>/outcome", views.enquiry_outcome, name="enquiry_outcome"),
    path("<int:child_id>/conferences/new", views.conference_add, name="conference_add"),
    path("<int:child_id>/conferences/<int:conference_id>", views.conference, name="conference"),
    path("<int:child_id>/protection-plans/<int:plan_id>", views.plan, name="plan"),
    path("<int:child_id>/protection-plans/<int:plan_id>/edit", views.plan_edit, name="plan_edit"),
    path("<int:child_id>/protection-plans/<int:plan_id>/core-groups/new", views.core_group_add, name="core_group_add"),
    path("<int:child_id>/protection-plans/<int:plan_id>/visits/new", views.visit_add, name="visit_add"),
]
