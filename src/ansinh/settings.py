"""Settings for ansinh. Everything that differs between machines comes from the environment.

ANSINH_DEMO=1 is the only mode with a built-in secret key and DEBUG on; production requires
SECRET_KEY and ALLOWED_HOSTS to be set (see docs/operations.md).
"""

import sys
from pathlib import Path

import dj_database_url

from ansinh.core.logging import logging_config
from ansinh.envconf import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent
DATA_DIR = env_path("ANSINH_DATA_DIR", REPO_DIR / "var")
SEED_DATA_DIR = env_path("ANSINH_SEED_DIR", REPO_DIR / "data")

TESTING = "pytest" in sys.modules or env_bool("ANSINH_TESTING")
DEMO = env_bool("ANSINH_DEMO")

DEBUG = env_bool("DEBUG", default=DEMO)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEMO or TESTING:
        SECRET_KEY = "ansinh-demo-only-not-secret"
    else:
        raise RuntimeError(
            "SECRET_KEY is not set. Set it in the environment, or run the demo with ANSINH_DEMO=1."
        )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if (DEMO or TESTING) else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "auditlog",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ansinh.core",
    "ansinh.accounts",
    "ansinh.org",
    "ansinh.documents",
    "ansinh.plans",
    "ansinh.targets",
    "ansinh.reporting",
    "ansinh.meetings",
    "ansinh.rewards",
    "ansinh.healthfund",
    "ansinh.compliance",
    "ansinh.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "ansinh.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ansinh.urls"
WSGI_APPLICATION = "ansinh.wsgi.application"

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
                "ansinh.core.context_processors.navigation",
                "ansinh.reporting.context_processors.unread_notices",
            ],
            "builtins": ["template_partials.templatetags.partials"],
            # Undefined variables fail loudly in tests, so typos in templates are caught.
            "string_if_invalid": "INVALID<%s>" if TESTING else "",
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'ansinh.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo serve reads while an import writes. Write transactions take the write
    # lock when they begin (IMMEDIATE) and wait for it up to 20 s: a transaction that first read
    # and then tried to write would otherwise fail at once with "database is locked" when two
    # users send reports at the same moment.
    # (Not under test: the test database is one shared in-memory cache, where a transaction
    # that holds the write lock from its start blocks the backup test's reader forever.)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", timeout=20
    )
    if not TESTING:
        DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed logins (django-axes): AXES_FAILURE_LIMIT wrong passwords for one
# account from one address lock that account from that address for the cool-off period; a right
# password is refused meanwhile. The pair is locked, not the address alone (on a provincial
# intranet a whole department shares one address behind NAT) nor the account alone (anyone could
# then lock a colleague out from elsewhere).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "ansinh.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The cool-off counts from the lockout, as the lock page says; attempts during it do not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
# Behind the front server every request comes from its address; the client's is the last one it
# appends to X-Forwarded-For. Never trusted otherwise, since a client could forge it to escape
# the lockout.
if env_bool("BEHIND_HTTPS_PROXY"):
    AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Second factor (django-otp, time-based codes from an authenticator app; docs/decisions/0014).
# Any user may turn it on in "Tài khoản của tôi"; administrators can be required to use it, and
# are then sent to enrolment before anything else. On by default outside the demo and the tests.
ANSINH_ADMIN_REQUIRE_TOTP = env_bool("ANSINH_ADMIN_REQUIRE_TOTP", default=not (DEMO or TESTING))
OTP_TOTP_ISSUER = "ansinh"
# Minutes between the password and the code before the login must start again.
ANSINH_SECOND_FACTOR_WINDOW_MINUTES = 5

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Off: Django would print years as "2.024". Numbers meant for reading go through the `vn`
# template filters (core/templatetags/vn.py), which group thousands the Vietnamese way.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["ansinh.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
if DEBUG or TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
MEDIA_ROOT = env_path("MEDIA_ROOT", DATA_DIR / "media")
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Files sent with a report: size limit per file, and the types accepted (checked by extension
# and by the file's first bytes, so a renamed executable is refused).
ANSINH_ATTACHMENT_MAX_MB = env_int("ANSINH_ATTACHMENT_MAX_MB", 20)
ANSINH_ATTACHMENT_MAX_COUNT = 20
ANSINH_ATTACHMENT_TYPES = env_list(
    "ANSINH_ATTACHMENT_TYPES",
    ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "zip"],
)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEMO
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ansinh@localhost")

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The public list of late payers and the tax-code lookup (page and API): requests per client IP,
# counted in the cache above ("30/minute", "500/hour"; DRF's rate syntax).
LOOKUP_RATE_LIMIT = env_str("LOOKUP_RATE_LIMIT", "30/minute")

# One task API (django-tasks, the backport of Django 6's tasks). The embedded default runs the
# work in-process; production points TASK_BACKEND at a shared queue (see docs/decisions).
TASKS = {
    "default": {
        "BACKEND": env_str("TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
# The production queue: TASK_BACKEND=django_tasks_rq.RQBackend (the `redis` extra) keeps the
# tasks in Redis at REDIS_URL; workers run `ansinh rqworker default` (docs/operations.md).
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    if not REDIS_URL:
        raise RuntimeError("TASK_BACKEND=django_tasks_rq.RQBackend needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq"]
    TASKS["default"]["QUEUES"] = list(RQ_QUEUES)
# The address users open ansinh at, for the links in e-mails (deadline reminders).
ANSINH_SITE_URL = env_str("ANSINH_SITE_URL", "http://127.0.0.1:8000" if (DEMO or TESTING) else "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not (DEMO or TESTING or DEBUG))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp; docs/decisions/0015): scripts, styles
# and everything else only from ansinh itself, no inline script or style (templates use classes
# and core/ansinh.js), images also as data: URIs (the QR code of the second factor), and no
# framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind a front server that terminates HTTPS (docs/operations.md): trust its
# X-Forwarded-Proto, redirect plain HTTP and send HSTS. Off by default, since a laptop demo or an
# intranet without certificates must still work.
if env_bool("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Behind the front server, the public lookup's rate limit counts clients by the address the
# front server appends (the same count as the login lockout's).
if env_bool("BEHIND_HTTPS_PROXY"):
    REST_FRAMEWORK["NUM_PROXIES"] = env_int("AXES_PROXY_COUNT", 1)

SPECTACULAR_SETTINGS = {
    "TITLE": "ansinh API",
    "DESCRIPTION": "API của ansinh: Ban Chỉ đạo, thành viên, cơ quan, đơn vị hành chính.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# Logs go to standard error: readable lines by default; ANSINH_LOG_FORMAT=json writes one JSON
# object per line for a log collector, with the request's path and user id (core/logging.py).
LOG_FORMAT = env_str("ANSINH_LOG_FORMAT", "text")
LOGGING = logging_config(LOG_FORMAT, env_str("LOG_LEVEL", "INFO"))
if LOG_FORMAT == "json":
    MIDDLEWARE.append("ansinh.core.logging.RequestContextMiddleware")

ANSINH_PAGE_SIZE = 50
# How "trước ngày X" in a regulation is read is stated once (see org/selectors for its use).
