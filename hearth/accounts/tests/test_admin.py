"""Administration: users, teams and closure days, and no case records."""

from django.contrib.auth.models import Permission
from django.test import Client


def test_the_administrator_manages_users_and_teams_but_the_admin_holds_no_case_records(council):
    council.admin.user_permissions.set(Permission.objects.filter(
        content_type__app_label__in=["accounts", "timescales"], codename__startswith="view"))
    client = Client()
    client.force_login(council.admin)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/accounts/team/").status_code == 200
    assert client.get("/admin/timescales/localclosureday/").status_code == 200
    index = client.get("/admin/").content.decode()
    assert "People" not in index and "Case note" not in index and "Allocation" not in index
    assert client.get("/admin/people/person/").status_code == 404
