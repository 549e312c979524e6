"""Addresses of the consultation and contact pages (the app's urls.py joins them; app_name is front_door)."""

from django.urls import path

from hearth.front_door.views import contacts as views

urlpatterns = [
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/new", views.consultation_new, name="consultation_new"),
    path("consultations/<int:consultation_id>", views.consultation, name="consultation"),
    path("consultations/<int:consultation_id>/convert", views.consultation_convert, name="consultation_convert"),
    path("contacts/new", views.contact_new, name="contact_new"),
    path("contacts/<int:contact_id>", views.contact, name="contact"),
    path("contacts/<int:contact_id>/family-history", views.contact_family_history, name="contact_family_history"),
    path("contacts/<int:contact_id>/new-information", views.contact_new_information, name="contact_new_information"),
    path("contacts/<int:contact_id>/requests", views.contact_request_send, name="contact_request_send"),
    path("contacts/<int:contact_id>/requests/<int:request_id>/answer", views.contact_request_answer,
         name="contact_request_answer"),
    path("contacts/<int:contact_id>/advice", views.contact_advice, name="contact_advice"),
    path("contacts/<int:contact_id>/awaiting-information", views.contact_awaiting, name="contact_awaiting"),
    path("contacts/<int:contact_id>/escalate", views.contact_escalate, name="contact_escalate"),
    path("contacts/<int:contact_id>/confirm-dispensing-consent", views.contact_consent_dispensing_confirm,
         name="contact_consent_dispensing_confirm"),
    path("contacts/<int:contact_id>/children/<int:row_id>/match", views.contact_child_match, name="contact_child_match"),
    path("contacts/<int:contact_id>/children/<int:row_id>/decide", views.contact_decide, name="contact_decide"),
]
