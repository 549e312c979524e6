"""`make bench`: production-like (no debug, cached templates) on a local database."""

from config.settings.base import *  # noqa: F403

DEBUG = False
HEARTH_REQUIRE_SECOND_FACTOR = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
