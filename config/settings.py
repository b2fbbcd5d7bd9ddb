"""Settings for Thi Đua CCHC, read from the environment.

Defaults are safe for one developer's machine: an embedded SQLite database under ``var/``, DEBUG off unless
asked for. ``APP_ENV=production`` turns on the deployment checks in ``thidua.core.checks``.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The default key is deliberately recognisable: the production check refuses to start with it.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret-thidua-cchc"

APP_ENV = os.environ.get("APP_ENV", "development")
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if APP_ENV == "production" else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Public address for QR posters and rating links, e.g. https://thidua.longphu.gov.vn; empty: the address each
# request arrived at (thidua/core/public_address.py).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")

VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "thidua.core",
    "thidua.organizations",
    "thidua.campaigns",
    "thidua.inspections",
    "thidua.initiatives",
    "thidua.surveys",
    "thidua.jobs",
    "thidua.awards",
    "thidua.reports",
    "thidua.notifications",  # after the pillars: its demo seed runs after theirs
    "thidua.public",
    "thidua.api",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thidua.core.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "thidua.core.context_processors.navigation",
            ],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL through DATABASE_URL.
SQLITE_PATH = VAR_DIR / "thidua.sqlite3"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend plus the "vi_icu" collation (Vietnamese alphabetical order, docs/open-data.md).
    DATABASES["default"]["ENGINE"] = "thidua.core.sqlite"
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers continue while one writer commits; IMMEDIATE takes the write lock at BEGIN so two
        # writers queue on the busy timeout instead of failing with "database is locked" mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # The test database is a file (in memory-backed /dev/shm where there is one), never ":memory:": Django shares
    # one in-memory connection between the test thread and the live server's threads, and two threads on one
    # SQLite connection deadlock when one waits for the connection's mutex while holding the GIL and the other
    # runs a Python function inside SQLite (the vi_icu collation, Django's date functions). A file gives each
    # thread its own connection.
    _shm = "/dev/shm"  # noqa: S108 (a per-process test database, named by its pid)
    _test_dir = Path(_shm) if os.access(_shm, os.W_OK) else Path(tempfile.gettempdir())
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_DATABASE_NAME") or str(_test_dir / f"thidua-test-{os.getpid()}.sqlite3")
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", int(os.environ.get("CONN_MAX_AGE", "60")))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("TEST", {})
    if os.environ.get("TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"]["NAME"] = os.environ["TEST_DATABASE_NAME"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organizations.User"

# The cache is shared by every worker and server: the database (its table is made by a migration, core 0004)
# unless REDIS_URL names a Redis. The citizens' rate limit counts in the same store (thidua.core.ratelimit).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "thidua_cache",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed logins allowed within the window before the form refuses: per username from one client address, and
# per client address across all usernames (an office may share one address, so that ceiling is higher).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_CLIENT_LIMIT = int(os.environ.get("LOGIN_FAILURE_CLIENT_LIMIT", "20"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "900"))

# Internationalisation: Vietnamese first, English selectable.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
# Front-end packages come from the npm registry (`make assets`); they are served from node_modules, never a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
if (NODE_MODULES / "htmx.org" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"))
if (NODE_MODULES / "echarts" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/echarts", NODE_MODULES / "echarts" / "dist"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Security: secure cookies and HSTS whenever the site is served over HTTPS in production.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): scripts and styles only from our own static files, or
# inline with the per-request nonce (``{{ request.csp_nonce }}``); no inline event handlers or style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if APP_ENV == "production":
    # Production defaults are the strict ones (``check --deploy`` clean); each can be relaxed from the
    # environment, e.g. SECURE_HSTS_INCLUDE_SUBDOMAINS=0 when a sub-domain of the site is still served over HTTP.
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer's health probe may speak plain HTTP to the app server.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Background jobs: Django's tasks API (the django-tasks backport on 5.2) with the database backend, so the
# embedded install needs no other service and several workers on several machines share one PostgreSQL queue
# (SELECT … FOR UPDATE SKIP LOCKED). `make run` starts one worker; `manage.py db_worker` starts more.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A running job's worker marks it alive this often; a job silent for JOBS_STALE_SECONDS is taken as killed and
# is run again (all-or-nothing kinds) or marked failed by the periodic recovery.
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "5"))
JOBS_STALE_SECONDS = float(os.environ.get("JOBS_STALE_SECONDS", "120"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Uploaded evidence is stored under MEDIA_ROOT and never served as static files.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Citizen satisfaction (thidua.surveys).
# Fewer responses than this in a period is "no data" against the target, never a verdict.
SURVEY_MIN_RESPONSES = int(os.environ.get("SURVEY_MIN_RESPONSES", "30"))
# Ratings one device (the page's cookie) may send to one collection point within the window (kiosk: one device
# for every citizen at the desk), and ratings from one address (an office's Wi-Fi: many citizens) to one point.
SURVEY_RATE_LIMIT = int(os.environ.get("SURVEY_RATE_LIMIT", "10"))
SURVEY_KIOSK_RATE_LIMIT = int(os.environ.get("SURVEY_KIOSK_RATE_LIMIT", "240"))
SURVEY_ADDRESS_RATE_LIMIT = int(os.environ.get("SURVEY_ADDRESS_RATE_LIMIT", "200"))
SURVEY_RATE_WINDOW_SECONDS = int(os.environ.get("SURVEY_RATE_WINDOW_SECONDS", "600"))
SURVEY_CLIENT_SALT = os.environ.get("SURVEY_CLIENT_SALT", SECRET_KEY)
# Only for bench/: exposes a bare view that inserts one row, the baseline the rating POST is measured against.
BENCH_BARE_VIEW = env_bool("BENCH_BARE_VIEW", False)
SURVEY_IMPORT_MAX_ROWS = int(os.environ.get("SURVEY_IMPORT_MAX_ROWS", "200000"))
SURVEY_IMPORT_MAX_BYTES = int(os.environ.get("SURVEY_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))

# A table export longer than this many rows runs as a job (its page shows progress and offers the file) instead of
# being written inside the web request.
EXPORT_INLINE_MAX_ROWS = int(os.environ.get("EXPORT_INLINE_MAX_ROWS", "5000"))

# Open data (/du-lieu-mo/, docs/open-data.md): the licence every dataset is published under, and its publisher
# (empty: the authorities that issued the campaigns).
OPEN_DATA_LICENSE_TITLE = os.environ.get(
    "OPEN_DATA_LICENSE_TITLE", "Creative Commons Attribution 4.0 (CC BY 4.0)"
)
OPEN_DATA_LICENSE_URL = os.environ.get(
    "OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_PUBLISHER = os.environ.get("OPEN_DATA_PUBLISHER", "")
# Notifications (thidua.notifications, docs/notifications.md). E-mail only when EMAIL_HOST is set; links in the
# messages start with SITE_URL.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
EMAIL_SUBJECT_PREFIX = ""
# The webhook channel (an SMS or Zalo OA gateway): each event is POSTed as JSON, signed with HMAC-SHA256.
NOTIFY_WEBHOOK_URL = os.environ.get("NOTIFY_WEBHOOK_URL", "").strip()
NOTIFY_WEBHOOK_SECRET = os.environ.get("NOTIFY_WEBHOOK_SECRET", "")
NOTIFY_WEBHOOK_TIMEOUT = float(os.environ.get("NOTIFY_WEBHOOK_TIMEOUT", "10"))
# Seconds before each further attempt of a failed delivery (so four attempts in all).
NOTIFY_RETRY_DELAYS = [int(item) for item in env_list("NOTIFY_RETRY_DELAYS", "60,300,1800")]
