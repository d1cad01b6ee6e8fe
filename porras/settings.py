"""Django settings for Porras, read from ``PORRAS_*`` environment variables.

Every value goes through a validated helper in :mod:`porras.lib.env`; a bad value stops start-up
with a message that names the variable.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from porras.lib import disclosure, env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.env_str("PORRAS_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")

try:
    PORRAS_ENV = env.env_choice("PORRAS_ENV", "development", ("development", "test", "production"))
    PRODUCTION = PORRAS_ENV == "production"
    DEBUG = env.env_bool("PORRAS_DEBUG", False)
    if PRODUCTION and DEBUG:
        raise env.ConfigError("PORRAS_DEBUG: must not be on when PORRAS_ENV=production")
    SECRET_KEY = env.env_secret(
        "PORRAS_SECRET_KEY", required=PRODUCTION, fallback_file=str(VAR_DIR / "secret_key")
    )
    PORRAS_PSEUDONYM_KEY = env.env_secret(
        "PORRAS_PSEUDONYM_KEY", required=PRODUCTION, fallback_file=str(VAR_DIR / "pseudonym_key")
    )
    # The key of the audit log's hash chain (HMAC-SHA-256). Kept outside the database, so that
    # whoever can write there cannot rewrite the log unnoticed; the same on every app server.
    PORRAS_AUDIT_KEY = env.env_secret(
        "PORRAS_AUDIT_KEY", required=PRODUCTION, fallback_file=str(VAR_DIR / "audit_key")
    )
    ALLOWED_HOSTS = env.env_list("PORRAS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
    PORRAS_REQUIRE_2FA = env.env_bool("PORRAS_REQUIRE_2FA", False)
    _DATABASE_URL = env.env_database_url("PORRAS_DATABASE_URL", f"sqlite:///{VAR_DIR / 'porras.sqlite3'}")
    # Disclosure control of every aggregate output (porras.lib.disclosure; docs/product.md §2E, §5):
    # counts below the minimum are withheld - a floor no request can lower, only raise - and counts
    # are rounded to the nearest multiple of the base for users who may not read the records
    # (1 = exact counts for everyone; 2 is refused, as it leaves some counts exact).
    # (Read in porras.lib.disclosure, which the command line's quick start reads too.)
    PORRAS_SUPPRESSION_MIN, PORRAS_ROUNDING_BASE = disclosure.configured()
    # Read again at each report; read here so that a bad value stops the start, not a report.
    PORRAS_DISCLOSURE_WORK_LIMIT = disclosure.work_limit()
    PORRAS_LOGIN_FAILURE_LIMIT = env.env_int("PORRAS_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
    # from anyone else the header is ignored (porras.accounts.client_address). Empty: no proxy.
    PORRAS_TRUSTED_PROXIES = env.env_networks("PORRAS_TRUSTED_PROXIES")
    PORRAS_MAX_BODY_BYTES = env.env_int("PORRAS_MAX_BODY_BYTES", 5 * 1024 * 1024, minimum=1024)
    # SQLite page cache per connection, in MiB (SQLite's own default is 2 MiB). With 64 MiB the
    # access report over 100,000 episodes reads its five-table join from memory the second time
    # (BENCHMARKS.md section 2b); it is a ceiling, filled only by what a connection reads.
    PORRAS_SQLITE_CACHE_MB = env.env_int("PORRAS_SQLITE_CACHE_MB", 64, minimum=2, maximum=4096)
    # Days within which a follow-up must happen after a suicide attempt or self-harm contact.
    # Default 7: docs/product.md §2D ("configurable number of days (default 7)").
    PORRAS_FOLLOWUP_DAYS = env.env_int("PORRAS_FOLLOWUP_DAYS", 7, minimum=1, maximum=90)
    PORRAS_THERAPY_GUARANTEE_WARN_DAYS = env.env_int("PORRAS_THERAPY_GUARANTEE_WARN_DAYS", 7, minimum=0, maximum=28)
    # Where dashboards and the report API read from: "db" (this database) or a data-set folder.
    PORRAS_REPORTS_SOURCE = env.env_str("PORRAS_REPORTS_SOURCE", "db") or "db"
    PORRAS_FHIR_BASE_URL = (env.env_str("PORRAS_FHIR_BASE_URL", "") or "").rstrip("/") or None
    if PORRAS_FHIR_BASE_URL and not PORRAS_FHIR_BASE_URL.startswith(("https://", "http://")):
        raise env.ConfigError("PORRAS_FHIR_BASE_URL: must be an absolute http(s) URL")
    # Navigator (helper nav): anonymous self-assessment saves allowed per client address per hour
    # (flooding protection, not clinical; then 429). Addresses are counted as keyed hashes in the
    # database (porras.navigator.limits). 30: a school's or a mobile operator's shared address
    # stays well within it, a script does not.
    PORRAS_NAVIGATOR_SAVES_PER_HOUR = env.env_int("PORRAS_NAVIGATOR_SAVES_PER_HOUR", 30, minimum=1, maximum=100_000)
    # E-mail (set-password links): one URL, see porras.lib.env.env_email. Unset: files under var/mail/
    # in development, nothing in production (the administrator is shown the link instead).
    _EMAIL = env.env_email("PORRAS_EMAIL_URL", file_dir=str((VAR_DIR / "mail").resolve()),
                           default_backend={"development": "file", "test": "locmem"}.get(PORRAS_ENV, "none"))
    DEFAULT_FROM_EMAIL = env.env_str("PORRAS_EMAIL_FROM", "") or "porras@localhost"
    if "@" not in DEFAULT_FROM_EMAIL:
        raise env.ConfigError("PORRAS_EMAIL_FROM: expected an e-mail address")
    # How long a one-time set-password link works (Django's password-reset tokens), in hours.
    PASSWORD_RESET_TIMEOUT = 3600 * env.env_int("PORRAS_PASSWORD_LINK_HOURS", 72, minimum=1, maximum=336)
    # Anonymous result PDFs allowed per client address per hour (a PDF costs ~0.2-0.5 s of CPU; then 429),
    # counted like the saves. 60: a class on a school's shared address can each download twice.
    PORRAS_NAVIGATOR_PDFS_PER_HOUR = env.env_int("PORRAS_NAVIGATOR_PDFS_PER_HOUR", 60, minimum=1, maximum=100_000)
    # Digital care at steps 0 and 1 (porras.selfcare). Not clinical figures, except the inactivity
    # alert: 14 days is the issue's default ("no activity for 14 days", docs/selfcare.md).
    PORRAS_SELFCARE_INACTIVE_DAYS = env.env_int("PORRAS_SELFCARE_INACTIVE_DAYS", 14, minimum=1, maximum=365)
    # How long a client's sign-in (bearer token or browser session) lasts, in hours.
    PORRAS_CLIENT_SESSION_HOURS = env.env_int("PORRAS_CLIENT_SESSION_HOURS", 8, minimum=1, maximum=168)
    # How long a single-use questionnaire code works, in days (sent before the next appointment).
    PORRAS_QUESTIONNAIRE_CODE_DAYS = env.env_int("PORRAS_QUESTIONNAIRE_CODE_DAYS", 14, minimum=1, maximum=90)
    # How long a resident's saved progress in an open programme is kept, in days (like the self-assessment).
    PORRAS_OPEN_PROGRESS_DAYS = env.env_int("PORRAS_OPEN_PROGRESS_DAYS", 30, minimum=1, maximum=365)
    # How long the first answer of a POST sent with an Idempotency-Key is kept for replays (the IETF
    # Idempotency-Key draft leaves expiry to the server, which must publish it): a retry after that is a
    # new request. Stored answers are client-level data; `porras purge` deletes the expired ones.
    PORRAS_IDEMPOTENCY_HOURS = env.env_int("PORRAS_IDEMPOTENCY_HOURS", 24, minimum=1, maximum=720)
except env.ConfigError as exc:
    raise ImproperlyConfigured(str(exc)) from None

globals().update(_EMAIL)  # EMAIL_BACKEND, EMAIL_HOST, ... as env_email read them
SERVER_EMAIL = DEFAULT_FROM_EMAIL

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "porras.web",
    "porras.accounts",
    "porras.methods",  # method cards: the one source of each method's facts, below navigator, care and competence
    "porras.instruments",
    "porras.navigator",
    "porras.catalogue",
    "porras.care",
    "porras.outcomes",
    "porras.programmes",
    "porras.ips",
    "porras.competence",
    "porras.fhir",
    "porras.integrated",  # integrated care duties: specialist consultation (docs/product.md §6 K)
    "porras.selfcare",  # digital care at steps 0 and 1: programmes, client access, measures between sessions
    "porras.idempotency",  # Idempotency-Key for REST and FHIR (moved out of porras/lib and care)
]

MIDDLEWARE = [
    "porras.accounts.middleware.ForwardedProtoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "porras.web.middleware.BodySizeLimitMiddleware",
    "porras.web.middleware.ApiJsonErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "porras.accounts.middleware.Require2FAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "porras.web.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "porras.urls"
WSGI_APPLICATION = "porras.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "porras" / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "porras.web.context_processors.shell",
                "porras.navigator.context_processors.crisis_contacts",
            ],
        },
    },
]


def _database(url: str) -> dict:
    config: dict = dict(dj_database_url.parse(url, conn_max_age=0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = str(config["NAME"])
        if name not in {"", ":memory:"}:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # WAL lets readers run beside one writer; the busy timeout waits for a lock instead of
            # failing, and IMMEDIATE transactions take the write lock up front so that two writers
            # never deadlock on a lock upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            f"PRAGMA cache_size=-{PORRAS_SQLITE_CACHE_MB * 1024};",
        }
        config["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")} if "--reuse-db" in sys.argv else {}
    else:
        # Keep connections between requests (with a health check before reuse): opening a
        # PostgreSQL connection per request costs more than most of our queries.
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database(_DATABASE_URL)}
# A cache shared by every server worker (rate-limit counters must not be per process).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "porras_cache",
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# django-axes: lock an account out after repeated failed logins. The lock is on the combination of
# username and client address, so that the colleagues who share an address (one office, one proxy)
# are not locked out with the one who mistyped, and the address is the client's own as our trusted
# proxies report it.
AXES_FAILURE_LIMIT = PORRAS_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "porras.accounts.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Porras"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "porras_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# One date format in every language (porras/web/formats/): 5.3.2026, and 5.3.2026 14.30 with a time.
FORMAT_MODULE_PATH = ["porras.web.formats"]
LOCALE_PATHS = [BASE_DIR / "porras" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_NAME = "porras_session"
CSRF_COOKIE_NAME = "porras_csrftoken"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env.env_bool("PORRAS_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = PORRAS_MAX_BODY_BYTES

NINJA_PAGINATION_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO" if not DEBUG else "DEBUG"},
    # WeasyPrint (porras.lib.pdf) logs every layout step at INFO; its warnings (a refused URL) stay.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "porras.web.views.csrf_failure"
