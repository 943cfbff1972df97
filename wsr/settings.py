"""Settings for the WSR Collaborative platform, read from the environment.
With nothing set, the site runs as the embedded default: SQLite under var/, a file
cache under var/cache, Celery tasks run eagerly, email printed to the console. See the
configuration table in README.md.
"""

import os
import re
from pathlib import Path

import environ
from celery.schedules import crontab
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only the embedded default may run on a throw-away key.
    SECRET_KEY = "django-insecure-embedded-default-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "wsr.members",
    "wsr.companies",
    "wsr.site",
    "wsr.api",
    "repository",
    "django.contrib.postgres",
    "assistance",
    "coordination",
    "promotion",
    "notifications",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "simple_history",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Ecosystem
    "django_countries",
    "django_filters",
    "django_celery_beat",
    "corsheaders",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "wsr.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CORS for the open-data API and its files only (CORS_URLS_REGEX), before anything that
    # answers early
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wsr.site.time_zones.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wsr.site.csp.ContentSecurityPolicyMiddleware",
    "wsr.middleware.NullCharacterMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wsr.members.middleware.SecondFactorMiddleware",
    "wsr.site.access.AccessPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # before the page cache: a first visit in another language is redirected, never cached
    "wsr.site.languages.BrowserLanguageMiddleware",
    "wsr.site.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's Site and page route, kept per page-tree generation (issue 22)
    "wsr.site.routing.PageRoutingMiddleware",
]

ROOT_URLCONF = "wsr.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "notifications.context_processors.notifications",
            ],
            # {{ value|when }}: every time in the reader's zone, labelled (issue 17).
            "builtins": ["wsr.site.templatetags.when"],
        },
    },
]

WSGI_APPLICATION = "wsr.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'wsr.sqlite3'}"),
}
# Persistent connections (issue 22): opening one per request (SQLite's WAL pragmas, a
# PostgreSQL handshake) cost more than many pages; checked before reuse, so a connection
# the server closed is replaced rather than failing the request.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default has several processes writing (runserver, beat, a worker): wait
    # for a lock rather than fail at once ("database is locked" was seen under `make run`
    # when beat wrote its schedule while a page was published), and let readers read
    # while one writes (write-ahead log; an in-memory database ignores it).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    # A transaction that reads and then writes cannot wait for another writer (SQLite answers
    # "locked" at once): `manage.py run_embedded` sets IMMEDIATE for its processes, so each
    # transaction takes the write lock when it starts and waits for it (the timeout above).
    if env.str("SQLITE_TRANSACTION_MODE", default=""):
        DATABASES["default"]["OPTIONS"]["transaction_mode"] = env.str("SQLITE_TRANSACTION_MODE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Deployment (issue 18, docs/deploy.md). Behind PgBouncer in transaction pooling a
# server-side cursor (.iterator()) would outlive the transaction that opened it.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)
# `manage.py backup` / `restore` talk to PostgreSQL itself, not through the pooler.
BACKUP_DATABASE_URL = env.str("BACKUP_DATABASE_URL", default="")
# End of the deployment block.

# --- Cache (issue 18, wsr/cache.py) ---------------------------------------------------------
# One cache for every process: Redis when REDIS_URL is set (pages are served uncached while
# it is down), files under var/cache otherwise, shared by every process of the machine.
# CACHE_LOCATION names another directory; under pytest each process gets its own temporary
# one (the suite's workers run side by side and empty their cache around every test), unless
# CACHE_LOCATION is set, as the tests that start servers sharing one cache do.
REDIS_URL = env.str("REDIS_URL", default="")


def _private_test_cache_dir() -> str:
    """A cache directory of this process's own, removed when it exits (issue 18)."""
    import atexit
    import shutil
    import tempfile

    path = tempfile.mkdtemp(prefix="wsr-test-cache-")
    owner = os.getpid()
    # (a process forked after this, a gunicorn worker, must not remove its parent's cache)
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(path, ignore_errors=True))
    return path


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "wsr.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="wsr"),
            "OPTIONS": {"RETRY_AFTER": env.float("CACHE_RETRY_AFTER", default=5)},
        }
    }
