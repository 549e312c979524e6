"""Pages for pre-proceedings and care proceedings: a family's case from a child's record, each step's form, and the
leaders' page tracking every family."""

from collections.abc import Callable
from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.models import AccessAction
from hearth.accounts.policy import child_for
from hearth.core.concurrency import EditConflict, conflict_context
from hearth.core.http import add_service_errors, parse_id
from hearth.people.models import PersonKind
from hearth.people.selectors import family_network
from hearth.protection.proceedings import forms, selectors, services
from hearth.protection.proceedings.models import PreProceedings
from hearth.reference.codes import PreProceedingsOutcome

# What a conflict page compares on each record (hearth.core.concurrency, docs/adr/0011): the details its steps change.
CASE_FIELDS = ["letter_sent_on", "initial_meeting_on", "step_proposed", "step_proposal_reason", "outcome",
               "step_decision_on"]
MEETING_FIELDS = ["held_on", "family_plan"]
PROCEEDINGS_FIELDS = ["parents_letter_on", "final_order", "final_order_on"]


def _conflict(clash: EditConflict, fields: list[str], changes: Callable[[object, dict], dict] | None,
              data: dict) -> dict:
    """The shared conflict page for a step saved onto a version someone else had changed: the record as the user read
    it with their step on it ("yours"), beside the newer version. Nothing is saved; the form keeps what was typed."""
    read = clash.current.history.filter(version=clash.read_version).order_by("-history_date").first()
    yours = copy(clash.current)
    for name in fields:
        if read is not None:
            setattr(yours, name, getattr(read, name))
    for name, value in (changes(yours, data) if changes else {}).items():
        setattr(yours, name, value)
    return conflict_context(clash, yours, fields)


def _case_url(child_id: int, case: PreProceedings) -> str:
    return reverse("proceedings:pre_proceedings", args=[child_id, case.pk])


def _render_form(request, *, child, form, title, button, fields, back_url, caption="", conflict=None):
    return render(request, "proceedings/form.html", {
        "title": title, "child": child, "form": form, "fields": fields, "button": button, "back_url": back_url,
        "caption": caption, "conflict": conflict,
    }, status=409 if conflict else 200)


