"""Settings from the environment (django-environ): each case loads a copy of config/settings.py in a
fresh process, beside a temporary `.env`, with an environment holding nothing but what the case sets.

The real environment wins over `.env`; flags and lists keep their meaning; DATABASE_URL is parsed,
with the SQLite tuning only on SQLite; an empty environment gives the embedded defaults."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"

# Runs the copied settings file as a script (so BASE_DIR is the temporary folder) and prints what
# the tests look at; PROBE_* variables go through the module's own env_bool / env_list helpers.
LOADER = """
import json, os, runpy, sys
s = runpy.run_path(sys.argv[1])
names = [
    "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SECRET_KEY", "DATABASES", "TASKS", "VAR_DIR", "MEDIA_ROOT",
    "KARIER_LOGIN_MAX_FAILURES", "KARIER_LOGIN_WINDOW_MINUTES", "KARIER_LOGIN_ADDRESS_MAX_FAILURES",
    "KARIER_LOGIN_ACCOUNT_MAX_FAILURES", "KARIER_LOGIN_ACCOUNT_WINDOW_HOURS", "KARIER_TRUSTED_PROXIES",
    "SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER",
    "EMAIL_HOST", "EMAIL_BACKEND", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
    "EMAIL_USE_SSL", "DEFAULT_FROM_EMAIL", "CACHES", "LOGGING",
]
out = {name: s[name] for name in names}
out["probe_bool"] = {k: s["env_bool"](k) for k in sorted(os.environ) if k.startswith("PROBE_BOOL_")}
out["probe_list"] = {k: s["env_list"](k, "") for k in sorted(os.environ) if k.startswith("PROBE_LIST_")}
print(json.dumps(out, default=str))
"""


def _load(tmp_path: Path, env: dict[str, str] | None = None, dotenv: str | None = None) -> dict[str, Any]:
    result = _run(tmp_path, env, dotenv)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def _run(tmp_path: Path, env: dict[str, str] | None, dotenv: str | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "config").mkdir(exist_ok=True)
    shutil.copy(SETTINGS, tmp_path / "config" / "settings.py")
    if dotenv is not None:
        (tmp_path / ".env").write_text(dotenv, encoding="utf-8")
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", LOADER, str(tmp_path / "config" / "settings.py")],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_empty_environment_gives_the_embedded_defaults(tmp_path: Path) -> None:
    s = _load(tmp_path)
    var = tmp_path / "var"
    assert s["VAR_DIR"] == str(var)
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert s["CSRF_TRUSTED_ORIGINS"] == []
    db = s["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(var / "karier.sqlite3")
    assert db["CONN_MAX_AGE"] == 0
    assert db["OPTIONS"] == {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    assert s["TASKS"]["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert s["MEDIA_ROOT"] == str(var / "media")
    assert [
        s[f"KARIER_LOGIN_{n}"]
        for n in (
            "MAX_FAILURES",
            "WINDOW_MINUTES",
            "ADDRESS_MAX_FAILURES",
            "ACCOUNT_MAX_FAILURES",
            "ACCOUNT_WINDOW_HOURS",
        )
    ] == [5, 15, 100, 30, 24]
    assert s["KARIER_TRUSTED_PROXIES"] == []
    assert (s["SESSION_COOKIE_SECURE"], s["SECURE_SSL_REDIRECT"], s["SECURE_HSTS_SECONDS"]) == (False, False, 0)
    assert s["SECURE_PROXY_SSL_HEADER"] is None
    assert s["EMAIL_HOST"] == ""
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert (s["EMAIL_PORT"], s["EMAIL_USE_TLS"], s["EMAIL_USE_SSL"]) == (587, True, False)
    assert s["DEFAULT_FROM_EMAIL"] == "Karier <noreply@localhost>"
    assert s["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["LOGGING"]["root"]["level"] == "WARNING"
    # The per-install key: generated once into var/, private, and the same on the next start.
    key_file = var / "secret_key"
    assert s["SECRET_KEY"] == key_file.read_text().strip() and len(s["SECRET_KEY"]) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert _load(tmp_path)["SECRET_KEY"] == s["SECRET_KEY"]


def test_real_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = "\n".join(
        [
            "# a comment, then a blank line",
            "",
            "SECRET_KEY=from-dotenv",
            "ALLOWED_HOSTS=a.example,b.example",
            "DEBUG=true",
            "KARIER_LOGIN_MAX_FAILURES=7",
            'DEFAULT_FROM_EMAIL="Karier <karier@bengkuluprov.go.id>"',
            "EMAIL_HOST_USER='karier'",
            "export TASKS_BACKEND=django_tasks_db.DatabaseBackend",
        ]
    )
    s = _load(tmp_path, {"SECRET_KEY": "from-environment", "ALLOWED_HOSTS": "c.example", "DEBUG": "false"}, dotenv)
    assert s["SECRET_KEY"] == "from-environment"
    assert s["ALLOWED_HOSTS"] == ["c.example"]
    assert s["DEBUG"] is False
    # What only .env sets is read from it, quotes removed.
    assert s["KARIER_LOGIN_MAX_FAILURES"] == 7
    assert s["DEFAULT_FROM_EMAIL"] == "Karier <karier@bengkuluprov.go.id>"
    assert s["EMAIL_HOST_USER"] == "karier"
    assert s["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert not (tmp_path / "var" / "secret_key").exists()  # an explicit key never writes one


def test_booleans(tmp_path: Path) -> None:
    true = ["1", "true", "TRUE", "Yes", "on", " true "]
    false = ["0", "false", "no", "off", "", "ok", "y", "nonsense"]
    env = {f"PROBE_BOOL_T{i}": v for i, v in enumerate(true)} | {f"PROBE_BOOL_F{i}": v for i, v in enumerate(false)}
    s = _load(tmp_path, {**env, "HTTPS": "yes", "BEHIND_PROXY": "1", "EMAIL_USE_TLS": "false", "EMAIL_USE_SSL": "on"})
    assert s["probe_bool"] == {name: name.startswith("PROBE_BOOL_T") for name in env}
    assert (s["SECURE_SSL_REDIRECT"], s["SESSION_COOKIE_SECURE"], s["SECURE_HSTS_SECONDS"]) == (True, True, 31536000)
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert (s["EMAIL_USE_TLS"], s["EMAIL_USE_SSL"]) == (False, True)
    # SECURE_COOKIES overrides the default derived from HTTPS (and DEBUG).
    assert _load(tmp_path, {"HTTPS": "true", "SECURE_COOKIES": "no"})["SESSION_COOKIE_SECURE"] is False
    assert _load(tmp_path, {"HTTPS": "true", "DEBUG": "on"})["SESSION_COOKIE_SECURE"] is False


def test_lists(tmp_path: Path) -> None:
    s = _load(
        tmp_path,
        {
            "ALLOWED_HOSTS": " karier.example , ,www.karier.example,,",
            "CSRF_TRUSTED_ORIGINS": "https://karier.example",
            "KARIER_TRUSTED_PROXIES": "127.0.0.1, 10.20.0.0/24",
            "PROBE_LIST_EMPTY": "",
            "PROBE_LIST_COMMAS": " , ,",
        },
    )
    assert s["ALLOWED_HOSTS"] == ["karier.example", "www.karier.example"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://karier.example"]
    assert s["KARIER_TRUSTED_PROXIES"] == ["127.0.0.1", "10.20.0.0/24"]
    assert s["probe_list"] == {"PROBE_LIST_COMMAS": [], "PROBE_LIST_EMPTY": []}


def test_a_malformed_trusted_proxy_stops_the_start(tmp_path: Path) -> None:
    result = _run(tmp_path, {"KARIER_TRUSTED_PROXIES": "127.0.0.1,10.20.0.0/33"}, None)
    assert result.returncode != 0
    assert "10.20.0.0/33" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgres://karier:p%40ss@db.example:5433/karier?sslmode=require",
        "postgresql://karier:p%40ss@db.example:5433/karier?sslmode=require",
    ],
)
def test_database_url_postgres(tmp_path: Path, url: str) -> None:
    db = _load(tmp_path, {"DATABASE_URL": url, "DB_CONN_MAX_AGE": "30"})["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "karier",
        "karier",
        "p@ss",
        "db.example",
        5433,
    )
    # no SQLite tuning on PostgreSQL; statements bound on the server and prepared (config/env_settings.py)
    assert db["OPTIONS"] == {"sslmode": "require", "server_side_binding": True, "prepare_threshold": 1}
    assert db["CONN_MAX_AGE"] == 30


def test_database_url_sqlite_gets_the_tuning(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.sqlite3"
    db = _load(tmp_path, {"DATABASE_URL": f"sqlite:///{path}", "DB_CONN_MAX_AGE": "30"})["DATABASES"]["default"]
    assert (db["ENGINE"], db["NAME"]) == ("django.db.backends.sqlite3", str(path))
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert db["CONN_MAX_AGE"] == 0  # one connection per request on SQLite, whatever DB_CONN_MAX_AGE says


def test_dollar_values(tmp_path: Path) -> None:
    """`$NAME` refers to another variable (django-environ's proxy); `\\$` is a literal dollar sign."""
    s = _load(tmp_path, {"EMAIL_HOST_PASSWORD": "\\$ecret", "MAIL_USER": "karier", "EMAIL_HOST_USER": "$MAIL_USER"})
    assert s["EMAIL_HOST_PASSWORD"] == "$ecret"
    assert s["EMAIL_HOST_USER"] == "karier"
