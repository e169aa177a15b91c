"""One settings module for every deployment; each deploy-time choice comes from the environment.

SCRAIP_DEPLOYMENT is "development" (the default, used by `make demo` and the tests) or
"production". Production refuses to start without a secret key, allowed hosts and a database URL.
"""

import datetime
import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
DEPLOYMENT = env.str("SCRAIP_DEPLOYMENT", default="development")
if DEPLOYMENT not in {"development", "production"}:
    raise environ.ImproperlyConfigured("SCRAIP_DEPLOYMENT must be development or production")
PRODUCTION = DEPLOYMENT == "production"

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
    DATABASES = {"default": env.db("DATABASE_URL")}
    # A worker keeps its database connection between requests (for a minute, unless
    # SCRAIP_DB_CONN_MAX_AGE says otherwise) instead of opening one for each: on PostgreSQL a new
    # connection costs 2 ms before the page asks anything, a third of the lightest page. It is
    # checked before it is reused, so a restarted database costs a reconnection, not an error.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("SCRAIP_DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY", default="development-only-key-never-used-in-production"
    )
    ALLOWED_HOSTS = env.list(
        "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
    )
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on during a write; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue instead of failing half-way with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Tests use a file too: an in-memory database shared between threads fails at once with
    # "table is locked" instead of queueing, which would hide how the real one behaves.
    # One file per test process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default cost of a random page read (4.0) models spinning disks: on the solid
    # state storage servers have now it reads a council's items by a whole-table hash join
    # rather than its indexes (1.1 is the figure its manual suggests for such storage).
    # SCRAIP_PG_RANDOM_PAGE_COST changes it for a server that knows better.
    page_cost = env.float("SCRAIP_PG_RANDOM_PAGE_COST", default=1.1)
    # A page reads one council's rows: starting parallel workers for it costs more than they
    # save (the updates owed took 51 ms with them on the generated network, 38 ms without) and
    # takes cores from the requests beside it. SCRAIP_PG_PARALLEL_WORKERS gives them back.
    workers = env.int("SCRAIP_PG_PARALLEL_WORKERS", default=0)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={page_cost} -c max_parallel_workers_per_gather={workers}"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "csp",
    # Dependencies point one way, each app importing only those above it (see the README):
    "scraip.common",
    "scraip.councils",
    "scraip.plans",
    "scraip.followup",
    "reviews.apps.ReviewsConfig",
    "partnerships.apps.PartnershipsConfig",
    "scraip.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # PostgreSQL cannot store a NUL byte: such a request is refused before anything reads it.
    "scraip.common.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # What someone signed in is sent is theirs alone: never stored by a cache or the browser.
    "scraip.common.middleware.PrivateNoStoreMiddleware",
    # A form posted twice (a double click) saves once and lands where the first post did.
    "scraip.common.idempotency.IdempotentPostMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "scraip.common.security.SessionLifetimeMiddleware",
    "scraip.common.security.RefusedAccessLogMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes turns a refused sign-in into its lockout page, so it must see the final response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "scraip.urls"
WSGI_APPLICATION = "scraip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scraip.common.navigation.navigation",
                "scraip.councils.context_processors.current_person",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# A link to choose a password (an invitation, or "Forgot your password?") works once, for 3 days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
LOGIN_REDIRECT_URL = "plans:home"
LOGOUT_REDIRECT_URL = "login"

# One language, British English, written into the templates and messages: no translation
# machinery. Off, Django still formats dates the British way (scraip.formats.en_GB, read for
# LANGUAGE_CODE), and every date, URL and month name it prints skips looking up the active
# language (about 10% of the time of a long page's rows).
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
FORMAT_MODULE_PATH = ["scraip.formats"]

STATIC_URL = "static/"
# collectstatic fills this, and WhiteNoise serves it with debug off (production, `make demo`);
# with DJANGO_DEBUG=1 WhiteNoise serves straight from static/ instead.
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("SCRAIP_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, serve static files straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Soft delete (django-safedelete, scraip.common.softdelete): the column that says when.
SAFE_DELETE_FIELD_NAME = "deleted_at"

# History is evidence: the admin may show it but never "revert" from it.
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="scrutiny@example.gov.uk")

# Django never auto-creates users on this installation: accounts come from the admin or the demo.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sessions end after 30 idle minutes (every request pushes the expiry on) and, whatever the
# activity, 10 hours after sign-in (scraip.common.security.SessionLifetimeMiddleware).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIFETIME = datetime.timedelta(hours=10)

# Five wrong passwords for one username from one address lock that pair out for 15 minutes; the
# right password is refused too until then. Locking the pair, not the username alone, stops a
# stranger locking a councillor out from elsewhere.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "scraip.common.security.client_address"

# Every script and stylesheet is a file served from this site: no inline code, no third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if PRODUCTION:
    # The site is only ever served over HTTPS. Behind a proxy that ends TLS, set
    # DJANGO_BEHIND_HTTPS_PROXY=1 and have the proxy send X-Forwarded-Proto (and overwrite any
    # such header from the client), or every request will look like plain HTTP.
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
BEHIND_HTTPS_PROXY = env.bool("DJANGO_BEHIND_HTTPS_PROXY", default=False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
    # Sign-ins, failed sign-ins and refused access: kept at INFO whatever the root level.
    "loggers": {"scraip.security": {"level": env.str("SCRAIP_SECURITY_LOG_LEVEL", default="INFO")}},
}
