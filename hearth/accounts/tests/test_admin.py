"""Django's admin is mounted only in local development; administration has Hearth's own pages."""

import importlib

import pytest
from django.urls import clear_url_caches

import config.urls
from conftest import client_for
from hearth.accounts.models import AuditEvent


def _mounts_admin(urlpatterns) -> bool:
    return any(str(pattern.pattern) == "admin/" for pattern in urlpatterns)


def test_django_admin_is_not_mounted_under_test_settings(council):
    council.admin.is_superuser = True
    council.admin.save()
    client = client_for(council.admin)
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/accounts/user/").status_code == 404


@pytest.mark.parametrize("module, mounted", [("config.settings.production", False), ("config.settings.test", False),
                                             ("config.settings.dev", True)])
def test_django_admin_is_switched_on_only_in_development_settings(monkeypatch, module, mounted):
    monkeypatch.setenv("SECRET_KEY", "a-test-secret-key-only")
    monkeypatch.setenv("HEARTH_PROXY_COUNT", "1")
    monkeypatch.delenv("HEARTH_DJANGO_ADMIN", raising=False)
    assert importlib.import_module(module).HEARTH_DJANGO_ADMIN is mounted


def test_django_admin_is_mounted_only_when_the_setting_is_true(settings):
    try:
        settings.HEARTH_DJANGO_ADMIN = True
        assert _mounts_admin(importlib.reload(config.urls).urlpatterns)
        settings.HEARTH_DJANGO_ADMIN = False
        assert not _mounts_admin(importlib.reload(config.urls).urlpatterns)
    finally:
        settings.HEARTH_DJANGO_ADMIN = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_the_administrator_manages_users_teams_roles_and_closure_days_on_hearths_own_pages(council):
    client = client_for(council.admin)
    for path in ("/accounts/administration/", "/accounts/administration/users", "/accounts/administration/teams",
                 f"/accounts/administration/teams/{council.team.pk}", "/accounts/administration/roles",
                 f"/accounts/administration/users/{council.worker.pk}", "/accounts/administration/approvals",
                 "/timescales/closure-days/", "/accounts/access-changes"):
        assert client.get(path).status_code == 200, path
    assert "Administration" in client.get("/", follow=True).content.decode()


def test_administration_pages_hold_no_case_records(council):
    client = client_for(council.admin)
    pages = "".join(client.get(path).content.decode() for path in (
        "/accounts/administration/users", f"/accounts/administration/users/{council.worker.pk}",
        f"/accounts/administration/teams/{council.team.pk}"))
    for child in council.children.values():
        assert child.last_name not in pages
    assert client.get(f"/children/{council.allocated.pk}/").status_code == 404  # as for a record that does not exist


def test_only_administrators_reach_the_administration_pages(council):
    for user in (council.worker, council.manager, council.leader, council.inspector):
        client = client_for(user)
        for path in ("/accounts/administration/", "/accounts/administration/users",
                     "/accounts/administration/users/new", "/timescales/closure-days/"):
            assert client.get(path).status_code == 403, (user, path)
    assert client_for(council.partner).get("/accounts/administration/users").status_code == 404


def test_administration_writes_through_the_services_with_an_audit_event(council):
    client = client_for(council.admin)
    response = client.post("/accounts/administration/teams/new", {"name": "Disabled Children", "service_area":
                                                                   "disabled_children", "is_active": "on"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(verb="team.create", actor=council.admin).exists()
