"""Shared fixtures: a small organisation built through the services, users for every role,
fast password hashing, and Playwright on Debian's chromium."""

from __future__ import annotations

import os
from typing import Any

import pytest
from pytest_django.plugin import blocking_manager_key

from tests.orgdata import Org, build_org

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + page in one test

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No cached figures between tests: every test sees (and counts the queries of) real reads.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def org(db: Any) -> Org:
    return build_org()


def _flushes(item: pytest.Item) -> bool:
    """A transactional test ends with a flush that empties every table, the reference data the
    migrations loaded (SIASN, BerAKHLAK, the Kamus kompetensi, the talent rules) included."""
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or (marker.args and marker.args[0]))


def _restores_itself(item: pytest.Item | None) -> bool:
    marker = item.get_closest_marker("django_db") if item is not None else None
    return marker is not None and _flushes(item) and bool(marker.kwargs.get("serialized_rollback"))  # type: ignore[arg-type]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test must ask for a serialized rollback: the database is serialized
    once at setup only when one does, and the teardown below restores from that copy."""
    wrong = [item.nodeid for item in items if _flushes(item) and not _restores_itself(item)]
    if wrong:
        raise pytest.UsageError(
            "django_db(transaction=True) needs serialized_rollback=True (see tests/conftest.py): " + ", ".join(wrong)
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """Put the reference data back after a transactional test's flush.

    pytest-django runs transactional tests last, and bin/test keeps xdist's `load` scheduling so
    that each worker does too; but a run in another order (xdist's `--dist worksteal`, a
    hand-picked list) gave the plain tests after them an empty database (CI
    on PostgreSQL once: "Instansi Pemerintah Provinsi Bengkulu belum ada"). The next test that
    restores itself at its setup, or the end of the session, needs no copy.
    """
    result = yield
    if _flushes(item) and nextitem is not None and not _restores_itself(nextitem):
        from django.db import connections

        with item.config.stash[blocking_manager_key].unblock():
            for alias in connections:
                contents = getattr(connections[alias], "_test_serialized_contents", None)
                if contents:
                    connections[alias].creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """No autovacuum on a PostgreSQL test database's tables.

    Every test rolls its rows back, leaving dead tuples; autovacuum then visits the table and records
    it as empty (`reltuples = 0` with its pages), and the planner believes that for the rest of the
    run: a later test with a few hundred rows got nested loops over them and one query ran for 13
    minutes. The tables are throw-away and tiny; their statistics stay as the migrations left them."""
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            if connection.vendor != "postgresql":
                continue
            with connection.cursor() as cursor:
                for table in connection.introspection.table_names(cursor):
                    quoted = connection.ops.quote_name(table)
                    cursor.execute(f"ALTER TABLE {quoted} SET (autovacuum_enabled = false)")
    yield
