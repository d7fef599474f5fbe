"""Keyset ("seek") paging over any ordered queryset: the next page starts *after* the last row seen.

OFFSET makes the database read and throw away every skipped row; a keyset condition lets it start
at the right place in the index, so page 20,000 costs what page 1 costs. The key of a row is the
values of the queryset's ordering, made unique by the primary key (added at the end, in the
direction of the last key, when the ordering does not hold it — which only fixes the order of ties).

A cursor is those values, signed (`django.core.signing`) with the ordering in the salt: a client
cannot forge a position, nor carry a cursor to a list ordered differently; a cursor never reveals a
row, since it is applied on top of the actor's own queryset.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import Expression, F, Model, OrderBy, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP

M = TypeVar("M", bound=Model)

_PREFIX = "kursor_k"
_SALT = "karier.core.keyset"


class KeysetUnsupported(Exception):
    """The queryset's ordering cannot be walked by keyset (random order, a UNION, raw SQL order)."""


class BadCursor(Exception):
    """The cursor was not made by this list (tampered, truncated, another list or another key)."""


@dataclass(frozen=True)
class Key:
    expression: Any
    descending: bool
    nulls_after: bool  # in walking order: do NULLs come after every value?
    nullable: bool = True  # False for a NOT NULL column reached through NOT NULL foreign keys


class Keyset:
    """The keys of one queryset's ordering; `annotate`, `after`, `cursor_of` and `decode` use them."""

    def __init__(self, qs: QuerySet[Any]) -> None:
        items, appended = _order_items(qs)
        largest = connections[qs.db].features.nulls_order_largest
        keys: list[Key] = []
        for expression, descending, nulls_first, nulls_last in _expand(qs, [*items, appended] if appended else items):
            if nulls_last:
                after = True
            elif nulls_first:
                after = False
            else:
                after = largest != descending
            keys.append(Key(expression, descending, after, _nullable(qs.model, expression)))
            if _is_pk(qs.model, expression):
                break
        self.keys = keys
        self.names = [f"{_PREFIX}{i}" for i in range(len(keys))]
        # when the ordering lacked the primary key it gets one at the end: ties then have an order
        self.queryset = qs.order_by(*items, appended) if appended else qs
        self._salt = f"{_SALT}:{qs.model._meta.label}:" + "|".join(
            f"{k.expression!r}{'-' if k.descending else '+'}{int(k.nulls_after)}" for k in keys
        )

    def annotate(self) -> QuerySet[Any]:
        """The queryset (ordering made unique) with each key selected, so a page's last row carries
        the values its cursor needs."""
        return self.queryset.annotate(**{n: k.expression for n, k in zip(self.names, self.keys, strict=True)})

    def after(self, values: list[Any]) -> Q | None:
        """The rows strictly after `values` in this ordering (None: no row can be)."""
        branches: list[Q] = []
        equal = Q()
        for name, key, value in zip(self.names, self.keys, values, strict=True):
            later = _later(name, key, value)
            if later is not None:
                branches.append(equal & later)
            equal &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
        if not branches:
            return None
        condition = branches[0]
        for branch in branches[1:]:
            condition |= branch
        first, value = self.keys[0], values[0]
        if value is not None and not (first.nulls_after and first.nullable):
            # implied by the condition; stated so the database can start its index range there
            condition &= Q(**{f"{self.names[0]}__{'lte' if first.descending else 'gte'}": value})
        return condition

    def cursor_of(self, row: Any) -> str:
        """The cursor that continues after `row` (an instance or a dict from `annotate()`)."""
        get = row.get if isinstance(row, dict) else lambda n: getattr(row, n)
        return signing.dumps([_dump(get(n)) for n in self.names], salt=self._salt, compress=True)

    def decode(self, cursor: str) -> list[Any]:
        try:
            raw = signing.loads(cursor, salt=self._salt)
        except (signing.BadSignature, ValueError, TypeError) as exc:
            raise BadCursor(cursor) from exc
        if not isinstance(raw, list) or len(raw) != len(self.keys):
            raise BadCursor(cursor)
        try:
            return [_load(v) for v in raw]
        except (ValueError, TypeError, KeyError) as exc:
            raise BadCursor(cursor) from exc


