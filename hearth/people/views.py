"""Pages for finding a child, reading their record, and keeping their details."""

import itertools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.accounts import policy
from hearth.accounts.models import AccessEvent
from hearth.accounts.policy import child_for
from hearth.casework.selectors import allocations_for, case_notes_for, involvements_for
from hearth.casework.services import allocation_open_for_new_child
from hearth.core.concurrency import EditConflict, conflict_context, yours_on_theirs
from hearth.core.http import add_service_errors
from hearth.core.ratelimits import child_search_limit
from hearth.people import sections, selectors, services
from hearth.people.forms import (
    PERSON_EDIT_FIELDS,
    AddressForm,
    ChildSearchForm,
    NewChildForm,
    NewRelativeForm,
    PersonEditForm,
    WarningForm,
)
from hearth.people.models import Person, PersonKind, Relationship

HISTORY_SHOWN = 100


def _require_case_role(request: HttpRequest) -> None:
    policy.require(policy.works_with_cases(request.user), "Your role does not give access to children's records.")


@child_search_limit
def search(request: HttpRequest) -> HttpResponse:
    """Find a child among the records the user may see."""
    _require_case_role(request)
    form = ChildSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = selectors.child_search(
            user=request.user,
            search=selectors.ChildSearch(text=form.cleaned_data["text"] or "",
                                         date_of_birth=form.cleaned_data["date_of_birth"]),
        )
    return render(request, "people/search.html", {
        "title": "Find a child", "section": "search", "form": form, "results": results,
        "limit": selectors.SEARCH_LIMIT,
    })


def child(request: HttpRequest, child_id: int) -> HttpResponse:
    """A child's record: who they are, who is working with them, their network and recent notes."""
    record = selectors.child_record(child_for(request.user, child_id, what="Child record"), extra=sections.columns,
                                   extra_names=sections.names())
    return render(request, "people/child.html", {
        "title": record.full_name, "child": record, "tab": "summary",
        "allocations": list(allocations_for(record)),
        "involvements": list(involvements_for(record).filter(ended_on__isnull=True)),
        "network": selectors.family_network(request.user, record),
        "recent_notes": list(case_notes_for(record)[:5]),
        "sections": sections.sections_for(request.user, record, record.record_values),
    })


