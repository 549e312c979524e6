"""A 16- or 17-year-old who presents as homeless is told their rights and entitlements, including to be accommodated
by the council, and the decision records when, how and what they want: no decision is made for them without it (the
2024 inspection's second "what needs to improve" point)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import client_for, earlier_today, make_child
from hearth.front_door import services
from hearth.front_door.models import AccommodationWish, ContactDecision, RightsToldHow, RiskIndicator


def born_years_ago(years: int) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=10)


@pytest.fixture
def homeless(council, record_contact):
    """A contact about a 17-year-old presenting as homeless and their 10-year-old brother."""
    young_person = make_child(council.adviser, first_name="Kai", date_of_birth=born_years_ago(17))
    brother = make_child(council.adviser, first_name="Leo", date_of_birth=born_years_ago(10))
    contact = record_contact(children=[young_person, brother], received_at=earlier_today(hours=1),
                             risk_indicators=[RiskIndicator.HOMELESS_16_17])
    return contact, contact.children.get(child=young_person), contact.children.get(child=brother)


def decide(user, row, **rights):
    return services.contact_decide(acting_user=user, contact_child=row, outcome="no_further_action",
                                   rationale="Housing and children's social care assess jointly.",
                                   details_in_order=True, consent_in_order=True, **rights)


TOLD = dict(rights_told_how=RightsToldHow.IN_PERSON, rights_written=True,
            accommodation_wish=AccommodationWish.ACCOMMODATED)


def test_the_young_person_is_asked_about_and_their_younger_brother_is_not(homeless):
    contact, young_person, brother = homeless
    assert services.asks_homeless_rights(contact, young_person)
    assert not services.asks_homeless_rights(contact, brother)


def test_no_decision_for_them_until_the_record_says_when_and_how_they_were_told_and_what_they_want(
        council, fd_manager, homeless):
    contact, young_person, brother = homeless
    with pytest.raises(ValidationError) as refused:
        decide(fd_manager, young_person)
    assert set(refused.value.message_dict) == {"rights_told_on", "rights_told_how", "accommodation_wish"}
    assert "including to be accommodated" in refused.value.message_dict["rights_told_on"][0]
    assert not ContactDecision.objects.exists()
    decision = decide(fd_manager, young_person, rights_told_on=timezone.localdate(), **TOLD)
    assert (decision.rights_told_on, decision.rights_told_how, decision.rights_written, decision.accommodation_wish) == (
        timezone.localdate(), "in_person", True, "accommodated")
    # The brother's decision asks nothing of the kind, and keeps nothing typed for it.
    assert decide(fd_manager, brother, rights_told_on=timezone.localdate(), **TOLD).rights_told_on is None


def test_they_cannot_have_been_told_before_the_contact_or_in_the_future(fd_manager, homeless):
    contact, young_person, _ = homeless
    for told_on, reason in ((timezone.localdate() - timedelta(days=3), "cannot be before the contact was received"),
                            (timezone.localdate() + timedelta(days=1), "must be today or in the past")):
        with pytest.raises(ValidationError) as refused:
            decide(fd_manager, young_person, rights_told_on=told_on, **TOLD)
        assert reason in refused.value.message_dict["rights_told_on"][0]


def test_a_contact_that_does_not_say_they_are_homeless_asks_nothing(council, fd_manager, record_contact):
    seventeen = make_child(council.adviser, date_of_birth=born_years_ago(17))
    contact = record_contact(children=[seventeen], received_at=earlier_today(hours=1))
    assert not services.asks_homeless_rights(contact, contact.children.get())
    assert decide(fd_manager, contact.children.get()).rights_told_on is None


def test_the_manager_records_it_on_the_contact_page_with_errors_beside_the_fields_and_nothing_typed_lost(
        fd_manager, homeless):
    contact, young_person, brother = homeless
    manager = client_for(fd_manager)
    page = manager.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert page.count("Rights and entitlements: a 16- or 17-year-old presenting as homeless") == 1
    assert f'name="decide-{young_person.pk}-rights_told_how"' in page
    assert f'name="decide-{brother.pk}-rights_told_how"' not in page
    prefix = f"decide-{young_person.pk}"
    typed = {f"{prefix}-outcome": "no_further_action", f"{prefix}-rationale": "Joint assessment with housing.",
             f"{prefix}-details_in_order": "on", f"{prefix}-consent_in_order": "on",
             f"{prefix}-rights_told_how": "phone_or_video"}
    path = f"/front-door/contacts/{contact.pk}/children/{young_person.pk}/decide"
    refused = manager.post(path, typed)
    body = refused.content.decode()
    assert refused.status_code == 400 and "Select what they want" in body
    assert "Enter the date they were told their rights and entitlements" in body
    assert "Joint assessment with housing." in body and 'value="phone_or_video" checked' in body
    today = timezone.localdate()
    response = manager.post(path, {**typed, f"{prefix}-accommodation_wish": "undecided",
                                   f"{prefix}-rights_told_on-day": str(today.day),
                                   f"{prefix}-rights_told_on-month": str(today.month),
                                   f"{prefix}-rights_told_on-year": str(today.year)})
    assert response.status_code == 302
    page = manager.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "Told their rights and entitlements" in page and "by phone or video call" in page
    assert "Has not decided yet" in page and "no written information given" in page


def test_the_leaders_see_how_many_were_told_and_what_they_want_each_figure_its_list(council, fd_manager, homeless,
                                                                                   record_contact):
    from hearth.front_door import performance

    from .test_performance import cells, listed, page_figures

    contact, young_person, brother = homeless
    decide(fd_manager, young_person, rights_told_on=timezone.localdate(), **TOLD)
    decide(fd_manager, brother)
    sixteen = make_child(council.adviser, first_name="Ria", date_of_birth=born_years_ago(16))
    other = record_contact(children=[sixteen], received_at=earlier_today(hours=1),
                           risk_indicators=[RiskIndicator.HOMELESS_16_17])
    decide(fd_manager, other.children.get(), rights_told_on=timezone.localdate(),
           rights_told_how=RightsToldHow.PHONE_OR_VIDEO, accommodation_wish=AccommodationWish.FAMILY_OR_FRIENDS)
    today = timezone.localdate()
    period = performance.Period(today - timedelta(days=6), today)
    table = performance.table("homeless_rights", period, timezone.now())
    figures = {row: cell.value for (row, column), cell in cells(table).items() if column == "Number"}
    assert figures == {"Told their rights and entitlements": 2, "Given written information for their age": 1,
                       AccommodationWish.ACCOMMODATED.label: 1, AccommodationWish.FAMILY_OR_FRIENDS.label: 1,
                       AccommodationWish.NOT_ACCOMMODATED.label: 0, AccommodationWish.UNDECIDED.label: 0}
    client = client_for(council.leader)
    shown, _ = page_figures(client, query=f"from={period.first.isoformat()}&to={period.last.isoformat()}")
    assert set(shown["homeless_rights"]) == {key for key, cell in cells(table).items() if cell.value is not None}
    for (row, column), (_, href) in shown["homeless_rights"].items():
        if column == "Number":
            assert len(listed(client, href)) == figures[row], row
    assert sorted(listed(client, shown["homeless_rights"][("Told their rights and entitlements", "Number")][1])) == \
        sorted([contact.reference, other.reference])
