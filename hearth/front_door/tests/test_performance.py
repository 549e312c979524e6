"""The leaders' view of the front door: figures from known data, the contacts behind every number, CSV, access, budget."""

import csv
import html
import io
import re
from datetime import UTC, date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from conftest import client_for, make_child
from hearth.accounts.models import AccessAction, AccessEvent
from hearth.core import navigation
from hearth.front_door import performance, services
from hearth.front_door.models import (
    AdviceKind,
    ConsentDispensedReason,
    ConsentStatus,
    Contact,
    ContactChild,
    ContactDecision,
)
from hearth.front_door.services import DescribedChild
from hearth.reference.codes import ReferralSource

from .conftest import london

PAGE_BUDGET = 15
PERIOD = "from=2025-03-03&to=2025-03-16"  # two whole weeks, Monday 3 to Sunday 16 March 2025 (GMT)


@pytest.fixture
def decide(fd_manager):
    """Decide every child on a contact, as if at `at` (the services stamp the time now; the test moves it)."""

    def decide(contact, at, outcome="no_further_action"):
        for row in ContactChild.objects.filter(contact=contact, child__isnull=False):
            services.contact_decide(acting_user=fd_manager, contact_child=row, outcome=outcome,
                                    rationale="Considered against the threshold guidance.", details_in_order=True,
                                    consent_in_order=True)
        ContactDecision.objects.filter(contact_child__contact=contact).update(decided_at=at)
        Contact.objects.filter(pk=contact.pk).update(closed_at=at)
        return Contact.objects.get(pk=contact.pk)

    return decide


