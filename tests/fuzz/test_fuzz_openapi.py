"""Schemathesis against the whole OpenAPI schema, as an admin and as a plain employee.

Every operation must answer within its documented status codes and response schemas, and never
with a server error, whatever the generated input. Few examples per operation (four, twice: each run
is on SQLite and on PostgreSQL, and CI stays under 30 minutes) keep it quick; the seed is fixed so a
failure reproduces.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.orgdata import build_org

pytestmark = pytest.mark.django_db


def _load_schema() -> Any:
    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = _load_schema()


@pytest.fixture(autouse=True)
def _keep_test_connection() -> Any:
    """Calls go straight to the WSGI app, not through Django's test client, so the request
    signals would close the test transaction's connection (PostgreSQL); keep it open, as the
    test client does."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


_TOKENS: dict[str, str] = {}


@pytest.fixture(scope="module")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The organisation and the two tokens are built once for the module, outside the tests'
    transactions: each test still rolls back what its calls wrote, so every test starts from the
    same rows, without rebuilding them 152 times (that was half the run on PostgreSQL)."""
    from karier.accounts.tokens import token_create
    from karier.people.access import SYSTEM

    with django_db_blocker.unblock():
        org = build_org()
        for who in ("admin", "staf1a"):
            _TOKENS[who] = token_create(actor=SYSTEM, user=org.users[who], name="fuzz")[1]
    yield


@pytest.fixture
def tokens(db: Any) -> dict[str, str]:
    return _TOKENS


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_operation_holds_its_contract(case: Any, tokens: dict[str, str]) -> None:
    for who in ("admin", "staf1a"):
        case.call_and_validate(headers={"Authorization": f"Bearer {tokens[who]}"})
