"""Pages for a child's chronology, case notes and allocation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.models import AccessAction
from hearth.accounts.policy import child_for
from hearth.casework import chronology, selectors, services
from hearth.casework.forms import (
    ALLOCATION_FIELDS,
    CASE_NOTE_FIELDS,
    AllocationForm,
    CaseNoteCorrectionForm,
    CaseNoteForm,
    InvolvementEndForm,
    InvolvementForm,
)
from hearth.casework.models import Allocation, CaseNote
from hearth.casework.selectors import case_notes_for
from hearth.core.concurrency import EditConflict, conflict_context, current_of, yours_on_theirs
from hearth.core.exports import csv_writer
from hearth.core.http import add_service_errors
from hearth.timescales import clocks
from hearth.timescales.selectors import council_calendar

PAGE_SIZE = 50


def chronology_page(request: HttpRequest, child_id: int) -> HttpResponse:
    """Everything that has happened to the child, newest first, filterable by kind."""
    child = child_for(request.user, child_id, what="Chronology")
    kinds = chronology.kinds()
    wanted = [kind for kind in request.GET.getlist("kind") if kind in dict(kinds)]
    entries = chronology.chronology_for(child, only=wanted or None)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/chronology.html", {
        "title": f"{child.full_name}: chronology", "child": child, "tab": "chronology",
        "kinds": kinds, "wanted": wanted, "page": page, "label_for": chronology.label_for,
        "query": "&".join(f"kind={kind}" for kind in wanted),
    })


def chronology_export(request: HttpRequest, child_id: int) -> HttpResponse:
    """The chronology as CSV; the export is logged against the child."""
    child = child_for(request.user, child_id, what="Chronology export (CSV)", action=AccessAction.EXPORT)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chronology-{child.la_child_id}.csv"'
    writer = csv_writer(response)
    writer.writerow(["When", "Kind", "What", "Summary", "By"])
    for entry in chronology.chronology_for(child):
        when = entry.on_day.strftime("%d/%m/%Y") if entry.on_day else timezone.localtime(entry.occurred_at).strftime(
            "%d/%m/%Y %H:%M")
        writer.writerow([when,
                         chronology.label_for(entry.kind), entry.title, entry.summary, entry.by])
    return response


def case_notes(request: HttpRequest, child_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Case notes")
    page = Paginator(case_notes_for(child), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/case_notes.html", {
        "title": f"{child.full_name}: case notes", "child": child, "tab": "case_notes", "page": page,
    })


def case_note(request: HttpRequest, child_id: int, note_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Case note")
    note = get_object_or_404(CaseNote.objects.select_related("author"), child=child, pk=note_id)
    reading = clocks.read(clocks.get("casework.case_note_recorded"), note.occurred_at, timezone.now(),
                          completed_at=note.recorded_at, calendar=council_calendar())
    return render(request, "casework/case_note.html", {
        "title": note.title, "child": child, "note": note, "tab": "case_notes", "recording": reading,
        "may_correct": policy.may_correct_case_note(request.user, note),
    })


def case_note_add(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a case note, with the child's own words in their own place."""
    child = child_for(request.user, child_id, what="Add case note", write=True)
    form = CaseNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.case_note_record(acting_user=request.user, child=child, note=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Case note saved")
            return redirect("casework:case_note", child.pk, note.pk)
    return render(request, "casework/case_note_form.html", {
        "title": "Add a case note", "child": child, "form": form, "back_url": f"/children/{child.pk}/",
    })


def case_note_correct(request: HttpRequest, child_id: int, note_id: int) -> HttpResponse:
    """Correct a case note; its history keeps what it said, and someone else's correction is never overwritten."""
    child = child_for(request.user, child_id, what="Correct a case note", write=True)
    note = get_object_or_404(case_notes_for(child).select_related("child"), pk=note_id)
    policy.require(policy.may_correct_case_note(request.user, note),
                   "Only the note's author, or a manager of the child's team, can correct a case note.")
    form = CaseNoteCorrectionForm(request.POST or None, instance=note)
    conflict = None
    if request.method == "POST" and form.is_valid():
        corrected = form.save(commit=False)
        try:
            services.case_note_correct(acting_user=request.user, note=corrected, read_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = conflict_context(clash, corrected, CASE_NOTE_FIELDS)
            form = CaseNoteCorrectionForm(instance=clash.current,
                                          initial=yours_on_theirs(clash, corrected, CASE_NOTE_FIELDS))
        else:
            messages.success(request, "Case note corrected")
            return redirect("casework:case_note", child.pk, note.pk)
    return render(request, "casework/case_note_form.html", {
        "title": "Correct a case note", "child": child, "form": form, "conflict": conflict,
        "back_url": reverse("casework:case_note", args=[child.pk, note.pk]),
    }, status=409 if conflict else 200)


def allocate(request: HttpRequest, child_id: int) -> HttpResponse:
    """A manager allocates the child to a team and worker."""
    child = child_for(request.user, child_id, what="Allocate", write=True)
    policy.require(policy.may_allocate_somewhere(request.user), "Only a manager of a team can allocate a child.")
    teams = policy.allocation_teams(request.user, child)
    current = selectors.current_allocation(child)
    form = AllocationForm(request.POST or None, teams=teams,
                          initial={"started_on": timezone.localdate(), "current": current_of(current)})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.allocation_start(acting_user=request.user, child=child, team=data["team"], worker=data["worker"],
                                      started_on=data["started_on"], reason=data["reason"], read=data["current"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            yours = Allocation(child=child, team=data["team"], worker=data["worker"], started_on=data["started_on"],
                               reason=data["reason"])
            conflict = conflict_context(clash, yours, ALLOCATION_FIELDS)
            form = AllocationForm({**request.POST.dict(), "current": "{}:{}".format(*current_of(current))}, teams=teams)
        else:
            messages.success(request, f"{child.full_name} allocated")
            return redirect("people:child", child.pk)
    return render(request, "people/simple_form.html", {
        "title": f"Allocate {child.full_name}", "form": form, "child": child, "button": "Allocate", "conflict": conflict,
        "fields": ["team", "worker", "started_on", "reason"], "hidden": ["current"], "back_url": f"/children/{child.pk}/",
    }, status=409 if conflict else 200)


def involvement_add(request: HttpRequest, child_id: int) -> HttpResponse:
    """A manager records someone working with the child beside the allocated worker (an IRO, a personal adviser)."""
    child = child_for(request.user, child_id, what="Add someone working with the child", write=True)
    policy.require(policy.may_allocate_somewhere(request.user), "Only a manager of a team can add someone working with a child.")
    form = InvolvementForm(request.POST or None, initial={"started_on": timezone.localdate()},
                           workers=selectors.involvable_workers())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            involvement = services.involvement_start(acting_user=request.user, child=child, worker=data["worker"],
                                                     role=data["role"], started_on=data["started_on"],
                                                     reason=data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{involvement.worker} is working with {child.full_name} as "
                                      f"{involvement.get_role_display().lower()}")
            return redirect("people:child", child.pk)
    return render(request, "people/simple_form.html", {
        "title": f"Add someone working with {child.full_name}", "form": form, "child": child, "button": "Add",
        "fields": ["worker", "role", "started_on", "reason"], "back_url": f"/children/{child.pk}/",
    })


def involvement_end(request: HttpRequest, child_id: int, involvement_id: int) -> HttpResponse:
    """End someone's involvement with the child, with the date and the reason."""
    child = child_for(request.user, child_id, what="End an involvement", write=True)
    involvement = get_object_or_404(selectors.involvements_for(child), pk=involvement_id, ended_on__isnull=True)
    form = InvolvementEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_end(acting_user=request.user, involvement=involvement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{involvement.worker}'s involvement ended")
            return redirect("people:child", child.pk)
    return render(request, "people/simple_form.html", {
        "title": f"End {involvement.worker}'s involvement as {involvement.get_role_display().lower()}", "form": form,
        "child": child, "button": "End the involvement", "fields": ["ended_on", "reason"],
        "back_url": f"/children/{child.pk}/",
    })
