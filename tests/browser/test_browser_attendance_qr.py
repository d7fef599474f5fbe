"""At the venue (issue #11 §6): the organiser shows the attendance QR code; a participant opens the
scanned link on a 360 px phone, signs in, presses "Saya hadir" and is marked present. The code and
its QR come from the server (segno, no external service); screenshots go to /tmp/qr-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _sign_in(page: Any, username: str) -> None:
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_organiser_shows_the_code_and_a_participant_checks_in_on_a_phone(live_server: Any, page: Any) -> None:
    from karier.development.catalogue import enrolment
    from karier.development.models import Pendaftaran, SesiKegiatan
    from tests.development.catalogue_helpers import kegiatan, sesi

    org = build_org()
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin, nama="Pelatihan Keamanan Informasi"), kapasitas=5)
    row = enrolment.pendaftaran_create(actor=org.actor("staf1a"), sesi=s, pegawai=org.pegawai["staf1a"])
    today = timezone.localdate()
    SesiKegiatan.objects.filter(pk=s.pk).update(mulai=today, selesai=today + dt.timedelta(days=1))
    base = live_server.url
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))

    page.goto(f"{base}/akun/masuk/")
    _sign_in(page, "admin")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/pengembangan/sesi/{s.pk}/kode-kehadiran/")
    qr = page.get_by_test_id("qr")
    assert qr.locator("svg").count() == 1
    page.screenshot(path="/tmp/qr-organiser.png", full_page=True)
    link = page.get_by_test_id("kode-kehadiran").locator("small").inner_text().strip()
    assert link.startswith(f"{base}/pengembangan/hadir/")
    page.context.clear_cookies()

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(link)
    page.wait_for_url("**/akun/masuk/**")
    _sign_in(page, org.users["staf1a"].username)
    page.wait_for_url(link)
    assert page.get_by_test_id("sesi-hadir").is_visible()
    page.screenshot(path="/tmp/qr-participant.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.get_by_role("button", name="Saya hadir").click()
    page.wait_for_url(f"{base}/pengembangan/sesi/{s.pk}/")
    assert page.get_by_text("Kehadiran Anda hari ini tercatat.").is_visible()
    page.screenshot(path="/tmp/qr-done.png", full_page=True)
    assert Pendaftaran.objects.get(pk=row.pk).hadir is True
    assert all(u.startswith(base) for u in requested)  # no external resources
