from django.urls import path

from hearth.oversight import views

app_name = "oversight"
urlpatterns = [
    path("decisions", views.decisions_page, name="decisions"),
]
