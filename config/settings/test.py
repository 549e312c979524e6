"""The test suite: fast hashing, no second factor unless a test asks for it."""

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HEARTH_REQUIRE_SECOND_FACTOR = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Rate limits high enough that no test meets one by accident; the tests of the limits set their own.
HEARTH_RATE_CHILD_SEARCH = "10000/m"
HEARTH_RATE_PARTNER_REFERRAL = "10000/m"