else:
    CACHE_LOCATION = env.str("CACHE_LOCATION", default="")
    if not CACHE_LOCATION and "PYTEST_VERSION" in os.environ:
        CACHE_LOCATION = _private_test_cache_dir()
    CACHES = {
        "default": {
            "BACKEND": "wsr.cache.SharedFileCache",
            "LOCATION": CACHE_LOCATION or str(VAR_DIR / "cache"),
            "TIMEOUT": 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=3000)},
        }
    }
# --- end of the cache block -------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task a dead worker never acknowledged goes to another after this long; it must exceed
# the longest retry countdown (an hour), or Redis would hand a waiting retry out twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=7200)
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker logs through LOGGING below (JSON, secrets filtered), not handlers of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Installed into celery-beat's database schedule when beat starts (editable in the admin).
CELERY_BEAT_SCHEDULE = {
    "assistance-task-reminders": {
        "task": "assistance.tasks.send_task_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "assistance-reply-reminders": {
        "task": "assistance.tasks.send_reply_reminders",
        "schedule": crontab(hour=7, minute=5),
    },
    "assistance-prune-access-records": {
        "task": "assistance.tasks.prune_access_records",
        "schedule": crontab(hour=3, minute=40),
    },
    # Service levels (issue 19): warn before a response target is missed, escalate after.
    "assistance-escalate-responses": {
        "task": "assistance.tasks.escalate_response_targets",
        "schedule": crontab(minute="*/10"),
    },
    "promotion-publish-scheduled": {
        "task": "promotion.tasks.publish_scheduled_pages",
        "schedule": crontab(minute="*"),
    },
    "notifications-digests": {
        "task": "notifications.tasks.run_digests",
        "schedule": crontab(minute=5),
    },
    "repository-event-reminders": {
        "task": "repository.tasks.send_event_reminders",
        "schedule": crontab(minute=20),
    },
    "coordination-proposals-closing": {
        "task": "coordination.tasks.send_proposal_closing_notices",
        "schedule": crontab(minute=35),
    },
    "coordination-meeting-reminders": {
        "task": "coordination.tasks.send_meeting_reminders",
        "schedule": crontab(minute=40),
    },
    "coordination-funding-reminders": {
        "task": "coordination.tasks.send_funding_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
}

# --- Scheduled work in the embedded default (issue 18, item 3) ------------------------------
# `make run` serves the site with beat beside it (manage.py run_embedded). Embargoes are
# released on each minute; WSR_SCHEDULER_TICK (seconds) releases them every N seconds
# instead: the suite's runner test uses it so it need not wait for a minute boundary.
WSR_SCHEDULER_TICK = env.int("WSR_SCHEDULER_TICK", default=0)
# Everything people write in coordination (threads, replies, comments, messages, updates,
# proposals) counts against one limit per person: "N/seconds" (issue 20).
COORDINATION_WRITE_RATE = env("COORDINATION_WRITE_RATE", default="30/600")
if WSR_SCHEDULER_TICK > 0:
    from datetime import timedelta

    CELERY_BEAT_SCHEDULE["promotion-publish-scheduled"]["schedule"] = timedelta(
        seconds=WSR_SCHEDULER_TICK
    )
# End of the scheduled-work block.

# --- Heavy work on its own queue, with limits (issue 18, item 4) ----------------------------
# Email, notifications and small tasks go to `default`; whatever may run long (text of
# uploaded documents, CSV imports, digest and newsletter batches, search warm-ups) goes to
# `heavy`, so a hostile PDF or a big import never holds email back. Two workers:
#   celery -A wsr worker -Q default --concurrency 2
#   celery -A wsr worker -Q heavy --concurrency 1 --max-memory-per-child 400000 \
#       --max-tasks-per-child 50
# (one process may serve both, `-Q default,heavy`, where one machine is all there is.)
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "repository.tasks.extract_document_text": {"queue": "heavy"},
    "repository.tasks.warm_search_counts": {"queue": "heavy"},
    "assistance.tasks.import_enforcement_reports": {"queue": "heavy"},
    "notifications.tasks.run_digests": {"queue": "heavy"},
    "notifications.tasks.send_digest_batch": {"queue": "heavy"},
    "notifications.tasks.send_newsletter_batch": {"queue": "heavy"},
}
# No task runs for ever: past the soft limit it gets SoftTimeLimitExceeded (and may save what
# it has), past the hard limit its process is killed. A digest batch of 500 people takes
# well under a minute; extraction and imports set tighter limits of their own.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
# A worker process is replaced after this many tasks or once it holds this much memory (KiB),
# so what one huge file made it allocate is given back. The heavy worker's command line sets
# its own tighter values (above).
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=200)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=512_000)
# Text extraction of uploaded documents (repository/extraction.py): the first pages only, at
# most this much text, no content stream that inflates beyond this size, and a time budget
# (the task's soft limit a little above it) after which the text so far is kept, marked partial.
WSR_EXTRACT_MAX_PAGES = env.int("WSR_EXTRACT_MAX_PAGES", default=200)
WSR_EXTRACT_MAX_CHARS = env.int("WSR_EXTRACT_MAX_CHARS", default=200_000)
WSR_EXTRACT_MAX_STREAM_BYTES = env.int("WSR_EXTRACT_MAX_STREAM_BYTES", default=8 * 1024 * 1024)
WSR_EXTRACT_SECONDS = env.int("WSR_EXTRACT_SECONDS", default=60)
# Enforcement-figure CSVs of more rows than this are imported by a task on `heavy`, with a
# progress page; smaller ones are read in the request, as before.
ASSISTANCE_IMPORT_INLINE_ROWS = env.int("ASSISTANCE_IMPORT_INLINE_ROWS", default=200)
# The licence written in the "About" sheet of the enforcement-figure downloads (issue 19),
# e.g. "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"; empty: "ask first".
ASSISTANCE_FIGURES_LICENCE = env.str("ASSISTANCE_FIGURES_LICENCE", default="")
# --- end of heavy work -----------------------------------------------------------------------

