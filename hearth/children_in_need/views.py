"""Pages for the child in need episode: the referral queue, the episode, the assessment and the CIN plan.

Every page reads the child through the access policy (`child_for`, which logs the read); every write is a service.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.accounts import policy
from hearth.accounts.models import AccessAction, User
from hearth.accounts.policy import child_for
from hearth.casework import chronology
from hearth.children_in_need import selectors, services
from hearth.children_in_need.forms import (
    ASSESSMENT_EDIT_FIELDS,
    PLAN_EDIT_FIELDS,
    AssessmentForm,
    AssessmentStartForm,
    AuthorisationForm,
    ClosureDecisionForm,
    ClosureForm,
    ClosureRequestForm,
    ParentingAssessmentForm,
    ParentingCompletionForm,
    PlanActionForm,
    PlanEditForm,
    PlanEndForm,
    PlanForm,
    PlanReviewForm,
    ReferralAllocationForm,
    TargetForm,
    VisitForm,
)
from hearth.children_in_need.models import Assessment, AssessmentStatus, Referral
from hearth.core.concurrency import EditConflict, conflict_context, yours_on_theirs
from hearth.core.http import add_service_errors
from hearth.timescales.clocks import Rag

# The chronology entries shown beside the assessment to draw the family history from.
HISTORY_SHOWN = 30


def _episode(request: HttpRequest, child_id: int, referral_id: int, *, what: str, write: bool = False):
    child = child_for(request.user, child_id, what=what, write=write)
    return child, selectors.episode_for(child, referral_id)


def _back(child, referral) -> str:
    return reverse("children_in_need:episode", args=[child.pk, referral.pk])


def _form_page(request, *, title, form, child, fields, button, back_url, hidden=(), conflict=None):
    return render(request, "people/simple_form.html", {
        "title": title, "form": form, "child": child, "fields": fields, "button": button, "back_url": back_url,
        "hidden": list(hidden), "conflict": conflict,
    }, status=409 if conflict else 200)


def _rag(today, due_on):
    if due_on is None:
        return None
    return Rag.RED if today > due_on else Rag.AMBER if today == due_on else Rag.GREEN


# The queue -------------------------------------------------------------------------------------------------------


def queue(request: HttpRequest) -> HttpResponse:
    """The referrals awaiting allocation in the teams the manager manages, oldest first, with working days waiting."""
    policy.require(policy.may_see_cin_queue(request.user), "Only a team's manager sees its referrals awaiting allocation.")
    rows = selectors.referral_queue(request.user, today=timezone.localdate())
    policy.log_access_many(user=request.user, action=AccessAction.VIEW, what="Referrals awaiting allocation",
                           child_ids=[row.referral.child_id for row in rows if row.named])
    return render(request, "children_in_need/queue.html", {
        "title": "Referrals awaiting allocation", "section": "cin_queue", "rows": rows,
    })


def allocate(request: HttpRequest, referral_id: int) -> HttpResponse:
    """A manager of the receiving team allocates the referral's social worker (and may set an earlier target)."""
    teams = policy.cin_queue_teams(request.user)
    referral = Referral.objects.filter(pk=referral_id, team_id__in=teams).select_related("team").first()
    if referral is None:
        raise Http404("No referral found")
    child = child_for(request.user, referral.child_id, what="Allocate a referral", write=True)
    referral.child = child
    workers = User.objects.filter(is_active=True, memberships__team=referral.team).order_by("last_name", "first_name")
    form = ReferralAllocationForm(request.POST or None, workers=workers,
                                  initial={"allocated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_allocate(acting_user=request.user, referral=referral, worker=data["worker"],
                                       allocated_on=data["allocated_on"], target_on=data["target_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{child.full_name}'s referral allocated to {data['worker']}")
            return redirect("children_in_need:queue")
    return _form_page(request, title=f"Allocate the referral of {child.full_name}", form=form, child=child,
                      fields=["worker", "allocated_on", "target_on"], button="Allocate",
                      back_url=reverse("children_in_need:queue"))


# The episode -----------------------------------------------------------------------------------------------------


def episode(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """One child in need episode: its facts for the census, its steps, its visits, and what may be done next."""
    child, referral = _episode(request, child_id, referral_id, what="Child in need episode")
    user = request.user
    today = timezone.localdate()
    # Whoever may decide for the episode may also record its work (the policy's decision asks that and more): asking
    # only when they may not saves the manager's page a query.
    may_decide = policy.may_decide_for_cin_episode(user, child, referral.team_id)
    may_record = may_decide or policy.may_record_cin_work(user, child)
    return render(request, "children_in_need/episode.html", {
        "title": f"{child.full_name}: child in need episode", "child": child, "referral": referral,
        "assessment": selectors.assessment_of(referral), "steps": selectors.steps(referral),
        "plans": list(referral.plans.all()), "visits": list(referral.visits.all())[::-1],
        "may_record": may_record and referral.is_open,
        "may_decide": may_decide and referral.is_open,
        "parenting": list(referral.parenting_assessments.all()),
        "closure_requests": list(referral.closure_requests.select_related("requested_by", "decision__decided_by")),
        "may_assess_parenting": policy.may_record_parenting_assessment(user, child) and referral.is_open,
        "due_rag": _rag(today, referral.assessment_due),
    })


def close(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """A manager of the child's team closes the episode with a date, a reason and a rationale."""
    child, referral = _episode(request, child_id, referral_id, what="Close a child in need episode", write=True)
    policy.require(policy.may_close_cin_episode(request.user, child, referral.team_id),
                   "Only a manager of the child's team can close the episode.")
    form = ClosureForm(request.POST or None, initial={"closure_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_close(acting_user=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Child in need episode closed")
            return redirect("children_in_need:episode", child.pk, referral.pk)
    return _form_page(request, title="Close the child in need episode", form=form, child=child,
                      fields=["closure_date", "reason", "no_further_action", "rationale"], button="Close the episode",
                      back_url=_back(child, referral))


def closure_request(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """The social worker asks for the episode's closure: a date, a reason and their summary, for a manager to decide."""
    child, referral = _episode(request, child_id, referral_id, what="Ask to close a child in need episode", write=True)
    policy.require(policy.may_record_cin_work(request.user, child),
                   "Only someone who works with the child can ask for the episode's closure.")
    form = ClosureRequestForm(request.POST or None, initial={"closure_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.closure_request(acting_user=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Closure asked for: a manager of the team will decide")
            return redirect("children_in_need:episode", child.pk, referral.pk)
    return _form_page(request, title="Ask to close the child in need episode", form=form, child=child,
                      fields=["closure_date", "reason", "summary"], button="Ask for closure",
                      back_url=_back(child, referral))


def closure_decide(request: HttpRequest, child_id: int, referral_id: int, request_id: int) -> HttpResponse:
    """A manager of the child's team agrees to the closure asked for, or declines it with their reason."""
    child, referral = _episode(request, child_id, referral_id, what="Decide a child in need episode's closure",
                               write=True)
    policy.require(policy.may_close_cin_episode(request.user, child, referral.team_id),
                   "Only a manager of the child's team can decide the episode's closure.")
    asked = selectors.closure_request_for(referral, request_id)
    form = ClosureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["agree"] == "yes"
        try:
            services.closure_request_decide(acting_user=request.user, request=asked, agree=agree,
                                            rationale=form.cleaned_data["rationale"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Child in need episode closed" if agree else "Closure declined")
            return redirect("children_in_need:episode", child.pk, referral.pk)
    return render(request, "children_in_need/closure_decide.html", {
        "title": "Decide the closure asked for", "form": form, "child": child, "referral": referral,
        "asked": asked, "fields": ["agree", "rationale"], "button": "Record the decision",
        "back_url": _back(child, referral),
    })


def target(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """A manager sets an earlier target for the assessment, shown beside the statutory day."""
    child, referral = _episode(request, child_id, referral_id, what="Set the assessment's target", write=True)
    policy.require(policy.may_decide_for_cin_episode(request.user, child, referral.team_id),
                   "Only a manager of the child's team can set the assessment's target.")
    form = TargetForm(request.POST or None, initial={"target_on": referral.assessment_target_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_target_set(acting_user=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Assessment target saved")
            return redirect("children_in_need:episode", child.pk, referral.pk)
    return _form_page(request, title="Set an earlier target for the assessment", form=form, child=child,
                      fields=["target_on"], button="Save the target", back_url=_back(child, referral))


def visit_add(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """Record a visit to the child: the date (never in the future), whether seen, and whether seen alone."""
    child, referral = _episode(request, child_id, referral_id, what="Record a visit", write=True)
    policy.require(policy.may_record_cin_work(request.user, child), "Only someone working with the child can record a visit.")
    form = VisitForm(request.POST or None, initial={"visited_on": timezone.localdate(), "seen": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(acting_user=request.user, referral=referral, visit=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Visit recorded")
            return redirect("children_in_need:episode", child.pk, referral.pk)
    return _form_page(request, title="Record a visit", form=form, child=child,
                      fields=["visited_on", "seen", "seen_alone", "note"], button="Record the visit",
                      back_url=_back(child, referral))


# The assessment --------------------------------------------------------------------------------------------------


def _assessment_or_404(referral: Referral) -> Assessment:
    assessment = selectors.assessment_of(referral)
    if assessment is None:
        raise Http404("No assessment has started")
    return assessment


def assessment(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """The assessment as it stands, its timescale beside the manager's target, and the chronology to draw from."""
    child, referral = _episode(request, child_id, referral_id, what="Child and family assessment")
    found = selectors.assessment_of(referral)
    user = request.user
    today = timezone.localdate()
    return render(request, "children_in_need/assessment.html", {
        "title": f"{child.full_name}: child and family assessment", "child": child, "referral": referral,
        "assessment": found, "visits": [visit for visit in referral.visits.all() if found and visit.assessment_id == found.pk],
        "history": chronology.chronology_for(child)[:HISTORY_SHOWN], "label_for": chronology.label_for,
        "factor_groups": AssessmentForm.factor_groups(),
        "may_record": policy.may_record_cin_work(user, child) and referral.is_open,
        "may_decide": policy.may_authorise_assessment(user, child, referral.team_id) and referral.is_open,
        "due_rag": _rag(today, referral.assessment_due) if not (found and found.authorised_on) else None,
        "statuses": AssessmentStatus,
    })


def assessment_start(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    child, referral = _episode(request, child_id, referral_id, what="Start the assessment", write=True)
    policy.require(policy.may_record_cin_work(request.user, child),
                   "Only someone working with the child can record the assessment.")
    form = AssessmentStartForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_start(acting_user=request.user, referral=referral, assessment=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Assessment started")
            return redirect("children_in_need:assessment_edit", child.pk, referral.pk)
    return _form_page(request, title="Start the child and family assessment", form=form, child=child,
                      fields=["started_on"], button="Start the assessment", back_url=_back(child, referral))


def assessment_edit(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """The worker writes the assessment; a colleague's save in between is shown, never overwritten."""
    child, referral = _episode(request, child_id, referral_id, what="Write the assessment", write=True)
    policy.require(policy.may_record_cin_work(request.user, child),
                   "Only someone working with the child can record the assessment.")
    found = _assessment_or_404(referral)
    form = AssessmentForm(request.POST or None, instance=found)
    conflict = None
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        try:
            services.assessment_update(acting_user=request.user, assessment=edited,
                                       read_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = conflict_context(clash, edited, ASSESSMENT_EDIT_FIELDS)
            form = AssessmentForm(instance=clash.current,
                                  initial=yours_on_theirs(clash, edited, ASSESSMENT_EDIT_FIELDS))
        else:
            messages.success(request, "Assessment saved")
            return redirect("children_in_need:assessment", child.pk, referral.pk)
    return render(request, "children_in_need/assessment_form.html", {
        "title": "Write the child and family assessment", "child": child, "referral": referral, "form": form,
        "conflict": conflict, "factor_groups": AssessmentForm.factor_groups(),
        "history": chronology.chronology_for(child)[:HISTORY_SHOWN], "label_for": chronology.label_for,
        "back_url": reverse("children_in_need:assessment", args=[child.pk, referral.pk]),
    }, status=409 if conflict else 200)


@require_POST
def assessment_submit(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    child, referral = _episode(request, child_id, referral_id, what="Submit the assessment", write=True)
    found = _assessment_or_404(referral)
    try:
        services.assessment_submit(acting_user=request.user, assessment=found)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, "Assessment sent to your manager for authorisation")
    return redirect("children_in_need:assessment", child.pk, referral.pk)


def assessment_decide(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """The team manager authorises the assessment, or returns it with a reason: either is a decision."""
    child, referral = _episode(request, child_id, referral_id, what="Authorise the assessment", write=True)
    policy.require(policy.may_authorise_assessment(request.user, child, referral.team_id),
                   "Only a manager of the child's team can authorise the assessment.")
    found = _assessment_or_404(referral)
    form = AuthorisationForm(request.POST or None, initial={"authorised_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "authorise":
                services.assessment_authorise(acting_user=request.user, assessment=found,
                                              authorised_on=data["authorised_on"], rationale=data["rationale"],
                                              internal_review_on=data["internal_review_on"])
            else:
                services.assessment_return(acting_user=request.user, assessment=found, rationale=data["rationale"],
                                           internal_review_on=data["internal_review_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Assessment authorised" if data["decision"] == "authorise"
                             else "Assessment returned to the social worker")
            return redirect("children_in_need:assessment", child.pk, referral.pk)
    return _form_page(request, title="Authorise the child and family assessment", form=form, child=child,
                      fields=["decision", "authorised_on", "internal_review_on", "rationale"],
                      button="Record the decision",
                      back_url=reverse("children_in_need:assessment", args=[child.pk, referral.pk]))


# The plan --------------------------------------------------------------------------------------------------------


def _plan(referral: Referral, plan_id: int):
    found = next((plan for plan in referral.plans.all() if plan.pk == plan_id), None)
    if found is None:
        raise Http404("No plan found")
    return found


def plan(request: HttpRequest, child_id: int, referral_id: int, plan_id: int) -> HttpResponse:
    """A child in need plan: needs, actions, the child's views, reviews and visits, and when the next are due."""
    child, referral = _episode(request, child_id, referral_id, what="Child in need plan")
    found = _plan(referral, plan_id)
    today = timezone.localdate()
    current = found.is_current and referral.is_open
    return render(request, "children_in_need/plan.html", {
        "title": f"{child.full_name}: child in need plan", "child": child, "referral": referral, "plan": found,
        "actions": list(found.actions.all()), "reviews": list(found.reviews.all()),
        "visits": [visit for visit in referral.visits.all() if visit.plan_id == found.pk][::-1],
        "may_record": policy.may_record_cin_work(request.user, child) and current, "current": current,
        "review_rag": _rag(today, found.next_review_due_on) if current else None,
        "visit_rag": _rag(today, found.next_visit_due_on) if current else None,
    })


def plan_start(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    child, referral = _episode(request, child_id, referral_id, what="Start a child in need plan", write=True)
    policy.require(policy.may_record_cin_work(request.user, child), "Only someone working with the child can start a plan.")
    form = PlanForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            started = services.cin_plan_start(acting_user=request.user, referral=referral, plan=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Child in need plan started")
            return redirect("children_in_need:plan", child.pk, referral.pk, started.pk)
    return _form_page(request, title="Start a child in need plan", form=form, child=child,
                      fields=["started_on", "needs", "child_views", "written_to_child"], button="Start the plan",
                      back_url=_back(child, referral))


def _plan_url(child, referral, plan) -> str:
    return reverse("children_in_need:plan", args=[child.pk, referral.pk, plan.pk])


def plan_edit(request: HttpRequest, child_id: int, referral_id: int, plan_id: int) -> HttpResponse:
    """Change the plan onto the version read: a colleague's change in between is shown, never overwritten."""
    child, referral = _episode(request, child_id, referral_id, what="Change a child in need plan", write=True)
    found = _plan(referral, plan_id)
    policy.require(policy.may_record_cin_work(request.user, child), "Only someone working with the child can change the plan.")
    form = PlanEditForm(request.POST or None, instance=found)
    conflict = None
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        try:
            services.cin_plan_update(acting_user=request.user, plan=edited, read_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as clash:
            conflict = conflict_context(clash, edited, PLAN_EDIT_FIELDS)
            form = PlanEditForm(instance=clash.current, initial=yours_on_theirs(clash, edited, PLAN_EDIT_FIELDS))
        else:
            messages.success(request, "Plan saved")
            return redirect("children_in_need:plan", child.pk, referral.pk, found.pk)
    return _form_page(request, title="Change the child in need plan", form=form, child=child,
                      fields=["needs", "child_views", "written_to_child"], hidden=["version"], button="Save the plan",
                      back_url=_plan_url(child, referral, found), conflict=conflict)


def plan_end(request: HttpRequest, child_id: int, referral_id: int, plan_id: int) -> HttpResponse:
    child, referral = _episode(request, child_id, referral_id, what="End a child in need plan", write=True)
    found = _plan(referral, plan_id)
    policy.require(policy.may_record_cin_work(request.user, child), "Only someone working with the child can end the plan.")
    form = PlanEndForm(request.POST or None, initial={"ended_on": timezone.localdate(), "version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.cin_plan_end(acting_user=request.user, plan=found, ended_on=form.cleaned_data["ended_on"],
                                  read_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict:
            form.add_error(None, "Someone changed the plan since you opened this page: open it again")
        else:
            messages.success(request, "Plan ended")
            return redirect("children_in_need:plan", child.pk, referral.pk, found.pk)
    return _form_page(request, title="End the child in need plan", form=form, child=child, fields=["ended_on"],
                      hidden=["version"], button="End the plan", back_url=_plan_url(child, referral, found))


def plan_action_add(request: HttpRequest, child_id: int, referral_id: int, plan_id: int) -> HttpResponse:
    child, referral = _episode(request, child_id, referral_id, what="Add an action to a plan", write=True)
    found = _plan(referral, plan_id)
    policy.require(policy.may_record_cin_work(request.user, child), "Only someone working with the child can change the plan.")
    form = PlanActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_add(acting_user=request.user, plan=found, action=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action added to the plan")
            return redirect("children_in_need:plan", child.pk, referral.pk, found.pk)
    return _form_page(request, title="Add an action to the plan", form=form, child=child,
                      fields=["action", "owner", "due_on"], button="Add the action",
                      back_url=_plan_url(child, referral, found))


def plan_review_add(request: HttpRequest, child_id: int, referral_id: int, plan_id: int) -> HttpResponse:
    child, referral = _episode(request, child_id, referral_id, what="Record a plan review", write=True)
    found = _plan(referral, plan_id)
    policy.require(policy.may_record_cin_work(request.user, child), "Only someone working with the child can record a review.")
    form = PlanReviewForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_review_record(acting_user=request.user, plan=found, review=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect("children_in_need:plan", child.pk, referral.pk, found.pk)
    return _form_page(request, title="Record a review of the plan", form=form, child=child,
                      fields=["held_on", "outcome", "notes"], button="Record the review",
                      back_url=_plan_url(child, referral, found))


# Parenting assessments -------------------------------------------------------------------------------------------


def parenting_start(request: HttpRequest, child_id: int, referral_id: int) -> HttpResponse:
    """The parenting assessor starts a parenting (or pre-birth) assessment."""
    child, referral = _episode(request, child_id, referral_id, what="Start a parenting assessment", write=True)
    policy.require(policy.may_record_parenting_assessment(request.user, child),
                   "Only the parenting assessor working with the child can record a parenting assessment.")
    form = ParentingAssessmentForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.parenting_assessment_start(acting_user=request.user, referral=referral,
                                                assessment=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Parenting assessment started")
            return redirect("children_in_need:episode", child.pk, referral.pk)
    return _form_page(request, title="Start a parenting assessment", form=form, child=child,
                      fields=["kind", "parent", "started_on"], button="Start the assessment",
                      back_url=_back(child, referral))


def parenting_complete(request: HttpRequest, child_id: int, referral_id: int, assessment_id: int) -> HttpResponse:
    """The parenting assessor completes the assessment with its recommendation."""
    child, referral = _episode(request, child_id, referral_id, what="Complete a parenting assessment", write=True)
    policy.require(policy.may_record_parenting_assessment(request.user, child),
                   "Only the parenting assessor working with the child can record a parenting assessment.")
    found = next((a for a in referral.parenting_assessments.all() if a.pk == assessment_id), None)
    if found is None:
        raise Http404("No parenting assessment found")
    form = ParentingCompletionForm(request.POST or None,
                                   initial={"completed_on": timezone.localdate(), "version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.parenting_assessment_complete(
                acting_user=request.user, assessment=found, completed_on=data["completed_on"],
                recommendation=data["recommendation"], findings=data["findings"], read_version=data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict:
            form.add_error(None, "Someone changed the assessment since you opened this page: open it again")
        else:
            messages.success(request, "Parenting assessment completed")
            return redirect("children_in_need:episode", child.pk, referral.pk)
    return _form_page(request, title=f"Complete the {found.get_kind_display().lower()} of {found.parent}", form=form,
                      child=child, fields=["completed_on", "recommendation", "findings"], hidden=["version"],
                      button="Complete the assessment", back_url=_back(child, referral))
