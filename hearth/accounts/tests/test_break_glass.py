"""Emergency access: a typed reason, a time limit, never a restricted record, and a manager's review."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import client_for
from hearth.accounts import services
from hearth.accounts.models import AccessAction, AccessEvent, AuditEvent, BreakGlassAccess, BreakGlassReview


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
    review = access.reviews.get()
    assert (review.reviewer, review.outcome, review.note) == (council.manager, "justified", "Checked")
    assert review.history.get().history_user == council.manager


@pytest.fixture
def opened(council) -> BreakGlassAccess:
    services.break_glass_open(acting_user=council.outsider, la_child_id=council.unallocated.la_child_id,
                              reason="Police called out of hours about the child")
    return BreakGlassAccess.objects.get()


def test_a_second_break_glass_review_is_refused_and_the_first_stands(council, opened):
    leader = council.leader
    services.break_glass_review(acting_user=council.manager, access=opened, outcome="not_justified", note="No call logged")
    with pytest.raises(ValidationError):
        services.break_glass_review(acting_user=leader, access=opened, outcome="justified", note="")
    page = client_for(leader).post(f"/accounts/emergency-access/reviews/{opened.pk}", {"outcome": "justified"})
    assert "already been reviewed" in page.content.decode()
    review = opened.reviews.get()
    assert (review.reviewer, review.outcome) == (council.manager, "not_justified")


def test_a_correction_of_a_break_glass_review_is_a_new_row_that_names_the_review_it_corrects(council, opened):
    first = services.break_glass_review(acting_user=council.manager, access=opened, outcome="not_justified", note="")
    correction = services.break_glass_review_correct(acting_user=council.leader, review=first, outcome="justified",
                                                     note="The police log shows the call at 11pm")
    first.refresh_from_db()
    assert (first.outcome, first.reviewer) == ("not_justified", council.manager)
    assert (correction.corrects, correction.reviewer, correction.outcome) == (first, council.leader, "justified")
    assert list(AuditEvent.objects.filter(subject_user=council.outsider).order_by("pk").values_list("verb", flat=True)) \
        == ["break_glass.review", "break_glass.review_correct"]
    page = client_for(council.manager).get(f"/accounts/emergency-access/reviews/{opened.pk}").content.decode()
    assert "Correction" in page and "The police log shows the call at 11pm" in page and "Not justified" in page


def test_a_review_is_corrected_once_and_a_correction_needs_a_reason(council, opened):
    first = services.break_glass_review(acting_user=council.manager, access=opened, outcome="justified", note="")
    with pytest.raises(ValidationError):
        services.break_glass_review_correct(acting_user=council.leader, review=first, outcome="not_justified", note=" ")
    services.break_glass_review_correct(acting_user=council.leader, review=first, outcome="not_justified", note="Wrong")
    with pytest.raises(ValidationError):
        services.break_glass_review_correct(acting_user=council.manager, review=first, outcome="justified", note="Again")
    assert BreakGlassReview.objects.count() == 2


def test_nobody_reviews_or_corrects_the_review_of_their_own_emergency_access(council, opened):
    with pytest.raises(PermissionDenied):
        services.break_glass_review(acting_user=council.outsider, access=opened, outcome="justified", note="")
    first = services.break_glass_review(acting_user=council.manager, access=opened, outcome="justified", note="")
    with pytest.raises(PermissionDenied):
        services.break_glass_review_correct(acting_user=council.outsider, review=first, outcome="justified", note="Me")
