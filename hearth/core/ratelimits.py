"""Rate limits on the pages a person could use to trawl records or flood the front door.

Counted per signed-in user in the default cache (django-ratelimit); a request over the limit gets Hearth's
429 page (hearth.core.views.permission_denied). The rates are settings, so a council can change them.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _rate(setting: str):
    """The rate named by a setting, read at each request (so a test or a council's settings may change it)."""
    return lambda group, request: getattr(settings, setting)


def child_search_limit(view):
    """Searches for a child: HEARTH_RATE_CHILD_SEARCH per user (30 a minute unless set)."""
    return ratelimit(group="child_search", key="user", rate=_rate("HEARTH_RATE_CHILD_SEARCH"), block=True)(view)


def partner_referral_limit(view):
    """Online referrals sent by a partner: HEARTH_RATE_PARTNER_REFERRAL per user (20 an hour unless set).
    Only sending counts; opening the form does not."""
    return ratelimit(group="partner_referral", key="user", rate=_rate("HEARTH_RATE_PARTNER_REFERRAL"),
                     method="POST", block=True)(view)
