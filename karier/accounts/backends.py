"""Login by NIP (spaces allowed, as printed on documents) or by username."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


def normalise_login(username: str) -> str:
    compact = username.replace(" ", "").strip()
    return compact if compact.isdigit() else username.strip()


class NipOrUsernameBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            return None
        return super().authenticate(request, username=normalise_login(username), password=password, **kwargs)
