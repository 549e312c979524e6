from django.urls import path

from hearth.timescales import views

app_name = "timescales"
urlpatterns = [path("", views.clock_registry, name="clocks")]
