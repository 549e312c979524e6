from django.urls import path

from hearth.timescales import views

app_name = "timescales"
urlpatterns = [
    path("", views.clock_registry, name="clocks"),
    path("closure-days/", views.closure_days, name="closure_days"),
    path("closure-days/new", views.closure_day_add, name="closure_day_add"),
    path("closure-days/<int:closure_id>/remove", views.closure_day_remove, name="closure_day_remove"),
]
