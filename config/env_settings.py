"""The settings that change when Karier runs on more than one machine, built from a plain mapping of
environment values so that a test can check every combination without starting Django.

`config/settings.py` reads the names in `NAMES` through django-environ (so `.env` and `$NAME`
references keep working) and passes them here. Each function returns plain dicts; nothing here
imports an optional package (redis, django-storages): those are needed only on a server that sets
the variable, and Django imports them when it first uses the backend.

- `database_tuning`: persistent connections with a health check on PostgreSQL (`DB_CONN_MAX_AGE`,
  `DB_CONN_HEALTH_CHECKS`) and server-side prepared statements (`DB_PREPARE_THRESHOLD`); SQLite keeps
  one connection per request.
- `replica`: a read-only copy for the dashboards (`DATABASE_REPLICA_URL`), routed by
  `karier.core.dbrouter.ReplicaRouter`.
- `caches_and_sessions`: a shared Redis/Valkey (`REDIS_URL` or `KARIER_REDIS_URL`) for the cache and
  the sessions once there are several app servers; else a per-process cache and database sessions.
- `storages`: evidence and generated PDFs on S3-compatible storage (`KARIER_S3_BUCKET`), else on
  local disk under MEDIA_ROOT.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

NAMES = (
    "DB_CONN_MAX_AGE",
    "DB_CONN_HEALTH_CHECKS",
    "DB_PREPARE_THRESHOLD",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "KARIER_REDIS_URL",
    "CACHE_BACKEND",
    "CACHE_LOCATION",
    "KARIER_S3_BUCKET",
    "KARIER_S3_ENDPOINT_URL",
    "KARIER_S3_REGION",
    "KARIER_S3_ACCESS_KEY_ID",
    "KARIER_S3_SECRET_ACCESS_KEY",
    "KARIER_S3_PREFIX",
)
TRUE_WORDS = ("true", "on", "yes", "1")
DEFAULT_CONN_MAX_AGE = 600
#: psycopg prepares a statement on a connection once it has run this many times there (so its second
#: run); PostgreSQL then plans it once for all (a generic plan) when that plan is no worse than planning
#: each call. Measured at one million employees: the home page's SQL 29.6 → 8.7 ms, mostly planning
#: of the select_related joins, whose execution takes under 0.5 ms.
DEFAULT_PREPARE_THRESHOLD = 1
SQLITE_OPTIONS = {
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
}
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
CACHED_DB_SESSIONS = "django.contrib.sessions.backends.cached_db"
DB_SESSIONS = "django.contrib.sessions.backends.db"
S3_STORAGE = "storages.backends.s3.S3Storage"
FILE_STORAGE = "django.core.files.storage.FileSystemStorage"


def _flag(value: str, default: bool) -> bool:
    """The words of `config.settings.env_bool`: true/on/yes or a non-zero number; unset gives the default."""
    value = value.strip().lower()
    if not value:
        return default
    if value.lstrip("-").isdigit():
        return int(value) != 0
    return value in TRUE_WORDS


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    return int(raw) if raw else default


def is_sqlite(db: Mapping[str, Any]) -> bool:
    return bool(db.get("ENGINE") == "django.db.backends.sqlite3")


def database_tuning(db: dict[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """`db` with its connection settings. PostgreSQL keeps a connection per worker thread for
    `DB_CONN_MAX_AGE` seconds (default 600: a connection costs a few ms of every request otherwise, and
    its prepared statements live as long as it does) and checks it before reuse
    (`DB_CONN_HEALTH_CHECKS`, default on), so a database restart or a failover costs one reconnect, not
    an error page. Statements are bound on the server and prepared from their
    `DB_PREPARE_THRESHOLD`-th run on a connection (default 1; `off` for a PgBouncer in transaction
    mode older than 1.21, which cannot keep them). SQLite: WAL and a busy timeout, one connection per
    request."""
    tuned = dict(db)
    if is_sqlite(tuned):
        tuned["OPTIONS"] = dict(SQLITE_OPTIONS)
        tuned["CONN_MAX_AGE"] = 0
        tuned["CONN_HEALTH_CHECKS"] = False
        return tuned
    tuned["CONN_MAX_AGE"] = _int(env, "DB_CONN_MAX_AGE", DEFAULT_CONN_MAX_AGE)
    tuned["CONN_HEALTH_CHECKS"] = _flag(env.get("DB_CONN_HEALTH_CHECKS", ""), True)
    threshold = env.get("DB_PREPARE_THRESHOLD", "").strip().lower()
    if threshold not in ("off", "no", "false", "none"):
        options = dict(tuned.get("OPTIONS") or {})
        options.update(
            server_side_binding=True, prepare_threshold=_int(env, "DB_PREPARE_THRESHOLD", DEFAULT_PREPARE_THRESHOLD)
        )
        tuned["OPTIONS"] = options
    return tuned


def replica(
    default: Mapping[str, Any], env: Mapping[str, str], parse_url: Callable[[str], dict[str, Any]]
) -> dict[str, Any] | None:
    """The `replica` alias when `DATABASE_REPLICA_URL` is set: a streaming (physical) copy of `default`
    that the dashboards read. Same connection tuning as `default`; its test database mirrors default's
    (Django never creates or migrates it)."""
    url = env.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return None
    db = database_tuning(parse_url(url), env)
    db["TEST"] = {"MIRROR": "default"}
    if default.get("ENGINE") != db.get("ENGINE"):
        raise ValueError("DATABASE_REPLICA_URL harus memakai mesin basis data yang sama dengan DATABASE_URL.")
    return db


def redis_url(env: Mapping[str, str]) -> str:
    return (env.get("KARIER_REDIS_URL", "") or env.get("REDIS_URL", "")).strip()


def caches_and_sessions(env: Mapping[str, str]) -> tuple[dict[str, dict[str, Any]], str]:
    """(CACHES, SESSION_ENGINE). With Redis/Valkey every app server shares one cache (the dashboards'
    short-lived figures) and reads sessions from it, written through to the database (`cached_db`:
    a Redis restart signs nobody out, and no sticky sessions are needed). Without it: `CACHE_BACKEND`
    (default a per-process cache) and database sessions, right for one machine."""
    url = redis_url(env)
    if url:
        cache = {"BACKEND": REDIS_CACHE, "LOCATION": url, "KEY_PREFIX": "karier", "TIMEOUT": 300}
        return {"default": cache}, CACHED_DB_SESSIONS
    cache = {
        "BACKEND": env.get("CACHE_BACKEND", "").strip() or LOCMEM,
        "LOCATION": env.get("CACHE_LOCATION", "").strip() or "karier",
    }
    return {"default": cache}, DB_SESSIONS


def storages(env: Mapping[str, str], *, debug: bool) -> dict[str, dict[str, Any]]:
    """STORAGES: uploaded evidence and generated PDFs (`default`) on S3-compatible storage when
    `KARIER_S3_BUCKET` is set (django-storages, MinIO or any S3 API; private objects, signed URLs never
    handed out — Karier streams the file after its access check), else on local disk under MEDIA_ROOT.
    Static files always go through WhiteNoise (compressed copies unless DEBUG)."""
    static = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if debug
        else "whitenoise.storage.CompressedStaticFilesStorage"
    }
    bucket = env.get("KARIER_S3_BUCKET", "").strip()
    if not bucket:
        return {"default": {"BACKEND": FILE_STORAGE}, "staticfiles": static}  # MEDIA_ROOT, read when used
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "location": env.get("KARIER_S3_PREFIX", "").strip().strip("/"),
    }
    for name, option in (
        ("KARIER_S3_ENDPOINT_URL", "endpoint_url"),
        ("KARIER_S3_REGION", "region_name"),
        ("KARIER_S3_ACCESS_KEY_ID", "access_key"),
        ("KARIER_S3_SECRET_ACCESS_KEY", "secret_key"),
    ):
        value = env.get(name, "").strip()
        if value:
            options[option] = value
    return {"default": {"BACKEND": S3_STORAGE, "OPTIONS": options}, "staticfiles": static}