@pytest.fixture
def march(council, record_contact, decide, fd_manager, senior):
    """Four contacts received in the period, one of them chained, one a re-contact, plus some outside it.

    c1  Mon 3 Mar 10:00, Amara, police; decided Tue 4 Mar 11:00: on time (due end of Tue 4 Mar)      25 hours
    c2  Mon 3 Mar 11:00, Tomos, school, consent dispensed; decided Wed 5 Mar 11:00: late               48 hours
        (senior social worker advice recorded; information and advice)
    c3  Tue 4 Mar 14:00, Amara, police, new information on c1: its clock runs from c1's receipt, so
        decided Wed 5 Mar 10:00 is late (it would be on time from its own receipt)                     48 hours (20 own)
    c4  Mon 10 Mar 09:00, Una, family; decided Mon 10 Mar 15:00: on time; Una was on c0 in Nov 2024    6 hours
    c0  1 Nov 2024, Una: outside the period, makes c4 a re-contact
    c5  open, received now; c6 open, received 30 days ago
    """
    c0 = decide(record_contact(received_at=london(2024, 11, 1, 10), children=[council.unallocated]), london(2024, 11, 1, 15))
    c1 = record_contact(received_at=london(2025, 3, 3, 10), children=[council.allocated], source=ReferralSource.POLICE)
    c2 = record_contact(received_at=london(2025, 3, 3, 11), children=[council.team_child], source=ReferralSource.SCHOOLS,
                        consent=ConsentStatus.DISPENSED, consent_not_applicable_reason="",
                        consent_dispensed_reason=ConsentDispensedReason.SIGNIFICANT_HARM,
                        consent_dispensed_asked=fd_manager)
    services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=c2)
    services.advice_record(acting_user=senior, contact=c2, kind=AdviceKind.SENIOR_SOCIAL_WORKER, text="Discuss with police.")
    c1 = decide(c1, london(2025, 3, 4, 11))
    c2 = decide(c2, london(2025, 3, 5, 11), outcome="information_and_advice")
    c3 = record_contact(received_at=london(2025, 3, 4, 14), children=[council.allocated], source=ReferralSource.POLICE,
                        previous=c1)
    c3 = decide(c3, london(2025, 3, 5, 10))
    c4 = decide(record_contact(received_at=london(2025, 3, 10, 9), children=[council.unallocated],
                               source=ReferralSource.FAMILY), london(2025, 3, 10, 15))
    now = timezone.now()
    c5 = record_contact(received_at=now, children=[DescribedChild("Kai Smith")])
    c6 = record_contact(received_at=now - timedelta(days=30), children=[council.team_child])
    return {"c0": c0, "c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6}


def report(first=date(2025, 3, 3), last=date(2025, 3, 16)) -> dict[str, performance.Table]:
    period, now = performance.Period(first, last), timezone.now()
    return {table.name: table for view in performance.VIEWS for table in performance.report(period, now, view)}


def cells(table: performance.Table) -> dict[tuple[str, str], performance.Cell]:
    """Each figure by (row label, column heading)."""
    return {(row[0].text, table.head[i]): cell for row in table.rows for i, cell in enumerate(row) if i}


FIGURE = re.compile(
    r'<a class="govuk-link" href="([^"]+)">([^<]+)<span class="govuk-visually-hidden"> \((.+?): (.+?)\)</span></a>')


def page_figures(client, query=PERIOD) -> tuple[dict[str, dict[tuple[str, str], tuple[str, str]]], str]:
    """The figures as the page's parts show them, by table: (row, column) -> (text, link); and the pages' HTML."""
    found, pages = {}, []
    for view in performance.VIEWS:
        response = client.get(f"/front-door/performance?{query}&view={view}")
        assert response.status_code == 200
        page = response.content.decode()
        pages.append(page)
        for section in page.split('<section aria-labelledby="')[1:]:
            name = section.split('"', 1)[0]
            found[name] = {(html.unescape(row), html.unescape(column)): (text, html.unescape(href))
                           for href, text, column, row in FIGURE.findall(section)}
    return found, "\n".join(pages)


def listed(client, href: str) -> list[str]:
    response = client.get(href.replace("&amp;", "&"))
    assert response.status_code == 200, href
    page = response.content.decode()
    found = re.findall(r'href="/front-door/contacts/\d+">(FD\d\d-\d{6})</a>', page)
    pages = re.search(r"Page 1 of (\d+)", page)
    assert pages is None, "the lists here fit one page"
    return found


def refs(march, *names) -> list[str]:
    return sorted(march[name].reference for name in names)


def test_the_figures_from_known_data(council, march):
    found = report()

    received = cells(found["received"])
    assert received[("Week beginning 3 March 2025", "Contacts received")].value == 3
    assert received[("Week beginning 3 March 2025", "Of which linked to a closed contact")].value == 1
    assert received[("Week beginning 10 March 2025", "Contacts received")].value == 1
    assert received[("Total", "Contacts received")].value == 4

    timeliness = cells(found["timeliness"])
    assert timeliness[("All contacts decided", "Decided")].value == 4
    assert timeliness[("All contacts decided", "On time")].value == 2
    assert timeliness[("All contacts decided", "On time (%)")].text == "50%"
    assert timeliness[("All contacts decided", "Late")].value == 2
    chained = "Linked to a closed contact (timed from the chain's first receipt)"
    assert timeliness[(chained, "Decided")].value == 1 and timeliness[(chained, "Late")].value == 1

    weekly = cells(found["timeliness_weekly"])
    assert weekly[("Week beginning 3 March 2025", "Decided")].value == 3
    assert weekly[("Week beginning 3 March 2025", "On time (%)")].text == "33%"
    assert weekly[("Week beginning 10 March 2025", "On time (%)")].text == "100%"

    # From the first receipt: 6, 25, 48 and 48 hours (c3 took 20 from its own receipt, 48 from c1's).
    hours = cells(found["time_to_decision"])
    assert hours[("Contacts decided", "Hours from the first receipt")].value == 4
    assert hours[("Median", "Hours from the first receipt")].value == 25.0  # nearest rank: the 2nd of 4
    assert hours[("90th percentile", "Hours from the first receipt")].value == 48.0

    ages = cells(found["open_by_age"])
    assert ages[("Under 1 working day", "Open contacts")].value == 1
    assert ages[("Over 5 working days", "Open contacts")].value == 1
    assert ages[("Total", "Open contacts")].value == 2

    chains = cells(found["chains"])
    assert chains[("Linked contacts received in the period", "Contacts")].value == 1
    assert chains[("decided late, from the first receipt", "Contacts")].value == 1
    assert chains[("decided on time, from the first receipt", "Contacts")].value == 0

    recontacts = cells(found["recontacts"])
    # Amara (c3 after c1) and Una (c4 after c0 in November); Tomos was on no earlier contact.
    assert recontacts[("Children with another contact in the 365 days before", "Number")].value == 2
    assert recontacts[("Contacts about a child re-contacted", "Number")].value == 2
    assert recontacts[("Contacts received in the period", "Number")].value == 4
    assert recontacts[("Share of contacts that were re-contacts", "Number")].text == "50%"

    outcomes = cells(found["outcomes_by_source"])
    assert outcomes[("Police", "No further action")].value == 2
    assert outcomes[("Schools", "Information and advice")].value == 1
    assert outcomes[("Individual: family member, relative or carer", "No further action")].value == 1
    assert outcomes[("All sources", "Total")].value == 4

    consent = cells(found["consent_dispensed"])
    harm = ConsentDispensedReason.SIGNIFICANT_HARM.label
    assert consent[(harm, "Contacts")].value == 1 and consent[(harm, "Share of contacts received")].text == "25%"

    recording = cells(found["recording"])
    assert recording[("Children's decisions with a recorded rationale", "Share")].text == "100%"
    assert recording[("Contacts decided with senior social worker advice recorded", "Recorded")].value == 1
    assert recording[("Contacts decided with senior social worker advice recorded", "Share")].text == "25%"


def test_the_page_shows_each_table_with_an_accessible_chart(council, march):
    shown, page = page_figures(client_for(council.leader))
    assert sorted(shown) == sorted(performance.TABLES)
    assert "3 March 2025 to 16 March 2025 (2 weeks, Monday to Sunday)" in page
    assert shown["timeliness"][("All contacts decided", "On time (%)")][0] == "50%"
    # Charts are SVG bars with a title and a label giving the figures, and no inline styles anywhere on the page.
    assert page.count('role="img"') == len(performance.TABLES) and "<title>Contacts received each week</title>" in page
    assert 'aria-label="Contacts received each week. Week beginning 3 March 2025: 3; Week beginning 10 March 2025: 1"' in page
    assert re.search(r'<rect x="0" y="\d+" width="80.00%"', page) and re.search(r'<rect x="0" y="\d+" width="26.67%"', page)
    assert "style=" not in page


def test_three_contacts_two_on_time_is_67_percent(council, record_contact, decide):
    for day, decided in ((3, london(2025, 3, 4, 9)), (4, london(2025, 3, 5, 9)), (5, london(2025, 3, 7, 9))):
        decide(record_contact(received_at=london(2025, 3, day, 10), children=[make_child(council.manager)]), decided)
    row = cells(report()["timeliness"])
    assert row[("All contacts decided", "On time")].value == 2
    assert row[("All contacts decided", "On time (%)")].text == "67%"


def test_every_number_links_to_exactly_the_contacts_behind_it(council, march):
    client = client_for(council.leader)
    shown, page = page_figures(client)
    figures = report()
    for name, table in figures.items():
        numbers = {key for key, cell in cells(table).items() if cell.value is not None}
        assert set(shown[name]) == numbers, name  # every number on the page is a link

    def behind(table, row, column):
        return sorted(listed(client, shown[table][(row, column)][1]))

    assert behind("received", "Week beginning 3 March 2025", "Contacts received") == refs(march, "c1", "c2", "c3")
    assert behind("received", "Total", "Of which linked to a closed contact") == refs(march, "c3")
    assert behind("timeliness", "All contacts decided", "On time") == refs(march, "c1", "c4")
    assert behind("timeliness", "All contacts decided", "Late") == refs(march, "c2", "c3")
    assert behind("timeliness", "Not linked", "Late") == refs(march, "c2")
    assert behind("timeliness_weekly", "Week beginning 10 March 2025", "Decided") == refs(march, "c4")
    assert behind("chains", "decided late, from the first receipt", "Contacts") == refs(march, "c3")
    assert behind("recontacts", "Children with another contact in the 365 days before", "Number") == refs(march, "c3", "c4")
    assert behind("open_by_age", "Under 1 working day", "Open contacts") == refs(march, "c5")
    assert behind("open_by_age", "Over 5 working days", "Open contacts") == refs(march, "c6")
    assert behind("outcomes_by_source", "Police", "No further action") == refs(march, "c1", "c3")
    assert behind("outcomes_by_source", "All sources", "Information and advice") == refs(march, "c2")
    assert behind("consent_dispensed", ConsentDispensedReason.SIGNIFICANT_HARM.label, "Contacts") == refs(march, "c2")
    assert behind("recording", "Contacts decided with senior social worker advice recorded", "Recorded") == refs(march, "c2")
    assert behind("recording", "Children's decisions with a recorded rationale", "Recorded") == refs(
        march, "c1", "c2", "c3", "c4")
    # And for every count of contacts, the list holds exactly that many.
    contact_counts = {"received", "timeliness", "timeliness_weekly", "chains", "open_by_age", "consent_dispensed"}
    for name in contact_counts:
        for (row, column), cell in cells(figures[name]).items():
            if isinstance(cell.value, int):
                assert len(behind(name, row, column)) == cell.value, (name, row, column)


def test_the_contacts_list_describes_its_filters_and_shows_decided_status(council, march):
    page = client_for(council.leader).get(
        f"/front-door/performance/contacts?{PERIOD}&basis=decided&chain=yes&timeliness=late").content.decode()
    assert "Decided in the period 3 March 2025 to 16 March 2025" in page
    assert "linked to a closed contact" in page and "decided late (from the first receipt)" in page
    assert "Decided late" in page and "Chain from 3 March 2025 at 10:00am (first receipt)" in page
    event = AccessEvent.objects.filter(user=council.leader, action=AccessAction.VIEW).latest("at")
    assert event.result_count == 1


@pytest.mark.parametrize("query", ["basis=nonsense", "basis=received&week=2025-03-05", "basis=received&source=ZZ",
                                   "basis=open&age=forever", "from=2025-13-01&to=2025-03-16&basis=received"])
def test_a_list_the_page_never_links_to_is_not_found(council, query):
    assert client_for(council.leader).get(f"/front-door/performance/contacts?{PERIOD}&{query}").status_code == 404


def test_an_unknown_part_of_the_page_is_not_found(council):
    assert client_for(council.leader).get(f"/front-door/performance?{PERIOD}&view=secrets").status_code == 404


def test_csv_download_of_each_table_is_logged(council, march):
    client = client_for(council.leader)
    response = client.get(f"/front-door/performance?{PERIOD}&format=csv&table=timeliness")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "front-door-timeliness-2025-03-03-to-2025-03-16.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Contacts", "Decided", "On time", "On time (%)", "Late"]
    assert rows[1] == ["All contacts decided", "4", "2", "50.0", "2"]
    event = AccessEvent.objects.get(user=council.leader, action=AccessAction.EXPORT)
    assert event.what == "Front door performance: Decisions within one working day (CSV)"
    assert event.detail == "3 March 2025 to 16 March 2025"
    for name in performance.TABLES:
        assert client.get(f"/front-door/performance?{PERIOD}&format=csv&table={name}").status_code == 200
    assert client.get(f"/front-door/performance?{PERIOD}&format=csv&table=secrets").status_code == 404
    assert AccessEvent.objects.filter(user=council.leader, action=AccessAction.EXPORT).count() == 1 + len(performance.TABLES)


