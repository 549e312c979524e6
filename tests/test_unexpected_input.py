"""Whatever is typed or sent to the front door's and the people pages, the answer is never a server error, and a
refused form writes nothing.

Each test reads the forms off the page itself (every input, select and textarea, with the values the page
offers), then sends them back with some fields replaced by random text: any Unicode, control characters,
digits other than ASCII ones, and very long strings. GET filters and query parameters are driven the same way,
mixing values the page offers with hostile ones.
"""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import make_user
from hearth.accounts.models import AuditEvent
from hearth.accounts.roles import RoleCode
from hearth.casework.models import CaseNote
from hearth.front_door import performance
from hearth.front_door import services as front_door_services
from hearth.front_door.models import Consultation, Contact, ContactChild
from hearth.front_door.services import DescribedChild
from hearth.front_door.tests.conftest import unsaved_contact
from hearth.people.models import Address, Person, Relationship, WarningNote

EXAMPLES_PER_FORM = 6
# Values that have been server errors somewhere. Each form is also sent once with every field set to each of them
# (a form checks every field, so one request tries the value in them all), beside the random examples.
TRICKY = ["", "²", "٣", "-1", "9" * 30, "\x00", "\t=1+1", "%00", "2025-02-30", "\u202e", "é" * 10000]
HOSTILE = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=12),
    st.builds(lambda piece, times: piece * times, st.sampled_from(["a", "é", "9", "😀", " ", "\n"]),
              st.integers(min_value=500, max_value=12000)),
)


