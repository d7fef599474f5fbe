"""Production past one machine (issue #14): the read-replica router, the settings built from the
environment (config/env_settings.py, and config/settings.py in a fresh process), and the files in
deploy/ (gunicorn, systemd, Caddy, nginx) agreeing with each other and with the settings."""

from __future__ import annotations

import configparser
import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import get_commands
from django.db import connection, router
from django.test import override_settings

from config import env_settings
from karier.appraisal.evaluation.evidence import max_bytes
from karier.core.dbrouter import ReplicaRouter
from karier.insight.models import AngkaDasbor, PembaruanDasbor
from karier.people.models import Pegawai

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PG = "django.db.backends.postgresql"


def _with_replica(settings: Any) -> dict[str, Any]:
    return {**settings.DATABASES, "replica": {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}}


# ------------------------------------------------------------------------------------------ router
def test_router_without_replica_keeps_everything_on_default(settings: Any) -> None:
    r = ReplicaRouter()
    assert "replica" not in settings.DATABASES
    assert r.db_for_read(AngkaDasbor) == "default"
    assert r.db_for_read(Pegawai) == "default"


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_router_sends_dashboard_reads_to_the_replica_and_the_rest_to_default(settings: Any) -> None:
    r = ReplicaRouter()
    with override_settings(DATABASES=_with_replica(settings)):
        assert r.db_for_read(AngkaDasbor) == "replica"
        assert r.db_for_read(PembaruanDasbor) == "replica"
        assert r.db_for_read(Pegawai) == "default"  # every other read: the primary
        for model in (AngkaDasbor, PembaruanDasbor, Pegawai):
            assert r.db_for_write(model) == "default"  # every write: the primary


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_router_as_installed_routes_querysets(settings: Any) -> None:
    with override_settings(DATABASES=_with_replica(settings), DATABASE_ROUTERS=["karier.core.dbrouter.ReplicaRouter"]):
        assert AngkaDasbor.objects.filter(tahun=2025).db == "replica"
        assert AngkaDasbor.objects.select_for_update().db == "default"  # a locking read is a write
        assert Pegawai.objects.all().db == "default"
        assert router.db_for_write(AngkaDasbor) == "default"
    assert AngkaDasbor.objects.all().db == "default"


def test_router_migrates_only_the_primary() -> None:
    r = ReplicaRouter()
    assert r.allow_migrate("default", "insight", "angkadasbor") is True
    assert r.allow_migrate("replica", "insight", "angkadasbor") is False
    assert r.allow_migrate("replica", "people", "pegawai") is False
    assert r.allow_migrate("replica", "people") is False


def test_router_allows_relations_between_the_two_copies() -> None:
    a, b = Pegawai(), AngkaDasbor()
    a._state.db, b._state.db = "replica", "default"
    assert ReplicaRouter().allow_relation(a, b) is True
    b._state.db = "other"
    assert ReplicaRouter().allow_relation(a, b) is None


# ------------------------------------------------------------------------- settings (pure parts)
def test_postgres_connections_are_persistent_and_health_checked() -> None:
    db = env_settings.database_tuning({"ENGINE": PG, "NAME": "k"}, {})
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (600, True)
    db = env_settings.database_tuning({"ENGINE": PG}, {"DB_CONN_MAX_AGE": "0", "DB_CONN_HEALTH_CHECKS": "no"})
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (0, False)
    lite = env_settings.database_tuning({"ENGINE": "django.db.backends.sqlite3"}, {"DB_CONN_MAX_AGE": "30"})
    assert (lite["CONN_MAX_AGE"], lite["CONN_HEALTH_CHECKS"]) == (0, False)
    assert lite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_postgres_statements_are_bound_on_the_server_and_prepared() -> None:
    """On by default (the second run of a statement on a connection prepares it); a number changes the
    threshold; `off` gives Django's own client-side binding for a PgBouncer that cannot keep them."""
    db = env_settings.database_tuning({"ENGINE": PG, "OPTIONS": {"sslmode": "require"}}, {})
    assert db["OPTIONS"] == {"sslmode": "require", "server_side_binding": True, "prepare_threshold": 1}
    db = env_settings.database_tuning({"ENGINE": PG}, {"DB_PREPARE_THRESHOLD": "4"})
    assert db["OPTIONS"]["prepare_threshold"] == 4
    for off in ("off", "no", "OFF "):
        db = env_settings.database_tuning(
            {"ENGINE": PG, "OPTIONS": {"sslmode": "require"}}, {"DB_PREPARE_THRESHOLD": off}
        )
        assert db["OPTIONS"] == {"sslmode": "require"}
    lite = env_settings.database_tuning({"ENGINE": "django.db.backends.sqlite3"}, {"DB_PREPARE_THRESHOLD": "2"})
    assert "server_side_binding" not in lite["OPTIONS"] and "prepare_threshold" not in lite["OPTIONS"]