def test_the_page_links_each_csv(council):
    _, page = page_figures(client_for(council.leader))
    for name in performance.TABLES:
        assert f"?from=2025-03-03&amp;to=2025-03-16&amp;format=csv&amp;table={name}" in page


def test_the_default_period_is_the_last_12_complete_weeks(council):
    page = client_for(council.leader).get("/front-door/performance").content.decode()
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    period = performance.last_complete_weeks(12, timezone.localdate())
    assert period == performance.Period(monday - timedelta(weeks=12), monday - timedelta(days=1))
    assert len(period.weeks) == 12 and all(w.label.startswith("Week beginning") for w in period.weeks)
    assert f"{period.label} (12 weeks, Monday to Sunday)" in page
    assert '<option value="12" selected>' in page


def test_choosing_weeks_or_dates(council):
    client = client_for(council.leader)
    page = client.get("/front-door/performance?weeks=52").content.decode()
    assert "(52 weeks, Monday to Sunday)" in page and '<option value="52" selected>' in page
    page = client.get("/front-door/performance?date_from-day=5&date_from-month=3&date_from-year=2025"
                      "&date_to-day=11&date_to-month=3&date_to-year=2025").content.decode()
    assert "5 March 2025 to 11 March 2025 (2 weeks, Monday to Sunday)" in page
    period = performance.Period(date(2025, 3, 5), date(2025, 3, 11))
    assert [w.label for w in period.weeks] == ["5 March 2025 to 9 March 2025", "10 March 2025 to 11 March 2025"]
    bad = client.get("/front-door/performance?date_from-day=11&date_from-month=3&date_from-year=2025"
                     "&date_to-day=5&date_to-month=3&date_to-year=2025")
    assert bad.status_code == 200 and "The last day must be the same as or after the first day" in bad.content.decode()
    long = client.get("/front-door/performance?date_from-day=1&date_from-month=1&date_from-year=2020"
                      "&date_to-day=1&date_to-month=1&date_to-year=2025")
    assert "The period must be 2 years or shorter" in long.content.decode()


