"""Production: secrets from the environment, HTTPS only, the second factor required."""

from config.settings.base import *  # noqa: F403
from config.settings.environment import env, env_int

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
HEARTH_REQUIRE_SECOND_FACTOR = True
STATIC_ROOT = VAR_DIR / "static"  # collectstatic writes here; whitenoise serves it
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind that proxy, lockouts need the client's address, not the proxy's: say how many trusted proxies append to
# X-Forwarded-For (0 if the web processes are reached directly). Required, like the secret key (README).
env("HEARTH_PROXY_COUNT")
HEARTH_PROXY_COUNT = env_int("HEARTH_PROXY_COUNT", 0)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
