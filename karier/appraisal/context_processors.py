"""The reminder bell in the navigation: the signed-in user's unread reminders (one COUNT query)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from karier.appraisal.models import Pengingat


def pengingat(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"pengingat_belum_dibaca": 0}
    return {"pengingat_belum_dibaca": Pengingat.objects.filter(pengguna_id=user.pk, dibaca=False).count()}
