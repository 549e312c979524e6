"""Production: secrets from the environment, HTTPS only, the second factor required."""

from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS
from config.settings.environment import env, env_int

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
HEARTH_REQUIRE_SECOND_FACTOR = True
STATIC_ROOT = VAR_DIR / "static"  # collectstatic writes here; whitenoise serves it  # noqa: F405
HEARTH_SEED_ALLOWED = False  # the synthetic council never goes near a real one (hearth.seed.generator)
# Behind that proxy, lockouts need the client's address, not the proxy's: say how many trusted proxies append to
# X-Forwarded-For (0 if the web processes are reached directly). Required, like the secret key (README).
env("HEARTH_PROXY_COUNT")
HEARTH_PROXY_COUNT = env_int("HEARTH_PROXY_COUNT", 0)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year by browsers) and gzip/Brotli copies, made once by collectstatic.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False  # serve only what collectstatic wrote

# --- HTTPS only, behind a reverse proxy that terminates TLS and says so in X-Forwarded-Proto.
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Rate limits are counted in memcached, which every web process shares; django_ratelimit's checks
# refuse a cache that is not shared or cannot count atomically.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": env("MEMCACHED_LOCATION", "127.0.0.1:11211"),
        "KEY_PREFIX": "hearth",
    },
}
INSTALLED_APPS = [*INSTALLED_APPS, "django_ratelimit"]
