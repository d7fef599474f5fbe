"""Authentication: 401 without credentials, the session, bearer tokens and their revocation."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from karier_api_org import Org, build_org, make_user

from karier.accounts.models import ApiToken
from karier.accounts.tokens import token_create, token_revoke
from karier.core.models import AuditEvent
from karier.people.access import SYSTEM, as_actor

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/pegawai", "/api/v1/unit", "/api/v1/jabatan", "/api/v1/me"]


@pytest.fixture
def org() -> Org:
    return build_org()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("url", URLS)
def test_unauthenticated_is_401(client: Client, org: Org, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 401
    assert r.json()["detail"].startswith("Autentikasi diperlukan")


def test_detail_unauthenticated_is_401_not_404(client: Client, org: Org) -> None:
    assert client.get(f"/api/v1/pegawai/{org.p['staf1'].pk}").status_code == 401
    assert client.get("/api/v1/pegawai/999999").status_code == 401


def test_session_login(client: Client, org: Org) -> None:
    client.force_login(org.users["staf1"])
    r = client.get("/api/v1/me")
    assert r.status_code == 200
    assert r.json()["username"] == "user_staf1"


def test_bearer_token(client: Client, org: Org) -> None:
    user = org.users["kabid1"]
    token, key = token_create(actor=SYSTEM, user=user, name="skrip laporan")
    assert token.key_hash == ApiToken.hash_key(key) and key not in (token.key_hash, token.prefix)
    assert token.prefix == key[:8]
    r = client.get("/api/v1/me", headers=bearer(key))
    assert r.status_code == 200
    assert r.json()["username"] == "user_kabid1"
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()


def test_bearer_token_wrong_or_malformed(client: Client, org: Org) -> None:
    token_create(actor=SYSTEM, user=org.users["kabid1"], name="t")
    assert client.get("/api/v1/me", headers=bearer("salah")).status_code == 401
    assert client.get("/api/v1/me", headers=bearer("")).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Basic YTpi"}).status_code == 401


def test_revoked_token_is_401(client: Client, org: Org) -> None:
    token, key = token_create(actor=SYSTEM, user=org.users["kabid1"], name="t")
    assert client.get("/api/v1/me", headers=bearer(key)).status_code == 200
    token_revoke(actor=as_actor(org.users["admin"]), token=token)
    assert client.get("/api/v1/me", headers=bearer(key)).status_code == 401
    token_revoke(actor=as_actor(org.users["admin"]), token=token)  # harmless twice
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_token_of_inactive_user_is_401(client: Client, org: Org) -> None:
    user = org.users["kabid1"]
    _, key = token_create(actor=SYSTEM, user=user, name="t")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/v1/me", headers=bearer(key)).status_code == 401


def test_token_create_validates(org: Org) -> None:
    with pytest.raises(ValidationError):
        token_create(actor=SYSTEM, user=org.users["kabid1"], name="  ")
    with pytest.raises(ValidationError):
        token_create(actor=SYSTEM, user=org.users["kabid1"], name="x" * 81)


def test_token_sees_what_its_user_sees(client: Client, org: Org) -> None:
    _, key = token_create(actor=SYSTEM, user=org.users["staf1"], name="t")
    r = client.get("/api/v1/pegawai", headers=bearer(key))
    assert [row["id"] for row in r.json()["items"]] == [org.p["staf1"].pk]
    r = client.get(f"/api/v1/pegawai/{org.p['staf2'].pk}", headers=bearer(key))
    assert r.status_code == 404


def test_create_api_token_command(client: Client, org: Org) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "user_kasub", "--name", "integrasi", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert len(key) >= 40
    assert "tidak dapat ditampilkan lagi" in err.getvalue()
    assert ApiToken.objects.get(key_hash=ApiToken.hash_key(key)).name == "integrasi"
    assert client.get("/api/v1/me", headers=bearer(key)).json()["username"] == "user_kasub"


def test_create_api_token_command_errors(org: Org) -> None:
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("create_api_token", "tidak_ada", "--name", "x", stdout=io.StringIO())
    make_user("nonaktif", is_active=False)
    with pytest.raises(CommandError, match="tidak aktif"):
        call_command("create_api_token", "nonaktif", "--name", "x", stdout=io.StringIO())


@pytest.mark.urls("karier_api_csrf_urls")
def test_session_writes_need_csrf_token_bearer_writes_do_not(org: Org) -> None:
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(org.users["staf1"])
    assert csrf_client.get("/api/test/tulis").status_code == 405
    assert csrf_client.post("/api/test/tulis").status_code == 403

    secret = "k" * 32  # a CSRF secret is 32 alphanumerics; the header must match the cookie
    csrf_client.cookies["csrftoken"] = secret
    r = csrf_client.post("/api/test/tulis", headers={"X-CSRFToken": secret})
    assert r.status_code == 200 and r.json()["username"] == "user_staf1"

    _, key = token_create(actor=SYSTEM, user=org.users["kabid1"], name="t")
    r = Client(enforce_csrf_checks=True).post("/api/test/tulis", headers=bearer(key))
    assert r.status_code == 200 and r.json()["username"] == "user_kabid1"
