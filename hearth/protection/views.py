"""Pages for strategy discussions, section 47 enquiries, conferences and child protection plans.

Every page reads the child through the access policy (`child_for`, which logs the read); the services decide who may
write what, and the pages offer only what the policy allows.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.policy import child_for
from hearth.core.concurrency import EditConflict, conflict_context, yours_on_theirs
from hearth.core.http import add_service_errors, parse_id
from hearth.protection import selectors, services
from hearth.protection.forms import (
    PLAN_FIELDS,
    ConferenceForm,
    CoreGroupForm,
    DiscussionDecideForm,
    DiscussionHoldForm,
    DiscussionStartForm,
    EnquiryOutcomeForm,
    EnquiryRecordForm,
    PlanForm,
    VisitForm,
    yes,
)
from hearth.protection.models import ConferenceKind


def _form_page(request, child, form, *, title: str, fields: list[str], button: str, back_url: str, status: int = 200,
               conflict=None, hidden=None, intro: str = "") -> HttpResponse:
    return render(request, "protection/form.html", {
        "title": title, "child": child, "form": form, "fields": fields, "button": button, "back_url": back_url,
        "conflict": conflict, "hidden": hidden or [], "intro": intro,
    }, status=status)


# Strategy discussions ----------------------------------------------------------------------------------------------


def discussion_start(request: HttpRequest, child_id: int) -> HttpResponse:
    """Ask for a strategy discussion for a child the worker works with (or a later one during an enquiry)."""
    child = child_for(request.user, child_id, what="Ask for a strategy discussion", write=True)
    policy.require(policy.may_record_protection_work(request.user, child),
                   "Only someone who works with the child can ask for a strategy discussion.")
    enquiry_id = parse_id(request.GET.get("enquiry"))
    enquiry = selectors.enquiry_for(child, enquiry_id) if enquiry_id else None
    form = DiscussionStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            discussion = services.strategy_discussion_start(acting_user=request.user, child=child, enquiry=enquiry,
                                                            reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Strategy discussion requested")
            return redirect("protection:discussion", child.pk, discussion.pk)
    return _form_page(request, child, form, title="Ask for a strategy discussion" + (
        " during the section 47 enquiry" if enquiry else ""), fields=["reason"], button="Ask for the discussion",
        back_url=reverse("people:child", args=[child.pk]))


def discussion(request: HttpRequest, child_id: int, discussion_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Strategy discussion")
    found = selectors.discussion_for(child, discussion_id)
    started = getattr(found, "started_enquiry", None) if found.s47_decided else None
    return render(request, "protection/discussion.html", {
        "title": "Strategy discussion", "child": child, "discussion": found, "started": started,
        "may_record": policy.may_record_protection_work(request.user, child),
        "may_decide": policy.may_decide_section_47(request.user, child, services.receiving_team(found.referral)),
    })


def discussion_hold(request: HttpRequest, child_id: int, discussion_id: int) -> HttpResponse:
    """Record the discussion as held: when, who chaired, who was there, what was shared and decided to keep safe."""
    child = child_for(request.user, child_id, what="Record a strategy discussion", write=True)
    found = selectors.discussion_for(child, discussion_id)
    form = DiscussionHoldForm(request.POST or None, chairs=policy.involvable_users().order_by("last_name"),
                              initial={"see_child_by": timezone.localdate(), "chair": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.strategy_discussion_hold(
                acting_user=request.user, discussion=found, held_at=data["held_at"], chair=data["chair"],
                agencies=data["agencies"], other_agencies=data["other_agencies"],
                information_shared=data["information_shared"],
                immediate_safety_actions=data["immediate_safety_actions"], see_child_by=data["see_child_by"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Strategy discussion recorded")
            return redirect("protection:discussion", child.pk, found.pk)
    return _form_page(request, child, form, title="Record the strategy discussion",
                      fields=["held_at", "chair", "agencies", "other_agencies", "information_shared",
                              "immediate_safety_actions", "see_child_by"], button="Save",
                      back_url=reverse("protection:discussion", args=[child.pk, found.pk]))


def discussion_decide(request: HttpRequest, child_id: int, discussion_id: int) -> HttpResponse:
    """A manager decides whether to start a section 47 enquiry."""
    child = child_for(request.user, child_id, what="Decide on a section 47 enquiry", write=True)
    found = selectors.discussion_for(child, discussion_id)
    policy.require(policy.may_decide_section_47(request.user, child, services.receiving_team(found.referral)),
                   "Only a manager of the child's team (or, before one holds the child, of the team that received the "
                   "referral) can decide whether to start a section 47 enquiry.")
    form = DiscussionDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decided = services.strategy_discussion_decide(
                acting_user=request.user, discussion=found, start_enquiry=yes(form.cleaned_data["start_enquiry"]),
                rationale=form.cleaned_data["rationale"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if decided.s47_decided:
                messages.success(request, "Section 47 enquiry started")
                return redirect("protection:enquiry", child.pk, decided.started_enquiry.pk)
            messages.success(request, "Decision recorded: no section 47 enquiry")
            return redirect("protection:discussion", child.pk, found.pk)
    return _form_page(request, child, form, title="Decide whether to start a section 47 enquiry",
                      fields=["start_enquiry", "rationale"], button="Record the decision",
                      back_url=reverse("protection:discussion", args=[child.pk, found.pk]))


# Section 47 enquiries ----------------------------------------------------------------------------------------------


def enquiry(request: HttpRequest, child_id: int, enquiry_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Section 47 enquiry")
    found = selectors.enquiry_for(child, enquiry_id)
    conference = found.conferences.select_related("chair").first()
    return render(request, "protection/enquiry.html", {
        "title": "Section 47 enquiry", "child": child, "enquiry": found,
        "discussions": selectors.discussions_of(found), "conference": conference,
        "may_record": policy.may_record_protection_work(request.user, child),
        "may_decide": policy.may_decide_section_47(request.user, child, services.receiving_team(found.referral)),
        "may_chair": policy.may_chair_conference(request.user, child),
    })


def enquiry_record(request: HttpRequest, child_id: int, enquiry_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Record the section 47 enquiry's work", write=True)
    found = selectors.enquiry_for(child, enquiry_id)
    form = EnquiryRecordForm(request.POST or None, initial={
        "child_seen_on": found.child_seen_on, "interim_safety_plan": found.interim_safety_plan,
        "child_seen_alone": {True: "yes", False: "no"}.get(found.child_seen_alone)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.section_47_record(acting_user=request.user, enquiry=found, child_seen_on=data["child_seen_on"],
                                       child_seen_alone=yes(data["child_seen_alone"]),
                                       interim_safety_plan=data["interim_safety_plan"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Section 47 enquiry updated")
            return redirect("protection:enquiry", child.pk, found.pk)
    return _form_page(request, child, form, title="The child seen and the interim safety plan",
                      fields=["child_seen_on", "child_seen_alone", "interim_safety_plan"], button="Save",
                      back_url=reverse("protection:enquiry", args=[child.pk, found.pk]))


def enquiry_outcome(request: HttpRequest, child_id: int, enquiry_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Decide a section 47 enquiry's outcome", write=True)
    found = selectors.enquiry_for(child, enquiry_id)
    policy.require(policy.may_decide_section_47(request.user, child, services.receiving_team(found.referral)),
                   "Only a manager of the child's team (or, before one holds the child, of the team that received the "
                   "referral) can decide the outcome of a section 47 enquiry.")
    form = EnquiryOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.section_47_outcome(
                acting_user=request.user, enquiry=found, completed_on=data["completed_on"],
                concerns_substantiated=yes(data["concerns_substantiated"]), icpc_needed=yes(data["icpc_needed"]),
                icpc_not_needed_reason=data["icpc_not_needed_reason"], rationale=data["rationale"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Outcome of the section 47 enquiry recorded")
            return redirect("protection:enquiry", child.pk, found.pk)
    return _form_page(request, child, form, title="Decide the outcome of the section 47 enquiry",
                      fields=["completed_on", "concerns_substantiated", "icpc_needed", "icpc_not_needed_reason",
                              "rationale"], button="Record the outcome",
                      back_url=reverse("protection:enquiry", args=[child.pk, found.pk]))


# Conferences -------------------------------------------------------------------------------------------------------


def conference_add(request: HttpRequest, child_id: int) -> HttpResponse:
    """The chair records an initial conference (from an enquiry) or a review (of a plan), with its decision."""
    child = child_for(request.user, child_id, what="Record a child protection conference", write=True)
    policy.require(policy.may_chair_conference(request.user, child),
                   "Only an independent reviewing officer working with the child can record a conference.")
    enquiry_id, plan_id = parse_id(request.GET.get("enquiry")), parse_id(request.GET.get("plan"))
    found_enquiry = selectors.enquiry_for(child, enquiry_id) if enquiry_id else None
    found_plan = selectors.plan_for(child, plan_id) if plan_id and not found_enquiry else None
    if found_enquiry is None and found_plan is None:
        raise Http404("A conference follows an enquiry or reviews a plan")
    kind = ConferenceKind.INITIAL if found_enquiry else ConferenceKind.REVIEW
    chairs = policy.conference_chairs()
    form = ConferenceForm(request.POST or None, kind=kind, chairs=chairs, parents=selectors.parents_of(child),
                          initial={"chair": request.user.pk,
                                   "category": found_plan.latest_category if found_plan else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference = services.conference_record(
                acting_user=request.user, child=child, kind=kind, enquiry=found_enquiry, plan=found_plan,
                held_on=data["held_on"], chair=data["chair"], child_participation=data["child_participation"],
                child_views=data["child_views"], attendees=form.attendees(), parents=form.parent_participation(),
                outcome=data["outcome"], category=data["category"], end_reason=data.get("end_reason", ""),
                rationale=data["rationale"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{conference.get_kind_display()} recorded")
            return redirect("protection:conference", child.pk, conference.pk)
    back = (reverse("protection:enquiry", args=[child.pk, found_enquiry.pk]) if found_enquiry
            else reverse("protection:plan", args=[child.pk, found_plan.pk]))
    return _form_page(request, child, form, title=f"Record the {kind.label.lower()}", fields=form.field_order_shown,
                      button="Record the conference", back_url=back)


def conference(request: HttpRequest, child_id: int, conference_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Child protection conference")
    found = selectors.conference_for(child, conference_id)
    return render(request, "protection/conference.html", {
        "title": found.get_kind_display(), "child": child, "conference": found,
        "attendees": list(found.attendees.all()),
    })


# Child protection plans --------------------------------------------------------------------------------------------


def plan(request: HttpRequest, child_id: int, plan_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Child protection plan")
    found = selectors.plan_for(child, plan_id)
    return render(request, "protection/plan.html", {
        "title": "Child protection plan", "child": child, "plan": found,
        "categories": list(found.categories.all()),
        "conferences": list(found.conferences.select_related("chair").order_by("held_on", "id")),
        "core_groups": list(found.core_groups.all()), "visits": list(found.visits.all()),
        "may_record": policy.may_record_protection_work(request.user, child),
        "may_chair": policy.may_chair_conference(request.user, child),
    })


def plan_edit(request: HttpRequest, child_id: int, plan_id: int) -> HttpResponse:
    """Change the plan's wording; someone else's change saved meanwhile is shown, never overwritten."""
    child = child_for(request.user, child_id, what="Change a child protection plan", write=True)
    found = selectors.plan_for(child, plan_id)
    form = PlanForm(request.POST or None, instance=found)
    conflict = None
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        try:
            services.plan_update(acting_user=request.user, plan=changed, read_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = conflict_context(clash, changed, PLAN_FIELDS)
            form = PlanForm(instance=clash.current, initial=yours_on_theirs(clash, changed, PLAN_FIELDS))
        else:
            messages.success(request, "Plan saved")
            return redirect("protection:plan", child.pk, found.pk)
    return _form_page(request, child, form, title="Change the child protection plan", fields=PLAN_FIELDS,
                      hidden=["version"], button="Save the plan", conflict=conflict, status=409 if conflict else 200,
                      back_url=reverse("protection:plan", args=[child.pk, found.pk]))


def core_group_add(request: HttpRequest, child_id: int, plan_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Record a core group meeting", write=True)
    found = selectors.plan_for(child, plan_id)
    form = CoreGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.core_group_record(acting_user=request.user, plan=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Core group meeting recorded")
            return redirect("protection:plan", child.pk, found.pk)
    return _form_page(request, child, form, title="Record a core group meeting", fields=["held_on", "attendees", "notes"],
                      button="Save", back_url=reverse("protection:plan", args=[child.pk, found.pk]))


def visit_add(request: HttpRequest, child_id: int, plan_id: int) -> HttpResponse:
    child = child_for(request.user, child_id, what="Record a child protection visit", write=True)
    found = selectors.plan_for(child, plan_id)
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_visit_record(acting_user=request.user, plan=found, visited_on=data["visited_on"],
                                       child_seen=yes(data["child_seen"]),
                                       child_seen_alone=bool(yes(data["child_seen_alone"])), notes=data["notes"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Visit recorded")
            return redirect("protection:plan", child.pk, found.pk)
    return _form_page(request, child, form, title="Record a statutory visit",
                      fields=["visited_on", "child_seen", "child_seen_alone", "notes"], button="Save",
                      back_url=reverse("protection:plan", args=[child.pk, found.pk]))
