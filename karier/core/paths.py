"""Materialised tree paths ("/12/40/97/"): the column type and the `subtree` lookup.

"Everything under X" is a prefix of the path. Written as `path LIKE '/12/%'` it only uses an index
when the comparison is bytewise: SQLite's LIKE is case-insensitive and never uses the index, and
PostgreSQL needs a `varchar_pattern_ops` index next to the ordinary one (issue #14 measured both).
A prefix is also a range: every path that starts with `p` lies in `[p, p')`, where `p'` is `p` with
its last character incremented. `path__subtree=p` writes that range, which an ordinary B-tree index
serves on both databases — provided the column compares bytes: SQLite's default BINARY collation
does; on PostgreSQL `PathField` gives the column the "C" collation (whatever the database's locale,
where '/' may be ignored when sorting), so one index serves equality, ranges, ordering and LIKE.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Field, Lookup


def next_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (bytewise)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class PathField(models.CharField):
    """A tree path column: bytewise collation on PostgreSQL (SQLite's default is bytewise already)."""

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


@Field.register_lookup
class Subtree(Lookup):
    """`path__subtree="/12/40/"`: the path starts with the given prefix, as an indexable range."""

    lookup_name = "subtree"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if hasattr(self.rhs, "resolve_expression") or not isinstance(self.rhs, str):
            raise TypeError("path__subtree takes a path prefix (a string), not an expression")
        prefix = self.rhs
        if not prefix:
            return "1 = 1", []
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, next_prefix(prefix)]
