"""The partner agencies' pages: make an online referral, and see your own referrals and their status.

A partner sees what they sent and whether a decision has been made, never the decision itself, and nothing
else in Hearth (the PartnerConfinementMiddleware keeps them under /partner/). Every read here is of the
partner's own submissions, so another partner's referral is a 404 like one that does not exist.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from hearth.accounts import policy
from hearth.core.http import add_service_errors
from hearth.core.ratelimits import partner_referral_limit
from hearth.front_door import selectors, services
from hearth.front_door.forms_partner import PartnerReferralForm, source_for_agency
from hearth.front_door.models import Contact, RiskIndicator

PAGE_SIZE = 50
# Fictional numbers, from Ofcom's range for drama (01632 960xxx): a council puts its own here.
FRONT_DOOR_PHONE = "01632 960 000"
OUT_OF_HOURS_PHONE = "01632 960 001"
PHONES = {"front_door_phone": FRONT_DOOR_PHONE, "out_of_hours_phone": OUT_OF_HOURS_PHONE}


def status_of(contact: Contact) -> tuple[str, str]:
    """What a partner may know: received, or decided (a decision for every child), as a tag's text and colour."""
    return ("Decision made", "green") if contact.closed_at is not None else ("Received", "blue")


def _require_partner(request: HttpRequest) -> None:
    if not policy.is_partner(request.user):
        raise PermissionDenied("These pages are for partner agencies making online referrals.")


def submissions(request: HttpRequest) -> HttpResponse:
    """Your referrals, newest first, each with its reference and status."""
    _require_partner(request)
    page = Paginator(selectors.partner_submissions(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "front_door/partner_submissions.html", {
        "title": "Your referrals", "section": "partner_submissions", "page": page, "status_of": status_of, **PHONES,
    })


@partner_referral_limit
def new(request: HttpRequest) -> HttpResponse:
    """The online referral form: consent first, and when to call instead."""
    _require_partner(request)
    user = request.user
    form = PartnerReferralForm(request.POST or None, initial={
        "referrer_name": user.get_full_name(), "source": source_for_agency(user.agency)})
    if request.method == "POST" and form.is_valid():
        contact, children, adults = form.build()
        try:
            contact = services.partner_referral_submit(acting_user=user, contact=contact, children=children,
                                                       adults=adults)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Referral sent. Your reference is {contact.reference}")
            return redirect("partner:submitted", contact.pk)
    return render(request, "front_door/partner_form.html", {
        "title": "Make a referral", "section": "partner_new", "form": form, "agency": user.agency,
        "back_url": reverse("partner:submissions"), **PHONES,
    })


def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    """One of your referrals: its reference, what you sent and its status (never the decision)."""
    _require_partner(request)
    contact = selectors.partner_submission(request.user, pk)
    risk_labels = dict(RiskIndicator.choices)
    return render(request, "front_door/partner_submitted.html", {
        "title": f"Referral {contact.reference}", "section": "partner_submissions", "contact": contact,
        "status": status_of(contact), "risks": [risk_labels.get(code, code) for code in contact.risk_indicators],
        "back_url": reverse("partner:submissions"), **PHONES,
    })