def _order_items(qs: QuerySet[Any]) -> tuple[list[Any], str]:
    """The ordering as given (strings or expressions) and the primary-key tie-breaker to append
    ("" when the ordering already ends in it)."""
    query = qs.query
    # a UNION cannot be filtered; a GROUP BY of values() would be split by the primary key
    if query.combinator or query.extra_order_by or query.is_sliced or isinstance(query.group_by, tuple):
        raise KeysetUnsupported
    if query.order_by:
        items = list(query.order_by)
    elif query.default_ordering and qs.model._meta.ordering:
        items = list(qs.model._meta.ordering)
    else:
        items = []
    if any(item == "?" for item in items):
        raise KeysetUnsupported
    pk_names = {"pk", qs.model._meta.pk.name, qs.model._meta.pk.attname}
    for item in items:
        if isinstance(item, str) and item.lstrip("-") in pk_names:
            return items, ""
        if isinstance(item, OrderBy) and _is_pk(qs.model, item.expression):
            return items, ""
    last_desc = bool(items) and (
        (isinstance(items[-1], str) and items[-1].startswith("-"))
        or (isinstance(items[-1], OrderBy) and items[-1].descending)
    )
    return items, "-pk" if last_desc else "pk"


def _expand(qs: QuerySet[Any], items: list[Any]) -> list[tuple[Any, bool, bool, bool]]:
    """(expression, descending, nulls_first, nulls_last) of each ordering item, a relation name
    expanded into its model's own ordering (as Django does), then the primary key."""
    out: list[tuple[Any, bool, bool, bool]] = []
    for item in items:
        if isinstance(item, str):
            descending = item.startswith("-")
            name = item.lstrip("-+")
            out.extend(_expand_name(qs, qs.model, "", name, descending, depth=0))
        elif isinstance(item, OrderBy):
            out.append((item.expression, item.descending, bool(item.nulls_first), bool(item.nulls_last)))
        elif isinstance(item, Expression | F):
            out.append((item, False, False, False))
        else:
            raise KeysetUnsupported
    return out


def _expand_name(
    qs: QuerySet[Any], model: type[Model], prefix: str, name: str, descending: bool, depth: int
) -> list[tuple[Any, bool, bool, bool]]:
    if not prefix and name in qs.query.annotations:
        return [(F(name), descending, False, False)]
    if depth > 3:
        raise KeysetUnsupported
    path = name.split(LOOKUP_SEP)
    current = model
    field: Any = None
    try:
        for part in path:
            field = current._meta.pk if part == "pk" else current._meta.get_field(part)
            if field.is_relation and field.related_model is not None:
                current = field.related_model
    except FieldDoesNotExist as exc:
        raise KeysetUnsupported from exc
    full = prefix + name
    if field is not None and field.is_relation and (field.many_to_one or field.one_to_one):
        ordering = current._meta.ordering
        if ordering and path[-1] != getattr(field, "attname", None):
            out: list[tuple[Any, bool, bool, bool]] = []
            for sub in ordering:
                if not isinstance(sub, str):
                    raise KeysetUnsupported
                sub_desc = sub.startswith("-") != descending
                out.extend(_expand_name(qs, current, full + LOOKUP_SEP, sub.lstrip("-+"), sub_desc, depth + 1))
            return out
    return [(F(full), descending, False, False)]


def _nullable(model: type[Model], expression: Any) -> bool:
    """Whether the key can be NULL: only a plain column path through NOT NULL forward relations is
    known not to be (its IS NULL branches are dropped, so the database can use a plain index range)."""
    if not isinstance(expression, F):
        return True
    current = model
    for part in expression.name.split(LOOKUP_SEP):
        try:
            field: Any = current._meta.pk if part == "pk" else current._meta.get_field(part)
        except FieldDoesNotExist:
            return True
        if getattr(field, "null", True) or not getattr(field, "concrete", False):
            return True
        if field.is_relation:
            if field.related_model is None:
                return True
            current = field.related_model
    return False


def _is_pk(model: type[Model], expression: Any) -> bool:
    return isinstance(expression, F) and expression.name in {"pk", model._meta.pk.name, model._meta.pk.attname}


def _later(name: str, key: Key, value: Any) -> Q | None:
    """Rows whose key `name` comes strictly after `value` in walking order (None: none can)."""
    if value is None:
        return None if key.nulls_after else Q(**{f"{name}__isnull": False})
    later = Q(**{f"{name}__{'lt' if key.descending else 'gt'}": value})
    return later | Q(**{f"{name}__isnull": True}) if key.nulls_after and key.nullable else later


def _dump(value: Any) -> Any:
    """A key value as JSON, tagged so it comes back with its type."""
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, dt.time):
        return {"h": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"u": str(value)}
    raise KeysetUnsupported(type(value).__name__)


def _load(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    ((tag, text),) = value.items()
    loaders: dict[str, Any] = {
        "n": Decimal,
        "t": dt.datetime.fromisoformat,
        "d": dt.date.fromisoformat,
        "h": dt.time.fromisoformat,
        "u": uuid.UUID,
    }
    return loaders[tag](text)


def keyset_or_none(qs: QuerySet[M]) -> Keyset | None:
    try:
        return Keyset(qs)
    except KeysetUnsupported:
        return None
