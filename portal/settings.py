"""Settings for the Department of Justice portal.

Everything that differs between a laptop and a server comes from the environment
(see portal/env.py). PORTAL_ENV picks the profile:

* ``development`` (default): SQLite, no Redis needed, Celery tasks run inline.
* ``production``: DEBUG off, secure cookies, HSTS, and required secrets.
* ``test``: like development, fast password hashing, emails kept in memory.
"""

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import (
    EnvError,
    env_bool,
    env_database,
    env_int,
    env_list,
    env_redis_url,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

PORTAL_ENV = env_str("PORTAL_ENV", "development")
if PORTAL_ENV not in {"development", "production", "test"}:
    raise EnvError(f"PORTAL_ENV must be development, production or test, not {PORTAL_ENV!r}.")
PRODUCTION = PORTAL_ENV == "production"
TESTING = PORTAL_ENV == "test"
# Tests run tasks inline; tests of the real broker switch this off locally.

DEBUG = env_bool("DEBUG", default=not PRODUCTION and not TESTING)

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise EnvError("SECRET_KEY must be at least 50 random characters in production.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise EnvError("ALLOWED_HOSTS must list the site's host names in production.")
else:
    SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-only-for-local-use-0123456789-abcdefghij")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "guardian",
    "django_ckeditor_5",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    # Our apps: one capability each.
    "core",
    "organisation",
    "accounts",
    "audit",
    "articles",
    "editorial",
    "quotas",
    "royalties",
    "feedback",
    "legaldocs",
    "publicinfo",
    "sharing",
    "operations",
    "portal",
]

MIDDLEWARE = [
    # First: a cookie-less reader's cached page is answered before anything else runs.
    "articles.cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PortalCSPMiddleware",  # django-csp's, each policy built once
    "portal.middleware.RichTextEditorStyleMiddleware",
    "operations.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",  # Django's, without the preference the URL overrides
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
                "portal.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    },
    {
        # The article and section pages (portal/jinja.py); templates in <app>/jinja2/*.jinja.
        "NAME": "jinja2",
        "BACKEND": "portal.jinja.PortalJinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "portal.jinja.environment"},
    },
]
# The same context processors for both engines.
TEMPLATES[1]["OPTIONS"]["context_processors"] = TEMPLATES[0]["OPTIONS"]["context_processors"]

WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

DATABASES = {"default": env_database("DATABASE_URL", BASE_DIR / "db.sqlite3")}
# A streaming replica for anonymous readers' queries (portal/routers.py); tests mirror the primary.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {**env_database("DATABASE_REPLICA_URL", None), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["portal.routers.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                      "portal.routers.ReplicaReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker. Without it: local memory and inline tasks.
# The cache tolerates a Redis outage (a miss, logged), so a stopped Redis never
# turns a page into a 500; sessions live in the database, never in Redis only.
REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "operations.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.BreachedPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out accounts and IP addresses before any password check.
    "accounts.backends.LoginThrottleBackend",
    "accounts.backends.PortalModelBackend",  # Django's, permissions in one query
    "guardian.backends.ObjectPermissionBackend",
]
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:staff_home"
LOGOUT_REDIRECT_URL = "portal:home"

# --- Sessions (database-backed; see accounts/middleware.py).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_ABSOLUTE_LIFETIME = env_int("SESSION_ABSOLUTE_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
if TESTING:
    # Other apps' tests travel in time across days; tests/accounts switch these back on.
    SESSION_IDLE_TIMEOUT = None
    SESSION_COOKIE_AGE = 1209600
PASSWORD_RESET_TIMEOUT = 3600

# --- Login throttling (django-axes): per account and, separately, per IP address.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_VERBOSE = env_bool("AXES_VERBOSE", not TESTING)
# Behind nginx the client address is the last hop nginx appends (docker/nginx.conf).
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0, minimum=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Second factor (TOTP, django-otp). Roles listed here must set it up before
# using staff pages; anyone else may opt in. Superusers always need it.
# The test profile leaves the list empty so other apps' tests need no token;
# tests/accounts switch it on.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Cong TTDT So Tu phap")
# OTP_REQUIRED_ROLES=none turns the requirement off (e.g. a local demo).
OTP_REQUIRED_ROLES = [
    role for role in env_list("OTP_REQUIRED_ROLES", [] if TESTING else ["head", "secretary", "site_admin"])
    if role != "none"
]
OTP_REQUIRED_FOR_SUPERUSERS = env_bool("OTP_REQUIRED_FOR_SUPERUSERS", not TESTING)

# --- Audit log retention: 12 months by default, then purged by audit.tasks.audit_purge.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365, minimum=30)
# Pages whose mere opening is audited (citizens' personal data): view name -> (action, model).
# Exports (CSV/XLSX attachments) are audited everywhere as "export.download".
AUDIT_VIEWED_URLS = {
    "feedback:staff_question": ("feedback.personal_data.view", "feedback.question"),
    "feedback:staff_attachment": ("feedback.attachment.download", "feedback.question"),
}

# --- Backups (operations app): where, and how many daily sets to keep.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14, minimum=1)

