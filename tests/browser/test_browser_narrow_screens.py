"""The screens issue #8 added, on a 360 px phone: the API-token page (with a new key shown once and
another user's tokens for the BKD admin), the audit log with the integrity status after a break, and
the public-feedback moderation queue with held answers. None scrolls sideways; screenshots go to
/tmp/r2-*.png for a look by eye."""

from __future__ import annotations

from typing import Any

import pytest

from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTH = 360


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")


def _no_sideways_scroll(page: Any, name: str) -> None:
    page.screenshot(path=f"/tmp/r2-{name}.png", full_page=True)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], (name, widths)


def test_new_screens_fit_a_phone(live_server: Any, page: Any) -> None:
    from django.db import connection

    from karier.accounts.tokens import token_create
    from karier.appraisal.public import services as public_services
    from karier.core.models import AuditEvent
    from karier.core.tasks import periksa_audit_harian
    from karier.people.access import SYSTEM

    org = build_org()
    for i in range(3):
        token_create(actor=SYSTEM, user=org.users["kabid1"], name=f"Integrasi aplikasi e-kinerja kabupaten {i}")
    link = public_services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    for i in range(4):  # one network: a burst, held for moderation
        public_services.umpan_balik_send(
            tautan=link,
            skor_layanan=1,
            skor_perilaku=2,
            perangkat_id=f"d{i}",
            alamat=f"172.16.5.{i + 1}",
            komentar="Pelayanan sangat lambat, antrean panjang sekali dan petugas tidak ada di tempat " * 3,
        )
    row = AuditEvent.objects.order_by("seq").first()
    assert row is not None
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditevent SET summary = %s WHERE id = %s", ["dipalsukan", row.pk])
    periksa_audit_harian.enqueue()

    page.set_viewport_size({"width": WIDTH, "height": 740})
    base = live_server.url
    _sign_in(page, base, "admin")

    page.goto(f"{base}/akun/token/")
    page.get_by_label("Nama token").fill("Skrip rekap bulanan BKD provinsi")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Buat token").click()
    page.wait_for_selector("text=Simpan sekarang")
    _no_sideways_scroll(page, "token")

    page.goto(f"{base}/jejak-audit/")
    _no_sideways_scroll(page, "jejak-audit")

    page.goto(f"{base}/penilaian/publik/moderasi/")
    _no_sideways_scroll(page, "moderasi")
