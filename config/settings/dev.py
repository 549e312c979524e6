"""Local development and `make demo`: debug pages on, the second factor optional."""

from config.settings.base import *  # noqa: F403
from config.settings.environment import env_bool

DEBUG = env_bool("DEBUG", True)
# The demo prints one login per role; a TOTP device would stop a first look.
HEARTH_REQUIRE_SECOND_FACTOR = env_bool("HEARTH_REQUIRE_SECOND_FACTOR", False)
# Django's admin, for looking at tables while developing; never mounted in test or production.
HEARTH_DJANGO_ADMIN = env_bool("HEARTH_DJANGO_ADMIN", True)
