"""Who is stopped from signing in after failed attempts, for how long, and from which address.

django-axes counts failed sign-ins. It locks an account only from the address the failures came from
(AXES_LOCKOUT_PARAMETERS: username and address together), so someone elsewhere cannot lock a worker out
by typing their username. This handler adds a second, higher limit on one address across every username
(HEARTH_ADDRESS_FAILURE_LIMIT), which stops one password being tried against many accounts. A council's
offices may reach Hearth from one shared address, so that limit sits well above a day's mistyping there.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest

ACCOUNT = "account"  # this account, from this address
ADDRESS = "address"  # every account, from this address


@dataclass(frozen=True)
class Lockout:
    """A lock on signing in: what it stops, and when it ends at the latest."""

    what: str
    until: datetime


def _failures(attempts) -> tuple[int, datetime | None]:
    counted = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    return counted["failures"] or 0, counted["last"]


def lockout_for(request: HttpRequest, credentials: dict | None = None) -> Lockout | None:
    """The lock that stops this sign-in, if any: on this account from this address, or on the address."""
    recent = AccessAttempt.objects.filter(ip_address=request.axes_ip_address,
                                          attempt_time__gte=get_cool_off_threshold(request))
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials)
    if username is not None:
        failures, last = _failures(recent.filter(username=username))
        if failures >= settings.AXES_FAILURE_LIMIT:
            return Lockout(ACCOUNT, last + cool_off)
    failures, last = _failures(recent)
    if failures >= settings.HEARTH_ADDRESS_FAILURE_LIMIT:
        # Failures age out one by one, so the address may open sooner; it opens by this time at the latest.
        return Lockout(ADDRESS, last + cool_off)
    return None


class SignInLockout(AxesDatabaseHandler):
    """Axes' database handler, with the address limit beside its account-from-address limit."""

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self._address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not request.axes_locked_out and self._address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    @staticmethod
    def _address_locked(request) -> bool:
        failures, _ = _failures(AccessAttempt.objects.filter(ip_address=request.axes_ip_address,
                                                             attempt_time__gte=get_cool_off_threshold(request)))
        return failures >= settings.HEARTH_ADDRESS_FAILURE_LIMIT


def client_address(request: HttpRequest) -> str | None:
    """The address a sign-in came from (AXES_CLIENT_IP_CALLABLE).

    Without a proxy, the connection's own address. Behind HEARTH_PROXY_COUNT trusted reverse proxies, each
    of which appends the address it was reached from to X-Forwarded-For, the client is the entry that many
    places from the right: anything further left was written by the client and is not trusted.
    """
    connection = request.META.get("REMOTE_ADDR")
    proxies = settings.HEARTH_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return _address(forwarded[-proxies]) or _address(connection)
    return _address(connection)


def _address(text: str | None) -> str | None:
    """A well-formed IP address, or None (the attempt log stores addresses, and refuses anything else)."""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
