"""Karier settings, read from environment variables (see `.env.example`) with django-environ; a `.env`
file beside this project fills in what the real environment does not set.

The embedded default is SQLite under `var/` with tasks run inline, so a fresh clone runs with no
services; production sets DATABASE_URL (PostgreSQL), SECRET_KEY, ALLOWED_HOSTS and a real task worker.
"""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path

import environ

from config import env_settings as _deploy

BASE_DIR = Path(__file__).resolve().parent.parent


class _Env(environ.Env):
    # The words that switch a flag on, as before django-environ ("ok" and "y" are not among them).
    BOOLEAN_TRUE_STRINGS = ("true", "on", "yes", "1")


env = _Env()
env.escape_proxy = True  # `$NAME` refers to another variable (django-environ); `\$` is a literal dollar
# KEY=VALUE lines from .env, never overriding the real environment (overwrite=False).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
VAR_DIR = Path(env.str("KARIER_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    """true/yes/on (any case) and non-zero numbers are true, anything else set is false; unset: the default."""
    return bool(env.bool(name, default=default))


def env_list(name: str, default: str = "") -> list[str]:
    """Comma-separated; blanks around items and empty items are dropped."""
    return [item.strip() for item in env.list(name, default=default.split(",")) if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment; otherwise one generated once per install into var/.

    No key is ever written in code: a fresh clone gets its own random key, kept across restarts
    so sessions survive. Production sets SECRET_KEY explicitly.
    """
    key = env.str("SECRET_KEY", default="")
    if key:
        return str(key)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves Swagger UI from the installed package (never a CDN)
    "django_tasks",
    "django_tasks_db",
    "karier.core",
    "karier.accounts",
    "karier.people",
    "karier.standards",
    "karier.plans",
    "karier.appraisal",
    "karier.development",
    "karier.talent",
    "karier.insight",
    "karier.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "karier.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "karier.core.middleware.SecurityHeadersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "karier.core.context_processors.actor",
                "karier.appraisal.context_processors.pengingat",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Past one machine (config/env_settings.py, docs/deployment.md): persistent connections, a read replica
# for the dashboards, a shared Redis/Valkey, S3-compatible storage — each only when its variable is set.
_DEPLOY_ENV = {_name: str(env.str(_name, default="")) for _name in _deploy.NAMES}
# SQLite: WAL and a busy timeout let the dev server, a worker and the tests share the file safely.
# PostgreSQL: connections kept DB_CONN_MAX_AGE seconds and health-checked before reuse.
DATABASES = {
    "default": _deploy.database_tuning(
        env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'karier.sqlite3'}"), _DEPLOY_ENV
    )
}
_REPLICA = _deploy.replica(DATABASES["default"], _DEPLOY_ENV, environ.Env.db_url_config)
if _REPLICA is not None:
    DATABASES["replica"] = _REPLICA
    DATABASE_ROUTERS = ["karier.core.dbrouter.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["karier.accounts.backends.NipOrUsernameBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (karier/accounts/services.py, enforced in the backend): failures of one account from
# one address within the window; failures from one address over all accounts; and a slower global
# limit per account that refuses only the addresses which already failed on it.
KARIER_LOGIN_MAX_FAILURES = env.int("KARIER_LOGIN_MAX_FAILURES", default=5)
KARIER_LOGIN_WINDOW_MINUTES = env.int("KARIER_LOGIN_WINDOW_MINUTES", default=15)
KARIER_LOGIN_ADDRESS_MAX_FAILURES = env.int("KARIER_LOGIN_ADDRESS_MAX_FAILURES", default=100)
KARIER_LOGIN_ACCOUNT_MAX_FAILURES = env.int("KARIER_LOGIN_ACCOUNT_MAX_FAILURES", default=30)
KARIER_LOGIN_ACCOUNT_WINDOW_HOURS = env.int("KARIER_LOGIN_ACCOUNT_WINDOW_HOURS", default=24)
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); empty:
# the socket's address is the client's. See karier/core/clientip.py and docs/deployment.md.
KARIER_TRUSTED_PROXIES = env_list("KARIER_TRUSTED_PROXIES", "")
for _proxy in KARIER_TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo stops the start, never trusts the world

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "karier" / "locale"]  # the committed English catalogue (bin/messages)
# The language chosen in the footer is kept for a year (not only until the browser closes).
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# JS from installed packages, never a CDN and never copied into the repo: plotly's own bundle.
import plotly as _plotly  # noqa: E402

