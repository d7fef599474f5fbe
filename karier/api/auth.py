"""API authentication: `Authorization: Bearer <token>` or the browser session (CSRF on writes).

The token is tried first, so a script that sends one never meets the session's CSRF check.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from karier.accounts.models import ApiToken

# Recording every use would write on every read; once per five minutes is enough to audit.
LAST_USED_RESOLUTION_SECONDS = 300


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token:
            return None
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        last = row.last_used_at
        if last is None or (now - last).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


def SessionOrToken() -> list[Any]:  # reads like a class where it is used
    return [TokenAuth(), SessionAuth()]
