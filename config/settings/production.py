"""Production: secrets from the environment, HTTPS only, the second factor required."""

from config.settings.base import *  # noqa: F403
from config.settings.environment import env

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
HEARTH_REQUIRE_SECOND_FACTOR = True
HEARTH_SEED_ALLOWED = False  # the synthetic council never goes near a real one (hearth.seed.generator)
STATIC_ROOT = VAR_DIR / "static"  # collectstatic writes here; whitenoise serves it
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
