"""Settings shared by every environment. Each group says why it is set this way."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.settings.environment import env, env_bool, env_list

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
    "hearth.inspection",
    "hearth.oversight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
# Lock an account after five failed sign-ins in a row, for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # lockout by account, not address: the council shares one NAT address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hearth.accounts.views.locked_out"
AXES_VERBOSE = False
# The second factor: production requires it; demo and tests may switch it off.
HEARTH_REQUIRE_SECOND_FACTOR = env_bool("HEARTH_REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = "Hearth"

# --- Sessions end after 30 minutes without a request, and when the browser closes.
# Signed-cookie sessions: no session query on any page (each request refreshes the cookie,
# which a database session would have to write). Signed, not encrypted, so they hold only
# ids; a disabled account is signed out on its next request, as the user is re-read each time.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_AGE = 30 * 60
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

# --- Names shown on pages.
HEARTH_COUNCIL_NAME = env("HEARTH_COUNCIL_NAME", "Wrekinshire Council")

# --- Supervision: how many days may pass between a worker's supervisions before one is overdue.
HEARTH_SUPERVISION_EVERY_DAYS = int(env("HEARTH_SUPERVISION_EVERY_DAYS", "28"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