# --- When the broker is down (issue 18, item 4; wsr/dispatch.py) ----------------------------
# A write hands its tasks to the broker after it commits; a broker that cannot take them
# within these few seconds leaves them in the database (notifications.PendingTask), which
# beat sends again every minute and each worker as it starts.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2)
CELERY_BROKER_TRANSPORT_OPTIONS.setdefault(
    "socket_connect_timeout", env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=2)
)
# A Redis that hangs (its port open, no answer) must not hold a request either: without a
# read timeout publishing waited until gunicorn killed the worker and the task was lost
# (found by review). Longer than the workers' 1 s BRPOP polls.
CELERY_BROKER_TRANSPORT_OPTIONS.setdefault(
    "socket_timeout", env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=3)
)
CELERY_BEAT_SCHEDULE["notifications-send-pending"] = {
    "task": "notifications.tasks.send_pending_tasks",
    "schedule": crontab(minute="*"),
}
# --- end of the broker-down block ------------------------------------------------------------
# Requests for response (issue 20): contacts of long-expired links are forgotten daily.
CELERY_BEAT_SCHEDULE["companies-forget-response-contacts"] = {
    "task": "wsr.companies.tasks.forget_response_contacts",
    "schedule": crontab(hour=3, minute=20),
}

# --- Open data (issue 21): /api/v1/ and the daily files under /data/ ----------------------
# Any site may read the API and the files from a browser (GET only; no cookies are read).
CORS_URLS_REGEX = r"^/(api/v1|data)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("authorization", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = (
    "ETag",
    "Last-Modified",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
    "Retry-After",
)
# Requests per window: anonymous callers per address, personal tokens per token ("0/60":
# no limit, for benchmarks only).
API_RATE_ANONYMOUS = env("API_RATE_ANONYMOUS", default="60/60")
API_RATE_TOKEN = env("API_RATE_TOKEN", default="600/60")
# Anonymous answers of the API kept for a minute, forgotten on every change (wsr/api/cache.py)
API_RESPONSE_CACHE = env.bool("API_RESPONSE_CACHE", default=True)
OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", default="CC-BY-4.0")
OPEN_DATA_LICENCE_URL = env(
    "OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_CITATION = env(
    "OPEN_DATA_CITATION",
    default="Worker-driven Social Responsibility Collaborative, open data (CC BY 4.0)",
)
# The daily bulk files: public, written by wsr.api.tasks.write_open_data_snapshots, served
# under /data/; how many days of snapshots are kept.
OPEN_DATA_ROOT = env.path("OPEN_DATA_ROOT", default=str(VAR_DIR / "open-data"))
OPEN_DATA_KEEP_DAYS = env.int("OPEN_DATA_KEEP_DAYS", default=14)
# seed_demo writes a first snapshot (so `make run` shows files); the tests turn it off and
# write one where they need it
OPEN_DATA_SNAPSHOT_ON_SEED = env.bool("OPEN_DATA_SNAPSHOT_ON_SEED", default=True)
CELERY_BEAT_SCHEDULE["api-write-open-data-snapshots"] = {
    "task": "wsr.api.tasks.write_open_data_snapshots",
    "schedule": crontab(hour=2, minute=40),
}

