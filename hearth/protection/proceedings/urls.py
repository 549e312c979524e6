from django.urls import path

from hearth.protection.proceedings import views

app_name = "proceedings"
case = "children/<int:child_id>/pre-proceedings/<int:pre_proceedings_id>"
urlpatterns = [
    path("protection/pre-proceedings", views.tracker, name="tracker"),
    path("children/<int:child_id>/pre-proceedings/new", views.pre_proceedings_start, name="start"),
    path(case, views.pre_proceedings_page, name="pre_proceedings"),
    path(f"{case}/letter", views.letter, name="letter"),
    path(f"{case}/meeting", views.meeting, name="meeting"),
    path(f"{case}/family-group-conference/new", views.family_meeting_offer, name="family_meeting_offer"),
    path(f"{case}/family-group-conference/<int:meeting_id>/held", views.family_meeting_held,
         name="family_meeting_held"),
    path(f"{case}/family-network-support/new", views.support, name="support"),
    path(f"{case}/propose", views.propose, name="propose"),
    path(f"{case}/decide", views.decide, name="decide"),
    path(f"{case}/care-proceedings/new", views.application, name="application"),
    path(f"{case}/care-proceedings/parents-letter", views.parents_letter, name="parents_letter"),
    path(f"{case}/care-proceedings/hearing", views.hearing, name="hearing"),
    path(f"{case}/care-proceedings/final-order", views.final_order, name="final_order"),
]
