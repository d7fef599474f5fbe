"""The reminder bell in the navigation: the signed-in user's unread reminders (one COUNT query).

Keyed by the user id, not an Actor: building an Actor costs queries every page would pay."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from karier.appraisal.evaluation.selectors import pengingat_unread


def pengingat(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"pengingat_belum_dibaca": 0}
    return {"pengingat_belum_dibaca": pengingat_unread(user.pk)}
