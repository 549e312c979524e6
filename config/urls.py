"""Every page's address."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from hearth.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("accounts/", include("hearth.accounts.urls")),
    path("children/", include("hearth.people.urls")),
    path("children/", include("hearth.casework.urls")),
    path("children/", include("hearth.protection.urls")),
    path("timescales/", include("hearth.timescales.urls")),
    path("front-door/", include("hearth.front_door.urls")),
    path("partner/", include("hearth.front_door.urls_partner")),
    path("inspection/", include("hearth.inspection.urls")),
    path("oversight/", include("hearth.oversight.urls")),
    path("", include("hearth.casework.urls_work")),
    path("", include("hearth.children_in_need.urls")),
    path("", include("hearth.protection.proceedings.urls")),
]
# Django's admin writes around the services (no audit, no rules): only for local development.
if settings.HEARTH_DJANGO_ADMIN:
    urlpatterns.append(path("admin/", admin.site.urls))

# Hearth's own pages for a refused request: a body too large is 413 and a rate limit 429, not 400 and 403.
handler400 = core_views.bad_request
handler403 = core_views.permission_denied