def test_weeks_follow_london_dates_across_the_clock_change(council, record_contact):
    """British Summer Time began at 1am on Sunday 30 March 2025: weeks are counted in London dates."""
    sunday_night = record_contact(received_at=london(2025, 3, 30, 23, 30))  # 22:30 UTC, still Sunday in London
    monday_early = record_contact(received_at=london(2025, 3, 31, 0, 30))  # 23:30 UTC on Sunday, Monday in London
    received = cells(report(date(2025, 3, 24), date(2025, 4, 6))["received"])
    assert received[("Week beginning 24 March 2025", "Contacts received")].value == 1
    assert received[("Week beginning 31 March 2025", "Contacts received")].value == 1
    client = client_for(council.leader)
    assert listed(client, "/front-door/performance/contacts?from=2025-03-24&to=2025-04-06&basis=received&week=2025-03-31") \
        == [monday_early.reference]
    assert sunday_night.reference != monday_early.reference


def test_percentiles_and_percentages():
    assert performance.nearest_rank([], (1, 2)) is None
    assert performance.nearest_rank([(60, 1), (250, 1), (480, 2)], (1, 2)) == 250
    assert performance.nearest_rank([(60, 1), (250, 1), (480, 2)], (9, 10)) == 480
    assert performance.nearest_rank([(5, 9), (100, 1)], (9, 10)) == 5  # 9 in 10 took no longer than 5
    assert performance.nearest_rank([(5, 8), (100, 2)], (9, 10)) == 100
    assert [performance.percent_text(n, 3) for n in range(4)] == ["0%", "33%", "67%", "100%"]
    assert performance.percent_text(1, 8) == "13%" and performance.percent_text(0, 0) == "Not applicable"


