"""Sari, Analis SDM at the BKD, who runs Karier for the province — walked at 360 and 1280 px (issue #10,
"Done means"; `journeys.md`). Her home (`ringkasan-provinsi`) shows the province per agency and the
data problems to fix, and leads her to the year's appraisal calendar; she makes it (date inputs
prefilled in ISO, dates shown in Indonesian: "1 Okt – 31 Des"), moves a deadline, opens the first
quarter (evaluations are made for the approved plans, and her home then shows the appraisal progress
per agency), follows what she did in the audit trail and downloads it as Excel, and reaches master
data on Karier's own screens (/data-induk/)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.accounts.models import User
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.core.models import AuditEvent
from tests.appraisal.test_appraisal_support import YEAR, approved_skp
from tests.browser.personas import WIDTHS, XLSX, Walk, fetch, login
from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.mark.parametrize("width", WIDTHS)
def test_sari_opens_the_year_and_follows_the_trail(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    approved_skp(org, "staf1a", "kasi1")
    approved_skp(org, "staf1b", "kasi1")
    sari = User.objects.create_user(username="sari.bkd", password=PASSWORD, is_admin_bkd=True)
    walk = Walk(page, live_server.url, "admin-bkd-sari", width)

    # Her home: the province per agency and the data problems, in the first screen.
    login(walk, sari.username)
    province = page.get_by_test_id("ringkasan-provinsi")
    expect(province).to_be_visible()
    expect(province).to_contain_text("SKP per perangkat daerah")
    expect(province).to_contain_text("Dinas Pendidikan")
    expect(province).to_contain_text("Masalah data yang perlu dibereskan")
    expect(province).to_contain_text("Belum ada periode penilaian tahun ini.")
    walk.shot("beranda admin BKD")

    # From her home to the year's calendar: made with the defaults, dates in Indonesian, date inputs
    # prefilled (ISO).
    walk.click(province.get_by_role("link", name="Atur kalender penilaian"))
    page.wait_for_url(re.compile(r"/penilaian/kalender/"))
    expect(page.get_by_label("Tahun", exact=True)).to_have_value(str(YEAR))
    walk.click(page.get_by_role("button", name="Buat kalender"))
    q1 = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TRIWULAN", nomor=1)
    row = page.locator("tr", has=page.get_by_role("button", name="Buka Triwulan I", exact=True))
    expect(row).to_contain_text(f"1 Jan {YEAR} – 31 Mar {YEAR}")
    q4 = page.locator("tr", has=page.get_by_role("button", name="Buka Triwulan IV", exact=True))
    expect(q4).to_contain_text(f"1 Okt {YEAR} – 31 Des {YEAR}")  # Indonesian months, not Oct/Dec
    batas = row.locator(f"#id_p{q1.pk}-batas_pengisian")
    assert ISO.match(batas.input_value()), batas.input_value()
    assert batas.input_value() == q1.batas_pengisian.isoformat()
    assert ISO.match(row.locator(f"#id_p{q1.pk}-dibuka_pada").input_value())
    walk.shot("kalender dibuat")

    # She moves the first quarter's deadline: the input keeps showing the new date.
    new_deadline = dt.date(YEAR, 4, 17)
    batas.fill(new_deadline.isoformat())
    walk.clicks += 1  # the date picker: one tap on the field, one on the day (counted with the save)
    walk.click(row.get_by_role("button", name="Simpan tanggal Triwulan I", exact=True))
    page.wait_for_load_state()
    q1.refresh_from_db()
    assert q1.batas_pengisian == new_deadline
    expect(page.locator(f"#id_p{q1.pk}-batas_pengisian")).to_have_value(new_deadline.isoformat())

    # She opens the quarter: evaluations are made for the two approved plans.
    walk.click(page.get_by_role("button", name="Buka Triwulan I", exact=True))
    page.wait_for_url(re.compile(r"/penilaian/kalender/tugas/\d+/"))
    expect(page.get_by_text(f"Triwulan I {YEAR} dibuka; 2 evaluasi dibuat")).to_be_visible()
    walk.shot("periode dibuka")
    q1.refresh_from_db()
    assert q1.status == "DIBUKA"
    assert Evaluasi.objects.filter(periode=q1).count() == 2
    walk.menu("Beranda")
    province = page.get_by_test_id("ringkasan-provinsi")
    expect(province).to_contain_text(f"Penilaian kinerja per perangkat daerah — Triwulan I {YEAR}")
    expect(province).to_contain_text("2 evaluasi; 0% sudah final.")
    walk.shot("beranda admin BKD setelah periode dibuka")

    # What she did, in the audit trail, and as Excel.
    walk.menu("Jejak audit")
    walk.type(page.get_by_label("Aksi (awalan)"), "penilaian.")
    walk.click(page.get_by_role("button", name="Saring"))
    page.wait_for_load_state()
    mine = AuditEvent.objects.filter(actor=sari, action__startswith="penilaian.")
    assert mine.exists()
    expect(page.locator("main table")).to_contain_text(sari.username)
    walk.shot("jejak audit")
    response = fetch(page, page.get_by_role("link", name="Unduh Excel"))
    assert response.status == 200 and response.headers["content-type"] == XLSX

    # Master data on Karier's own audited screens, from the menu.
    walk.menu("Data induk")
    page.wait_for_url(re.compile(r"/data-induk/"))
    expect(page.get_by_role("heading", name="Kelola data induk")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Unit kerja")).first).to_be_visible()
    walk.shot("data induk")
