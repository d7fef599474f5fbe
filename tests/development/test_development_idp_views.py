"""The development-plan screens (issue #11 §6, §9): every route of /pengembangan/rencana/ for each
role (own, superior, another agency → 404, auditor reads only), the HTMX removal, the "add to my
plan" POST the recommendations page uses, the queue with agree/return, the PDF's content, the Excel,
the home card, and query counts at two team sizes (tests/people/test_access.py lists the prefix as
covered here)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from karier.core.excel import formula_cells
from karier.development.idp import services
from karier.development.models import ItemRencana, RencanaPengembangan, StatusRencana
from karier.rules import BULAN
from tests.development.idp_helpers import diajukan, disetujui, kegiatan_kompetensi, rencana
from tests.orgdata import Org, build_org
from tests.pdftext import pdf_text

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _as(org: Any, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


# ---------------------------------------------------------------------------- who sees what
def test_my_plan_page_empty_then_started(org: Any) -> None:
    c = _as(org, "staf1a")
    page = c.get("/pengembangan/rencana/").content.decode()
    assert "Belum ada rencana pengembangan" in page and 'data-testid="pilih-tahun"' in page
    r = c.post("/pengembangan/rencana/baru/", {"tahun": str(YEAR)})
    plan = RencanaPengembangan.objects.get(pegawai=org.pegawai["staf1a"], tahun=YEAR)
    assert r.status_code == 302 and r["Location"] == f"/pengembangan/rencana/{plan.pk}/"
    assert c.get(f"/pengembangan/rencana/?tahun={YEAR - 1}").content.decode().count("Belum ada rencana") == 1


@pytest.mark.parametrize("key", ["staf1a", "kasi1", "kabid1", "kadis", "admin", "auditor"])
def test_the_plan_is_read_by_whoever_sees_the_person(org: Any, key: str) -> None:
    r = rencana(org)
    c = _as(org, key)
    assert c.get(f"/pengembangan/rencana/{r.pk}/").status_code == 200
    assert c.get(f"/pengembangan/rencana/{r.pk}/dokumen.pdf").status_code == 200


@pytest.mark.parametrize("key", ["staf1b", "kabid2", "kadiskominfo", "pranata", "unlinked"])
def test_others_get_404_for_every_plan_route(org: Any, key: str) -> None:
    r = rencana(org)
    item = r.item.get()
    c = _as(org, key)
    for url in (f"/pengembangan/rencana/{r.pk}/", f"/pengembangan/rencana/{r.pk}/dokumen.pdf"):
        assert c.get(url).status_code == 404, url
    for url in (
        f"/pengembangan/rencana/{r.pk}/ajukan/",
        f"/pengembangan/rencana/{r.pk}/putusan/",
        f"/pengembangan/rencana/{r.pk}/item/baru/",
        f"/pengembangan/rencana/{r.pk}/item/{item.pk}/ubah/",
        f"/pengembangan/rencana/{r.pk}/item/{item.pk}/hapus/",
        f"/pengembangan/rencana/{r.pk}/item/{item.pk}/daftar/",
        f"/pengembangan/rencana/{r.pk}/item/{item.pk}/lapor/",
    ):
        assert c.post(url, {"setuju": "1"}).status_code == 404, url
    assert ItemRencana.objects.filter(pk=item.pk).exists()


def test_auditor_and_superior_cannot_edit_items(org: Any) -> None:
    r = rencana(org)
    item = r.item.get()
    for key in ("auditor", "kasi1"):
        c = _as(org, key)
        assert c.get(f"/pengembangan/rencana/{r.pk}/item/baru/").status_code == 403
        assert c.post(f"/pengembangan/rencana/{r.pk}/item/{item.pk}/hapus/").status_code == 403
    c = _as(org, "auditor")
    c.post(f"/pengembangan/rencana/{r.pk}/ajukan/")
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DRAFT


def test_owner_adds_edits_and_removes_items_on_screen(org: Any) -> None:
    r = rencana(org, items=0)
    k = kegiatan_kompetensi(org, kode="K-SCR")
    c = _as(org, "staf1a")
    assert c.get(f"/pengembangan/rencana/{r.pk}/item/baru/").status_code == 200
    resp = c.post(f"/pengembangan/rencana/{r.pk}/item/baru/", {"kegiatan_id": str(k.pk), "target_bulan": "4"})
    assert resp.status_code == 302
    item = r.item.get()
    assert item.kebutuhan_kode == "kompetensi:M.3" and item.target_bulan == 4
    page = c.get(f"/pengembangan/rencana/{r.pk}/").content.decode()
    assert k.nama in page and BULAN[3] in page
    # A self-development item with no gap: flagged on screen.
    c.post(
        f"/pengembangan/rencana/{r.pk}/item/baru/",
        {
            "judul": "Seminar Daring Inovasi",
            "metode": "SEMINAR",
            "penyelenggara": "KemenPAN-RB",
            "jp": "3",
            "kebutuhan_kode": "-",
        },
    )
    page = c.get(f"/pengembangan/rencana/{r.pk}/").content.decode()
    assert 'data-testid="tanpa-kesenjangan"' in page and 'data-testid="jumlah-tanpa-kesenjangan"' in page
    bad = c.post(f"/pengembangan/rencana/{r.pk}/item/baru/", {"judul": "", "metode": ""})
    assert bad.status_code == 200 and "Pilih kegiatan dari katalog" in bad.content.decode()
    resp = c.post(
        f"/pengembangan/rencana/{r.pk}/item/{item.pk}/ubah/",
        {"kegiatan_id": str(k.pk), "target_bulan": "9", "catatan": "Setelah triwulan dua"},
    )
    assert resp.status_code == 302 and ItemRencana.objects.get(pk=item.pk).target_bulan == 9
    # HTMX removal answers an empty fragment that replaces the card.
    resp = c.post(f"/pengembangan/rencana/{r.pk}/item/{item.pk}/hapus/", HTTP_HX_REQUEST="true")
    assert resp.status_code == 200 and resp.content == b""
    assert not ItemRencana.objects.filter(pk=item.pk).exists()


def test_locked_plan_edit_screen_goes_back_with_the_reason(org: Any) -> None:
    r = disetujui(org)
    c = _as(org, "staf1a")
    resp = c.get(f"/pengembangan/rencana/{r.pk}/item/baru/", follow=True)
    assert "terkunci" in resp.content.decode()


# ---------------------------------------------------------------------------- workflow on screen
def test_submit_queue_and_decide_on_screen(org: Any) -> None:
    r = rencana(org)
    c = _as(org, "staf1a")
    c.post(f"/pengembangan/rencana/{r.pk}/ajukan/", {"catatan": "Mohon persetujuan"})
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DIAJUKAN
    boss = _as(org, "kasi1")
    queue = boss.get("/pengembangan/rencana/persetujuan/").content.decode()
    assert org.pegawai["staf1a"].nama in queue and "Mohon persetujuan" in queue
    assert 'data-testid="home-rencana-menunggu"' in boss.get("/").content.decode()
    assert (
        org.pegawai["staf1a"].nama not in _as(org, "kabid1").get("/pengembangan/rencana/persetujuan/").content.decode()
    )
    # The owner's attempt to decide is refused with the reason.
    resp = c.post(f"/pengembangan/rencana/{r.pk}/putusan/", {"setuju": "1"}, follow=True)
    assert "benturan kepentingan" in resp.content.decode()
    boss.post(f"/pengembangan/rencana/{r.pk}/putusan/", {"setuju": "0", "catatan": "", "kembali": "antrean"})
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DIAJUKAN  # a return needs a note
    resp = boss.post(f"/pengembangan/rencana/{r.pk}/putusan/", {"setuju": "1", "kembali": "antrean"})
    assert resp["Location"] == "/pengembangan/rencana/persetujuan/"
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DISETUJUI
    assert 'data-testid="home-rencana-menunggu"' not in boss.get("/").content.decode()


def test_enrol_from_an_agreed_item_on_screen_shows_the_status(org: Any) -> None:
    from tests.development.catalogue_helpers import sesi

    r = disetujui(org)
    item = r.item.get()
    s = sesi(org.actor("admin"), item.kegiatan, kapasitas=5)
    c = _as(org, "staf1a")
    assert "Daftar ke sesi" in c.get(f"/pengembangan/rencana/{r.pk}/").content.decode()
    c.post(f"/pengembangan/rencana/{r.pk}/item/{item.pk}/daftar/", {"sesi_id": str(s.pk)})
    item.refresh_from_db()
    assert item.pendaftaran is not None and item.sesi_id == s.pk
    assert 'data-kode="terdaftar"' in c.get(f"/pengembangan/rencana/{r.pk}/").content.decode()


# ---------------------------------------------------------------------------- the recommendations' POST
def test_rencana_tambah_adds_to_my_plan_and_refuses_a_submitted_one(org: Any) -> None:
    k = kegiatan_kompetensi(org, kode="K-TBH", kompetensi="M.5")
    c = _as(org, "staf1a")
    resp = c.post("/pengembangan/rencana/tambah/", {"kegiatan_id": str(k.pk), "kompetensi_kode": "M.5"})
    assert resp.status_code == 302
    plan = RencanaPengembangan.objects.get(pegawai=org.pegawai["staf1a"], tahun=YEAR)
    assert plan.item.get().kebutuhan_kode == "kompetensi:M.5"
    services.rencana_submit(actor=org.actor("staf1a"), rencana=plan)
    resp = c.post("/pengembangan/rencana/tambah/", {"kegiatan_id": str(k.pk)}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200 and "menunggu keputusan atasan" in resp.content.decode()
    assert c.post("/pengembangan/rencana/tambah/", {"kegiatan_id": "abc"}).status_code == 302
    assert plan.item.count() == 1
    assert _as(org, "staf1a").get("/pengembangan/rencana/tambah/").status_code == 405


# ---------------------------------------------------------------------------- PDF and Excel
def test_pdf_states_the_plan_in_indonesian_with_both_signatures(org: Any) -> None:
    r = services.rencana_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR)
    k = kegiatan_kompetensi(org, kode="K-PDF", jp="12.5", nama="Pelatihan Layanan Publik Digital")
    services.item_add(actor=org.actor("staf1a"), rencana=r, data=services.ItemData(kegiatan_id=k.pk, target_bulan=2))
    draft = pdf_text(_as(org, "staf1a").get(f"/pengembangan/rencana/{r.pk}/dokumen.pdf").content)
    assert f"RENCANA PENGEMBANGAN KOMPETENSI TAHUN {YEAR}" in draft and "DRAF" in draft
    services.rencana_submit(actor=org.actor("staf1a"), rencana=r)
    services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=True, catatan="Laksanakan.")
    resp = _as(org, "kasi1").get(f"/pengembangan/rencana/{r.pk}/dokumen.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text = pdf_text(resp.content)
    assert "DRAF" not in text
    assert "Pelatihan Layanan Publik Digital" in text and "12,5" in text and "12.5" not in text
    assert "Februari (Triwulan 1)" in text
    assert "Atasan langsung," in text and "Pegawai yang bersangkutan," in text
    assert text.count(org.pegawai["staf1a"].nama_lengkap) >= 2  # identity and signature
    assert text.count(org.pegawai["kasi1"].nama_lengkap) >= 2
    today = timezone.localdate()
    assert f"Bengkulu, {today.day:02d} {BULAN[today.month - 1]} {today.year}" in text
    assert "Laksanakan." in text


def test_excel_lists_the_team_plans_with_numbers_as_numbers(org: Any) -> None:
    diajukan(org)
    rencana(org, "staf1b", kode="K-B")
    resp = _as(org, "kasi1").get(f"/pengembangan/rencana/excel/?tahun={YEAR}")
    assert resp.status_code == 200 and formula_cells(resp.content) == []
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    names = {row[1] for row in rows[2:]}
    assert {org.pegawai["staf1a"].nama, org.pegawai["staf1b"].nama} <= names
    assert all(isinstance(row[11], int | float) for row in rows[2:] if row[11] is not None)
    assert any(row[11] == 12 for row in rows[2:])
    # Staff see only their own plan.
    rows = list(
        load_workbook(io.BytesIO(_as(org, "staf1b").get("/pengembangan/rencana/excel/").content)).active.iter_rows(
            values_only=True
        )
    )
    assert {row[1] for row in rows[2:]} == {org.pegawai["staf1b"].nama}


# ---------------------------------------------------------------------------- query counts
def _measure(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


def _submitted_for_extras(org: Org, start: int, stop: int, kegiatan: Any) -> None:
    for i in range(start, stop):
        r = RencanaPengembangan.objects.create(
            pegawai=org.pegawai[f"extra{i}"], tahun=YEAR, status=StatusRencana.DIAJUKAN, diajukan_pada=timezone.now()
        )
        ItemRencana.objects.create(rencana=r, kegiatan=kegiatan, kebutuhan_kode="kompetensi:M.3", kebutuhan_judul="x")
        ItemRencana.objects.create(
            rencana=r, judul="MOOC", metode="E_LEARNING", tanpa_kesenjangan=True, jp_rencana=Decimal(2)
        )


@pytest.mark.parametrize("url", ["/pengembangan/rencana/persetujuan/", f"/pengembangan/rencana/tim/?tahun={YEAR}"])
def test_queue_and_team_list_queries_do_not_grow_with_the_team(client: Client, url: str) -> None:
    org = build_org(extra_staff=2)
    k = kegiatan_kompetensi(org, kode="K-Q")
    _submitted_for_extras(org, 0, 2, k)
    client.force_login(org.users["kasi1"])
    small = _measure(client, url)
    for i in range(2, 38):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    _submitted_for_extras(org, 2, 38, k)
    large = _measure(client, url)
    assert small == large, (url, small, large)
    assert client.get(url).content.decode().count("Pegawai extra") >= 30


def test_plan_page_queries_do_not_grow_with_items(org: Any) -> None:
    r = rencana(org, items=1)
    c = _as(org, "staf1a")
    small = _measure(c, f"/pengembangan/rencana/{r.pk}/")
    for n in range(8):
        services.item_add(
            actor=org.actor("staf1a"), rencana=r, data=services.ItemData(judul=f"MOOC {n}", metode="E_LEARNING")
        )
    large = _measure(c, f"/pengembangan/rencana/{r.pk}/")
    assert small == large


def test_audit_entries_of_a_plan_link_to_its_screen(org: Any) -> None:
    from karier.core.models import AuditEvent
    from karier.core.object_links import url_for

    r = diajukan(org)
    event = AuditEvent.objects.filter(action="pengembangan.rencana_ajukan").get()
    assert url_for(event.object_type, event.object_id) == f"/pengembangan/rencana/{r.pk}/"
