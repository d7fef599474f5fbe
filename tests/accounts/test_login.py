"""Login by NIP or username, Argon2 hashing, throttling of guessing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from karier.accounts.models import LoginAttempt
from tests.orgdata import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post("/akun/masuk/", {"username": username, "password": password}, **extra)


def test_login_by_nip_with_spaces(org: Any) -> None:
    nip = org.pegawai["staf1a"].nip
    response = _login(Client(), f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"


def test_login_by_username_for_admin(org: Any) -> None:
    assert _login(Client(), "admin", PASSWORD).status_code == 302


def test_wrong_password_is_refused_in_indonesian(org: Any) -> None:
    response = _login(Client(), "admin", "salah")
    assert response.status_code == 400
    assert "NIP/nama pengguna atau kata sandi salah." in response.content.decode()


def test_empty_form_shows_field_errors(org: Any) -> None:
    response = Client().post("/akun/masuk/", {})
    assert response.status_code == 400
    assert "Bidang ini tidak boleh kosong." in response.content.decode()


def test_account_locks_after_five_failures_even_for_the_right_password(org: Any) -> None:
    client = Client()
    for _ in range(5):
        assert _login(client, "admin", "tebakan").status_code == 400
    response = _login(client, "admin", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    # Another account, or the same account from another address, is not affected.
    assert _login(Client(REMOTE_ADDR="10.0.0.9"), "auditor", PASSWORD).status_code == 302
    assert _login(Client(REMOTE_ADDR="10.0.0.9"), "admin", PASSWORD).status_code == 302


@override_settings(KARIER_LOGIN_ADDRESS_MAX_FAILURES=8)
def test_one_address_guessing_many_accounts_is_locked(org: Any) -> None:
    client = Client(REMOTE_ADDR="192.0.2.7")
    for name in ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]:
        _login(client, name, "x")
    assert _login(client, "auditor", PASSWORD).status_code == 429
    assert _login(Client(REMOTE_ADDR="192.0.2.8"), "auditor", PASSWORD).status_code == 302


def test_success_clears_the_failure_counter(org: Any) -> None:
    client = Client()
    for _ in range(3):
        _login(client, "admin", "x")
    assert _login(client, "admin", PASSWORD).status_code == 302
    assert not LoginAttempt.objects.filter(username="admin").exists()


def test_next_parameter_cannot_redirect_off_site(org: Any) -> None:
    response = Client().post("/akun/masuk/?next=https://evil.example/", {"username": "admin", "password": PASSWORD})
    assert response["Location"] == "/"
    response = Client().post("/akun/masuk/?next=/pegawai/", {"username": "admin", "password": PASSWORD})
    assert response["Location"] == "/pegawai/"


def test_logout_needs_post(org: Any) -> None:
    client = Client()
    client.force_login(org.users["admin"])
    assert client.get("/akun/keluar/").status_code == 405
    assert client.post("/akun/keluar/").status_code == 302
    assert client.get("/").status_code == 302


def test_production_hasher_is_argon2() -> None:
    from config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
