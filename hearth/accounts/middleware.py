"""Sign-in is required everywhere but the sign-in pages; production also requires the second factor."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from hearth.accounts import policy

OPEN_PATHS = ("/accounts/sign-in", "/accounts/locked", "/static/", "/health")
SECOND_FACTOR_PATHS = ("/accounts/two-factor", "/accounts/sign-out")


class LoginRequiredMiddleware:
    """Deny by default: every page needs a signed-in user unless it is listed as open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PATHS):
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """Where the setting requires it, a signed-in user must confirm a TOTP code before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.HEARTH_REQUIRE_SECOND_FACTOR
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PATHS + SECOND_FACTOR_PATHS)
        ):
            # The page asked for goes along, so that the code leads on to it (the two-factor page checks it is ours).
            wanted = f"?{urlencode({'next': request.get_full_path()})}" if request.method == "GET" else ""
            return redirect(reverse("accounts:two_factor") + wanted)
        return self.get_response(request)


PARTNER_PATHS = ("/partner/", "/accounts/sign-out", "/accounts/two-factor", "/static/", "/health")


class PartnerConfinementMiddleware:
    """A partner agency's user reaches only their own online referrals, whatever URL they try."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if policy.is_partner(user) and not request.path.startswith(PARTNER_PATHS):
            if request.path == "/":
                return redirect("/partner/")
            policy.log_refused_path(user, request.path)
            raise Http404("Not found")
        return self.get_response(request)
