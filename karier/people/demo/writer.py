"""Fast inserts of plain row tuples: COPY on PostgreSQL, executemany elsewhere.

Model instances are never built: rows are tuples in the order of the fields a `Table` is given,
and the columns the generator does not fill get the model field's default, computed once. Ids
are assigned by the caller, so no round trip is needed to learn them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max, Model


class Table:
    """One model's insert statement and its buffered rows."""

    def __init__(self, model: type[Model], fields: Sequence[str]) -> None:
        self.model = model
        meta = model._meta
        by_attname = {f.attname: f for f in meta.concrete_fields}
        unknown = [f for f in fields if f not in by_attname]
        if unknown:
            raise ValueError(f"{meta.label}: unknown fields {unknown}")
        rest = [f for f in meta.concrete_fields if f.attname not in fields]
        self.columns = [by_attname[f].column for f in fields] + [f.column for f in rest]
        self.defaults: tuple[Any, ...] = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)

    def flush(self) -> None:
        if not self.rows:
            return
        qn = connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        cols = ", ".join(qn(c) for c in self.columns)
        defaults = self.defaults
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row + defaults)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608 (names quoted)
                cursor.executemany(sql, [row + defaults for row in self.rows])
        self.written += len(self.rows)
        self.rows = []


def next_id(model: type[Model]) -> int:
    top = model._default_manager.aggregate(m=Max("pk"))["m"]
    return int(top or 0) + 1


def reset_sequences(models: Iterable[type[Model]]) -> None:
    """After inserting explicit ids, move PostgreSQL's sequences past them (no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