@pytest.mark.django_db
def test_the_live_postgres_connection_prepares_a_repeated_statement() -> None:
    """The suite's own connection has the default: a statement run twice is prepared on the server, with
    its parameters bound there (one statement for every NIP, not one per value)."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for nip in ("199001012020011001", "199001012020011002", "199001012020011003"):
        assert not Pegawai.objects.filter(nip=nip).exists()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s AND NOT from_sql",
            ['%"people_pegawai"."nip" = $%'],
        )
        prepared = [row[0] for row in cur.fetchall()]
    assert len(prepared) == 1, prepared


def _parse(url: str) -> dict[str, Any]:
    import environ

    return dict(environ.Env.db_url_config(url))


def test_replica_only_when_its_url_is_set() -> None:
    default = {"ENGINE": PG}
    assert env_settings.replica(default, {}, _parse) is None
    rep = env_settings.replica(default, {"DATABASE_REPLICA_URL": "postgres://ro:pw@10.0.0.6:5432/karier"}, _parse)
    assert rep is not None
    assert (rep["ENGINE"], rep["HOST"], rep["USER"], rep["NAME"]) == (PG, "10.0.0.6", "ro", "karier")
    assert rep["CONN_HEALTH_CHECKS"] is True and rep["TEST"] == {"MIRROR": "default"}
    with pytest.raises(ValueError, match="mesin basis data yang sama"):
        env_settings.replica(
            {"ENGINE": "django.db.backends.sqlite3"}, {"DATABASE_REPLICA_URL": "postgres://h/k"}, _parse
        )


def test_cache_and_sessions_shared_only_with_redis() -> None:
    caches, engine = env_settings.caches_and_sessions({})
    assert caches["default"]["BACKEND"] == env_settings.LOCMEM and engine == env_settings.DB_SESSIONS
    caches, _ = env_settings.caches_and_sessions({"CACHE_BACKEND": "x.Cache", "CACHE_LOCATION": "loc"})
    assert (caches["default"]["BACKEND"], caches["default"]["LOCATION"]) == ("x.Cache", "loc")
    for name in ("REDIS_URL", "KARIER_REDIS_URL"):
        caches, engine = env_settings.caches_and_sessions({name: "redis://10.0.0.5:6379/0"})
        assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert caches["default"]["LOCATION"] == "redis://10.0.0.5:6379/0"
        assert engine == "django.contrib.sessions.backends.cached_db"
    both = {"REDIS_URL": "redis://a/0", "KARIER_REDIS_URL": "redis://b/1"}
    assert env_settings.caches_and_sessions(both)[0]["default"]["LOCATION"] == "redis://b/1"


def test_storage_is_local_disk_unless_a_bucket_is_named() -> None:
    local = env_settings.storages({}, debug=False)
    assert local["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert local["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedStaticFilesStorage"
    assert env_settings.storages({}, debug=True)["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")
    s3 = env_settings.storages(
        {"KARIER_S3_BUCKET": "berkas", "KARIER_S3_ENDPOINT_URL": "https://s3.local", "KARIER_S3_PREFIX": "/k/"},
        debug=False,
    )
    assert s3["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    opts = s3["default"]["OPTIONS"]
    assert (opts["bucket_name"], opts["endpoint_url"], opts["location"], opts["default_acl"]) == (
        "berkas",
        "https://s3.local",
        "k",
        "private",
    )
    assert "access_key" not in opts  # unset keys are left to boto3's own chain (instance role, ~/.aws)


# ------------------------------------------------------------------ settings (the real module)
LOADER = """
import json, runpy, sys
s = runpy.run_path(sys.argv[1])
out = {k: s.get(k) for k in ("DATABASES", "DATABASE_ROUTERS", "CACHES", "SESSION_ENGINE", "STORAGES")}
out["imported"] = sorted(m for m in ("redis", "storages", "boto3") if m in sys.modules)
print(json.dumps(out, default=str))
"""


def _settings(tmp_path: Path, env: dict[str, str]) -> dict[str, Any]:
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "KARIER_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", LOADER, str(ROOT / "config" / "settings.py")],
        cwd=tmp_path,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_settings_one_machine_by_default(tmp_path: Path) -> None:
    s = _settings(tmp_path, {"DATABASE_URL": "postgres://k:p@db/k"})
    assert set(s["DATABASES"]) == {"default"} and s["DATABASE_ROUTERS"] is None
    assert (s["DATABASES"]["default"]["CONN_MAX_AGE"], s["DATABASES"]["default"]["CONN_HEALTH_CHECKS"]) == (600, True)
    assert s["DATABASES"]["default"]["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 1}
    assert s["CACHES"]["default"]["BACKEND"] == env_settings.LOCMEM
    assert s["SESSION_ENGINE"] == env_settings.DB_SESSIONS
    assert s["STORAGES"]["default"]["BACKEND"] == env_settings.FILE_STORAGE
    assert s["imported"] == []


def test_settings_several_servers(tmp_path: Path) -> None:
    s = _settings(
        tmp_path,
        {
            "DATABASE_URL": "postgres://k:p@db/k",
            "DATABASE_REPLICA_URL": "postgres://ro:p@replica/k",
            "REDIS_URL": "redis://cache:6379/0",
            "KARIER_S3_BUCKET": "berkas",
            "DB_CONN_MAX_AGE": "120",
        },
    )
    assert s["DATABASES"]["replica"]["HOST"] == "replica" and s["DATABASES"]["replica"]["CONN_MAX_AGE"] == 120
    assert s["DATABASE_ROUTERS"] == ["karier.core.dbrouter.ReplicaRouter"]
    assert s["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert s["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    # Settings name the optional backends; only Django, when it first uses one, imports its package.
    assert s["imported"] == []


# --------------------------------------------------------------------------------- deploy files
def _gunicorn(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name in ("KARIER_BIND", "KARIER_WORKERS", "KARIER_THREADS", "KARIER_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def test_gunicorn_config_is_valid_for_gunicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    from gunicorn.config import Config

    ns = _gunicorn(monkeypatch)
    cfg = Config()
    for name, value in ns.items():
        if name in cfg.settings:
            cfg.set(name, value)  # gunicorn's own validation of every value the file sets
    assert 1 <= cfg.workers <= 9 and cfg.threads >= 1 and cfg.worker_class_str == "gthread"
    assert cfg.bind == ["127.0.0.1:8001"] and cfg.max_requests > 0 and 0 < cfg.max_requests_jitter < cfg.max_requests
    assert cfg.accesslog == "-" and cfg.timeout == 60
    tuned = _gunicorn(monkeypatch, KARIER_WORKERS="3", KARIER_BIND="0.0.0.0:9000", KARIER_TIMEOUT="30")
    assert (tuned["workers"], tuned["bind"], tuned["timeout"]) == (3, ["0.0.0.0:9000"], 30)


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read(DEPLOY / name)
    return parser


def test_systemd_units_start_gunicorn_and_the_task_worker() -> None:
    web, worker = _unit("karier-web.service"), _unit("karier-worker.service")
    start = web["Service"]["ExecStart"].split()
    assert start[0].endswith("/.venv/bin/gunicorn") and start[1:3] == ["-c", "/srv/karier/deploy/gunicorn.conf.py"]
    assert start[-1] == "config.wsgi"
    cmd = worker["Service"]["ExecStart"].split()
    assert cmd[0].endswith("/.venv/bin/karier") and cmd[1] in get_commands()  # a command this project has
    assert cmd[1] == "db_worker"
    for unit in (web, worker):
        assert unit["Service"]["EnvironmentFile"] == "/srv/karier/.env"
        assert unit["Install"]["WantedBy"] == "multi-user.target"


def _size_mb(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.IGNORECASE)
    assert match, pattern
    return int(match.group(1))


def test_proxies_forward_to_gunicorn_with_the_upload_limit_and_longer_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    port = _gunicorn(monkeypatch)["bind"][0]
    caddy, nginx = (DEPLOY / "Caddyfile").read_text(), (DEPLOY / "nginx-karier.conf").read_text()
    for text in (caddy, nginx):
        assert text.count("{") == text.count("}")
        assert port in text
    assert re.search(rf"reverse_proxy {re.escape(port)}", caddy)
    assert re.search(rf"server {re.escape(port)}", nginx) and "proxy_pass http://karier_app;" in nginx
    assert "$proxy_add_x_forwarded_for" in nginx  # appended, as karier.core.clientip expects
    limit = max_bytes() // (1024 * 1024)
    for mb in (_size_mb(caddy, r"max_size (\d+)MB"), _size_mb(nginx, r"client_max_body_size (\d+)m;")):
        assert limit < mb <= limit + 5  # the evidence limit plus the form around it, no more
    timeout = _gunicorn(monkeypatch)["timeout"]
    assert _size_mb(nginx, r"proxy_read_timeout (\d+)s;") > timeout
    assert _size_mb(caddy, r"response_header_timeout (\d+)s") > timeout
    assert "return 404" in nginx and "respond /media/* 404" in caddy  # uploads never served by the proxy


def test_env_example_names_every_deployment_variable() -> None:
    text = (ROOT / ".env.example").read_text()
    names = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
    missing = set(env_settings.NAMES) - names - {"CACHE_BACKEND", "CACHE_LOCATION", "KARIER_REDIS_URL"}
    assert not missing
