"""Settings shared by every environment. Each group says why it is set this way."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.settings.environment import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# --- Secrets and hosts: from the environment in production, safe defaults elsewhere.
SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# --- Applications: foundation apps first, then the journey, then derived apps.
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "simple_history",
    "hearth.core",
    "hearth.reference",
    "hearth.accounts",
    "hearth.timescales",
    "hearth.people",
    "hearth.casework",
    "hearth.front_door",
    "hearth.early_help",
    "hearth.children_in_need",
    "hearth.protection",
    "hearth.returns",
    "hearth.inspection",
    "hearth.oversight",
]

MIDDLEWARE = [
    "hearth.core.middleware.RequestLogMiddleware",  # outermost: times everything, sees the final status
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hearth.accounts.middleware.RequireSecondFactorMiddleware",
    "hearth.accounts.middleware.LoginRequiredMiddleware",
    "hearth.accounts.middleware.PartnerConfinementMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Lockout must see every failed attempt, so it sits last (django-axes' advice).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# --- Templates: Jinja2 with the GOV.UK Frontend macros for pages (it renders GOV.UK
# tables several times faster than Django templates); Django templates only for admin.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "hearth" / "templates"],
        "APP_DIRS": True,  # each app's pages live in its jinja2/<app>/ folder
        "OPTIONS": {"environment": "hearth.core.jinja.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.DjangoTemplates"

# --- Database: DATABASE_URL selects it; SQLite under var/ is the embedded default.
# PostgreSQL connections are pooled: opening one per request costs 30-70% of throughput.
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 20}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers carry on while one writer commits; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;",
    }
else:
    raise ImproperlyConfigured("DATABASE_URL must name PostgreSQL or SQLite.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's own sign-in, which also refuses an inspector's account outside its inspection's dates.
    "hearth.inspection.access.InspectionWindowBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lock an account after five failed sign-ins in a row from one address, for 30 minutes: someone elsewhere
# cannot lock a worker out by typing their username. One address is also stopped after
# HEARTH_ADDRESS_FAILURE_LIMIT failures across every username (one password tried on many accounts); the
# council's offices may share one address, so it is well above a day's mistyping (hearth/accounts/lockout.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "hearth.accounts.lockout.SignInLockout"
HEARTH_ADDRESS_FAILURE_LIMIT = env_int("HEARTH_ADDRESS_FAILURE_LIMIT", 50)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the locked page can then say when the lock ends
# Behind reverse proxies, the client's address is read from X-Forwarded-For (README, "Behind a reverse proxy").
AXES_CLIENT_IP_CALLABLE = "hearth.accounts.lockout.client_address"
HEARTH_PROXY_COUNT = env_int("HEARTH_PROXY_COUNT", 0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hearth.accounts.views.locked_out"
AXES_VERBOSE = False
# The second factor: production requires it; demo and tests may switch it off.
HEARTH_REQUIRE_SECOND_FACTOR = env_bool("HEARTH_REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = "Hearth"

# --- Sessions end after 30 minutes without a request, when the browser closes, 12 hours after
# sign-in, and everywhere at once when the user signs out. They are kept on the server (a copied
# signed cookie would outlive signing out): the contents in the per-process cache (CACHES' default,
# local memory), and one UPDATE per request that checks the session still stands in the database and
# slides its expiry on (hearth/accounts/sessions.py says why cached_db alone is not enough).
SESSION_ENGINE = "hearth.accounts.sessions"
SESSION_COOKIE_AGE = 30 * 60
HEARTH_SESSION_MAX_AGE = 12 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Language and time: UTC stored, Europe/London shown.
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

# --- Static files: GOV.UK Frontend compiled once and committed under hearth/static.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "hearth" / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from hearth/static without collectstatic, in dev and tests

# --- Django's admin writes around the services (no history user, no audit event, no rules),
# so it is mounted only in local development; administration has its own pages.
HEARTH_DJANGO_ADMIN = False

# --- Names shown on pages.
HEARTH_COUNCIL_NAME = env("HEARTH_COUNCIL_NAME", "Wrekinshire Council")

# --- Supervision: how many days may pass between a worker's supervisions before one is overdue.
HEARTH_SUPERVISION_EVERY_DAYS = int(env("HEARTH_SUPERVISION_EVERY_DAYS", "28"))

# --- Serving: headers, limits and logs (docs/adr/0007-production-serving.md).
# The Content Security Policy, in every environment, so the browser tests prove the pages work under it. The
# one inline script is GOV.UK Frontend's template's, which marks <body> as having JavaScript before anything
# paints; it is allowed by its hash (tests/test_serving.py checks the hash against the template).
GOVUK_TEMPLATE_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", GOVUK_TEMPLATE_SCRIPT_HASH],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "hearth.core.views.csrf_failure"  # Hearth's 403 page, saying what to do
# A request body over 1 MB (a case note of about 500 pages) is refused with Hearth's 413 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Rate limits (django-ratelimit), per signed-in user, counted in the default cache: finding children, and
# partners' online referrals. Several web processes need a cache they share (production.py uses memcached).
HEARTH_RATE_CHILD_SEARCH = env("HEARTH_RATE_CHILD_SEARCH", "30/m")
HEARTH_RATE_PARTNER_REFERRAL = env("HEARTH_RATE_PARTNER_REFERRAL", "20/h")
RATELIMIT_USE_CACHE = "default"
# One JSON line per request (hearth.core.middleware) and per log record; a refused request (4xx) logs only
# its request line, never Django's traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "hearth.core.logs.JsonFormatter"}},
    "filters": {"refusals": {"()": "hearth.core.logs.DropRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["refusals"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {"hearth.requests": {"level": env("HEARTH_REQUEST_LOG_LEVEL", "INFO")}},
}
