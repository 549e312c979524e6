"""Every page's address."""

from django.contrib import admin
from django.urls import include, path

from hearth.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("accounts/", include("hearth.accounts.urls")),
    path("children/", include("hearth.people.urls")),
    path("children/", include("hearth.casework.urls")),
    path("timescales/", include("hearth.timescales.urls")),
    path("front-door/", include("hearth.front_door.urls")),
    path("partner/", include("hearth.front_door.urls_partner")),
    path("inspection/", include("hearth.inspection.urls")),
    path("oversight/", include("hearth.oversight.urls")),
    path("admin/", admin.site.urls),
]