# Digests: people per task, items per digest section, and the newsletter's time (in TIME_ZONE).
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=500)
NOTIFICATIONS_DIGEST_ITEMS = env.int("NOTIFICATIONS_DIGEST_ITEMS", default=10)
NEWSLETTER_WEEKDAY = env.int("NEWSLETTER_WEEKDAY", default=3)  # Thursday
NEWSLETTER_HOUR = env.int("NEWSLETTER_HOUR", default=15)

# Email: EMAIL_URL (smtp://user:pass@host:587, consolemail://, filemail://path) or the console.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="WSR Collaborative <noreply@wsr.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WSR_INVITATIONS_PER_DAY = env.int("WSR_INVITATIONS_PER_DAY", default=50)
WSR_CONTRIBUTION_MAX_BYTES = 10 * 1024 * 1024
# Assistance desk: first response within this many working days (Monday to Friday).
ASSISTANCE_FIRST_RESPONSE_DAYS = env.int("ASSISTANCE_FIRST_RESPONSE_DAYS", default=3)
ASSISTANCE_MAX_FILE_BYTES = env.int("ASSISTANCE_MAX_FILE_BYTES", default=15 * 1024 * 1024)
# Reads of confidential records are logged and kept this long; closed cases are anonymized
# after ASSISTANCE_CASE_RETENTION_DAYS (manage.py anonymize_closed_cases --apply).
ASSISTANCE_ACCESS_LOG_DAYS = env.int("ASSISTANCE_ACCESS_LOG_DAYS", default=730)
ASSISTANCE_CASE_RETENTION_DAYS = env.int("ASSISTANCE_CASE_RETENTION_DAYS", default=1825)
# Scorecard report PDFs not yet in the cache that one address may have made per hour (each
# takes about a second of CPU; cached ones are not counted). Issue 19.
ASSISTANCE_REPORT_PDFS_PER_HOUR = env.int("ASSISTANCE_REPORT_PDFS_PER_HOUR", default=30)
# Email in and out of a case (issue 19): replies go to <prefix>+<signed token>@<domain>,
# received by `manage.py receive_case_mail` (SMTP/LMTP on host:port) or read from a mailbox
# by `manage.py fetch_case_mail` (imaps://user:pass@host/INBOX; beat runs it when set).
CASE_MAIL_DOMAIN = env.str("CASE_MAIL_DOMAIN", default="cases.wsr.test")
CASE_MAIL_LOCAL_PREFIX = env.str("CASE_MAIL_LOCAL_PREFIX", default="case")
CASE_MAIL_SMTP_HOST = env.str("CASE_MAIL_SMTP_HOST", default="127.0.0.1")
CASE_MAIL_SMTP_PORT = env.int("CASE_MAIL_SMTP_PORT", default=2525)
CASE_MAIL_IMAP_URL = env.str("CASE_MAIL_IMAP_URL", default="")
# The authserv-id of the mail server that receives case mail and writes Authentication-Results
# (RFC 8601): when set, a reply whose sender that server could not verify (DMARC fail, or SPF
# fail without a passing DKIM signature) is held for staff instead of landing on the case.
CASE_MAIL_AUTHSERV_ID = env.str("CASE_MAIL_AUTHSERV_ID", default="")
CASE_MAIL_MAX_BYTES = env.int("CASE_MAIL_MAX_BYTES", default=25 * 1024 * 1024)
if CASE_MAIL_IMAP_URL:
    CELERY_BEAT_SCHEDULE["assistance-fetch-case-mail"] = {
        "task": "assistance.tasks.fetch_case_mail",
        "schedule": crontab(minute="*/3"),
    }
