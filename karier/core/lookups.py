"""`field__any=[…]`: `IN` for a long list of ids, sent to PostgreSQL as one array parameter.

The set-based jobs filter each chunk by two thousand ids. Written as `IN (%s, %s, …)`, psycopg binds
them client-side by splitting the statement at every placeholder: 43 ms per query for 2,000 ids on
this machine, against 4.5 ms for `= ANY(%s)` with the list as one array (PostgreSQL plans the two the
same way: it turns an IN list into `= ANY(ARRAY[…])` itself). A list of plain ints for an integer
column (or a foreign key to one) is taken as it is, without Django preparing each value one by one.
Elsewhere (SQLite) it is Django's `IN`, with the same rules: None dropped, an empty list matches
nothing, a subquery stays a subquery. Registered on every field and, separately, on foreign keys
(whose lookups Django keeps apart).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import Field
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

_INTEGER = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
    }
)


def _plain_ints(lookup: Any) -> list[int] | None:
    """The values, deduplicated in order, when they are plain ints (None dropped) compared with an
    integer column; None when Django has to prepare them (other types, model instances, subqueries)."""
    rhs = lookup.rhs
    if not isinstance(rhs, list | tuple | set | frozenset):
        return None
    field = getattr(lookup.lhs, "output_field", None)
    target = getattr(field, "target_field", field) if getattr(field, "is_relation", False) else field
    if target is None or getattr(field, "many_to_many", False) or target.get_internal_type() not in _INTEGER:
        return None
    values = [v for v in rhs if v is not None]
    if any(type(v) is not int for v in values):
        return None
    return list(dict.fromkeys(values))


class _AsArray:
    """`lhs = ANY(%s)` on PostgreSQL for a direct list of values; the parent's SQL otherwise."""

    rhs: Any
    ints: list[int] | None = None

    def get_prep_lookup(self) -> Any:
        self.ints = _plain_ints(self)
        if self.ints is not None:
            return self.ints
        return super().get_prep_lookup()  # type: ignore[misc]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lookup: Any = self
        if not lookup.rhs_is_direct_value() or isinstance(lookup.lhs, tuple) or _multi_column(lookup):
            return lookup.as_sql(compiler, connection)
        lhs_sql, lhs_params = lookup.process_lhs(compiler, connection)
        if self.ints is not None:
            if not self.ints:
                raise EmptyResultSet
            values = self.ints
        else:
            values = list(lookup.process_rhs(compiler, connection)[1])  # prepared; EmptyResultSet when none
        return f"{lhs_sql} = ANY(%s)", (*lhs_params, values)


def _multi_column(lookup: Any) -> bool:
    targets = getattr(lookup.lhs, "targets", None) or getattr(
        getattr(lookup.lhs, "output_field", None), "targets", None
    )
    return len(targets or ()) > 1


@Field.register_lookup
class AnyOf(_AsArray, In):
    lookup_name = "any"


@ForeignObject.register_lookup
class RelatedAnyOf(_AsArray, RelatedIn):
    lookup_name = "any"
