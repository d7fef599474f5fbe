"""Creating and revoking API tokens. Only the SHA-256 of a key is stored; the key is shown once."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from karier.accounts.models import ApiToken, User
from karier.core import audit
from karier.core.text import strip_bidi

PREFIX_LENGTH = 8


@transaction.atomic
def token_create(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the raw key, which is never retrievable again."""
    name = strip_bidi(name).strip()  # shown to BKD admins: no text that reorders itself
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


def may_manage_all_tokens(user: Any) -> bool:
    """BKD admins (and superusers) may revoke anyone's token; everyone else only their own."""
    return bool(getattr(user, "is_admin_bkd", False) or getattr(user, "is_superuser", False))


def own_tokens(user: User) -> QuerySet[ApiToken]:
    """A user's tokens for their token page: active first, newest first."""
    return ApiToken.objects.filter(user=user).order_by("revoked", "-created_at", "-pk")


def others_active_tokens(actor: User) -> QuerySet[ApiToken]:
    """Every other user's active token, for a BKD admin's token page (one query per page)."""
    if not may_manage_all_tokens(actor):
        return ApiToken.objects.none()
    return (
        ApiToken.objects.filter(revoked=False)
        .exclude(user=actor)
        .select_related("user", "user__pegawai")
        .order_by("-created_at", "-pk")
    )


def token_for_actor(actor: User, token_id: int) -> ApiToken:
    """The token `actor` may manage: their own, or any for a BKD admin. Others answer 404."""
    qs = ApiToken.objects.select_related("user")
    if not may_manage_all_tokens(actor):
        qs = qs.filter(user=actor)
    token = qs.filter(pk=token_id).first()
    if token is None:
        raise Http404("Token tidak ditemukan.")
    return token


def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token; it stops working at once. Revoking twice is harmless (and not recorded twice).

    `actor` is the token's owner or a BKD admin; None only for the console (the server's operator).
    """
    if actor is not None and actor.pk != token.user_id and not may_manage_all_tokens(actor):
        raise PermissionDenied("Hanya pemilik token atau admin BKD yang dapat mencabut token ini.")
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if locked.revoked:
            token.revoked = True
            return token
        ApiToken.objects.filter(pk=token.pk).update(revoked=True)
        token.revoked = True
        audit.record(
            actor=actor,
            action="api_token.revoke",
            obj=token,
            summary=f"{locked.user.get_username()}: {locked.name} ({locked.prefix}…)",
            changes={"revoked": [False, True]},
        )
    return token


__all__ = [
    "may_manage_all_tokens",
    "others_active_tokens",
    "own_tokens",
    "token_create",
    "token_for_actor",
    "token_revoke",
]
