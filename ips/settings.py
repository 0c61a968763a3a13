"""Trofast settings: one file, every deployment knob read from the environment.

Defaults are safe for development. With DJANGO_DEBUG unset (production) the
process refuses to start without SECRET_KEY, and every security header and
cookie flag is on.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# A development key only while debug is on. With debug off and no SECRET_KEY
# the setting stays empty: Django then refuses anything that needs the key
# (sessions, CSRF, signing: "The SECRET_KEY setting must not be empty") and
# `check --deploy` warns, while commands that need no key (makemigrations,
# migrate, check) still run.
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="dev-only-insecure-key-never-use-in-production-0123456789" if DEBUG else "",
)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Trofast's apps, bottom floor first (docs/architecture.md; lint-imports enforces it).
INSTALLED_APPS = [
    "audit",
    "ips",
    "candidates",
    "employers",
    "followup",
    "reports",
    "privacy",
    "intake",
    "importer",
    "demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "auditlog",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ips.middleware.SessionLimitsMiddleware",
    "ips.middleware.LoginRequiredMiddleware",
    "ips.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "audit.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "ips.middleware.QueryParametersMiddleware",
]

ROOT_URLCONF = "ips.urls"
WSGI_APPLICATION = "ips.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ips.context_processors.security",
            ],
            # User-entered text is shown isolated: {{ name|bidi }} (docs/security.md).
            "builtins": ["ips.templatetags.bidi"],
        },
    },
]

# An embedded SQLite file serves the first-run demo only; tests in CI and
# every deployment set DATABASE_URL to PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on the short aggregates of the
    # metrics and pages (measured in bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ips.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Two-factor login (TOTP, django-two-factor-auth on django-otp). Always on in
# production; only the local demo may switch it off, and then every page says so.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "Trofast"
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
TWO_FACTOR_PATCH_ADMIN = False
# Resetting someone's second factor or handing out an enrolment link needs the
# actor's own code entered within this many seconds.
SECOND_FACTOR_FRESH_SECONDS = env.int("SECOND_FACTOR_FRESH_SECONDS", default=300)
# A one-time enrolment link (choose a password, enrol the app) is valid this long.
ENROLMENT_LINK_HOURS = env.int("ENROLMENT_LINK_HOURS", default=72)

# Lockout (django-axes): a username is locked after AXES_FAILURE_LIMIT failed
# logins for AXES_COOLOFF_MINUTES, also for the right password.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "ips.security.login_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = [
    # Locking by address as well would lock a whole NAV office behind one NAT
    # address after five typos; usernames are what the issue asks us to lock.
    "axes.W006",
    # The covering indexes (Index(include=...)) of assignments and activities
    # serve PostgreSQL, where production runs; SQLite (the demo) builds them
    # without the included columns, which is only slower, never wrong.
    "models.W040",
]
# Twelve hours after login the session ends whatever the activity.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 3600)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="trofast@localhost")

# Sessions: 30 minutes idle, renewed by every request.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=1800)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): no inline script, style or handler anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": [], "payment": []}

# Audit log (django-auditlog): who changed what, from which address.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# How many reverse proxies of ours stand in front of Trofast. 0 (the default):
# X-Forwarded-For is ignored and the address is the connection's; N: the client
# is the N-th address from the right of X-Forwarded-For (common/proxies.py). Used
# by the audit log and by the lockout records alike.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "common.proxies.client_address"

# Production hardening: on whenever debug is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery: without a broker, tasks run eagerly in-process (demo only).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or "cache+memory://"
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Domain settings.
# Days without a contact before a caseload row is marked overdue.
CONTACT_OVERDUE_DAYS = env.int("CONTACT_OVERDUE_DAYS", default=14)
# Days on the waiting list before a referral is flagged.
WAITING_LIST_WARNING_DAYS = env.int("WAITING_LIST_WARNING_DAYS", default=14)
# Days after the last enrollment ended before a candidate is anonymised
# (373, as NAV's own IPS tool keeps records).
RETENTION_DAYS = env.int("RETENTION_DAYS", default=373)
# Days an author may still edit or delete an activity.
ACTIVITY_EDIT_DAYS = env.int("ACTIVITY_EDIT_DAYS", default=14)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Nightly jobs (django_celery_beat installs these entries in its tables):
# recompute the fidelity snapshots of the current month, quarter and year,
# and anonymise candidates past the retention period.
CELERY_BEAT_SCHEDULE = {
    "reports-nightly-recompute": {
        "task": "reports.tasks.nightly_recompute",
        "schedule": crontab(hour=2, minute=30),
    },
    "privacy-nightly-retention": {
        "task": "privacy.tasks.anonymise_expired_candidates",
        "schedule": crontab(hour=3, minute=15),
    },
}
# A task's state moves to STARTED when a worker takes it, so progress shows.
CELERY_TASK_TRACK_STARTED = True
# Without a broker (the demo) eager results are kept in memory too, so a
# requested recompute can be followed the same way.
CELERY_TASK_STORE_EAGER_RESULT = True
