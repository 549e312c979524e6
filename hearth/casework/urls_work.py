"""The addresses of a worker's and a manager's lists of what is due (config/urls.py includes them at the root)."""

from django.urls import path

from hearth.casework import views_work

app_name = "work"
urlpatterns = [
    path("my-work", views_work.my_work, name="my_work"),
    path("my-work/caseload", views_work.my_caseload, name="my_caseload"),
    path("team-work", views_work.team_work, name="team_work"),
]
