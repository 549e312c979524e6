"""Local development and `make demo`: no debug pages unless DEBUG=true, the second factor optional.

The demo is what a council's staff and partners first meet, so it shows Hearth's own error pages (a styled
404 for an address guessed), never Django's debug page; set DEBUG=true to develop. With DEBUG off,
WhiteNoise still serves the static files straight from hearth/static (WHITENOISE_USE_FINDERS in base.py),
so the demo needs no collectstatic.
"""

from config.settings.base import *  # noqa: F403
from config.settings.environment import env, env_bool

DEBUG = env_bool("DEBUG", False)
# The demo prints one login per role; a TOTP device would stop a first look.
HEARTH_REQUIRE_SECOND_FACTOR = env_bool("HEARTH_REQUIRE_SECOND_FACTOR", False)
# Django's admin, for looking at tables while developing; never mounted in test or production.
HEARTH_DJANGO_ADMIN = env_bool("HEARTH_DJANGO_ADMIN", True)
# The demo council's assessment team receives referrals of children no social care team holds: the demo manager's,
# so their referral queue is not empty on a first look.
HEARTH_CIN_ASSESSMENT_TEAM = env("HEARTH_CIN_ASSESSMENT_TEAM", "Safeguarding North 1")