def examples(n: int):
    return settings(max_examples=n, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Forms(HTMLParser):
    """The forms on a page: each one's method, action and fields, with the values the page offers for each."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or "",
                          "fields": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button"):
            values = self._form["fields"].setdefault(attrs["name"], [])
            values.append(attrs.get("value") or ("on" if attrs.get("type") in ("checkbox", "radio") else ""))
        elif tag in ("select", "textarea") and attrs.get("name"):
            self._select = self._form["fields"].setdefault(attrs["name"], [])
            if tag == "textarea":
                self._select.append("Typed text.")
        elif tag == "option" and self._select is not None:
            self._select.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag in ("select", "textarea"):
            self._select = None


def forms_on(client: Client, url: str, method: str, required: bool = True) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200 or not required, url
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    parser = Forms()
    parser.feed(response.content.decode())
    found = [form for form in parser.forms if form["method"] == method and form["fields"]]
    for form in found:
        form["action"] = form["action"] or url
    assert found or not required, f"no {method} form on {url}"
    return found


@st.composite
def filled_in(draw, forms: list[dict]) -> tuple[str, dict]:
    """One of the forms, each field given a value the page offers, random text, or left out."""
    form = draw(st.sampled_from(forms))
    data = {}
    for name, offered in form["fields"].items():
        choice = draw(st.sampled_from(["offered", "hostile", "hostile", "left out"]))
        if choice == "offered" and any(offered):
            data[name] = draw(st.sampled_from([value for value in offered if value] or [""]))
        elif choice == "hostile":
            data[name] = draw(HOSTILE)
    return form["action"], data


WRITTEN = [AuditEvent, Person, Address, Relationship, WarningNote, CaseNote, Consultation, Contact, ContactChild]


def written() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN}


def assert_no_server_error_and_nothing_written_when_refused(client: Client, action: str, data: dict):
    before = written()
    response = client.post(action, data)
    assert response.status_code < 500, (action, data)
    if response.status_code not in (301, 302):
        assert written() == before, (action, data, response.status_code)


def client_for(user) -> Client:
    client = Client(raise_request_exception=True)
    client.force_login(user)
    return client


@pytest.fixture
def front_door(council):
    """A front-door manager; an open contact with a matched and a described child and a question asked; a decided
    contact; a consultation."""
    manager = make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
    contact = front_door_services.contact_record(
        acting_user=council.adviser, children=[council.unallocated, DescribedChild(name="Kai Smith")],
        contact=unsaved_contact(received_at=timezone.now() - timedelta(hours=3)))
    front_door_services.information_request_send(acting_user=council.adviser, contact=contact,
                                                 agency="Wrekinshire Police", asked="Any call-outs?")
    closed = front_door_services.contact_record(acting_user=council.adviser, children=[council.team_child],
                                                contact=unsaved_contact(received_at=timezone.now() - timedelta(days=3)))
    front_door_services.contact_decide(acting_user=manager, contact_child=closed.children.get(),
                                       outcome="no_further_action", rationale="Below threshold.",
                                       details_in_order=True, consent_in_order=True)
    consultation = front_door_services.consultation_record(acting_user=council.adviser, consultation=Consultation(
        received_at=timezone.now() - timedelta(hours=1), caller_name="Jo Bloggs", caller_agency="Oakfield Primary",
        question="Should we refer?", advice="Talk to the family first."))
    return {"manager": manager, "contact": contact.pk, "closed": closed.pk, "consultation": consultation.pk}


# Forms ------------------------------------------------------------------------------------------------------------

PEOPLE_FORMS = ["/children/new", "/children/{child}/details", "/children/{child}/addresses/new",
                "/children/{child}/family/new", "/children/{child}/warnings/new", "/children/{child}/case-notes/new",
                "/children/{child}/allocate"]
FRONT_DOOR_FORMS = ["/front-door/consultations/new", "/front-door/contacts/new", "/front-door/contacts/{contact}",
                    "/front-door/consultations/{consultation}/convert", "/front-door/contacts/{closed}/new-information",
                    "/front-door/"]


def drive_forms(client: Client, url: str) -> None:
    forms = forms_on(client, url, "post")

    def check(sent):
        assert_no_server_error_and_nothing_written_when_refused(client, *sent)

    for form in forms:
        for value in TRICKY:
            check = example((form["action"], dict.fromkeys(form["fields"], value)))(check)
    examples(EXAMPLES_PER_FORM * len(forms))(given(filled_in(forms))(check))()


@pytest.mark.parametrize("page", PEOPLE_FORMS)
def test_no_people_form_is_a_server_error_or_writes_when_refused_whatever_is_typed(council, page):
    drive_forms(client_for(council.manager), page.format(child=council.allocated.pk))


@pytest.mark.parametrize("page", FRONT_DOOR_FORMS)
def test_no_front_door_form_is_a_server_error_or_writes_when_refused_whatever_is_typed(council, front_door, page):
    drive_forms(client_for(front_door["manager"]), page.format(**front_door))


# Filters and query parameters ------------------------------------------------------------------------------------

PERIOD = {"from": ["2025-03-03", "2025-01-01"], "to": ["2025-03-16", "2026-12-31"]}


def query_parameters(offered: dict[str, list[str]]):
    """Some of the parameters, each a value the page offers or random text; now and then a name of its own."""
    known = st.fixed_dictionaries({}, optional={
        name: st.one_of(st.sampled_from(values), HOSTILE) if values else HOSTILE for name, values in offered.items()})
    return st.tuples(known, st.dictionaries(HOSTILE.filter(bool), HOSTILE, max_size=2)).map(
        lambda parts: {**parts[1], **parts[0]})


def get_pages(council, front_door) -> list[tuple[object, str, dict[str, list[str]]]]:
    manager, contact = front_door["manager"], front_door["contact"]
    child = council.allocated
    dates = {f"{field}-{part}": [] for field in ("date_from", "date_to") for part in ("day", "month", "year")}
    return [
        (council.manager, "/children/", {"text": ["Allocated", "T0000001"], "date_of_birth-day": ["1"],
                                          "date_of_birth-month": ["1"], "date_of_birth-year": ["2015"]}),
        (council.worker, f"/children/{child.pk}/chronology", {"kind": ["case_note", "allocation", "contact"],
                                                             "page": ["1", "2", "last"]}),
        (council.worker, f"/children/{child.pk}/case-notes/", {"page": ["1", "last"]}),
        (council.worker, f"/children/{child.pk}/chronology.csv", {}),
        (manager, "/front-door/", {"team": [str(council.front_door.pk)], "assigned": ["unassigned", str(council.adviser.pk)],
                                   "urgency": ["standard", "immediate"], "source": ["2A", "6"],
                                   "pathway": ["standard"], "rag": ["overdue", "on_track"], "page": ["1", "2"]}),
        (manager, "/front-door/consultations/", {}),
        (manager, f"/front-door/contacts/{contact}", {}),
        (manager, f"/front-door/contacts/{contact}/family-history", {}),
        (council.leader, "/front-door/performance", {**PERIOD, **dates, "weeks": ["4", "13", "52"],
                                                     "view": list(performance.VIEWS), "format": ["csv", "html"],
                                                     "table": list(performance.TABLES)}),
        (council.leader, "/front-door/performance/contacts", {
            **PERIOD, "basis": list(performance.BASES), "week": ["2025-03-03", "2025-03-10"],
            "timeliness": list(performance.TIMELINESS), "chain": ["yes", "no"], "recontact": ["yes"],
            "source": ["2A", "6"], "outcome": ["no_further_action", "referral"], "consent_reason": ["any"],
            "age": [band[0] for band in performance.AGE_BANDS], "advice": ["yes", "no"], "rationale": ["yes"],
            "page": ["1", "2"], "view": list(performance.VIEWS)}),
    ]


def test_no_filter_or_query_parameter_of_the_front_door_or_people_pages_is_a_server_error(council, front_door):
    pages = get_pages(council, front_door)
    clients = {user.pk: client_for(user) for user, _, _ in pages}
    # The GET forms on these pages (search, filters, the period) send no field that is not listed above.
    for user, url, offered in pages:
        for form in forms_on(clients[user.pk], url, "get", required=False):
            assert set(form["fields"]) <= set(offered), (url, set(form["fields"]) - set(offered))

    @examples(EXAMPLES_PER_FORM * len(pages))
    @given(st.sampled_from(range(len(pages))).flatmap(
        lambda n: st.tuples(st.just(n), query_parameters(pages[n][2]))))
    def check(chosen):
        n, query = chosen
        user, url, _ = pages[n]
        before = written()
        response = clients[user.pk].get(url, query)
        assert response.status_code < 500, (url, query)
        assert written() == before  # reading and filtering write nothing but the access log

    check()
