"""Pages for consultations and contacts: recording, screening, advice and the decision for each child."""

import copy
from dataclasses import dataclass, field
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.accounts import policy
from hearth.casework import chronology
from hearth.core.concurrency import EditConflict, conflict_context
from hearth.core.http import add_service_errors, parse_id
from hearth.front_door import outcomes, selectors, services, worklist
from hearth.front_door.clocks import BY_URGENCY
from hearth.front_door.forms import (
    AdviceForm,
    AwaitingForm,
    ConsultationForm,
    ContactForm,
    DecisionForm,
    EscalationForm,
    InformationAnswerForm,
    InformationRequestForm,
    MatchChildForm,
    contact_initial_from_consultation,
    contact_initial_from_previous,
)
from hearth.front_door.models import (
    AdviceKind,
    Contact,
    ContactChild,
    InformationRequest,
    Pathway,
    RiskIndicator,
    Urgency,
)

SECTION = "front_door"


def _require_case_role(request: HttpRequest) -> None:
    policy.require(policy.works_with_cases(request.user), "Your role does not give access to the front door.")


def _require_front_door_pages(request: HttpRequest) -> None:
    _require_case_role(request)
    policy.require(policy.may_see_front_door(request.user), "Only the front door's staff and senior leaders can see these pages.")


def _require_screener(request: HttpRequest, contact: Contact | None = None) -> None:
    _require_case_role(request)
    policy.require(policy.may_screen(request.user, contact.team_id if contact else None),
                   "Only front-door staff of the team that holds it can record consultations and contacts.")


# Consultations ---------------------------------------------------------------------------------------------------


def consultations(request: HttpRequest) -> HttpResponse:
    """The latest calls for advice, with the buttons to record a consultation or a contact."""
    _require_front_door_pages(request)
    return render(request, "front_door/consultation_list.html", {
        "title": "Consultations", "section": SECTION, "consultations": selectors.recent_consultations(request.user),
        "may_record": policy.may_screen(request.user), "limit": selectors.CONSULTATIONS_LIMIT,
    })


def consultation_new(request: HttpRequest) -> HttpResponse:
    """Record a professional's call for advice. No contact and no child's record are made."""
    _require_screener(request)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_record(acting_user=request.user, consultation=form.build())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Consultation recorded")
            return redirect("front_door:consultation", consultation.pk)
    return render(request, "front_door/consultation_form.html", {
        "title": "Record a consultation", "section": SECTION, "form": form,
        "back_url": reverse("front_door:consultations"),
    })


