"""`make serve` and `make loadtest`: production's serving (Gunicorn, no debug, hashed and compressed static
files, the same headers) on this machine's loopback, over plain HTTP and with the demo's sign-ins.

What differs from production.py, and why: no HTTPS (there is no TLS on 127.0.0.1), so no redirect and no
secure-only cookies or HSTS; the second factor optional, as in the demo; and rate limits counted in each
Gunicorn worker's own memory, as there is no memcached here (production's limits are shared by every worker).
"""

from config.settings.base import *  # noqa: F403
from config.settings.environment import env_bool

DEBUG = False
HEARTH_REQUIRE_SECOND_FACTOR = env_bool("HEARTH_REQUIRE_SECOND_FACTOR", False)
STATIC_ROOT = VAR_DIR / "static"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
