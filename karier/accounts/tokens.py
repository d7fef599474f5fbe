"""Creating and revoking API tokens. Only the SHA-256 of a key is stored; the key is shown once."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.accounts.models import ApiToken, User
from karier.core import audit
from karier.core.text import strip_bidi
from karier.people.access import Actor

PREFIX_LENGTH = 8


MSG_CREATE = gettext_noop("Token API hanya dapat dibuat oleh pemiliknya sendiri atau admin BKD.")
MSG_REVOKE = gettext_noop("Hanya pemilik token atau admin BKD yang dapat mencabut token ini.")


@transaction.atomic
def token_create(*, actor: Actor, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the raw key, which is never retrievable again.

    `actor` is `user` themself (the token page, after asking the password again), a BKD admin, or
    Karier itself (`access.SYSTEM`: the `create-api-token` console command of the server's operator).
    """
    if actor.user_id != user.pk and not may_manage_all_tokens(actor):
        raise PermissionDenied(_(MSG_CREATE))
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


def may_manage_all_tokens(actor: Actor) -> bool:
    """BKD admins (and superusers) may revoke anyone's token; everyone else only their own."""
    return actor.is_admin


def own_tokens(actor: Actor) -> QuerySet[ApiToken]:
    """The actor's own tokens for their token page: active first, newest first."""
    if actor.user_id is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=actor.user_id).order_by("revoked", "-created_at", "-pk")


def others_active_tokens(actor: Actor) -> QuerySet[ApiToken]:
    """Every other user's active token, for a BKD admin's token page (one query per page)."""
    if not may_manage_all_tokens(actor):
        return ApiToken.objects.none()
    qs = ApiToken.objects.filter(revoked=False)
    if actor.user_id is not None:
        qs = qs.exclude(user_id=actor.user_id)
    return qs.select_related("user", "user__pegawai").order_by("-created_at", "-pk")


def token_for_actor(actor: Actor, token_id: int) -> ApiToken:
    """The token `actor` may manage: their own, or any for a BKD admin. Others answer 404."""
    qs = ApiToken.objects.select_related("user")
    if not may_manage_all_tokens(actor):
        qs = qs.filter(user_id=actor.user_id) if actor.user_id is not None else qs.none()
    token = qs.filter(pk=token_id).first()
    if token is None:
        raise Http404(_("Token tidak ditemukan."))
    return token


def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token; it stops working at once. Revoking twice is harmless (and not recorded twice).

    `actor` is the token's owner or a BKD admin (Karier itself, `access.SYSTEM`, for the console).
    """
    if actor.user_id != token.user_id and not may_manage_all_tokens(actor):
        raise PermissionDenied(_(MSG_REVOKE))
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
