"""Small pieces every router uses: a path id parameter, and a service's PermissionDenied as 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Path

from karier.api.schemas import MAX_ID


def path_id(description: str) -> Any:
    """A database id in the path: 1 … 2⁶³−1, so no generated number reaches the database driver."""
    return Path(..., ge=1, le=MAX_ID, description=description)


def forbidden_as_403(fn: Callable[[], Any]) -> Any:
    """Run a service; a PermissionDenied (visible, but not yours to do) becomes 403 with its reason."""
    try:
        return fn()
    except PermissionDenied as exc:
        return 403, {"detail": str(exc) or "Anda tidak berwenang melakukan ini."}
