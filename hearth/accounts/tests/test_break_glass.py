"""Emergency access: a typed reason, a time limit, never a restricted record, and a manager's review."""

from django.test import Client

from hearth.accounts.models import AccessAction, AccessEvent, BreakGlassAccess


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_emergency_access_opens_an_unallocated_record_with_a_logged_reason(council):
    client = client_for(council.outsider)
    assert client.get(f"/children/{council.unallocated.pk}/").status_code == 404
    response = client.post("/accounts/emergency-access", {"la_child_id": council.unallocated.la_child_id,
                                                          "reason": "Police called out of hours about the child"})
    assert response.status_code == 302
    assert client.get(f"/children/{council.unallocated.pk}/").status_code == 200
    assert AccessEvent.objects.filter(user=council.outsider, action=AccessAction.BREAK_GLASS,
                                      child=council.unallocated).exists()


def test_emergency_access_never_opens_a_restricted_record_and_says_nothing_of_it(council):
    client = client_for(council.outsider)
    restricted = client.post("/accounts/emergency-access", {"la_child_id": council.restricted.la_child_id,
                                                            "reason": "Police called out of hours about the child"})
    missing = client.post("/accounts/emergency-access", {"la_child_id": "C9999999",
                                                         "reason": "Police called out of hours about the child"})
    for page in (restricted.content.decode(), missing.content.decode()):
        assert "No record you can open in an emergency" in page
        assert council.restricted.last_name not in page
    assert not BreakGlassAccess.objects.exists()


def test_emergency_access_needs_a_reason(council):
    page = client_for(council.outsider).post("/accounts/emergency-access",
                                             {"la_child_id": council.unallocated.la_child_id, "reason": "x"})
    assert "Explain why you need emergency access" in page.content.decode()


def test_roles_without_emergency_access_are_refused(council):
    for user in (council.partner, council.admin, council.inspector):
        assert client_for(user).get("/accounts/emergency-access").status_code in (403, 404)


def test_a_manager_reviews_emergency_access_but_not_their_own(council):
    client_for(council.outsider).post("/accounts/emergency-access", {
        "la_child_id": council.unallocated.la_child_id, "reason": "Police called out of hours about the child"})
    access = BreakGlassAccess.objects.get()
    manager = client_for(council.manager)
    assert "Police called out of hours" in manager.get("/accounts/emergency-access/reviews").content.decode()
    manager.post(f"/accounts/emergency-access/reviews/{access.pk}", {"outcome": "justified", "note": "Checked"})
    access.refresh_from_db()
    assert access.reviewed_by == council.manager and access.review_outcome == "justified"
