"""The home page, the health check, and the pages for a refused request."""

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django_ratelimit.exceptions import Ratelimited

from hearth.accounts import policy
from hearth.accounts.policy import Landing

logger = logging.getLogger(__name__)

# Where each place a user may land is (the policy decides which is theirs).
LANDING_URLS = {
    Landing.MY_WORK: "work:my_work",
    Landing.FRONT_DOOR: "front_door:worklist",
    Landing.FIGURES: "front_door:performance",
    Landing.CASE_SAMPLE: "inspection:my_sample",
    Landing.FIND_A_CHILD: "people:search",
    Landing.ADMINISTRATION: "accounts:administration",
    Landing.PARTNER: "partner:submissions",
}


def landing_url(user) -> str | None:
    """The URL name of the page where this user's work is, or None for the home page itself."""
    return LANDING_URLS.get(policy.landing(user))


def home(request: HttpRequest) -> HttpResponse:
    """Each role lands where its work is: a worker on "My work", the front door on its worklist, a leader on the
    figures, an inspector on their case sample, an administrator on administration."""
    target = landing_url(request.user)
    if target is not None:
        return redirect(target)
    return render(request, "core/home.html", {})


def health(request: HttpRequest) -> JsonResponse:
    """For a load balancer: the process is up and the database answers one query; 503 if it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.error("Health check: the database did not answer: %s", error.__class__.__name__)
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


# --- Refused requests (config/urls.py names these as Django's handlers). Django's defaults render 404.html
# and 500.html; these two add a page for a body too large (413) and for too many requests (429).

def _signed_in_or_anonymous(request: HttpRequest) -> None:
    """A request refused before sign-in was read (a host Hearth does not serve) is shown as signed out."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, or 413 with the limit named when the request's body was larger than Hearth accepts."""
    request.hearth_refused = exception.__class__.__name__
    _signed_in_or_anonymous(request)
    if isinstance(exception, RequestDataTooBig):
        limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        return render(request, "413.html", {"limit": f"{limit_mb:g} MB"}, status=413)
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its CSRF token, or with an old one (a page left open past the session's end)."""
    request.hearth_refused = "CsrfViewMiddleware"
    _signed_in_or_anonymous(request)
    return render(request, "403.html", {"exception": "The form you sent had expired. Go back, reload the page "
                                                     "and send it again. Nothing was saved."}, status=403)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403, or 429 when someone has made more requests of a kind than its rate limit allows."""
    _signed_in_or_anonymous(request)
    if isinstance(exception, Ratelimited):
        request.hearth_refused = "Ratelimited"
        response = render(request, "429.html", status=429)
        response["Retry-After"] = "60"
        return response
    return render(request, "403.html", {"exception": str(exception)}, status=403)
