"""Settings for wecresults, read from the environment.

DATABASE_URL        database (default: SQLite file db.sqlite3 beside manage.py)
DJANGO_SECRET_KEY   required unless DJANGO_DEBUG=1
DJANGO_DEBUG        1 for development, 0 (default) for production
DJANGO_ALLOWED_HOSTS comma-separated host names (default in debug: localhost names)
REDIS_URL           optional; when set the cache is Redis, else local memory
DJANGO_STATIC_ROOT  where collectstatic writes (default: staticfiles/ beside manage.py)
DJANGO_SECURE_SSL_REDIRECT, DJANGO_HSTS_SECONDS, DJANGO_HSTS_PRELOAD
                    production HTTPS knobs, see README ("Deploying")
WECRESULTS_TRUSTED_PROXIES number of our proxies in front of the app that append to
                    X-Forwarded-For (default 0: the connection's address is the client's)
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_count(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(f"{name} must be a whole number (0 or more), not {value!r}")
    return int(value)


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value (or set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in env_str("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "django_tables2",
    "django_filters",
    "ninja",
    "axes",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers kept per version of a session's results, with their CORS and validators:
    # a kept answer (or its 304) passes no other middleware but the security headers.
    "events.web.caching.ResultsCacheMiddleware",
    "events.web.cors.PublicApiMiddleware",
    # An ETag from the content, and 304, for every page that has no validator of its own.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "events.web.errors.NulCharacterMiddleware",
    # Innermost: a selector's NotFound from a page view becomes the 404 page.
    "events.web.errors.NotFoundMiddleware",
    # Last, as django-axes asks: turns a login refused for too many failures into its page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "wecresults.urls"
WSGI_APPLICATION = "wecresults.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # More than one thread or process may write (the admin's background imports, several
    # server processes). WAL: readers go on while one writes. IMMEDIATE: a transaction takes
    # the write lock when it begins, so a second writer waits for it (up to the timeout, in
    # seconds) instead of failing at once with "database is locked" when it tries to upgrade
    # its read lock. Options given in DATABASE_URL win.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# Redis must answer fast or not at all: a request waits at most this long (seconds) to
# connect and to read before it takes its answer from the database instead
# (events/results/versions.py). redis-py's connections made from a URL try a command once.
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The live feed (events/api/feed.py): a batch's largest body, and batches a token a minute,
# counted in the default cache (shared by every process with Redis; without it each process
# counts its own).
WECRESULTS_FEED_MAX_BYTES = 2_000_000
WECRESULTS_FEED_RATE = env_str("WECRESULTS_FEED_RATE") or "120/m"
# With a shared cache, the stamps of sessions' results live there too, so serving a kept
# answer needs no database query (events/results/versions.py).
WECRESULTS_STAMPS_IN_CACHE = env_bool("WECRESULTS_STAMPS_IN_CACHE", bool(REDIS_URL))
# Rendered results (pages, embeds, JSON), each kept under the version of its session's
# results: an entry never goes stale, so each server process keeps its own in memory and
# a hit costs no trip over the network.
CACHES["results"] = {
    # Django's in-memory cache without its pickling: kept answers are read back as stored.
    "BACKEND": "events.web.memory_cache.UnpickledMemoryCache",
    "LOCATION": "results",
    "TIMEOUT": 24 * 3600,
    "OPTIONS": {"MAX_ENTRIES": 500},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# No page of ours runs inline script or style, so a strict policy holds everywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env_str("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

LOGIN_URL = "admin:login"

# Login throttling (django-axes, README "Security"): 10 failed logins for one user name
# from one address lock that pair for 15 minutes (counted again from each attempt made
# while locked); other addresses, and other names from that address, may still log in.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True  # the right password clears that pair's count of failures
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "events.web.logins.locked_out"
AXES_CLIENT_IP_CALLABLE = "events.web.logins.client_ip"
# Behind proxies that append the client's address to X-Forwarded-For: how many of them.
WECRESULTS_TRUSTED_PROXIES = env_count("WECRESULTS_TRUSTED_PROXIES", 0)

# Reasons kept in the history can be as long as an editor's note (300 characters) and more.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Imports started in the admin run in a background thread and show their progress.
WECRESULTS_IMPORTS_IN_BACKGROUND = env_bool("WECRESULTS_IMPORTS_IN_BACKGROUND", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Who issued or revoked an API token (tokens keep no history of their own).
    "loggers": {"events.services.tokens": {"level": "INFO"}},
}
