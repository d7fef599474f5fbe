"""Creating and revoking API tokens. Only the SHA-256 of a key is stored; the key is shown once."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from karier.accounts.models import ApiToken, User
from karier.core import audit

PREFIX_LENGTH = 8


@transaction.atomic
def token_create(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the raw key, which is never retrievable again."""
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Nama token wajib diisi."
    elif len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        errors["name"] = "Nama token terlalu panjang (maksimal 80 karakter)."
    if not user.is_active:
        errors["user"] = f"Pengguna {user.get_username()} tidak aktif."
    if errors:
        raise ValidationError(errors)
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key), prefix=key[:PREFIX_LENGTH])
    audit.record(
        actor=actor, action="api_token.create", obj=token, summary=f"{user.get_username()}: {name} ({token.prefix}…)"
    )
    return token, key


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token; it stops working at once. Revoking twice is harmless."""
    if token.revoked:
        return token
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    token.revoked = True
    audit.record(
        actor=actor,
        action="api_token.revoke",
        obj=token,
        summary=f"{token.user.get_username()}: {token.name} ({token.prefix}…)",
        changes={"revoked": [False, True]},
    )
    return token


__all__ = ["token_create", "token_revoke"]
