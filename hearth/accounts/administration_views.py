"""Administration pages: accounts, roles, teams and memberships, approvals, and the access changes.

Every write goes through `hearth.accounts.administration`; these views only read forms and show
what the services say.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hearth.accounts import administration, selectors
from hearth.accounts.forms import (
    AccessChangesFilterForm,
    DecisionForm,
    MembershipAddForm,
    MembershipManagesForm,
    RoleDescriptionForm,
    TeamForm,
    UserCreateForm,
    UserDetailsForm,
    UserFilterForm,
    UserRolesForm,
)
from hearth.accounts.models import Membership, Role, RoleChangeRequest, Team, User
from hearth.accounts.roles import RoleCode
from hearth.core.http import add_service_errors

PAGE_SIZE = 50
SECTION = "administration"


def _administrator(request: HttpRequest) -> User:
    if not administration.is_administrator(request.user):
        raise PermissionDenied("Only administrators manage accounts and teams.")
    return request.user


def _user_or_404(user_id: int) -> User:
    user = selectors.user_for_administration(user_id)
    if user is None:
        raise Http404("No such user")
    return user


def _form_page(request, form, *, title: str, button: str, back_url: str, caption: str = "", intro: str = ""):
    return render(request, "accounts/admin_form.html", {
        "title": title, "form": form, "fields": list(form.fields), "button": button, "back_url": back_url,
        "caption": caption, "intro": intro, "section": SECTION,
    })


def home(request: HttpRequest) -> HttpResponse:
    """What an administrator manages, with how many role changes wait for a second administrator."""
    _administrator(request)
    return render(request, "accounts/administration.html", {
        "title": "Administration", "section": SECTION, "pending_count": selectors.pending_role_requests().count(),
    })


# --- Users ------------------------------------------------------------------------------------

def user_list(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    team = filters.get("team")
    users = selectors.users_for_administration(text=filters.get("text", ""), role=filters.get("role", ""),
                                               team_id=team.pk if team else None)
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in request.GET.items() if key != "page" and value})
    return render(request, "accounts/users.html", {
        "title": "Users", "section": SECTION, "form": form, "page": page, "query": query,
        "filtered": any(filters.values()), "back_url": "/accounts/administration/",
    })


def user_create(request: HttpRequest) -> HttpResponse:
    acting_user = _administrator(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = administration.user_create(acting_user=acting_user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Account added for {user}. Give them a team and roles.")
            return redirect("accounts:admin_user", user.pk)
    return _form_page(request, form, title="Add a user", button="Add the user", back_url="/accounts/administration/users",
                      intro="The account starts with no roles and no team, so it sees nothing until you give them.")


def user_page(request: HttpRequest, user_id: int) -> HttpResponse:
    """One account: details, roles, teams, any change waiting for approval, and its history."""
    acting_user = _administrator(request)
    user = _user_or_404(user_id)
    pending = selectors.pending_role_requests().filter(user=user).first()
    return render(request, "accounts/user.html", {
        "title": str(user), "section": SECTION, "account": user, "is_self": user.pk == acting_user.pk,
        "roles": sorted(user.roles.all(), key=lambda role: role.get_code_display()),
        "memberships": list(user.memberships.all()), "pending": pending,
        "pending_roles": [RoleCode(code).label for code in pending.roles_requested] if pending else [],
        "history": selectors.user_history(user), "back_url": "/accounts/administration/users",
    })


def user_details(request: HttpRequest, user_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    user = _user_or_404(user_id)
    initial = {field: getattr(user, field) for field in administration.DETAIL_FIELDS}
    form = UserDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            administration.user_change_details(acting_user=acting_user, user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Details saved")
            return redirect("accounts:admin_user", user.pk)
    return _form_page(request, form, title="Change details", caption=str(user), button="Save the details",
                      back_url=f"/accounts/administration/users/{user.pk}")


def user_roles(request: HttpRequest, user_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    user = _user_or_404(user_id)
    if user.pk == acting_user.pk:
        raise PermissionDenied("You cannot change your own access: ask another administrator.")
    form = UserRolesForm(request.POST or None, initial={"roles": sorted(role.code for role in user.roles.all())})
    if request.method == "POST" and form.is_valid():
        try:
            change = administration.user_roles_set(acting_user=acting_user, user=user,
                                                   role_codes=form.cleaned_data["roles"],
                                                   reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if change is not None:
                messages.success(request, "The change waits for a second administrator to approve it")
            else:
                messages.success(request, "Roles saved")
            return redirect("accounts:admin_user", user.pk)
    return _form_page(request, form, title="Set roles", caption=str(user), button="Save the roles",
                      back_url=f"/accounts/administration/users/{user.pk}")


@require_POST
def user_active(request: HttpRequest, user_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    user = get_object_or_404(User, pk=user_id)
    active = request.POST.get("active") == "yes"
    administration.user_set_active(acting_user=acting_user, user=user, active=active)
    messages.success(request, f"{user}'s account is {'active' if active else 'deactivated: they are signed out'}")
    return redirect("accounts:admin_user", user.pk)


@require_POST
def user_sign_out_everywhere(request: HttpRequest, user_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    user = get_object_or_404(User, pk=user_id)
    administration.user_sign_out_everywhere(acting_user=acting_user, user=user)
    messages.success(request, f"{user} is signed out everywhere, on their next request")
    return redirect("accounts:admin_user", user.pk)


def membership_add(request: HttpRequest, user_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    user = _user_or_404(user_id)
    if user.pk == acting_user.pk:
        raise PermissionDenied("You cannot change your own access: ask another administrator.")
    form = MembershipAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = administration.membership_add(acting_user=acting_user, user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{user} added to {membership.team}")
            return redirect("accounts:admin_user", user.pk)
    return _form_page(request, form, title="Add to a team", caption=str(user), button="Add to the team",
                      back_url=f"/accounts/administration/users/{user.pk}")


def membership_page(request: HttpRequest, membership_id: int) -> HttpResponse:
    """Whether a member manages their team, and ending the membership."""
    acting_user = _administrator(request)
    membership = get_object_or_404(Membership.objects.select_related("user", "team"), pk=membership_id)
    if membership.user_id == acting_user.pk:
        raise PermissionDenied("You cannot change your own access: ask another administrator.")
    form = MembershipManagesForm(request.POST or None, initial={"manages": membership.manages})
    if request.method == "POST" and form.is_valid():
        administration.membership_change(acting_user=acting_user, membership=membership, **form.cleaned_data)
        messages.success(request, "Membership saved")
        return redirect("accounts:admin_user", membership.user_id)
    return render(request, "accounts/membership.html", {
        "title": f"{membership.user} in {membership.team}", "section": SECTION, "form": form,
        "membership": membership, "back_url": f"/accounts/administration/users/{membership.user_id}",
    })


@require_POST
def membership_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    membership = get_object_or_404(Membership.objects.select_related("user", "team"), pk=membership_id)
    administration.membership_end(acting_user=acting_user, membership=membership)
    messages.success(request, f"{membership.user} is no longer in {membership.team}")
    return redirect("accounts:admin_user", membership.user_id)


# --- Teams ------------------------------------------------------------------------------------

def team_list(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    return render(request, "accounts/teams.html", {
        "title": "Teams", "section": SECTION, "teams": list(selectors.teams_with_member_counts()),
        "back_url": "/accounts/administration/",
    })


def _team_fields(form: TeamForm) -> dict:
    return {"name": form.cleaned_data["name"], "service_area": form.cleaned_data["service_area"],
            "is_active": form.cleaned_data["is_active"]}


def team_create(request: HttpRequest) -> HttpResponse:
    acting_user = _administrator(request)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = administration.team_create(acting_user=acting_user, **_team_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Team {team} added")
            return redirect("accounts:admin_team", team.pk)
    return _form_page(request, form, title="Add a team", button="Add the team",
                      back_url="/accounts/administration/teams")


def team_page(request: HttpRequest, team_id: int) -> HttpResponse:
    _administrator(request)
    team = get_object_or_404(Team, pk=team_id)
    return render(request, "accounts/team.html", {
        "title": team.name, "section": SECTION, "team": team, "members": selectors.team_members(team),
        "back_url": "/accounts/administration/teams",
    })


def team_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    team = get_object_or_404(Team, pk=team_id)
    form = TeamForm(request.POST or None, initial={"name": team.name, "service_area": team.service_area,
                                                   "is_active": team.is_active})
    if request.method == "POST" and form.is_valid():
        try:
            administration.team_change(acting_user=acting_user, team=team, **_team_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Team saved")
            return redirect("accounts:admin_team", team.pk)
    return _form_page(request, form, title="Change the team", caption=team.name, button="Save the team",
                      back_url=f"/accounts/administration/teams/{team.pk}")


# --- Roles ------------------------------------------------------------------------------------

def role_list(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    return render(request, "accounts/roles.html", {
        "title": "Roles", "section": SECTION, "roles": sorted(Role.objects.all(), key=lambda r: r.get_code_display()),
        "back_url": "/accounts/administration/",
    })


def role_edit(request: HttpRequest, code: str) -> HttpResponse:
    acting_user = _administrator(request)
    if code not in RoleCode.values:
        raise Http404("No such role")
    role = get_object_or_404(Role, code=code)
    form = RoleDescriptionForm(request.POST or None, initial={"description": role.description})
    if request.method == "POST" and form.is_valid():
        administration.role_describe(acting_user=acting_user, role=role, **form.cleaned_data)
        messages.success(request, f"Description of {role} saved")
        return redirect("accounts:admin_roles")
    return _form_page(request, form, title="Change the description", caption=str(role), button="Save the description",
                      back_url="/accounts/administration/roles",
                      intro="What the role may do is fixed by Hearth; this text explains it to people.")


# --- Second-administrator approvals -------------------------------------------------------------

def approvals(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    return render(request, "accounts/approvals.html", {
        "title": "Waiting for a second administrator", "section": SECTION,
        "pending": list(selectors.pending_role_requests()), "decided": selectors.decided_role_requests(),
        "back_url": "/accounts/administration/",
    })


def approval(request: HttpRequest, request_id: int) -> HttpResponse:
    acting_user = _administrator(request)
    change = get_object_or_404(RoleChangeRequest.objects.select_related("user", "requested_by", "decided_by"),
                               pk=request_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and change.is_pending:
        decide = (administration.role_change_approve if request.POST.get("decision") == "approve"
                  else administration.role_change_refuse)
        try:
            decide(acting_user=acting_user, request=change, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Approved: the roles have changed" if decide is administration.role_change_approve
                             else "Refused: the roles have not changed")
            return redirect("accounts:admin_approvals")
    return render(request, "accounts/approval.html", {
        "title": "Change of roles", "section": SECTION, "change": change, "form": form,
        "may_approve": change.is_pending and change.requested_by_id != acting_user.pk and change.user_id != acting_user.pk,
        "may_refuse": change.is_pending and change.user_id != acting_user.pk,
        "roles_before": [RoleCode(code).label for code in change.roles_before],
        "roles_requested": [RoleCode(code).label for code in change.roles_requested],
        "back_url": "/accounts/administration/approvals",
    })


# --- Access changes ---------------------------------------------------------------------------

def access_changes(request: HttpRequest) -> HttpResponse:
    """Every change to who may see what, newest first, for administrators and senior leaders to review."""
    if not selectors.may_review_access_changes(request.user):
        raise PermissionDenied("Only administrators and senior leaders review access changes.")
    form = AccessChangesFilterForm(request.GET or None, kinds=selectors.ACCESS_CHANGE_KINDS)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.access_changes(kind=filters.get("kind", ""), username=filters.get("user", "").strip())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in request.GET.items() if key != "page" and value})
    return render(request, "accounts/access_changes.html", {
        "title": "Access changes", "section": "access_changes", "form": form, "page": page, "query": query,
        "kinds": selectors.ACCESS_CHANGE_KINDS, "kind_of": selectors.ACCESS_CHANGE_VERBS,
    })