# Wagtail pages cached for anonymous readers, emptied on publish (wsr/site/page_cache.py)
WSR_PAGE_CACHE = env.bool("WSR_PAGE_CACHE", default=True)
BENCH_CEILING_VIEW = env.bool("BENCH_CEILING_VIEW", default=False)  # bench/site_load.py only
ASSESSMENT_REPLY_DAYS = env.int("ASSESSMENT_REPLY_DAYS", default=30)
# The opportunity map draws a vendored land outline; a tile server is optional (and off
# unless set), e.g. MAP_TILE_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")

# Content-Security-Policy (wsr/site/csp.py): this site's own files only; map tiles from the
# tile server when one is set; video embeds from the providers listed.
_tile_origin = re.match(r"^(https?://[^/{]+)", MAP_TILE_URL)
CSP_FRAME_SOURCES = env.list(
    "CSP_FRAME_SOURCES",
    default=[
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF],
        "img-src": [csp_constants.SELF, "data:"]
        + ([_tile_origin.group(1)] if _tile_origin else []),
        "font-src": [csp_constants.SELF],
        "connect-src": [csp_constants.SELF],
        "frame-src": [csp_constants.SELF, *CSP_FRAME_SOURCES],
        "frame-ancestors": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
    },
}
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="© OpenStreetMap contributors")
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=[])

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    # Model permissions from the cache (issue 22): first, so the ones after it read its
    # answer; it signs nobody in. ModelBackend stays listed: sessions name the backend
    # that signed them in.
    "wsr.members.role_cache.CachedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:dashboard"

