"""Limit/offset pagination with a fixed cost: one COUNT and one slice, whatever the page."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from karier.api.schemas import PageParams

M = TypeVar("M", bound=Model)


def paginate(qs: QuerySet[M], page: PageParams) -> dict[str, Any]:
    count = qs.count()
    items = list(qs[page.offset : page.offset + page.limit]) if page.offset < count else []
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": items}
