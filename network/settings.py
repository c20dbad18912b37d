"""Settings for the ONSE portal: one module, read from the environment (see .env.example).

Development defaults are safe to run locally; production is ``DEBUG=false`` plus the variables that
``.env.example`` marks as required, and then ``manage.py check --deploy`` reports nothing.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production-0123456789abcdef")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The licence of the open-data exports and feeds of published public practices (docs/open-data.md).
OPEN_DATA_LICENCE = {
    "name": env("OPEN_DATA_LICENCE_NAME", default="CC BY 4.0"),
    "url": env("OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"),
}

INSTALLED_APPS = [
    "network",  # first: its templates (base, registration, admin tweaks) win
    "experts",
    "practices",
    "forums",
    "advisory",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",  # Django's widget templates for FORM_RENDERER below
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django_filters",
    "taggit",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "network.middleware.PermissionsPolicyMiddleware",
    "network.middleware.AllowedMethodsMiddleware",  # TRACE, PUT, DELETE... get 405 before anything else
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "network.middleware.RejectInvalidTextMiddleware",  # NUL / invalid UTF-8 anywhere: 400, never a 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "network.middleware.RateLimitedStatusMiddleware",
    "network.middleware.StaffMFARequiredMiddleware",
    "network.middleware.LastSeenMiddleware",  # last_seen_at + MEMBER_SEEN_HOOKS, once an hour
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"

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
                "network.context_processors.membership",
                "forums.context_processors.notifications",
            ],
        },
    },
]

# Every form (ours, allauth's, the admin's) renders through the project's templates: text inputs and
# textareas get dir="auto" there (templates/django/forms/widgets/), not field by field.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Data -------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/onse")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "network.cache.SharedClientRedisCache",  # Django's, one client per connection pool
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "onse",
    },
    # What can always be rebuilt (facet counts, result counts): versioned by namespace, and Redis being away
    # means "not cached", never an error (network/cache.py).
    "pages": {
        "BACKEND": "network.cache.FailOpenRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "onse-pages",
        # A server that does not answer costs a page at most this long, once per cache call.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
}
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
# A visitor's whole page (network/cache.py, cache_for_visitors): bumped with its data, and never older than this.
VISITOR_CACHE_TIMEOUT = env.int("VISITOR_CACHE_TIMEOUT", default=60)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts (django-allauth) -----------------------------------------------------------------------
AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "network:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ONSE] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a POST confirms: mail scanners that follow links confirm nothing
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# Sign-in limits (docs/security.md explains each). No limit counts failures per address alone: colleagues
# behind one NAT or mobile carrier never share a lock. Backed by the Redis cache above.
ACCOUNT_RATE_LIMITS = {
    # Any sign-in request from one address, right or wrong: a one-minute brake on spraying many accounts.
    "login": "60/m/ip",
    # Wrong passwords (and wrong second-factor codes) for one account from everywhere. One address can make at
    # most 10 in 10 minutes (the limit below), so a lone stranger can never reach 20.
    "login_failed": "20/10m/key",
    # Wrong passwords (and codes) for one account from one address: the person who mistypes waits, briefly.
    "login_failed_from_address": "5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Limits "per address" need the visitor's address, not the load balancer's: count the proxies we run (each
# appends to X-Forwarded-For), or name the header the proxy sets (e.g. X-Real-IP). 0/unset: REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None)
ACCOUNT_ADAPTER = "network.adapters.AccountAdapter"
# Tell people when their password, email addresses or two-factor settings change: a stranger's change is noticed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# The second step of staff (and members') sign-in counts wrong codes like wrong passwords (network/account_forms.py).
MFA_FORMS = {
    "authenticate": "network.account_forms.AuthenticateForm",
    "reauthenticate": "network.account_forms.ReauthenticateForm",
}
# allauth's forms in the portal's wording ("Keep me signed in", sentence-case labels); behaviour unchanged.
ACCOUNT_FORMS = {
    "login": "network.account_forms.LoginForm",
    "signup": "network.account_forms.SignupForm",
    "change_password": "network.account_forms.ChangePasswordForm",
    "set_password": "network.account_forms.SetPasswordForm",
    "reset_password": "network.account_forms.ResetPasswordForm",
    "reset_password_from_key": "network.account_forms.ResetPasswordKeyForm",
    "add_email": "network.account_forms.AddEmailForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ONSE"
DEMO_PASSWORD = env("DEMO_PASSWORD", default="southsouth-demo")

# --- Internationalisation ----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("ru", _("Russian")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(DATA_DIR / "media"))
# Members-only attachments (network/attachments.py) live apart from MEDIA_ROOT, which is public: only a view
# that checked visibility serves them. Production on S3-compatible storage: docs/attachments.md.
ATTACHMENTS_ROOT = env.path("ATTACHMENTS_ROOT", default=str(DATA_DIR / "attachments"))
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": {"BACKEND": "network.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Email -------------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ONSE <no-reply@onse.example.org>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Where members' replies and questions go (Reply-To of every email, contact links on status pages).
SUPPORT_EMAIL = env("SUPPORT_EMAIL", default="onse-support@onse.example.org")
EMAIL_OUTBOX_DIR = DATA_DIR / "outbox"
if "EMAIL_URL" in env or not DEBUG:  # production must name its SMTP server: no silent outbox
    globals().update(env.email_url("EMAIL_URL"))
else:
    # Development: every message is written as an .eml file that /dev/outbox/ lists (staff, DEBUG only).
    EMAIL_BACKEND = "network.dev_outbox.OutboxEmailBackend"

# --- Digests ---------------------------------------------------------------------------------------
# Dotted paths of `section(user, since) -> DigestSection | None` functions, one per app with news for
# members, in the order the digest shows them (network/digest.py).
DIGEST_SECTIONS: list[str] = [
    "forums.digest.followed_section",
    "practices.digest.section",
    "forums.digest.discussions_section",
    "experts.digest.section",
    "advisory.digest.offers_section",
    "forums.digest.updates_section",
]
# Digests leave at this hour (UTC): daily every day, weekly on DIGEST_WEEKDAY (0 = Sunday … 6 = Saturday, cron).
DIGEST_HOUR_UTC = env.int("DIGEST_HOUR_UTC", default=6)
DIGEST_WEEKDAY = env.int("DIGEST_WEEKDAY", default=1)
# Deliveries per Celery task (one SMTP connection each) and items listed per section before "and N more".
DIGEST_CHUNK_SIZE = env.int("DIGEST_CHUNK_SIZE", default=200)
DIGEST_SECTION_LIMIT = 5

# --- Your data ---------------------------------------------------------------------------------------
# Dotted paths, one function per app that stores a person's data (network/your_data.py): its sections of the
# member's download, and what it removes or keeps when the member deletes their account.
PERSONAL_DATA_EXPORTERS: list[str] = [
    "experts.your_data.export",
    "practices.your_data.export",
    "forums.your_data.export",
    "advisory.your_data.export",
]
ACCOUNT_DELETION_HOOKS: list[str] = [
    "experts.your_data.delete",
    "practices.your_data.delete",
    "forums.your_data.delete",
    "advisory.your_data.delete",
]

# --- Hooks (network/hooks.py) ------------------------------------------------------------------------
# Dotted paths of functions network's services call, in its transaction, so apps react without network
# importing them. `f(*, membership)` once an application is approved; `f(*, user)` once a member changed
# their name, position, organisation or country.
MEMBERSHIP_APPROVED_HOOKS: list[str] = ["experts.services.profiles.profile_create_for"]
MEMBER_DETAILS_CHANGED_HOOKS: list[str] = ["experts.services.profiles.profile_member_details_changed"]
# `f(*, user, at)` when a signed-in person is stamped "seen" (network.middleware.LastSeenMiddleware, once an hour).
MEMBER_SEEN_HOOKS: list[str] = ["experts.services.profiles.profile_seen"]
# `f(*, plan) -> dict[str, int]` and `f(*, plan) -> None`: each app's scale data, after network's members, and
# its check against the services (manage.py seed_scale, network/scale.py).
SCALE_SEED_HOOKS: list[str] = ["experts.scale.seed", "practices.scale.seed", "forums.scale.seed"]
SCALE_CHECK_HOOKS: list[str] = ["experts.scale.check", "practices.scale.check", "forums.scale.check"]
# `f(*, password, moderator) -> dict[str, int]`: each app's demo data, after network's (seed_demo).
DEMO_SEED_HOOKS: list[str] = [
    "experts.demo.seed_experts",
    "practices.demo.seed_practices",
    "forums.demo.seed_forums",
    "advisory.demo.seed_advisory",
]
# `f(*, user) -> dict | None`: a section of the members' home, a dict with "template" (included with the dict
# as `section`) and whatever that template reads; None shows nothing. In the order the page shows them.
MEMBERS_HOME_SECTIONS: list[str] = [
    "advisory.home.members_home_section",
    "forums.home.quick_updates_section",
    "forums.home.members_home_section",
]

# --- Celery ------------------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {"task": "network.tasks.sessions_clear_expired", "schedule": 24 * 3600},
    # Decision emails whose task never reached the broker (it was down) or gave up: queued again.
    "send-due-notifications": {"task": "network.tasks.notifications_send_due", "schedule": 5 * 60},
    # Time-boxed e-discussions: followers told when one opens, closed to posts at their end.
    "close-due-consultations": {"task": "forums.tasks.consultations_close_due", "schedule": 5 * 60},
    # Digests: planned at the configured hour, sent in chunks; rows a dead worker left half-sent are flagged.
    "digests-daily": {
        "task": "network.tasks.digests_schedule",
        "schedule": crontab(minute=0, hour=DIGEST_HOUR_UTC),
        "kwargs": {"frequency": "daily"},
    },
    "digests-weekly": {
        "task": "network.tasks.digests_schedule",
        "schedule": crontab(minute=0, hour=DIGEST_HOUR_UTC, day_of_week=DIGEST_WEEKDAY),
        "kwargs": {"frequency": "weekly"},
    },
    "digests-interrupted": {"task": "network.tasks.digests_interrupted_mark", "schedule": 15 * 60},
}
CELERY_TIMEZONE = "UTC"

# --- Security ----------------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY: dict[str, list[str]] = {  # sent by network.middleware.PermissionsPolicyMiddleware
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = env.bool("LANGUAGE_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers and compose probe over plain HTTP

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Django's admin sets a few style="" attributes; scripts stay strict.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
