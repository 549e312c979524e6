from django.urls import path

from hearth.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new", views.child_create, name="child_create"),
    path("<int:child_id>/", views.child, name="child"),
    path("<int:child_id>/details", views.child_edit, name="child_edit"),
    path("<int:child_id>/addresses/new", views.address_add, name="address_add"),
    path("<int:child_id>/family/new", views.relative_add, name="relative_add"),
    path("<int:child_id>/warnings/new", views.warning_add, name="warning_add"),
    path("<int:child_id>/seen-by", views.access_log, name="access_log"),
    path("<int:child_id>/history", views.history, name="history"),
]