# --- Language and time (Bình Phước Điều 4.1.b: Vietnamese first, English when possible).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Media: local disk by default; an S3-compatible bucket (AWS S3, MinIO, a provincial
# object store) when MEDIA_S3_BUCKET is set, so several web nodes share uploads
# (docs/performance.md, "Scale beyond one machine").
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL", None),
            "region_name": env_str("MEDIA_S3_REGION", None),
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID", required=True),
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY", required=True),
            "location": env_str("MEDIA_S3_PREFIX", "media"),
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN", None),
            "querystring_auth": env_bool("MEDIA_S3_SIGNED_URLS", False),
            "default_acl": None,
            "file_overwrite": False,  # two uploads with one name never replace each other
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }
else:
    _media_storage = {"BACKEND": "core.storage.MediaStorage"}  # FileSystemStorage, URLs remembered
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Uploads: caps shared by every upload path (see core/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 30
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# The whole request body; nginx's client_max_body_size must be the same (40m).
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 40 * 1024 * 1024, minimum=1024 * 1024)
UPLOAD_MAX_IMAGE_BYTES = env_int("UPLOAD_MAX_IMAGE_BYTES", 10 * 1024 * 1024, minimum=1)
UPLOAD_MAX_DOCUMENT_BYTES = env_int("UPLOAD_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024, minimum=1)
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000, minimum=1)

# --- Email.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cong-thong-tin@stp.gov.vn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery. Without REDIS_URL tasks run inline, so a laptop needs no broker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL or TESTING
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A stopped Redis must not hang a request: fail fast, the outbox keeps the work.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
    "max_retries": 1,
    # A message whose worker died unacknowledged is redelivered after this many seconds.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1),
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The beat schedule lives in code; apps add their entries in their own beat.py
# (collected in portal/celery.py), so each schedule sits beside its task.
CELERY_BEAT_SCHEDULE = {
    "core-outbox-drain": {"task": "core.tasks.outbox_drain", "schedule": 60.0},
    "core-health": {"task": "portal.tasks.ping", "schedule": crontab(minute="*/15")},
}


def _collect_beat_schedules():
    """Merge each app's `beat.SCHEDULE` (plain dicts; beat.py imports only celery.schedules)."""
    import importlib

    for app in ("core", "accounts", "audit", "articles", "editorial", "quotas", "royalties",
                "feedback", "legaldocs", "publicinfo", "sharing", "operations"):
        try:
            module = importlib.import_module(f"{app}.beat")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.beat":
                raise
            continue
        CELERY_BEAT_SCHEDULE.update(module.SCHEDULE)


_collect_beat_schedules()

# --- Public information and quotas (read with getattr and these defaults by their apps).
# Whole-page cache of anonymous pages (articles.cache). Off only to measure cache misses
# (bench/settings.py); the menus and other shared fragments stay cached either way.
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
# How long a worker reuses its own copy of the shared fragments, rows and counters it read
# from the cache (operations.cache.NearCache): a publication shows within this time. Off in
# tests, which expect every change at once.
NEAR_CACHE_SECONDS = env_int("NEAR_CACHE_MS", 0 if TESTING else 1000, minimum=0, maximum=60_000) / 1000
# A worker adds the page views it counted to the cache's counters this often (articles.visits).
VISIT_BATCH_SECONDS = env_int("VISIT_BATCH_MS", 0 if TESTING else 1000, minimum=0, maximum=60_000) / 1000

PUBLIC_SERVICE_PORTAL_URL = env_str("PUBLIC_SERVICE_PORTAL_URL", "https://dichvucong.gov.vn")
QUOTAS_REPORT_UNIT = env_str("QUOTAS_REPORT_UNIT", "Phòng Phổ biến, giáo dục pháp luật")
QUOTAS_REMINDER_DAY = env_int("QUOTAS_REMINDER_DAY", 15, minimum=1, maximum=28)

# --- Office hours used for deadlines in administrative hours (Bình Phước Điều 9.3).
OFFICE_HOURS = [("07:00", "11:30"), ("13:00", "17:00")]

# --- Rich text editor: no source editing, no HTML embed, no General HTML Support.
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "underline", "link", "|",
                "bulletedList", "numberedList", "blockQuote", "insertTable", "|",
                "imageUpload", "mediaEmbed", "|", "undo", "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Heading 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Heading 3", "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": "Heading 4", "class": "ck-heading_heading4"},
            ]
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "language": "vi",
        # Built into the bundle but kept off: raw HTML must not be typed in (the server
        # sanitises every save anyway). YouTube embeds are stored as iframes the sanitiser allows.
        "removePlugins": ["SourceEditing", "GeneralHtmlSupport", "HtmlEmbed", "FullPage", "Style", "Mention"],
        "mediaEmbed": {"previewsInData": True},
    },
}
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor_image_upload"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Production profile: everything check --deploy asks for.
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The CKEditor 5 widget reads the CSRF cookie to upload images; Django's docs note an
# HttpOnly CSRF cookie adds no protection (the token is in every form anyway).
CSRF_COOKIE_HTTPONLY = False
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy: scripts only from our own static files (or with the
# per-request nonce where inline code cannot be avoided); no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # CKEditor 5's full-screen plugin CSS, injected by django_ckeditor_5/dist/bundle.js
        # (sha256 of the exact text; recompute if django-ckeditor-5 is upgraded).
        "style-src": [SELF, NONCE, "'sha256-z9QzGRUHmC5igOTcUsMwP0QNVNl2OllyyiSeQF432r4='"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "upgrade-insecure-requests": PRODUCTION,
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".test-media")))
