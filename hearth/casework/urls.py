from django.urls import path

from hearth.casework import views

app_name = "casework"
urlpatterns = [
    path("<int:child_id>/chronology", views.chronology_page, name="chronology"),
    path("<int:child_id>/chronology.csv", views.chronology_export, name="chronology_export"),
    path("<int:child_id>/case-notes/", views.case_notes, name="case_notes"),
    path("<int:child_id>/case-notes/new", views.case_note_add, name="case_note_add"),
    path("<int:child_id>/case-notes/<int:note_id>", views.case_note, name="case_note"),
    path("<int:child_id>/case-notes/<int:note_id>/correct", views.case_note_correct, name="case_note_correct"),
    path("<int:child_id>/allocate", views.allocate, name="allocate"),
    path("<int:child_id>/involvements/new", views.involvement_add, name="involvement_add"),
    path("<int:child_id>/involvements/<int:involvement_id>/end", views.involvement_end, name="involvement_end"),
]
