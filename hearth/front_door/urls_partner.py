"""The partner agencies' pages, under /partner/: their own online referrals and nothing else."""

from django.urls import path

from hearth.front_door.views import partner as views

app_name = "partner"
urlpatterns = [
    path("", views.submissions, name="submissions"),
    path("new", views.new, name="new"),
    path("<int:pk>", views.submitted, name="submitted"),
]