def test_weeks_are_counted_between_london_midnights_across_the_clock_change(council, record_contact, decide):
    """Summer time began at 01:00 UTC on Sunday 30 March 2025: half past midnight on Monday 31 March in London is
    23:30 UTC on the Sunday, and counts in the week of Monday 31 March; half past eleven on the Sunday night counts
    in the week before. The time to decision is elapsed time, kept by the database with the contact."""
    before = decide(record_contact(received_at=london(2025, 3, 30, 23, 30)), london(2025, 3, 31, 0, 12))
    after = decide(record_contact(received_at=london(2025, 3, 31, 0, 30)), london(2025, 4, 6, 23, 0))
    assert after.received_at.astimezone(UTC).day == 30  # still Sunday in UTC
    figures = performance.Figures(performance.Period(date(2025, 3, 24), date(2025, 4, 6)), timezone.now())
    assert {week: row["received"] for week, row in figures.received.items()} == {0: 1, 1: 1}
    assert {week: row["decided"] for week, row in figures.decided.items()} == {0: 0, 1: 2}
    assert (before.tenths_to_decision, after.tenths_to_decision) == (7, 1665)  # 42 minutes; 6 days 22 h 30 min
    assert figures.tenths_to_decision == [(7, 1), (1665, 1)]


@pytest.mark.parametrize("who, status", [
    ("leader", 200), ("fd_manager", 200), ("analyst", 200), ("manager", 403), ("adviser", 403), ("worker", 403),
    ("outsider", 403), ("inspector", 403), ("admin", 403), ("partner", 404),
])
def test_who_sees_the_performance_pages(council, request, who, status):
    """Senior leaders, analysts and the front door's own managers see the figures; another team's manager does not."""
    client = client_for(request.getfixturevalue(who) if who == "fd_manager" else getattr(council, who))
    assert client.get("/front-door/performance").status_code == status
    assert client.get(f"/front-door/performance/contacts?{PERIOD}&basis=received").status_code == status
    assert client.get(f"/front-door/performance?{PERIOD}&format=csv&table=received").status_code == status
    if status != 200:
        assert not AccessEvent.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_navigation_entry_is_for_those_who_see_the_figures(council, fd_manager):
    from hearth.front_door import navigation_performance  # noqa: F401  (registers the entry)

    def texts(user):
        return [item["text"] for item in navigation.items_for(user, None)]

    for user in (council.leader, fd_manager, council.analyst):
        assert "Front door performance" in texts(user)
    for user in (council.adviser, council.worker, council.manager):
        assert "Front door performance" not in texts(user)


