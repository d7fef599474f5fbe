"""The PostgreSQL test database keeps autovacuum off its tables (tests/conftest.py: a rolled-back
test's dead rows made autovacuum record tables as empty, and a later test's plan ran for minutes)."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_no_table_of_the_test_database_is_autovacuumed() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no statistics unless asked")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
            " AND NOT COALESCE(reloptions @> ARRAY['autovacuum_enabled=false'], false)"
        )
        assert [r[0] for r in cursor.fetchall()] == []
        cursor.execute("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")
        assert cursor.fetchone()[0] > 100
