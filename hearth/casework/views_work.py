"""What is due: a worker's "My work" and caseload, and a manager's page of their teams' decisions and overdue work.

The items come from the registry every journey app adds to (`hearth/casework/due.py`), in one query. The pages list
the children the user holds or their teams hold, as the caseload does; opening a child's record is logged there.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.models import AccessAction
from hearth.casework import due, selectors
from hearth.casework.forms import TeamWorkFilterForm
from hearth.core import panels
from hearth.timescales.selectors import council_calendar

# What a tag says for each status of an open item: words, never colour alone.
TAGS = {"red": ("Overdue", "red"), "amber": ("Due soon", "yellow"), "green": ("On track", "green")}


def _worded(user, rows: list[due.Row], *, today) -> tuple[list[due.DueItem], set[int]]:
    """The rows as items, each with its child and the worker who holds the child, and the ids of the children on
    them not to be named. A fixed number of queries: none for no rows, else the children and their workers, the
    calendar if a status needs working days, and the grants if a child is restricted."""
    if not rows:
        return [], set()
    found = due.items(rows, today=today, calendar=council_calendar)
    children, hidden = selectors.children_for_lists(user, {row.child_id for row in rows})
    workers = due.worker_of(children)
    worded = []
    for item in found:
        held = workers.get(item.child_id)
        worker = ""
        if held is not None and held["worker__first_name"] is not None:
            worker = f"{held['worker__first_name']} {held['worker__last_name']}"
        worded.append(due.with_extra(item, child=children.get(item.child_id), worker=worker,
                                     worker_is_user=held is not None and held["worker_id"] == user.pk,
                                     team=held["team__name"] if held else "", tag=TAGS[item.rag.value]))
    return worded, hidden


def my_work(request: HttpRequest) -> HttpResponse:
    """Everything due that the signed-in worker must do, for the children they hold or work with, soonest first."""
    user = request.user
    policy.require(policy.may_see_my_work(user), "My work is for those who hold or work with children's records.")
    today = due.today()
    found, hidden = _worded(user, due.for_worker(user), today=today)
    # for_worker leaves out a restricted child without a grant already; this only keeps the rule in one place.
    found = [item for item in found if item.child_id not in hidden]
    return render(request, "casework/my_work.html", {
        "title": "My work", "section": "my_work", "tab": "due", "groups": due.grouped(found, today=today),
        "week_end": due.week_end(today), "panels": panels.panels_for(user, timezone.now()),
    })


def my_caseload(request: HttpRequest) -> HttpResponse:
    """The children allocated to the worker, and those they work with beside the allocated worker."""
    user = request.user
    policy.require(policy.may_see_my_work(user), "My work is for those who hold or work with children's records.")
    return render(request, "casework/my_caseload.html", {
        "title": "My caseload", "section": "my_work", "tab": "caseload",
        "caseload": list(selectors.caseload_for(user)), "involvements": list(selectors.involvements_of(user)),
    })


def team_work(request: HttpRequest) -> HttpResponse:
    """A manager's teams: the decisions awaiting a manager, and the workers' overdue items, each with its worker."""
    user = request.user
    managed = policy.due_teams(user)
    policy.require(bool(managed), "This page is for the managers of a team.")
    teams = selectors.teams_named(managed) if len(managed) > 1 else []
    form = TeamWorkFilterForm(request.GET or None, teams=teams)
    chosen = form.chosen_team() if len(managed) > 1 else None
    today = due.today()
    decisions, overdue = due.for_teams([chosen] if chosen else sorted(managed), today=today)
    found, hidden = _worded(user, decisions + overdue, today=today)
    if hidden:
        # Where a list would name a child the user may not see, it says so, and the refusal is logged (ADR 0012).
        policy.log_access_many(user=user, action=AccessAction.DENIED, what="Team's work", child_ids=sorted(hidden),
                               detail="Restricted record on the team's list of due items")
    awaiting = [item for item in found if item.awaits == due.Awaits.MANAGER]
    late = [item for item in found if item.awaits != due.Awaits.MANAGER]
    return render(request, "casework/team_work.html", {
        "title": "My team's work", "section": "team_work", "form": form, "several": len(managed) > 1,
        "decisions": awaiting, "overdue": late, "hidden": hidden, "hidden_child": policy.HIDDEN_CHILD,
        "team_name": dict(teams).get(chosen, "") if chosen else "",
    })