@pytest.fixture
def busy_front_door(council, record_contact, decide, senior):
    """60 contacts of several children each in the period, decided, chained, advised and open."""
    previous = None
    for n in range(60):
        children = [make_child(council.manager) for _ in range(3)] + [DescribedChild(f"Described {n}")]
        contact = record_contact(received_at=london(2025, 3, 3 + n % 12, 9, n % 60), children=children,
                                 source=ReferralSource.values[n % 5], previous=previous if n % 10 == 5 else None)
        if n % 3 == 0:
            services.advice_record(acting_user=senior, contact=contact, kind=AdviceKind.SENIOR_SOCIAL_WORKER,
                                   text="Advice.")
        if n % 4:
            decided = decide(contact, london(2025, 3, 4 + n % 12, 9 + n % 8), outcome="no_further_action")
            previous = decided


def test_the_pages_read_within_the_budget(council, busy_front_door, django_assert_max_num_queries):
    client = client_for(council.leader)
    client.get(f"/front-door/performance?{PERIOD}")  # warms per-process caches (the calendar)
    found = report()
    assert cells(found["received"])[("Total", "Contacts received")].value == 60
    urls = [f"/front-door/performance?{PERIOD}", "/front-door/performance",
            f"/front-door/performance?{PERIOD}&format=csv&table=recontacts"]
    links = [cell.query for table in found.values() for row in table.rows for cell in row[1:] if cell.query]
    urls += ["/front-door/performance/contacts?" + PERIOD + "&" + "&".join(f"{k}={v}" for k, v in query.items())
             for query in links[:: max(1, len(links) // 12)]]
    for url in urls:
        with django_assert_max_num_queries(PAGE_BUDGET):
            response = client.get(url)
        assert response.status_code == 200, url


def test_links_carry_the_period(council, march):
    _, page = page_figures(client_for(council.leader))
    href = re.search(r'href="(/front-door/performance/contacts\?[^"]+)"', page).group(1).replace("&amp;", "&")
    query = parse_qs(urlparse(href).query)
    assert query["from"] == ["2025-03-03"] and query["to"] == ["2025-03-16"]
