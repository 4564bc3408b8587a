"""Settings shared by every environment.

Every value comes from an environment variable prefixed ``ACC_`` (or a conventional
name such as DATABASE_URL / REDIS_URL), with development-safe defaults. Secrets may
also be given as ``<NAME>_FILE`` pointing at a file, as Docker secrets are.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()


def env_secret(name: str, default: str | None = None) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from exc
    return env.str(name, default=default)


def env_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default="")
    if raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false)")


def env_int(name: str, default: int) -> int:
    raw = env.str(name, default="")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc


DEFAULT_SECRET_KEY = "dev-insecure-secret-key-change-me"  # noqa: S105 - refused in production
SECRET_KEY = env_secret("ACC_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("ACC_DEBUG", False)
ALLOWED_HOSTS = env.list("ACC_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("ACC_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served locally: no CDN, machines may be offline
    "drf_standardized_errors",
    "guardian",
    "pgtrigger",
    "pghistory",
    "django_htmx",
    "accountability.core.apps.CoreConfig",
    "actors",
    "appointments",
    "meetings",
    "training",
    "inspections",
]

MIDDLEWARE = [
    "accountability.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Reads each user's rights once per request (accountability.core.scoping.grants).
    "accountability.core.scoping.ScopeCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Attaches the acting user and URL to every audit event written by the request.
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "accountability.urls"
WSGI_APPLICATION = "accountability.wsgi.application"
ASGI_APPLICATION = "accountability.asgi.application"

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
                "accountability.core.context_processors.navigation",
            ],
        },
    },
]

# DATABASE_URL wins; without it the embedded launcher (accountability/embedded.py)
# starts PostgreSQL from the pgserver wheel and exports DATABASE_URL before Django loads.
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Use `make run` / `make test`, which start an embedded "
        "PostgreSQL, or point DATABASE_URL at a server."
    )
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("ACC_DB_CONN_MAX_AGE", 0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "actors.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("ACC_MEDIA_ROOT", default=str(DATA_DIR / "media"))

# Uploads: staff-list files are read in memory; anything bigger is refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STAFF_LIST_MAX_BYTES = env_int("ACC_STAFF_LIST_MAX_BYTES", 5 * 1024 * 1024)
STAFF_LIST_MAX_ROWS = env_int("ACC_STAFF_LIST_MAX_ROWS", 20000)
# A sheet still being read after this many seconds is refused (gunicorn's timeout is 30 s).
STAFF_LIST_MAX_READ_SECONDS = env_int("ACC_STAFF_LIST_MAX_READ_SECONDS", 20)

EMAIL_BACKEND = env.str(
    "ACC_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("ACC_DEFAULT_FROM_EMAIL", default="security-accountability@localhost")
EMAIL_HOST = env.str("ACC_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("ACC_EMAIL_PORT", 25)

# --- Audit trail (django-pghistory): database triggers write every change, even bulk ones.
PGHISTORY_APPEND_ONLY = True  # event tables refuse UPDATE and DELETE, in the database
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# --- django-guardian: rights live on scope objects only (see accountability.core.scoping).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# --- REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "accountability.core.api.pagination.CursorPagination",
    # JSON nested too deeply is a 400, not a 500 (accountability.core.api.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "accountability.core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "accountability.core.api.renderers.SafeCSVRenderer",
        "accountability.core.api.renderers.SafeXLSXRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_standardized_errors.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
DRF_STANDARDIZED_ERRORS = {
    "ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": False,
    # Bodies Django refuses (too big, too many fields) answer 413/400, not 500.
    "EXCEPTION_HANDLER_CLASS": "accountability.core.api.exceptions.ExceptionHandler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Field security accountability API",
    "DESCRIPTION": "Compliance data of the UN field security accountability framework (A/57/365).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SecurityPhaseEnum": "actors.models.geography.SecurityPhase.choices",
        "ScopeKindEnum": "actors.models.roles.ScopeKind.choices",
        "ValidationErrorEnum": "drf_standardized_errors.openapi_serializers.ValidationErrorEnum.choices",
        "ClientErrorEnum": "drf_standardized_errors.openapi_serializers.ClientErrorEnum.choices",
        "ServerErrorEnum": "drf_standardized_errors.openapi_serializers.ServerErrorEnum.choices",
        "ErrorCode401Enum": "drf_standardized_errors.openapi_serializers.ErrorCode401Enum.choices",
        "ErrorCode403Enum": "drf_standardized_errors.openapi_serializers.ErrorCode403Enum.choices",
        "ErrorCode404Enum": "drf_standardized_errors.openapi_serializers.ErrorCode404Enum.choices",
        "ErrorCode405Enum": "drf_standardized_errors.openapi_serializers.ErrorCode405Enum.choices",
        "ErrorCode406Enum": "drf_standardized_errors.openapi_serializers.ErrorCode406Enum.choices",
        "ErrorCode415Enum": "drf_standardized_errors.openapi_serializers.ErrorCode415Enum.choices",
        "ErrorCode429Enum": "drf_standardized_errors.openapi_serializers.ErrorCode429Enum.choices",
        "ErrorCode500Enum": "drf_standardized_errors.openapi_serializers.ErrorCode500Enum.choices",
    },
    "POSTPROCESSING_HOOKS": ["drf_standardized_errors.openapi_hooks.postprocess_schema_enums"],
}

# --- Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport under
# .data/broker so that `make run` needs no server and scheduled jobs still really run.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    _broker_dir = DATA_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
# The schedule is static, in accountability/celery.py; this file only keeps its last-run times.
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A personal answer link is a credential: Django's lines naming a request's path ("Not
    # Found: <path>", "Bad Request: <path>", CSRF refusals) mask it, before any handler.
    "filters": {
        "signed_links": {
            "()": "accountability.core.logfilters.RedactPaths",
            "patterns": [r"(/consultations/answer/)[^/\s\"]+"],
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("ACC_LOG_LEVEL", default="INFO")},
    # Every PDF the worker renders logged thousands of INFO lines (fontTools' subsetting of each
    # embedded font, WeasyPrint's steps), burying the digests and errors; their warnings stay.
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "django.request": {"filters": ["signed_links"]},
        "django.security.csrf": {"filters": ["signed_links"]},
    },
}

# Days after which a staff list not re-confirmed counts as stale (¶16(d)).
STAFF_LIST_CONFIRMATION_MAX_AGE_DAYS = env_int("ACC_STAFF_LIST_CONFIRMATION_MAX_AGE_DAYS", 90)

# Working days the SMT has to answer a nomination before the DO may decide (¶17, ¶19).
CONSULTATION_WORKING_DAYS = env_int("ACC_CONSULTATION_WORKING_DAYS", 5)
# The longest a personal answer link of an SMT member with no login works, in days; it stops
# sooner, when the consultation closes (appointments.services.consultation_links).
CONSULTATION_LINK_MAX_AGE_DAYS = env_int("ACC_CONSULTATION_LINK_MAX_AGE_DAYS", 14)
if not 1 <= CONSULTATION_LINK_MAX_AGE_DAYS <= 60:
    raise ImproperlyConfigured("ACC_CONSULTATION_LINK_MAX_AGE_DAYS must be between 1 and 60")
# Days before an appointment ends that the DO is told (¶17, ¶19 vacancies).
APPOINTMENT_ENDING_NOTICE_DAYS = env_int("ACC_APPOINTMENT_ENDING_NOTICE_DAYS", 30)
# Absolute address of the site, for links in emails and letters.
SITE_URL = env.str("ACC_SITE_URL", default="http://127.0.0.1:8000")

# Training (¶25–¶33): how far ahead a requirement counts as due soon, and how long an item may
# stay overdue before it is escalated to the HQ focal point.
TRAINING_DUE_SOON_DAYS = env_int("ACC_TRAINING_DUE_SOON_DAYS", 30)
TRAINING_ESCALATION_DAYS = env_int("ACC_TRAINING_ESCALATION_DAYS", 30)
# Reminder records only need to outlive their day or week; older ones are pruned weekly.
TRAINING_REMINDER_RETENTION_DAYS = env_int("ACC_TRAINING_REMINDER_RETENTION_DAYS", 60)
# Uploaded certificate files (PDF, PNG, JPEG).
TRAINING_UPLOAD_MAX_BYTES = env_int("ACC_TRAINING_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)

# Inspections (¶39–¶40): reminders this many days before a rectification date (and on it),
# the follow-up visit this many days after the last date has passed, evidence files up to
# this size, and where non-compliance reports to the HLCM are sent.
INSPECTION_REMINDER_DAYS = env_int("ACC_INSPECTION_REMINDER_DAYS", 7)
INSPECTION_FOLLOW_UP_LEAD_DAYS = env_int("ACC_INSPECTION_FOLLOW_UP_LEAD_DAYS", 14)
INSPECTION_EVIDENCE_MAX_BYTES = env_int("ACC_INSPECTION_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
INSPECTION_HLCM_EMAILS = env.list("ACC_INSPECTION_HLCM_EMAILS", default=["hlcm@example.org"])
