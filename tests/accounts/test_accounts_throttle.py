"""Login throttling in the authentication backend: every login path, the real client's address, and
no way for an attacker to lock a real user out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from karier.accounts.models import ApiToken, LoginAttempt
from karier.accounts.services import prune_attempts
from karier.accounts.tasks import prune_login_attempts_task
from karier.core.clientip import client_ip
from tests.orgdata import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _login(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post("/akun/masuk/", {"username": username, "password": password}, **extra)


def _via(client_address: str) -> dict[str, str]:
    """A request that reached us through the reverse proxy on behalf of `client_address`."""
    return {"HTTP_X_FORWARDED_FOR": client_address}


# --- the admin login goes through the same throttle ---------------------------------------------------


def test_admin_login_refuses_the_right_password_after_30_wrong_ones(org: Any) -> None:
    client = Client()
    for _ in range(30):
        response = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": "tebakan"})
        assert response.status_code == 200  # the form again, with an error
    response = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still not signed in
    # Only 5 were counted: refused attempts never reach the password check and never extend the lock.
    assert LoginAttempt.objects.filter(username="admin").count() == settings.KARIER_LOGIN_MAX_FAILURES
    # The admin, from their own machine, still gets in.
    other = Client(REMOTE_ADDR="192.0.2.50")
    assert other.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD}).status_code == 302


def test_admin_login_counts_failures_for_the_site_login_too(org: Any) -> None:
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "tebakan"})
    assert _login(client, "admin", PASSWORD).status_code == 429


# --- the address: forwarded only by our proxies --------------------------------------------------------


def test_forwarded_clients_through_an_untrusted_proxy_do_not_lock_everyone_out(org: Any) -> None:
    """No proxy configured: X-Forwarded-For is ignored (a client cannot pick a fresh address per guess),
    and 20 failures from 20 clients behind one address still leave the others able to sign in."""
    for i in range(20):
        response = _login(Client(REMOTE_ADDR="198.51.100.5"), f"tebak{i}", "x", **_via(f"203.0.113.{i + 1}"))
        assert response.status_code == 400
    assert set(LoginAttempt.objects.values_list("ip", flat=True)) == {"198.51.100.5"}
    assert _login(Client(REMOTE_ADDR="198.51.100.5"), "admin", PASSWORD, **_via("203.0.113.99")).status_code == 302
    nip = org.pegawai["staf1a"].nip
    assert _login(Client(REMOTE_ADDR="198.51.100.5"), nip, PASSWORD).status_code == 302


@override_settings(KARIER_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_on_its_own(org: Any) -> None:
    # One client exhausts its tries on the admin account; 20 more clients fail once each.
    for _ in range(settings.KARIER_LOGIN_MAX_FAILURES):
        assert _login(Client(REMOTE_ADDR=PROXY), "admin", "x", **_via("203.0.113.1")).status_code == 400
    for i in range(20):
        assert _login(Client(REMOTE_ADDR=PROXY), "admin", "x", **_via(f"203.0.113.{i + 2}")).status_code == 400
    assert LoginAttempt.objects.filter(ip="203.0.113.1").count() == settings.KARIER_LOGIN_MAX_FAILURES
    assert not LoginAttempt.objects.filter(ip=PROXY).exists()
    # Those clients are refused, even with the right password...
    assert _login(Client(REMOTE_ADDR=PROXY), "admin", PASSWORD, **_via("203.0.113.1")).status_code == 429
    # ...but the real admin, from an address with no failures, signs in through the same proxy.
    assert _login(Client(REMOTE_ADDR=PROXY), "admin", PASSWORD, **_via("203.0.113.200")).status_code == 302
    # A client cannot escape its count by writing its own X-Forwarded-For in front of the proxy's.
    forged = _via("192.0.2.77, 203.0.113.1")
    assert _login(Client(REMOTE_ADDR=PROXY), "admin", PASSWORD, **forged).status_code == 429


def test_a_known_nip_attacked_from_one_address_still_signs_in_from_another(org: Any) -> None:
    nip = org.pegawai["staf1a"].nip
    attacker = Client(REMOTE_ADDR="192.0.2.66")
    for _ in range(12):
        _login(attacker, nip, "tebakan")
    assert _login(attacker, nip, PASSWORD).status_code == 429
    owner = Client(REMOTE_ADDR="192.0.2.10")
    assert _login(owner, nip, PASSWORD).status_code == 302
    # The attacker's failures are not forgiven by the owner's success.
    assert _login(Client(REMOTE_ADDR="192.0.2.66"), nip, PASSWORD).status_code == 429


@override_settings(KARIER_LOGIN_ACCOUNT_MAX_FAILURES=6)
def test_the_global_account_limit_slows_a_distributed_guess_but_spares_a_clean_address(org: Any) -> None:
    nip = org.pegawai["staf1a"].nip
    # Below the account's global limit, one earlier failure does not stop the right password.
    _login(Client(REMOTE_ADDR="192.0.2.1"), nip, "x")
    assert _login(Client(REMOTE_ADDR="192.0.2.1"), nip, PASSWORD).status_code == 302
    for i in range(6):
        _login(Client(REMOTE_ADDR=f"198.51.100.{i + 1}"), nip, "x")
    # Six addresses failed: each of them is now refused after a single failure...
    assert _login(Client(REMOTE_ADDR="198.51.100.1"), nip, PASSWORD).status_code == 429
    # ...while an address with no failure on this account signs in.
    assert _login(Client(REMOTE_ADDR="192.0.2.200"), nip, PASSWORD).status_code == 302


# --- API tokens are made after the same password check -------------------------------------------------


def test_api_token_creation_is_throttled(org: Any) -> None:
    client = Client(REMOTE_ADDR="192.0.2.30")
    client.force_login(org.users["kabid1"])
    for _ in range(settings.KARIER_LOGIN_MAX_FAILURES):
        response = client.post("/akun/token/", {"name": "skrip", "password": "tebakan"})
        assert response.status_code == 400 and "Kata sandi salah." in response.content.decode()
    response = client.post("/akun/token/", {"name": "skrip", "password": PASSWORD})
    assert response.status_code == 429
    assert not ApiToken.objects.exists()
    # The same counter guards the login form from that address.
    assert _login(Client(REMOTE_ADDR="192.0.2.30"), org.users["kabid1"].username, PASSWORD).status_code == 429


# --- pruning ---------------------------------------------------------------------------------------------


def test_old_attempts_are_pruned_by_a_daily_task(org: Any) -> None:
    assert "karier.accounts.tasks.prune_login_attempts_task" in settings.KARIER_DAILY_TASKS
    for i in range(3):
        _login(Client(REMOTE_ADDR=f"192.0.2.{i + 1}"), "admin", "x")
    old = timezone.now() - dt.timedelta(hours=settings.KARIER_LOGIN_ACCOUNT_WINDOW_HOURS, minutes=1)
    LoginAttempt.objects.filter(ip__in=["192.0.2.1", "192.0.2.2"]).update(created_at=old)
    prune_login_attempts_task.enqueue()  # inline on the test backend
    assert list(LoginAttempt.objects.values_list("ip", flat=True)) == ["192.0.2.3"]
    assert prune_attempts() == 0


# --- the client address helper ---------------------------------------------------------------------------


def _ip(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


def test_client_ip_without_trusted_proxies_is_the_socket_address() -> None:
    assert _ip("198.51.100.5", "1.2.3.4") == "198.51.100.5"
    assert _ip("") == ""


@override_settings(KARIER_TRUSTED_PROXIES=["10.0.0.0/8", "2001:db8::/32"])
def test_client_ip_behind_trusted_proxies_is_the_first_untrusted_hop_from_the_right() -> None:
    assert _ip("10.0.0.2", "203.0.113.7") == "203.0.113.7"
    assert _ip("10.0.0.2", "6.6.6.6, 203.0.113.7") == "203.0.113.7"  # the client's own claim is ignored
    assert _ip("10.0.0.2", "203.0.113.7, 10.0.0.9") == "203.0.113.7"  # two proxies of ours
    assert _ip("10.0.0.2", "not-an-ip, 203.0.113.7") == "203.0.113.7"
    assert _ip("10.0.0.2", "203.0.113.7:5050") == "203.0.113.7"
    assert _ip("10.0.0.2", "[2001:db9::1]:443") == "2001:db9::1"
    assert _ip("10.0.0.2", "") == "10.0.0.2"
    assert _ip("10.0.0.2", "garbage") == "10.0.0.2"
    assert _ip("::ffff:198.51.100.5", "203.0.113.7") == "198.51.100.5"  # not a proxy of ours
    assert _ip("192.0.2.1", "203.0.113.7") == "192.0.2.1"