def consultation(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """One consultation, and the way to turn it into a contact once consent has been asked about."""
    _require_front_door_pages(request)
    record = selectors.consultation_for(request.user, consultation_id)
    return render(request, "front_door/consultation_detail.html", {
        "title": f"Consultation with {record.caller_name}", "section": SECTION, "consultation": record,
        "may_record": policy.may_screen(request.user), "back_url": reverse("front_door:consultations"),
    })


def consultation_convert(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The contact form, prefilled from the consultation, asking about consent first."""
    _require_screener(request)
    record = selectors.consultation_for(request.user, consultation_id)
    if record.became_contact_id:
        messages.success(request, "This consultation is already a contact")
        return redirect("front_door:contact", record.became_contact_id)
    form = ContactForm(request.POST or None, user=request.user, initial=contact_initial_from_consultation(record))
    return _contact_form_page(
        request, form, partial(services.consultation_convert, acting_user=request.user, consultation=record),
        done=lambda contact: f"Contact {contact.reference} recorded from the consultation",
        title="Convert the consultation to a contact", consultation=record,
        back_url=reverse("front_door:consultation", args=[record.pk]),
    )


# Recording a contact ---------------------------------------------------------------------------------------------


def _contact_form_page(request: HttpRequest, form: ContactForm, record, *, done, **context) -> HttpResponse:
    """The contact form's round trip, whichever way a contact starts.

    A valid form is saved by `record(contact=..., children=..., adults=...)` (a service); `done(contact)` is the
    message once it is saved. A refusal is shown beside the fields it concerns, and everything typed is kept.
    """
    if request.method == "POST" and form.is_valid():
        contact, children, adults = form.build()
        try:
            contact = record(contact=contact, children=children, adults=adults)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done(contact))
            return redirect("front_door:contact", contact.pk)
    return render(request, "front_door/contact_form.html", {
        "section": SECTION, "form": form, "button": "Record the contact", **context,
    })


def contact_new(request: HttpRequest) -> HttpResponse:
    """Record a contact: when it arrived, from whom, which children, and the consent answer, before it is saved."""
    _require_screener(request)
    return _contact_form_page(
        request, ContactForm(request.POST or None, user=request.user),
        partial(services.contact_record, acting_user=request.user),
        done=lambda contact: f"Contact {contact.reference} recorded",
        title="Record a contact", back_url=reverse("front_door:consultations"),
    )


def contact_new_information(request: HttpRequest, contact_id: int) -> HttpResponse:
    """New information about a closed contact's children: a new contact, linked, timed from the first receipt."""
    _require_screener(request)
    previous = selectors.contact_detail(request.user, contact_id, what="Front door contact: new information")
    _require_screener(request, previous)
    if previous.is_open:
        messages.success(request, "This contact is still open: add the new information to it as a screening note")
        return redirect("front_door:contact", previous.pk)
    return _contact_form_page(
        request, ContactForm(request.POST or None, user=request.user, initial=contact_initial_from_previous(previous)),
        partial(services.contact_record, acting_user=request.user, previous=previous),
        done=lambda contact: f"Contact {contact.reference} recorded, linked to {previous.reference}",
        title="Add new information", previous=previous, button="Record the new contact",
        back_url=reverse("front_door:contact", args=[previous.pk]),
    )


# The screening page ----------------------------------------------------------------------------------------------


@dataclass
class ChildRow:
    row: ContactChild
    shown: bool = True  # False: "a child you do not have access to"
    decision: object = None
    recontacts: list = field(default_factory=list)
    matches: list = field(default_factory=list)
    decision_form: DecisionForm | None = None
    match_form: MatchChildForm | None = None
    homeless: bool = False  # a 16- or 17-year-old presenting as homeless: told their rights (services.asks_homeless_rights)


def _decision_of(row: ContactChild):
    try:
        return row.decision
    except ContactChild.decision.RelatedObjectDoesNotExist:
        return None


def _contact_page(request: HttpRequest, contact: Contact, *, bound: dict | None = None, status: int = 200) -> HttpResponse:
    """Render the screening page; `bound` holds a submitted form (by name) to show with its errors."""
    bound = bound or {}
    user = request.user
    selectors.log_contact_read(user, contact)
    may_screen = policy.may_screen(user, contact.team_id) and contact.is_open
    may_decide = policy.may_decide_contact(user, contact.team_id) and contact.is_open
    earlier = selectors.recontacts(contact)
    matches = selectors.described_matches(user, contact) if may_screen else {}
    rows = []
    for row in contact.children.all():
        if not selectors.child_shown(contact, row):
            rows.append(ChildRow(row=row, shown=False))
            continue
        decision = _decision_of(row)
        rows.append(ChildRow(
            row=row, decision=decision, recontacts=earlier.get(row.child_id, []), matches=matches.get(row.pk, []),
            decision_form=(bound.get(f"decide-{row.pk}") or DecisionForm(prefix=f"decide-{row.pk}"))
            if may_decide and decision is None and row.child_id else None,
            match_form=(bound.get(f"match-{row.pk}") or MatchChildForm(prefix=f"match-{row.pk}"))
            if may_screen and row.child_id is None else None,
            homeless=services.asks_homeless_rights(contact, row),
        ))
    requests = [(request_row, bound.get(f"answer-{request_row.pk}") or InformationAnswerForm(prefix=f"answer-{request_row.pk}"))
                for request_row in contact.information_requests.all()]
    advice = list(contact.advice.all())
    kinds = {entry.kind for entry in advice}
    advice_form = bound.get("advice") or AdviceForm(prefix="advice")
    if not policy.may_give_senior_advice(user, contact.team_id):
        advice_form.fields["kind"].choices = [c for c in AdviceKind.choices if c[0] != AdviceKind.SENIOR_SOCIAL_WORKER]
    # The due moment stored when the contact was received (or escalated), as the worklist and the leaders' view
    # read it: a closure day added later does not move it (docs/adr/0008).
    rag = (worklist.CLOSED_TAGS if contact.closed_at else worklist.OPEN_TAGS)[worklist.contact_rag(contact, timezone.now())]
    risk_labels = dict(RiskIndicator.choices)
    return render(request, "front_door/contact_detail.html", {
        "title": f"Contact {contact.reference}", "section": SECTION, "contact": contact, "rows": rows,
        "chain": selectors.contact_chain(contact), "clock": BY_URGENCY[contact.urgency], "rag": rag,
        "requests": requests, "request_form": bound.get("request") or InformationRequestForm(prefix="request"),
        "advice": advice, "advice_form": advice_form, "may_screen": may_screen, "may_decide": may_decide,
        "awaiting_form": bound.get("awaiting") or AwaitingForm(prefix="awaiting"),
        "escalation_form": bound.get("escalate") or EscalationForm(prefix="escalate"),
        "may_add_information": policy.may_screen(user, contact.team_id) and not contact.is_open,
        "hidden_child": policy.HIDDEN_CHILD,
        "risks": [risk_labels.get(code, code) for code in contact.risk_indicators],
        "needs_cate": RiskIndicator.EXPLOITATION in contact.risk_indicators and AdviceKind.CATE not in kinds,
        "needs_police_triage": contact.pathway == Pathway.DOMESTIC_ABUSE and AdviceKind.POLICE_TRIAGE not in kinds,
        "is_immediate": contact.urgency == Urgency.IMMEDIATE, "outcome_label": outcomes.label,
        "may_confirm_consent": contact.is_open and contact.awaits_consent_confirmation
        and policy.may_confirm_dispensed_consent(user, contact),
        "non_field_errors": bound.get("errors", []), "conflict": bound.get("conflict"),
    }, status=status)


def contact(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The screening page: the clock, the children, the information gathered, advice and the decisions."""
    _require_case_role(request)
    return _contact_page(request, selectors.contact_detail(request.user, contact_id, log=False))


def contact_family_history(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The latest entries in each linked child's chronology, for screening."""
    _require_case_role(request)
    record = selectors.contact_detail(request.user, contact_id, what="Front door contact: family history")
    return render(request, "front_door/contact_family_history.html", {
        "title": f"Family history for contact {record.reference}", "section": SECTION, "contact": record,
        "history": selectors.family_history(record), "limit": selectors.FAMILY_HISTORY_LIMIT,
        "label_for": chronology.label_for, "back_url": reverse("front_door:contact", args=[record.pk]),
    })


def _load_for_action(request: HttpRequest, contact_id: int) -> Contact:
    _require_case_role(request)
    return selectors.contact_detail(request.user, contact_id, log=False)


def _failed(request: HttpRequest, contact: Contact, form, name: str, error: ValidationError) -> HttpResponse:
    """Show the screening page again with the service's errors beside the submitted form's fields.

    Errors about the contact as a whole (it is closed, say) are shown at the top of the page.
    """
    if form is None:
        return _contact_page(request, contact, bound={"errors": error.messages}, status=400)
    add_service_errors(form, error)
    if hasattr(error, "error_dict"):
        general = [m for key, found in error.message_dict.items() if key not in form.fields for m in found]
    else:
        general = error.messages
    return _contact_page(request, contact, bound={name: form, "errors": general}, status=400)


def _done(request: HttpRequest, contact: Contact, message: str, anchor: str = "") -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("front_door:contact", args=[contact.pk]) + (f"#{anchor}" if anchor else ""))


# What a conflict page compares of a contact in screening.
CONTACT_SCREENING_FIELDS = ["urgency", "awaiting_information", "awaiting_information_note", "escalation_reason"]


def _conflicted(request: HttpRequest, clash: EditConflict, form, name: str) -> HttpResponse:
    """Someone changed the contact after this page was opened: show their change beside this user's, keep the typing,
    and carry the newer version so that sending the form again applies it on top."""
    yours = copy.copy(clash.current)  # the contact as saved now, with the user's typing put on it below
    for name_typed, value in form.cleaned_data.items():
        if name_typed == "reason":
            yours.escalation_reason, yours.urgency = value, Urgency.IMMEDIATE
        elif name_typed == "note":
            yours.awaiting_information_note = value
    contact = selectors.contact_detail(request.user, clash.current.pk, log=False)
    return _contact_page(request, contact, bound={name: form, "conflict": conflict_context(
        clash, yours, CONTACT_SCREENING_FIELDS)}, status=409)


def _invalid(request: HttpRequest, contact: Contact, form, name: str) -> HttpResponse:
    return _contact_page(request, contact, bound={name: form}, status=400)


@require_POST
def contact_request_send(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Ask a partner agency for what it knows."""
    record = _load_for_action(request, contact_id)
    form = InformationRequestForm(request.POST, prefix="request")
    if not form.is_valid():
        return _invalid(request, record, form, "request")
    try:
        services.information_request_send(acting_user=request.user, contact=record, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, record, form, "request", error)
    return _done(request, record, f"Request sent to {form.cleaned_data['agency']}", "information")


@require_POST
def contact_request_answer(request: HttpRequest, contact_id: int, request_id: int) -> HttpResponse:
    """Record what a partner agency said."""
    record = _load_for_action(request, contact_id)
    asked = get_object_or_404(InformationRequest, pk=request_id, contact=record)
    asked.contact = record
    name = f"answer-{asked.pk}"
    form = InformationAnswerForm(request.POST, prefix=name)
    if not form.is_valid():
        return _invalid(request, record, form, name)
    try:
        services.information_request_answer(acting_user=request.user, request=asked, answer=form.cleaned_data["answer"])
    except ValidationError as error:
        return _failed(request, record, form, name, error)
    return _done(request, record, f"Answer from {asked.agency} recorded", "information")


@require_POST
def contact_advice(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Record advice, a CATE consultation, police triage or a screening note, with its author."""
    record = _load_for_action(request, contact_id)
    policy.require(policy.may_screen(request.user, record.team_id), "Only front-door staff can record advice on a contact.")
    form = AdviceForm(request.POST, prefix="advice")
    if not form.is_valid():
        return _invalid(request, record, form, "advice")
    try:
        advice = services.advice_record(acting_user=request.user, contact=record, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, record, form, "advice", error)
    return _done(request, record, f"{advice.get_kind_display()} recorded", "advice")


@require_POST
def contact_awaiting(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Mark the contact as waiting for partners, or not. The clock keeps running either way."""
    record = _load_for_action(request, contact_id)
    awaiting = request.POST.get("awaiting") == "yes"
    form = AwaitingForm(request.POST, prefix="awaiting")
    if not form.is_valid():
        return _invalid(request, record, form, "awaiting")
    try:
        services.contact_set_awaiting_information(acting_user=request.user, contact=record, awaiting=awaiting,
                                                  note=form.cleaned_data["note"], read_version=form.cleaned_data["version"])
    except ValidationError as error:
        return _failed(request, record, form, "awaiting", error)
    except EditConflict as clash:
        return _conflicted(request, clash, form, "awaiting")
    return _done(request, record, "Marked as awaiting information: the clock keeps running" if awaiting
                 else "No longer awaiting information")


@require_POST
def contact_escalate(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Treat the contact as immediate risk: a decision within the hour of its first receipt."""
    record = _load_for_action(request, contact_id)
    form = EscalationForm(request.POST, prefix="escalate")
    if not form.is_valid():
        return _invalid(request, record, form, "escalate")
    try:
        services.contact_escalate(acting_user=request.user, contact=record, reason=form.cleaned_data["reason"],
                                  read_version=form.cleaned_data["version"])
    except ValidationError as error:
        return _failed(request, record, form, "escalate", error)
    except EditConflict as clash:
        return _conflicted(request, clash, form, "escalate")
    return _done(request, record, "Escalated to immediate risk: a manager must decide within the hour")


@require_POST
def contact_consent_dispensing_confirm(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The manager asked (or any front-door team manager) confirms that consent is dispensed with."""
    record = _load_for_action(request, contact_id)
    try:
        services.contact_consent_dispensing_confirm(acting_user=request.user, contact=record)
    except ValidationError as error:
        return _failed(request, record, None, "", error)
    return _done(request, record, "Dispensing with consent confirmed: a decision can now be recorded", "consent")


def _contact_child(record: Contact, row_id: int) -> ContactChild:
    for row in record.children.all():
        if row.pk == row_id and selectors.child_shown(record, row):
            row.contact = record
            return row
    raise Http404("No such child on this contact")


@require_POST
def contact_child_match(request: HttpRequest, contact_id: int, row_id: int) -> HttpResponse:
    """Match a described child to their record: one from the duplicate check, or one found by LA child ID."""
    record = _load_for_action(request, contact_id)
    policy.require(policy.may_screen(request.user, record.team_id), "Only front-door staff can match children to records.")
    row = _contact_child(record, row_id)
    name = f"match-{row.pk}"
    form = MatchChildForm(request.POST, prefix=name)
    chosen = request.POST.get(f"{name}-child")
    if chosen:
        child = selectors.matchable_child(request.user, child_id) if (child_id := parse_id(chosen)) else None
        if child is None:
            raise Http404("No child record found")
        form = MatchChildForm({f"{name}-la_child_id": child.la_child_id or ""}, prefix=name)
        form.is_valid()
    else:
        if not form.is_valid():
            return _invalid(request, record, form, name)
        found, _missing = selectors.children_by_la_ids(request.user, [form.cleaned_data["la_child_id"].strip()])
        if not found:
            form.add_error("la_child_id", "No child has that LA child ID. Check it, or add a new record for the child")
            return _invalid(request, record, form, name)
        child = found[0]
    try:
        services.contact_child_link(acting_user=request.user, contact_child=row, child=child)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            error = ValidationError({"la_child_id": sum(error.message_dict.values(), [])})
        return _failed(request, record, form, name, error)
    return _done(request, record, f"Matched to {child.full_name} ({child.la_child_id})", "children")


@require_POST
def contact_decide(request: HttpRequest, contact_id: int, row_id: int) -> HttpResponse:
    """A team manager decides one child's outcome. The service refuses anyone else."""
    record = _load_for_action(request, contact_id)
    policy.require(policy.may_decide_contact(request.user, record.team_id),
                   "Only a manager of the front-door team that holds the contact can decide its outcome.")
    row = _contact_child(record, row_id)
    name = f"decide-{row.pk}"
    form = DecisionForm(request.POST, prefix=name)
    if not form.is_valid():
        return _invalid(request, record, form, name)
    try:
        decision = services.contact_decide(acting_user=request.user, contact_child=row, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, record, form, name, error)
    who = row.child.full_name if row.child_id else row.described_name
    return _done(request, record, f"Decision recorded for {who}: {outcomes.label(decision.outcome)}", "children")
