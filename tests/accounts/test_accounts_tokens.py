"""The API-token screen: make a token (password asked again), list one's tokens, revoke them (audited);
BKD admins may revoke anyone's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from karier.accounts.models import ApiToken
from karier.accounts.tokens import token_create, token_revoke
from karier.core.models import AuditEvent
from karier.people.access import SYSTEM
from tests.orgdata import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_screen_needs_a_login(org: Any) -> None:
    response = Client().get("/akun/token/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_make_a_token_shows_the_key_once_and_it_works(org: Any) -> None:
    client = _signed_in(org.users["kabid1"])
    response = client.post("/akun/token/", {"name": "skrip laporan", "password": PASSWORD})
    assert response.status_code == 200
    key = re.search(r'<code id="token-baru"[^>]*>([^<]+)</code>', response.content.decode()).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(user=org.users["kabid1"])
    assert token.key_hash == ApiToken.hash_key(key) and token.name == "skrip laporan"
    assert AuditEvent.objects.filter(
        action="api_token.create", object_id=str(token.pk), actor=org.users["kabid1"]
    ).exists()
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    page = client.get("/akun/token/").content.decode()
    assert "skrip laporan" in page and key not in page  # listed, never shown again


def test_wrong_password_or_empty_name_makes_no_token(org: Any) -> None:
    client = _signed_in(org.users["kabid1"])
    assert client.post("/akun/token/", {"name": "x", "password": "salah"}).status_code == 400
    assert client.post("/akun/token/", {"name": "", "password": PASSWORD}).status_code == 400
    assert not ApiToken.objects.exists()


def test_the_list_shows_only_ones_own_tokens(org: Any) -> None:
    token_create(actor=SYSTEM, user=org.users["kabid1"], name="milik kabid")
    token_create(actor=SYSTEM, user=org.users["staf1a"], name="milik staf")
    page = _signed_in(org.users["staf1a"]).get("/akun/token/").content.decode()
    assert "milik staf" in page and "milik kabid" not in page


def test_revoke_own_token_is_audited_and_stops_it(org: Any) -> None:
    user = org.users["staf1a"]
    token, key = token_create(actor=SYSTEM, user=user, name="t")
    client = _signed_in(user)
    assert client.get(f"/akun/token/{token.pk}/cabut/").status_code == 405
    response = client.post(f"/akun/token/{token.pk}/cabut/")
    assert response.status_code == 302 and response["Location"] == "/akun/token/"
    token.refresh_from_db()
    assert token.revoked
    event = AuditEvent.objects.get(action="api_token.revoke", object_id=str(token.pk))
    assert event.actor == user and event.changes == {"revoked": [False, True]}
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    client.post(f"/akun/token/{token.pk}/cabut/")  # twice: harmless, recorded once
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_someone_elses_token_is_404_for_a_plain_user(org: Any) -> None:
    token, _ = token_create(actor=SYSTEM, user=org.users["kabid1"], name="t")
    response = _signed_in(org.users["staf1a"]).post(f"/akun/token/{token.pk}/cabut/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert not token.revoked
    assert not AuditEvent.objects.filter(action="api_token.revoke").exists()
    with pytest.raises(PermissionDenied):
        token_revoke(actor=org.actor("staf1a"), token=token)


def test_bkd_admin_sees_and_revokes_anyones_token(org: Any) -> None:
    token, _ = token_create(actor=SYSTEM, user=org.users["kabid1"], name="integrasi kabid")
    admin = _signed_in(org.users["admin"])
    assert "integrasi kabid" in admin.get("/akun/token/").content.decode()
    assert admin.post(f"/akun/token/{token.pk}/cabut/").status_code == 302
    token.refresh_from_db()
    assert token.revoked
    event = AuditEvent.objects.get(action="api_token.revoke", object_id=str(token.pk))
    assert event.actor == org.users["admin"] and org.users["kabid1"].username in event.summary


def test_the_token_page_runs_a_fixed_number_of_queries(org: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = _signed_in(org.users["admin"])
    owners = ["kabid1", "staf1a", "staf1b", "kasi1", "kadis", "pranata"]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin.get("/akun/token/").status_code == 200
        return len(ctx.captured_queries)

    for who in owners[:2]:
        token_create(actor=SYSTEM, user=org.users[who], name=f"t {who}")
    token_create(actor=SYSTEM, user=org.users["admin"], name="milik admin")
    small = count()
    for who in owners[2:]:
        token_create(actor=SYSTEM, user=org.users[who], name=f"t {who}")
        token_create(actor=SYSTEM, user=org.users["admin"], name=f"admin {who}")
    assert count() == small


def test_a_token_for_someone_else_is_refused_and_nothing_written(org: Any) -> None:
    """The service checks itself (issue #9): a plain user cannot make a token for another user; an
    auditor neither. Nothing is stored, nothing audited."""
    for who in ("staf1a", "auditor"):
        with pytest.raises(PermissionDenied, match="pemiliknya sendiri atau admin BKD"):
            token_create(actor=org.actor(who), user=org.users["kabid1"], name="bukan milik saya")
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="api_token.create").exists()
    own, _ = token_create(actor=org.actor("staf1a"), user=org.users["staf1a"], name="milik saya")
    assert AuditEvent.objects.get(action="api_token.create").actor == org.users["staf1a"]
    by_admin, _ = token_create(actor=org.actor("admin"), user=org.users["kabid1"], name="dibuatkan admin")
    assert {own.user_id, by_admin.user_id} == {org.users["staf1a"].pk, org.users["kabid1"].pk}
