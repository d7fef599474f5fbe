"""Fast inserts of plain row tuples, for set-based work that writes thousands of rows (bulk SKP
creation, a period's evaluations, the demo generator).

No model instance is built per row: rows are tuples of values for the `columns` named (attnames),
and every other column gets the model field's default (auto_now fields: now), computed once.
PostgreSQL streams them with COPY, SQLite with executemany; other databases fall back to
`bulk_create`. Nothing here checks a rule or writes an audit event: callers are services that have
done both.

- `bulk_insert(model, columns, rows, ids=True)` draws the new ids itself (PostgreSQL: from the
  table's sequence in one query; SQLite: after MAX(id), safe because the caller's transaction holds
  SQLite's single write lock) and returns them in row order.
- With the primary key among `columns`, the caller assigns ids (`next_id`) and calls
  `reset_sequences` after the last insert.
- `Table` buffers one model's rows and flushes them with `bulk_insert`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Field, Max, Model
from django.utils import timezone

# SQLite stores dates and decimals as text: the field converts them (PostgreSQL's COPY adapts Python
# values itself).
_SQLITE_CONVERTED = ("DateField", "DecimalField")


def bulk_insert(
    model: type[Model], columns: Sequence[str], rows: Sequence[tuple[Any, ...]], *, ids: bool = False
) -> list[int]:
    """Insert `rows` (tuples of values for `columns`) with one statement; with `ids`, return the new
    primary keys in row order (else an empty list)."""
    if not rows:
        return []
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model._default_manager.bulk_create(objs)
        return [o.pk for o in objs] if ids else []
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    by_attname: dict[str, Field[Any, Any]] = {f.attname: f for f in meta.concrete_fields}
    unknown = [c for c in columns if c not in by_attname]
    if unknown:
        raise ValueError(f"{meta.label}: unknown fields {unknown}")
    if ids and pk.attname in columns:
        raise ValueError(f"{meta.label}: ids=True draws the primary keys; do not pass {pk.attname}")
    given = [by_attname[c] for c in columns]
    now = timezone.now()
    rest = [f for f in meta.concrete_fields if f.attname not in columns and not f.primary_key]
    defaults = tuple(
        f.get_db_prep_save(
            now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default(), connection
        )
        for f in rest
    )
    convert = [i for i, f in enumerate(given) if vendor == "sqlite" and f.get_internal_type() in _SQLITE_CONVERTED]

    def prepared(row: tuple[Any, ...]) -> tuple[Any, ...]:
        if convert:
            values = list(row)
            for i in convert:
                values[i] = given[i].get_db_prep_save(values[i], connection)
            row = tuple(values)
        return row + defaults

    quote = connection.ops.quote_name
    table = meta.db_table
    column_names = [f.column for f in given] + [f.column for f in rest]
    new_ids: list[int] = []
    with connection.cursor() as cursor:
        if ids and vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(rows)],
            )
            new_ids = [r[0] for r in cursor.fetchall()]
        elif ids:
            # Never reuse the id of a deleted row (AUTOINCREMENT keeps the highest in sqlite_sequence).
            # Identifiers come from the model's metadata, quoted; values are parameters.
            cursor.execute(
                f"SELECT MAX(COALESCE((SELECT MAX({quote(pk.column)}) FROM {quote(table)}), 0), "  # noqa: S608
                "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
                [table],
            )
            first = int(cursor.fetchone()[0]) + 1
            new_ids = list(range(first, first + len(rows)))
        if ids:
            column_names = [pk.column, *column_names]
            out: Iterable[tuple[Any, ...]] = ((i, *prepared(row)) for i, row in zip(new_ids, rows, strict=True))
        else:
            out = (prepared(row) for row in rows)
        column_sql = ", ".join(quote(c) for c in column_names)
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({column_sql}) FROM STDIN") as copy:
                for row in out:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(column_names))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({column_sql}) VALUES ({placeholders})",  # noqa: S608
                list(out),
            )
    return new_ids


class Table:
    """One model's buffered rows (tuples for `fields`, ids assigned by the caller), written with
    `bulk_insert` on `flush`."""

    def __init__(self, model: type[Model], fields: Sequence[str]) -> None:
        known = {f.attname for f in model._meta.concrete_fields}
        unknown = [f for f in fields if f not in known]
        if unknown:
            raise ValueError(f"{model._meta.label}: unknown fields {unknown}")
        self.model = model
        self.fields = tuple(fields)
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)

    def flush(self) -> None:
        if not self.rows:
            return
        bulk_insert(self.model, self.fields, self.rows)
        self.written += len(self.rows)
        self.rows = []


def next_id(model: type[Model]) -> int:
    """The first free id after the table's highest (for callers that assign ids themselves)."""
    top = model._default_manager.aggregate(m=Max("pk"))["m"]
    return int(top or 0) + 1


def reset_sequences(models: Iterable[type[Model]]) -> None:
    """After inserting explicit ids, move PostgreSQL's sequences past them (no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze(*models: type[Model]) -> None:
    """Refresh the planner's statistics of these tables after a bulk load (PostgreSQL). Autovacuum
    analyses a table only minutes later, and until then the planner takes a freshly filled table for
    an empty one: an `exists()` took 230 s right after a province's bulk plan creation (issue #14).
    ANALYZE samples (30,000 rows), so it costs a fraction of a second whatever the table's size.
    SQLite keeps no statistics unless asked and its ANALYZE reads whole tables: nothing there."""
    if connection.vendor != "postgresql" or not models:
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