def pre_proceedings_start(request: HttpRequest, child_id: int) -> HttpResponse:
    """A manager records the legal planning meeting's decision to begin pre-proceedings, for a child and siblings."""
    child = child_for(request.user, child_id, what="Begin pre-proceedings", write=True)
    policy.require(policy.may_decide_pre_proceedings(request.user, child),
                   "Only a manager of the child's team, or a senior leader, can begin pre-proceedings.")
    siblings = [member.person for member in family_network(request.user, child)
                if member.may_open and member.person.kind == PersonKind.CHILD and member.relationship.ended_on is None]
    candidates = [child, *{sibling.pk: sibling for sibling in siblings}.values()]
    form = forms.StartForm(request.POST or None, children=candidates,
                           initial={"children": [str(child.pk)], "family_name": f"The {child.last_name} family"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [candidate for candidate in candidates if str(candidate.pk) in data["children"]]
        try:
            case = services.pre_proceedings_start(acting_user=request.user, children=chosen,
                                                  started_on=data["started_on"], rationale=data["rationale"],
                                                  family_name=data["family_name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Pre-proceedings begun")
            return redirect(_case_url(child.pk, case))
    return _render_form(request, child=child, form=form, title="Begin pre-proceedings", button="Record the decision",
                        fields=["children", "family_name", "started_on", "rationale"],
                        back_url=reverse("people:child", args=[child.pk]))


def pre_proceedings_page(request: HttpRequest, child_id: int, pre_proceedings_id: int) -> HttpResponse:
    """A family's pre-proceedings: each step and its date, the meetings, the family's plan and support, and any
    care proceedings that followed."""
    child = child_for(request.user, child_id, what="Pre-proceedings")
    case = selectors.pre_proceedings_of(child, pre_proceedings_id)
    children = [row.child for row in case.children.all()]
    proceedings = selectors.care_proceedings_of(case) if case.outcome == PreProceedingsOutcome.STEP_UP else None
    meetings = list(case.family_meetings.all())
    may_record = policy.may_record_pre_proceedings(request.user, children)
    return render(request, "proceedings/pre_proceedings.html", {
        "title": f"{child.full_name}: pre-proceedings", "child": child, "tab": "summary", "case": case,
        "children": selectors.named(request.user, children), "child_rows": list(case.children.all()),
        "reviews": list(case.reviews.all()), "meetings": meetings,
        "support": list(case.network_support.all()), "proceedings": proceedings,
        "hearings": list(proceedings.hearings.all()) if proceedings else [],
        "fgdm_offered": any(meeting.offered_in_letter for meeting in meetings),
        "fgdm_held": any(meeting.held_on for meeting in meetings),
        "may_record": may_record and case.is_open and not case.outcome,
        "may_record_proceedings": may_record,
        "may_decide": not case.outcome and all(policy.may_decide_pre_proceedings(request.user, c) for c in children),
        "as_of": timezone.localdate(),
    })


def _case_step(request: HttpRequest, child_id: int, pre_proceedings_id: int, *, what: str, form_class, title: str,
               button: str, fields: list[str], run: Callable, decide: bool = False, initial: dict | None = None,
               form_kwargs: Callable | None = None, done: str = "Saved",
               changes: Callable[[object, dict], dict] | None = None) -> HttpResponse:
    """One step's form: read the child and the case through the policy, run the service, keep what was typed."""
    child = child_for(request.user, child_id, what=what, write=True)
    case = selectors.pre_proceedings_of(child, pre_proceedings_id)
    children = [row.child for row in case.children.all()]
    if decide:
        policy.require(all(policy.may_decide_pre_proceedings(request.user, c) for c in children),
                       "Only a manager of the children's team, or a senior leader, can make this decision.")
    else:
        policy.require(policy.may_record_pre_proceedings(request.user, children),
                       "Only someone who may write to every child's record in the case can record this.")
    extra = form_kwargs(case) if form_kwargs else {}
    form = form_class(request.POST or None, initial={"version": case.version, **(initial or {})}, **extra)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            run(case, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = _conflict(clash, CASE_FIELDS, changes, form.cleaned_data)
            form = form_class({**request.POST.dict(), "version": clash.current.version}, **extra)
        else:
            messages.success(request, done)
            return redirect(_case_url(child.pk, case))
    return _render_form(request, child=child, form=form, title=title, button=button, fields=fields,
                        back_url=_case_url(child.pk, case), caption=case.family_name, conflict=conflict)


def letter(request, child_id, pre_proceedings_id):
    return _case_step(
        request, child_id, pre_proceedings_id, what="Record the letter before proceedings", form_class=forms.LetterForm,
        title="Letter before proceedings sent", button="Save", fields=["sent_on"], done="Letter before proceedings saved",
        changes=lambda _, data: {"letter_sent_on": data["sent_on"]},
        run=lambda case, data: services.pre_proceedings_letter_record(
            acting_user=request.user, pre_proceedings=case, sent_on=data["sent_on"], read_version=data["version"]))


def meeting(request, child_id, pre_proceedings_id):
    return _case_step(
        request, child_id, pre_proceedings_id, what="Record a pre-proceedings meeting", form_class=forms.MeetingForm,
        title="Pre-proceedings meeting held", button="Save", fields=["held_on"], done="Meeting saved",
        # The first meeting is the initial one; a later one is a review, kept as a row of its own.
        changes=lambda read, data: {} if read.initial_meeting_on else {"initial_meeting_on": data["held_on"]},
        run=lambda case, data: services.pre_proceedings_meeting_record(
            acting_user=request.user, pre_proceedings=case, held_on=data["held_on"], read_version=data["version"]))


def family_meeting_offer(request, child_id, pre_proceedings_id):
    return _case_step(
        request, child_id, pre_proceedings_id, what="Offer a family group conference",
        form_class=forms.FamilyMeetingOfferForm, title="Family group conference offered", button="Save",
        fields=["kind", "offered_on", "offered_in_letter"], done="Family group conference offer saved",
        run=lambda case, data: services.family_group_meeting_offer(
            acting_user=request.user, pre_proceedings=case, kind=data["kind"], offered_on=data["offered_on"],
            offered_in_letter=data["offered_in_letter"]))


def family_meeting_held(request, child_id, pre_proceedings_id, meeting_id):
    child = child_for(request.user, child_id, what="Record a family group conference held", write=True)
    case = selectors.pre_proceedings_of(child, pre_proceedings_id)
    found = selectors.family_meeting_of(case, meeting_id)
    children = [row.child for row in case.children.all()]
    policy.require(policy.may_record_pre_proceedings(request.user, children),
                   "Only someone who may write to every child's record in the case can record this.")
    form = forms.FamilyMeetingHeldForm(request.POST or None, initial={"version": found.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.family_group_meeting_held(acting_user=request.user, meeting=found, held_on=data["held_on"],
                                               family_plan=data["family_plan"], read_version=data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = _conflict(clash, MEETING_FIELDS, lambda _, typed: {
                "held_on": typed["held_on"], "family_plan": typed["family_plan"]}, data)
            form = forms.FamilyMeetingHeldForm({**request.POST.dict(), "version": clash.current.version})
        else:
            messages.success(request, "Family group conference saved")
            return redirect(_case_url(child.pk, case))
    return _render_form(request, child=child, form=form, title=f"{found.get_kind_display()} held", button="Save",
                        fields=["held_on", "family_plan"], back_url=_case_url(child.pk, case), caption=case.family_name,
                        conflict=conflict)


def support(request, child_id, pre_proceedings_id):
    def recipients(case):
        people = list(services.in_network_of([row.child for row in case.children.all()]).order_by(
            "last_name", "first_name"))
        hidden = policy.hidden_people(request.user, people)
        return {"recipients": [person for person in people if person.pk not in hidden]}

    def run(case, data):
        allowed = {str(person.pk): person for person in recipients(case)["recipients"]}
        services.family_network_support_record(
            acting_user=request.user, pre_proceedings=case, recipient=allowed[data["recipient"]], kind=data["kind"],
            description=data["description"], amount=data["amount"], offered_on=data["offered_on"],
            starts_on=data["starts_on"], ends_on=data["ends_on"])

    return _case_step(
        request, child_id, pre_proceedings_id, what="Record family network support", form_class=forms.SupportForm,
        title="Family network support", button="Save", form_kwargs=recipients, run=run, done="Support saved",
        fields=["recipient", "kind", "description", "amount", "offered_on", "starts_on", "ends_on"])


def propose(request, child_id, pre_proceedings_id):
    return _case_step(
        request, child_id, pre_proceedings_id, what="Propose a step up or step down", form_class=forms.ProposeForm,
        title="Propose a step up or step down", button="Send to a manager", fields=["outcome", "reason"],
        done="Proposal sent to a manager",
        changes=lambda _, data: {"step_proposed": data["outcome"], "step_proposal_reason": data["reason"]},
        run=lambda case, data: services.pre_proceedings_step_propose(
            acting_user=request.user, pre_proceedings=case, outcome=data["outcome"], reason=data["reason"],
            read_version=data["version"]))


def decide(request, child_id, pre_proceedings_id):
    return _case_step(
        request, child_id, pre_proceedings_id, what="Decide a step up or step down", form_class=forms.DecideForm,
        title="Step up or step down", button="Record the decision", fields=["outcome", "decided_on", "rationale"],
        decide=True, done="Decision recorded", initial={"decided_on": timezone.localdate()},
        changes=lambda _, data: {"outcome": data["outcome"], "step_decision_on": data["decided_on"]},
        run=lambda case, data: services.pre_proceedings_step_decide(
            acting_user=request.user, pre_proceedings=case, outcome=data["outcome"], decided_on=data["decided_on"],
            rationale=data["rationale"], read_version=data["version"]))


def application(request, child_id, pre_proceedings_id):
    return _case_step(
        request, child_id, pre_proceedings_id, what="Record the application to court",
        form_class=forms.ApplicationForm, title="Application to court for care proceedings", button="Save",
        fields=["application_on", "urgent_reason"], done="Application to court saved",
        run=lambda case, data: services.care_proceedings_apply(
            acting_user=request.user, pre_proceedings=case, application_on=data["application_on"],
            urgent_reason=data["urgent_reason"]))


def _proceedings_step(request, child_id, pre_proceedings_id, *, what, form_class, title, fields, run, done,
                      changes: Callable[[object, dict], dict] | None = None):
    child = child_for(request.user, child_id, what=what, write=True)
    case = selectors.pre_proceedings_of(child, pre_proceedings_id)
    proceedings = selectors.care_proceedings_of(case)
    if proceedings is None or not proceedings.is_open:
        raise Http404("No care proceedings open for this family")
    policy.require(policy.may_record_pre_proceedings(request.user, [row.child for row in case.children.all()]),
                   "Only someone who may write to every child's record in the case can record this.")
    form = form_class(request.POST or None, initial={"version": proceedings.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            run(proceedings, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = _conflict(clash, PROCEEDINGS_FIELDS, changes, form.cleaned_data)
            form = form_class({**request.POST.dict(), "version": clash.current.version})
        else:
            messages.success(request, done)
            return redirect(_case_url(child.pk, case))
    return _render_form(request, child=child, form=form, title=title, button="Save", fields=fields,
                        back_url=_case_url(child.pk, case), caption=case.family_name, conflict=conflict)


def parents_letter(request, child_id, pre_proceedings_id):
    return _proceedings_step(
        request, child_id, pre_proceedings_id, what="Record the letter to the parents about the application",
        form_class=forms.ParentsLetterForm, title="Letter to the parents about the application", fields=["sent_on"],
        done="Letter to the parents saved", changes=lambda _, data: {"parents_letter_on": data["sent_on"]},
        run=lambda proceedings, data: services.parents_letter_record(
            acting_user=request.user, proceedings=proceedings, sent_on=data["sent_on"], read_version=data["version"]))


def hearing(request, child_id, pre_proceedings_id):
    return _proceedings_step(
        request, child_id, pre_proceedings_id, what="Record a hearing", form_class=forms.HearingForm,
        title="Hearing", fields=["held_on", "kind", "outcome"], done="Hearing saved",
        run=lambda proceedings, data: services.hearing_record(
            acting_user=request.user, proceedings=proceedings, held_on=data["held_on"], kind=data["kind"],
            outcome=data["outcome"]))


def final_order(request, child_id, pre_proceedings_id):
    return _proceedings_step(
        request, child_id, pre_proceedings_id, what="Record the final order", form_class=forms.FinalOrderForm,
        title="Final order", fields=["final_order", "made_on"], done="Final order saved",
        changes=lambda _, data: {"final_order": data["final_order"], "final_order_on": data["made_on"]},
        run=lambda proceedings, data: services.final_order_record(
            acting_user=request.user, proceedings=proceedings, final_order=data["final_order"],
            made_on=data["made_on"], read_version=data["version"]))


def tracker(request: HttpRequest) -> HttpResponse:
    """Leaders track and review pre-proceedings: every family in them, its stage, weeks since it began and its next
    meeting; and every family in care proceedings against the 26-week target. Filter by team."""
    policy.require(policy.may_see_pre_proceedings_tracker(request.user),
                   "Only senior leaders and team managers can see pre-proceedings across families.")
    today = timezone.localdate()
    teams = list(selectors.tracker_teams(request.user))
    team_id = parse_id(request.GET.get("team"))
    if team_id is not None and team_id not in {team.pk for team in teams}:
        team_id = None
    pre, proceedings, ended = selectors.tracker(request.user, today=today, team_id=team_id)
    policy.log_access_many(user=request.user, action=AccessAction.VIEW, what="Pre-proceedings tracker",
                           child_ids=[named.child_id for row in pre + proceedings + ended for named in row.children
                                      if named.may_open])
    return render(request, "proceedings/tracker.html", {
        "title": "Pre-proceedings and care proceedings", "section": "pre_proceedings", "teams": teams,
        "team_id": team_id, "pre": pre, "proceedings": proceedings, "ended": ended, "as_of": today,
        "ended_weeks": selectors.ENDED_WEEKS,
    })