# allauth: email only, verified before first login, throttled, MFA offered to all.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/5m/key",
    # Public forms count accepted submissions only (wsr/site/ratelimits.py), per address
    # and per email typed: an office or a phone network shares one address, so the address
    # limit is wide; the email limit stops one person's flood (or mail to a victim's inbox).
    "assistance_request": "30/h/ip,5/h/key",
    "speaker_request": "20/h/ip,3/h/key",
    "newsletter_signup": "30/h/ip,3/h/key",
    # A company's response link (issue 20): every submission, good or bad token, per address.
    "company_response": "20/h/ip",
}
# Requests for response (issue 20): a company's link works until the deadline plus this
# grace (a late response is published as late); the contact's name and email (a person
# without an account) are cleared this long after the link expired.
WSR_COMPANY_RESPONSE_GRACE_DAYS = env.int("WSR_COMPANY_RESPONSE_GRACE_DAYS", default=14)
WSR_COMPANY_RESPONSE_CONTACT_RETENTION_DAYS = env.int(
    "WSR_COMPANY_RESPONSE_CONTACT_RETENTION_DAYS", default=180
)
# Where a person stopped by a rate limit (or needing staff) can write.
WSR_CONTACT_EMAIL = env.str("WSR_CONTACT_EMAIL", default="assistance@wsr.test")
# A link to choose a password proves the address: an account made for a visitor's request
# for assistance is verified when its owner sets a password (assistance/signals.py).
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_ADAPTER = "wsr.members.adapters.AccountAdapter"
# The browser's time zone, detected on sign-up (issue 17).
ACCOUNT_SIGNUP_FORM_CLASS = "wsr.members.forms.SignupTimeZoneForm"
# Behind a proxy, rate limits must key on the client's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[WSR] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "WSR Collaborative"
# A code from the step before or after is accepted (RFC 6238 §5.2: one step for the time it
# takes to type and send it), so a code typed as its 30 s ran out still works; a code is
# still accepted once only.
MFA_TOTP_TOLERANCE = 1
# Staff must have a second factor before they reach any of these paths.
WSR_STAFF_MFA_REQUIRED = env.bool("WSR_STAFF_MFA_REQUIRED", default=True)
WSR_STAFF_PATH_PREFIXES = ("/cms/", "/django-admin/", "/portal/staff/")
# One way in: the admin sites' own sign-in pages only send people to allauth's (issue 15).
WSR_ADMIN_LOGIN_PATHS = ("/cms/login/", "/django-admin/login/")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

# Internationalisation: English and Spanish to start.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's catalog, then the formal ("usted") wording of the allauth texts the site shows:
# `makemessages` writes only into the first, so the overrides are never marked obsolete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Confidential files (assistance cases): outside MEDIA_ROOT, never served by a web server,
# only through views that check who is asking.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
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

