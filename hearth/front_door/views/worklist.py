"""The front door's worklist: open contacts by time left, filters, and a manager's bulk allocation."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode

from hearth.accounts import policy
from hearth.core.forms import Form
from hearth.core.http import add_service_errors, parse_id
from hearth.front_door import services, worklist
from hearth.front_door.models import Contact, Pathway, Urgency
from hearth.reference.codes import ReferralSource

ANY = [("", "Any")]


class WorklistFilterForm(Form):
    team = forms.ChoiceField(label="Team", required=False)
    assigned = forms.ChoiceField(label="Assigned to", required=False)
    urgency = forms.ChoiceField(label="Urgency", required=False, choices=ANY + Urgency.choices)
    source = forms.ChoiceField(label="Referral source", required=False, choices=ANY + ReferralSource.choices)
    pathway = forms.ChoiceField(label="Pathway", required=False, choices=ANY + Pathway.choices)
    rag = forms.ChoiceField(label="Status", required=False, choices=ANY + worklist.RAG_CHOICES)

    def __init__(self, *args, teams, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "All front-door teams")] + [(str(t.pk), t.name) for t in teams]
        self.fields["assigned"].choices = (ANY + [(worklist.UNASSIGNED, "Not assigned")]
                                           + [(str(u.pk), str(u)) for u in staff])

    def filters(self) -> worklist.WorklistFilters:
        if not self.is_bound or not self.is_valid():
            return worklist.WorklistFilters()
        data = self.cleaned_data
        return worklist.WorklistFilters(team=int(data["team"]) if data["team"] else None, assigned=data["assigned"],
                                        urgency=data["urgency"], source=data["source"], pathway=data["pathway"],
                                        rag=data["rag"])


class ContactIdsField(forms.Field):
    """The ticked rows' contact ids (any number; the service allocates only those still open)."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        return [n for n in map(parse_id, value or []) if n]


class AllocateForm(Form):
    contacts = ContactIdsField(label="Contacts", error_messages={"required": "Select the contacts to allocate"})
    adviser = forms.ChoiceField(label="Allocate the selected contacts to", help_text="A front-door adviser",
                                error_messages={"required": "Select the adviser to allocate the contacts to"})

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {str(u.pk): u for u in staff if u.is_adviser}
        self.fields["adviser"].choices = [("", "Select an adviser")] + [(key, str(u)) for key, u in self.staff.items()]


def worklist_page(request: HttpRequest) -> HttpResponse:
    """Open contacts, the soonest due first, 50 a page; a front-door manager may allocate them in bulk."""
    user = request.user
    policy.require(policy.may_see_front_door(user), "Only the front door's staff and senior leaders can see its worklist.")
    teams = worklist.front_door_teams()
    staff = worklist.front_door_staff()
    filter_form = WorklistFilterForm(request.GET or None, teams=teams, staff=staff)
    filters = filter_form.filters()
    allocating = policy.may_assign_contacts(user)
    allocate_form = AllocateForm(staff=staff)
    if request.method == "POST":
        policy.require(allocating, "Only a manager of a front-door team can allocate contacts.")
        allocate_form = AllocateForm(request.POST, staff=staff)
        if allocate_form.is_valid():
            adviser = allocate_form.staff[allocate_form.cleaned_data["adviser"]]
            chosen = list(Contact.objects.filter(pk__in=allocate_form.cleaned_data["contacts"]))
            try:
                assigned = services.contacts_assign(acting_user=user, contacts=chosen, adviser=adviser)
            except ValidationError as error:
                add_service_errors(allocate_form, error)
            else:
                messages.success(request, f"{assigned} {'contact' if assigned == 1 else 'contacts'} allocated to {adviser}")
                return redirect(request.get_full_path())
    now = timezone.now()
    page = Paginator(worklist.for_rows(worklist.queue(filters, now)), worklist.PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    selected = {str(v) for v in request.POST.getlist("contacts")} if request.method == "POST" else set()
    return render(request, "front_door/worklist.html", {
        "title": "Front door worklist", "section": "front_door", "filter_form": filter_form, "form": allocate_form,
        "page": page, "rows": worklist.rows(page.object_list, now, user=user), "may_allocate": allocating,
        "may_record": policy.may_screen(user), "query": query,
        "selected": selected, "filtered": any(v for k, v in request.GET.items() if k != "page"),
    }, status=400 if request.method == "POST" else 200)
