"""Paging of every API list: limit/offset (one COUNT, one page) or a keyset cursor (no OFFSET, no COUNT).

Each page carries `berikutnya`, the cursor of the next page (null on the last): the values of the
list's ordering for the page's last row, signed (`karier.core.keyset`). A client that follows it
reads the whole list, each visible row once, in order, and every page costs what the first costs.
Deep offsets stay correct but read the skipped rows' keys only (`karier.core.paging.rows_between`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

from karier.api.schemas import KURSOR_TIDAK_VALID, PAGING_GANDA, PageParams
from karier.core.keyset import BadCursor, Keyset, KeysetUnsupported, keyset_or_none
from karier.core.paging import rows_between

M = TypeVar("M", bound=Model)
_ROWS_SALT = "karier.api.pagination.rows"


def _cursor_error(message: str) -> ValidationError:
    """A cursor that passed the schema (a string of the allowed length) but is not one this list
    gave out: a rule refuses it — 409 with the reason under `setelah`, like every refusal of
    well-formed input (`karier.api.api.invalid`)."""
    return ValidationError({"setelah": [message]})


def _one_way(page: PageParams) -> None:
    if page.setelah and page.offset:
        raise ValidationError({"setelah": [PAGING_GANDA]})


def paginate(qs: QuerySet[M] | Sequence[Any], page: PageParams) -> dict[str, Any]:
    _one_way(page)
    if not isinstance(qs, QuerySet):
        return _paginate_rows(qs, page)
    if page.setelah:
        return _after_cursor(qs, page, page.setelah)
    count = qs.count()
    if page.offset >= count:  # past the end: nothing to read, whatever the offset
        return {"count": count, "limit": page.limit, "offset": page.offset, "items": [], "berikutnya": None}
    keyset = keyset_or_none(qs)
    rows = rows_between(keyset.annotate() if keyset else qs, page.offset, page.offset + page.limit, total=count)
    more = page.offset + page.limit < count
    berikutnya = _next(keyset, rows) if more else None
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": rows, "berikutnya": berikutnya}


def _after_cursor(qs: QuerySet[M], page: PageParams, cursor: str) -> dict[str, Any]:
    try:
        keyset = Keyset(qs)
    except KeysetUnsupported:
        raise _cursor_error("Daftar ini tidak bisa dibaca dengan kursor; pakai `offset`.") from None
    try:
        values = keyset.decode(cursor)
    except BadCursor:
        raise _cursor_error(KURSOR_TIDAK_VALID) from None
    condition = keyset.after(values)
    rows = list(keyset.annotate().filter(condition)[: page.limit + 1]) if condition is not None else []
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return {
        "count": None,
        "limit": page.limit,
        "offset": 0,
        "items": rows,
        "berikutnya": _next(keyset, rows) if more else None,
    }


def _next(keyset: Keyset | None, rows: list[Any]) -> str | None:
    if keyset is None or not rows:
        return None
    try:
        return keyset.cursor_of(rows[-1])
    except KeysetUnsupported:  # a key of a type a cursor cannot carry: offset paging only
        return None


def _paginate_rows(rows: Sequence[Any], page: PageParams) -> dict[str, Any]:
    """The same envelope over a list already computed in Python (a ranking, a merge of sources): the
    cursor is the signed position of the next row, so clients walk every list the same way."""
    start = page.offset
    if page.setelah:
        try:
            start = int(signing.loads(page.setelah, salt=_ROWS_SALT)["i"])
        except (signing.BadSignature, ValueError, TypeError, KeyError):
            raise _cursor_error(KURSOR_TIDAK_VALID) from None
    end = start + page.limit
    return {
        "count": len(rows),
        "limit": page.limit,
        "offset": start,
        "items": list(rows[start:end]),
        "berikutnya": signing.dumps({"i": end}, salt=_ROWS_SALT) if end < len(rows) else None,
    }