# --- Object storage (issue 18; docs/architecture.md "Object storage") ----------------------
# With S3_BUCKET set, public media (logos, Wagtail images) go to the S3_PUBLIC_LOCATION prefix
# of that bucket, which anyone may read by URL (grant it with a bucket policy on that prefix,
# a CDN at S3_PUBLIC_DOMAIN, or S3_PUBLIC_ACL=public-read); private files (cases, evidence,
# attachments, and Wagtail's documents, which serve_view checks) go to S3_PRIVATE_LOCATION of
# S3_PRIVATE_BUCKET (the same bucket unless set), never public, read through a view only.
# Any S3-compatible store: AWS, MinIO, SeaweedFS, Ceph, R2... Unset: the local disk.
S3_BUCKET = env.str("S3_BUCKET", default="")
# A view that has authorized a private file streams it (default), or, when this is on and the
# files are on S3, answers 302 to a signed URL valid this many seconds.
PRIVATE_FILES_REDIRECT = env.bool("PRIVATE_FILES_REDIRECT", default=False)
PRIVATE_FILES_URL_SECONDS = env.int("PRIVATE_FILES_URL_SECONDS", default=60)
if S3_BUCKET:
    from botocore.config import Config as _S3Config

    S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="") or None  # None: AWS itself
    S3_REGION = env.str("S3_REGION", default="") or None
    _s3_connection = {
        "endpoint_url": S3_ENDPOINT_URL,
        "region_name": S3_REGION,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "client_config": _S3Config(
            # "path" (bucket in the address's path) suits most self-hosted stores;
            # "virtual" (bucket as host name) is what AWS prefers.
            s3={
                "addressing_style": env.str(
                    "S3_ADDRESSING_STYLE", default="path" if S3_ENDPOINT_URL else "virtual"
                )
            },
            signature_version="s3v4",
            # a store that hangs holds a web worker for at most about this long (review)
            connect_timeout=env.float("S3_CONNECT_TIMEOUT", default=2),
            read_timeout=env.float("S3_READ_TIMEOUT", default=10),
            retries={"max_attempts": 2, "mode": "standard"},
        ),
        "file_overwrite": False,
    }
    S3_PUBLIC_DOMAIN = env.str("S3_PUBLIC_DOMAIN", default="") or None  # e.g. media.example.org
    STORAGES["default"] = {
        "BACKEND": "wsr.site.storage.PublicMediaStorage",
        "OPTIONS": {
            **_s3_connection,
            "bucket_name": S3_BUCKET,
            "location": env.str("S3_PUBLIC_LOCATION", default="media"),
            "custom_domain": S3_PUBLIC_DOMAIN,
            "default_acl": env.str("S3_PUBLIC_ACL", default="") or None,
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "wsr.site.storage.PrivateS3Storage",
        "OPTIONS": {
            **_s3_connection,
            "bucket_name": env.str("S3_PRIVATE_BUCKET", default="") or S3_BUCKET,
            "location": env.str("S3_PRIVATE_LOCATION", default="private"),
        },
    }
    # Pages show public images from the store's address.
    _endpoint = re.match(r"^(https?://)([^/]+)", S3_ENDPOINT_URL or "")
    if S3_PUBLIC_DOMAIN:
        _media_origins = [f"https://{S3_PUBLIC_DOMAIN.split('/')[0]}"]
    elif _endpoint and _s3_connection["client_config"].s3["addressing_style"] == "virtual":
        _media_origins = [f"{_endpoint.group(1)}{S3_BUCKET}.{_endpoint.group(2)}"]
    elif _endpoint:
        _media_origins = [_endpoint.group(0)]
    else:
        _media_origins = [f"https://{S3_BUCKET}.s3.amazonaws.com"] + (
            [f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com"] if S3_REGION else []
        )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += _media_origins
# --- end of object storage -------------------------------------------------------------------
FORMS_URLFIELD_ASSUME_HTTPS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WSR_LOGO_MAX_BYTES = 2 * 1024 * 1024
# Public media (logos, images) from this process; documents never (see wsr/urls.py).
SERVE_PUBLIC_MEDIA = env.bool("SERVE_PUBLIC_MEDIA", default=DEBUG)
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # every download passes the audience check

# The name account emails and the admin show ("Hello from WSR Collaborative!").
SITE_NAME = env.str("SITE_NAME", default="WSR Collaborative")
WAGTAIL_SITE_NAME = SITE_NAME
# No request to releases.wagtail.org from the admin (the CSP allows this site only).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatars in the admin: nothing loads from outside at run time.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# On PostgreSQL, "wsr_search" is `simple` with accents removed (repository migration 0008):
# no stemmer fits two languages, and "auditorias" finds "auditorías" (issue 17). SQLite's
# FTS5 tokenizer removes diacritics itself and ignores this option.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "wsr_search"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TAGGIT_CASE_INSENSITIVE = True

COUNTRIES_FIRST = ["US", "MX", "BD", "GT", "IN", "ZA"]

# Security. The production values apply whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    # Production must say where links in emails point and how mail leaves; without them,
    # reset and invitation links would land in the logs instead of people's inboxes.
    for required in ("SITE_URL", "EMAIL_URL"):
        if not env.str(required, default=""):
            raise ImproperlyConfigured(f"{required} must be set when DEBUG is off.")

# Logs: one JSON line per event on stdout, for the hosting platform to collect.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler: no key, token or link carrying one is written (issue 16).
    "filters": {"redact_secrets": {"()": "wsr.redaction.RedactSecrets"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
            "filters": ["redact_secrets"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console and mail handlers would bypass the filter: its records go
        # to the root's handler like everyone's.
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": "WARNING"},
        "wagtail.contrib.redirects": {"level": "WARNING"},
        # WeasyPrint narrates each step of a scorecard PDF at INFO (issue 19).
        "weasyprint.progress": {"level": "WARNING"},
        "django.server": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    from wsr.redaction import sentry_before_send

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        before_send=sentry_before_send,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
    )

# Marks the embedded default (nothing configured): only then are demo logins printed.
IS_EMBEDDED_DEFAULT = DEBUG and not env.str("DATABASE_URL", default="")