STATICFILES_DIRS = [BASE_DIR / "static", ("plotly", Path(_plotly.__file__).parent / "package_data")]
# Evidence and generated files on local disk (MEDIA_ROOT), or on S3-compatible storage when KARIER_S3_BUCKET
# is set (django-storages, installed only there: `pip install "django-storages[s3]"`).
STORAGES = _deploy.storages(_DEPLOY_ENV, debug=DEBUG)
# Serve static files straight from the source folders (uncompressed, always current) when developing and
# testing; a deployment runs `collectstatic` and sets KARIER_STATIC_FINDERS=0 so whitenoise serves the
# collected, gzip-compressed copies (plotly.min.js: 4.8 MB → 1.1 MB on the wire). bin/demo does that.
WHITENOISE_USE_FINDERS = env_bool("KARIER_STATIC_FINDERS", True)
# Uploaded evidence lives outside the web root and is served only through access-checked views.
MEDIA_ROOT = Path(env.str("KARIER_MEDIA_ROOT", default=str(VAR_DIR / "media")))

# Background tasks: inline on the embedded default, a database queue + `karier db_worker` in production.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
        "QUEUES": ["default"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and env_bool("HTTPS"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("HTTPS")
SECURE_HSTS_SECONDS = 31536000 if env_bool("HTTPS") else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HTTPS")
SECURE_HSTS_PRELOAD = env_bool("HTTPS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp) on every response: scripts only from our own static files
# (no inline script or on…= handler anywhere: tests/core scans the templates). Styles allow
# 'unsafe-inline' because templates use style="…" attributes and htmx/plotly insert <style> rules;
# a style cannot run code. data: images are Swagger UI's and plotly's icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features Karier never uses are switched off for every page (karier.core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), xr-spatial-tracking=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# Short-lived figures (dashboard headcounts). Per process by default (CACHE_BACKEND/CACHE_LOCATION may name
# another); with REDIS_URL (or KARIER_REDIS_URL) a shared Redis/Valkey holds the cache and the sessions
# (`cached_db`: written through to the database), so several app servers need no sticky sessions. Only
# then is the `redis` package needed (`pip install redis`). Login and public-form limits are counted
# in the database, shared by every server whatever the cache.
CACHES, SESSION_ENGINE = _deploy.caches_and_sessions(_DEPLOY_ENV)

# Tamper evidence (`karier periksa-audit`): each app contributes a check returning core.integrity.Break rows.
KARIER_INTEGRITY_CHECKS: list[str] = [
    "karier.core.audit.verify_chain",
    "karier.appraisal.evaluation.snapshots.verify_snapshots",
]
# The daily schedule (`karier tugas-harian`, run once a day): django_tasks @task objects taking no arguments.
KARIER_DAILY_TASKS: list[str] = [
    "karier.core.tasks.periksa_audit_harian",
    "karier.people.tasks.segarkan_penugasan_task",
    "karier.accounts.tasks.prune_login_attempts_task",
    "karier.appraisal.evaluation.reminders.pengingat_send_task",
    "karier.development.jp.reminders.jp_reminders_task",
    "karier.development.outcomes.reminders.tindak_lanjut_reminders_task",
    "karier.talent.coaching.reminders.coaching_reminders_task",  # issue #12 §6: follow-ups, early warning
    "karier.insight.dashboards.tasks.segarkan_dasbor_harian",  # issue #13 item 1: the dashboards' figures
    "karier.people.export_tasks.hapus_ekspor_lama_task",  # issue #14: export files older than 7 days
]
# Closing a performance year (karier.plans.years): checks of the layers above plans, (tahun) -> [refusal messages].
KARIER_YEAR_CLOSE_CHECKS: list[str] = ["karier.appraisal.evaluation.years.year_close_blockers"]
# After a period close (karier.appraisal.evaluation.close): what the layers above appraisal refresh,
# (actor=, periode=, opd_id=) -> None — the career recomputation (issue #12).
KARIER_AFTER_PERIOD_CLOSE: list[str] = [
    "karier.talent.recompute.hooks.after_period_close",
    "karier.insight.dashboards.hooks.after_period_close",  # issue #13: the dashboards' figures
]

# Mail (reminders, integrity warnings). Production sets EMAIL_HOST (and the rest); without it mail is
# printed to the console, so the embedded default never tries an SMTP server that is not there.
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default=f"django.core.mail.backends.{'smtp' if EMAIL_HOST else 'console'}.EmailBackend",
)
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Karier <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
