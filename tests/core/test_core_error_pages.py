"""Issue #10 item 7: 404, 403, 400 and 500 are Indonesian, styled pages that say what to do — also
for a citizen scanning an old QR code — and the API menu item is for admins (and the token page)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults

from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_indonesian_and_styled(client: Client, settings: object) -> None:
    r = client.get("/umpan-balik/kode-lama-yang-sudah-diganti/")
    assert r.status_code == 404
    page = r.content.decode()
    assert "Halaman tidak ditemukan" in page and "minta kode QR terbaru" in page
    assert "karier.css" in page and "Ke beranda" in page


def test_a_refusal_says_why_and_whom_to_ask(org: Org) -> None:
    request = RequestFactory().get("/x/")
    request.user = org.users["staf1a"]
    r = defaults.permission_denied(request, PermissionDenied("Hanya admin BKD yang dapat membuka periode."))
    page = r.content.decode()
    assert r.status_code == 403
    assert "Tindakan ini tidak diizinkan untuk Anda" in page and "Hanya admin BKD yang dapat membuka periode." in page


def test_a_bad_request_and_a_server_error_are_indonesian() -> None:
    request = RequestFactory().get("/x/")
    bad = defaults.bad_request(request, Exception("rusak"))
    assert bad.status_code == 400 and "Permintaan tidak dapat diproses" in bad.content.decode()
    err = defaults.server_error(request)
    assert err.status_code == 500
    page = err.content.decode()
    assert "Terjadi kesalahan pada sistem" in page and "hubungi admin BKD" in page and "karier.css" in page


def test_the_api_menu_item_is_for_admins_and_on_the_token_page(client: Client, org: Org) -> None:
    client.force_login(org.users["staf1a"])
    home = client.get("/").content.decode()
    assert ">API</a>" not in home
    assert "/api/v1/docs" in client.get("/akun/token/").content.decode()
    client.force_login(org.users["admin"])
    assert ">API</a>" in client.get("/").content.decode()