def child_create(request: HttpRequest) -> HttpResponse:
    """Add a child's record, showing likely matches before anything is saved."""
    _require_case_role(request)
    policy.require_write(request.user)
    form = NewChildForm(request.POST or None, user=request.user)
    matches = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("checked") != form.duplicate_check_key():
            matches = selectors.likely_duplicates(
                user=request.user, first_name=data["first_name"], last_name=data["last_name"],
                date_of_birth=data.get("date_of_birth"), nhs_number=data.get("nhs_number", ""),
            )
        if not matches:
            person = form.save(commit=False)
            person.kind = PersonKind.CHILD
            try:
                with transaction.atomic():
                    services.person_create(acting_user=request.user, person=person,
                                           disabilities=data.get("disabilities", []))
                    if data.get("team"):
                        allocation_open_for_new_child(acting_user=request.user, child=person, team=data["team"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Record created for {person.full_name} ({person.la_child_id})")
                return redirect("people:child", person.pk)
    return render(request, "people/child_form.html", {
        "title": "Add a child", "section": "add", "form": form, "matches": matches, "creating": True,
        "checked": form.duplicate_check_key() if matches else "", "back_url": "/",
    })


def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    """Change a child's details; the record's history keeps what they were."""
    record = child_for(request.user, child_id, what="Edit child's details", write=True)
    title = f"Change {record.full_name}'s details"
    form = PersonEditForm(request.POST or None, instance=record)
    conflict = None
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        try:
            services.person_update(acting_user=request.user, person=person, read_version=form.cleaned_data["version"],
                                   disabilities=form.cleaned_data.get("disabilities", []))
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = conflict_context(clash, person, PERSON_EDIT_FIELDS)
            # The form now shows their version with the user's own changes on it: saving it again applies only what
            # the user changed, on top of the newer version, and undoes none of the other person's changes.
            form = PersonEditForm(instance=clash.current, initial=yours_on_theirs(clash, person, PERSON_EDIT_FIELDS))
        else:
            messages.success(request, "Details saved")
            return redirect("people:child", record.pk)
    return render(request, "people/child_form.html", {
        "title": title, "form": form, "child": record, "creating": False, "conflict": conflict,
        "back_url": f"/children/{record.pk}/",
    }, status=409 if conflict else 200)


def address_add(request: HttpRequest, child_id: int) -> HttpResponse:
    record = child_for(request.user, child_id, what="Add address", write=True)
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.address_add(acting_user=request.user, person=record, address=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Address added")
            return redirect("people:child", record.pk)
    return render(request, "people/simple_form.html", {
        "title": "Add an address", "form": form, "child": record, "button": "Add address",
        "fields": ["line_1", "line_2", "town", "postcode", "moved_in"], "back_url": f"/children/{record.pk}/",
    })


def relative_add(request: HttpRequest, child_id: int) -> HttpResponse:
    """Add an adult to the child's family network."""
    record = child_for(request.user, child_id, what="Add to family network", write=True)
    form = NewRelativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adult = Person(kind=PersonKind.ADULT, first_name=data["first_name"], last_name=data["last_name"],
                           date_of_birth=data["date_of_birth"])
            services.relative_add(acting_user=request.user, child=record, adult=adult, relationship=Relationship(
                kind=data["kind"], note=data["note"],
                has_parental_responsibility=data["has_parental_responsibility"], lives_with=data["lives_with"],
            ))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{adult.full_name} added to the family network")
            return redirect("people:child", record.pk)
    return render(request, "people/simple_form.html", {
        "title": "Add someone to the family network", "form": form, "child": record, "button": "Add",
        "fields": ["kind", "first_name", "last_name", "date_of_birth", "has_parental_responsibility",
                   "lives_with", "note"], "back_url": f"/children/{record.pk}/",
    })


def warning_add(request: HttpRequest, child_id: int) -> HttpResponse:
    record = child_for(request.user, child_id, what="Add warning", write=True)
    form = WarningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.warning_add(acting_user=request.user, person=record, warning=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Warning added")
            return redirect("people:child", record.pk)
    return render(request, "people/simple_form.html", {
        "title": "Add a warning", "form": form, "child": record, "button": "Add warning",
        "fields": ["category", "text", "review_on"], "back_url": f"/children/{record.pk}/",
    })


def access_log(request: HttpRequest, child_id: int) -> HttpResponse:
    """Who has seen this record: for managers."""
    policy.require(policy.may_see_access_log(request.user), "Only managers can see who has read a record.")
    record = child_for(request.user, child_id, what="Who has seen this record")
    events = list(
        AccessEvent.objects.filter(child=record).select_related("user").order_by("-at")[:200]
    )
    return render(request, "people/access_log.html", {
        "title": f"Who has seen {record.full_name}'s record", "child": record, "events": events, "tab": "access",
    })


def history(request: HttpRequest, child_id: int) -> HttpResponse:
    """Every change to the child's details, with who made it and when."""
    record = child_for(request.user, child_id, what="Change history")
    changes = []
    # One version more than is shown, so the oldest shown is compared with the one before it. A record loaded
    # in bulk (the seed, an import) has no versions at all: its page says so.
    versions = list(record.history.select_related("history_user").order_by("-history_date")[:HISTORY_SHOWN + 1])
    for newer, older in itertools.pairwise([*versions, None]):
        if len(changes) == HISTORY_SHOWN:
            break
        if older is None:
            changes.append((newer, [("Record created", "", "")]))
        else:
            delta = newer.diff_against(older)
            changes.append((newer, [(Person._meta.get_field(c.field).verbose_name.capitalize(), c.old, c.new)
                                    for c in delta.changes]))
    return render(request, "people/history.html", {
        "title": f"Changes to {record.full_name}'s details", "child": record, "changes": changes, "tab": "history",
    })
