"""The Inspektorat auditor, at 360 and 1280 px (issue #10, "Done means"; `journeys.md`): reads
everything, changes nothing, follows who changed what. His home shows the province (and no next step
of his own); the audit trail reads in words, filters by action and downloads as Excel; Dodi's plan
and evaluation open read-only with their PDFs; a write he forges is refused in Indonesian; and the
walk leaves the data and the audit trail exactly as they were."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.appraisal.evaluation.evidence import MSG_BUKAN_PEMILIK
from karier.appraisal.models import Evaluasi, Realisasi
from karier.core.models import AuditEvent
from karier.plans.models import Skp
from tests.appraisal.test_appraisal_support import configured
from tests.browser.personas import WIDTHS, XLSX, Walk, assert_pdf, fetch, login
from tests.orgdata import build_org

# A form he builds in the page's console and submits (a write no screen offers him).
FORGE = """([action, fields]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement("input");
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_auditor_reads_everything_and_changes_nothing(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    s = configured(org)  # Dodi's and his colleague's plans approved by the Kasi; the first quarter open
    skp, ev = s.skp["staf1a"], s.ev("staf1a")
    trail_before = AuditEvent.objects.count()
    walk = Walk(page, live_server.url, "auditor", width)

    # His home: the province, read-only; no next step and no master data in his menu.
    login(walk, org.users["auditor"].username)
    expect(page.get_by_text("Auditor (hanya baca)")).to_be_visible()
    expect(page.get_by_test_id("ringkasan-provinsi")).to_be_visible()
    expect(page.get_by_test_id("langkah-berikut")).to_have_count(0)
    menu = page.get_by_role("navigation", name="Menu utama")
    expect(menu.get_by_role("link", name="Jejak audit")).to_be_visible()
    expect(menu.get_by_role("link", name="Data induk")).to_have_count(0)
    walk.shot("beranda auditor")

    # Who approved Dodi's plan: the trail, filtered, in words — and as Excel.
    walk.menu("Jejak audit")
    walk.type(page.get_by_label("Aksi (awalan)"), "skp.approve")
    walk.click(page.get_by_role("button", name="Saring"))
    page.wait_for_url(re.compile(r"aksi=skp.approve"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(org.users["kasi1"].username)
    expect(rows.first).to_contain_text("skp.approve")
    walk.shot("jejak audit persetujuan SKP")
    response = fetch(page, page.get_by_role("link", name="Unduh Excel"))
    assert response.status == 200 and response.headers["content-type"] == XLSX

    # Dodi's plan, read-only, with its PDF.
    walk.goto(f"/skp/{skp.pk}/")
    expect(page.get_by_test_id("status")).to_have_text("Disetujui")
    expect(page.get_by_role("heading", name="Tindakan")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Setujui|Kembalikan|Ajukan|Revisi"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Ubah"))).to_have_count(0)
    assert_pdf(page, page.get_by_role("link", name="Unduh PDF"))
    walk.shot("SKP dibaca auditor")

    # Dodi's evaluation, read-only, with its document.
    walk.goto(f"/penilaian/{ev.pk}/")
    expect(page.get_by_role("heading", name=re.compile("Triwulan I"))).to_be_visible()
    expect(page.get_by_role("button", name="Simpan realisasi")).to_have_count(0)
    expect(page.get_by_role("button", name="Unggah bukti", exact=True)).to_have_count(0)
    assert_pdf(page, page.get_by_test_id("dokumen-pdf"))
    walk.shot("evaluasi dibaca auditor")

    # A write he forges anyway is refused, in Indonesian, and nothing changes.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    iki_id = skp.rhk.get().iki.filter(target_angka__isnull=False).get().pk
    refused = page.request.post(
        f"{walk.base}/penilaian/{ev.pk}/realisasi/{iki_id}/",
        form={"realisasi_angka": "1.250", "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert refused.status == 422, refused.status
    assert MSG_BUKAN_PEMILIK in refused.text()  # the reason, in Indonesian, on his screen
    walk.goto(f"/skp/{skp.pk}/")
    page.evaluate(FORGE, [f"/skp/{skp.pk}/revisi/", {"alasan": "Dicoba auditor.", "csrfmiddlewaretoken": token}])
    page.wait_for_url(re.compile(rf"/skp/{skp.pk}/revisi/$"))
    expect(page.get_by_role("heading", name="Tindakan ini tidak diizinkan untuk Anda")).to_be_visible()
    expect(page.get_by_text("Hanya pegawai pemilik SKP atau pejabat penilainya")).to_be_visible()
    expect(page.get_by_role("link", name="Ke beranda")).to_be_visible()
    walk.shot("tindakan tidak diizinkan")
    assert Skp.objects.get(pk=skp.pk).status == "DISETUJUI"
    assert not Realisasi.objects.filter(evaluasi=ev).exclude(realisasi_angka=None).exists()
    assert Evaluasi.objects.get(pk=ev.pk).status == ev.status
    assert AuditEvent.objects.count() == trail_before  # he read everything and wrote nothing
