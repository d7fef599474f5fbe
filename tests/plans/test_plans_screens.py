"""The SKP screens through HTTP, as the owner and the appraiser use them: editing rows and indicators
(inline under HTMX and as whole pages without JavaScript), deleting, the appraiser's expectations, the
appendix, the dialog notes, revision of an approved plan and the superior's list. Each test checks what
the person sees, what is stored and the audit event; refusals are in Bahasa Indonesia and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.plans import services
from karier.plans.choices import StatusSkp
from karier.plans.models import DialogKinerja, EkspektasiPerilaku, IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from karier.plans.services import IkiData, RhkData
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
REQUIRED = "Bidang ini tidak boleh kosong."


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _plan(org: Org, key: str = "staf1a") -> Skp:
    skp = services.skp_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR, sumber="KOSONG")
    services.rhk_add(
        actor=org.actor(key),
        skp=skp,
        data=RhkData(teks="Laporan kurikulum"),
        iki=IkiData(indikator="Jumlah laporan", target_angka=12, satuan="laporan"),
    )
    return skp


def _approved(org: Org) -> Skp:
    skp = _plan(org)
    services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    services.skp_approve(actor=org.actor("kasi1"), skp=skp)
    skp.refresh_from_db()
    return skp


def _msgs(r: Any) -> list[tuple[str, str]]:
    return [(m.tags, str(m)) for m in get_messages(r.wsgi_request)]


def _actions(skp: Skp) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(skp.pk), action__startswith="skp.").values_list("action", flat=True)
    )


# ---------------------------------------------------------------------------- lists
def test_the_superior_sees_his_staff_and_filters_by_status(org: Org) -> None:
    _plan(org)  # staf1a has a draft, staf1b none
    c = _client(org, "kasi1")
    page = c.get(reverse("plans:bawahan"))
    assert page.status_code == 200
    html = page.content.decode()
    assert org.pegawai["staf1a"].nama_lengkap in html and org.pegawai["staf1b"].nama_lengkap in html
    drafts = c.get(reverse("plans:bawahan"), {"status": "DRAFT", "tahun": YEAR}, HTTP_HX_REQUEST="true")
    partial = drafts.content.decode()
    assert "<html" not in partial  # only the table under HTMX
    assert org.pegawai["staf1a"].nama_lengkap in partial and org.pegawai["staf1b"].nama_lengkap not in partial
    none_yet = c.get(reverse("plans:bawahan"), {"status": "BELUM"}).content.decode()
    assert org.pegawai["staf1b"].nama_lengkap in none_yet and org.pegawai["staf1a"].nama_lengkap not in none_yet


def test_people_without_a_position_have_no_superiors_page(org: Org) -> None:
    assert _client(org, "unlinked").get(reverse("plans:bawahan")).status_code == 404


def test_an_account_without_an_employee_cannot_create_a_plan(org: Org) -> None:
    r = _client(org, "unlinked").post(reverse("plans:create"), {"tahun": YEAR, "sumber": "KOSONG"})
    assert r.status_code == 422 and "Akun Anda tidak terhubung dengan data pegawai." in r.content.decode()
    assert not Skp.objects.exists()


# ---------------------------------------------------------------------------- rows and indicators
def test_the_owner_edits_a_row_inline_and_without_javascript(org: Org) -> None:
    skp = _plan(org)
    rhk = skp.rhk.get()
    c = _client(org, "staf1a")
    url = reverse("plans:rhk_edit", args=[skp.pk, rhk.pk])
    inline = c.get(url, HTTP_HX_REQUEST="true")
    assert inline.status_code == 200 and inline.content.decode().startswith(f'<tbody id="rhk-{rhk.pk}">')
    page = c.get(url)
    assert page.status_code == 200 and "Ubah rencana hasil kerja" in page.content.decode()
    bad = c.post(url, {"e-jenis": "UTAMA", "e-teks": "", "e-dimensi": "PRODUKTIVITAS"})
    assert bad.status_code == 422 and REQUIRED in bad.content.decode()
    assert RencanaHasilKerja.objects.get(pk=rhk.pk).teks == "Laporan kurikulum"
    r = c.post(url, {"e-jenis": "TAMBAHAN", "e-teks": "Modul ajar", "e-dimensi": "PRODUKTIVITAS"})
    assert r.status_code == 302 and r["Location"] == reverse("plans:detail", args=[skp.pk]) + "#hasil"
    assert _msgs(r) == [("success", "Rencana hasil kerja disimpan.")]
    rhk.refresh_from_db()
    assert (rhk.teks, rhk.jenis) == ("Modul ajar", "TAMBAHAN")
    assert "skp.rhk_update" in _actions(skp)


def test_the_owner_adds_an_indicator_and_a_bad_target_is_explained(org: Org) -> None:
    skp = _plan(org)
    rhk = skp.rhk.get()
    c = _client(org, "staf1a")
    url = reverse("plans:iki_add", args=[skp.pk, rhk.pk])
    assert c.get(url, HTTP_HX_REQUEST="true").status_code == 200
    data = {"e-aspek": "KUANTITAS", "e-indikator": "Jumlah modul", "e-target_angka": "sepuluh", "e-satuan": "modul"}
    bad = c.post(url, data, HTTP_HX_REQUEST="true")
    assert "Target harus berupa angka" in bad.content.decode() and rhk.iki.count() == 1
    r = c.post(url, {**data, "e-target_angka": "10"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and r["HX-Retarget"] == "#hasil" and "Jumlah modul" in r.content.decode()
    assert list(rhk.iki.order_by("urutan").values_list("indikator", "target_angka")) == [
        ("Jumlah laporan", 12),
        ("Jumlah modul", 10),
    ]


def test_deleting_an_indicator_and_a_row_is_audited(org: Org) -> None:
    skp = _plan(org)
    rhk = skp.rhk.get()
    services.iki_add(
        actor=org.actor("staf1a"),
        rhk=rhk,
        data=IkiData(indikator="Mutu", aspek="KUALITAS", target_kualitatif="tanpa revisi"),
    )
    extra = rhk.iki.get(indikator="Mutu")
    c = _client(org, "staf1a")
    r = c.post(reverse("plans:iki_delete", args=[skp.pk, extra.pk]), HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "Mutu" not in r.content.decode()
    assert not IndikatorKinerjaIndividu.objects.filter(pk=extra.pk).exists()
    r = c.post(reverse("plans:rhk_delete", args=[skp.pk, rhk.pk]))
    assert r.status_code == 302 and _msgs(r) == [("success", "Rencana hasil kerja dihapus.")]
    assert not skp.rhk.exists()
    assert {"skp.iki_delete", "skp.rhk_delete"} <= set(_actions(skp))


def test_a_submitted_plan_cannot_be_changed_and_says_why(org: Org) -> None:
    skp = _plan(org)
    rhk = skp.rhk.get()
    services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    c = _client(org, "staf1a")
    r = c.post(reverse("plans:rhk_delete", args=[skp.pk, rhk.pk]), HTTP_HX_REQUEST="true")
    reason = "SKP berstatus Diajukan tidak dapat diubah; tunggu keputusan pejabat penilai."
    assert r.status_code == 200 and reason in r.content.decode()
    r = c.post(reverse("plans:rhk_delete", args=[skp.pk, rhk.pk]))
    assert r.status_code == 302 and ("error", reason) in _msgs(r)
    assert skp.rhk.filter(pk=rhk.pk).exists()
    assert c.get(reverse("plans:rhk_edit", args=[skp.pk, rhk.pk])).status_code == 403
    assert "skp.rhk_delete" not in _actions(skp)


def test_rows_of_a_hidden_plan_are_404(org: Org) -> None:
    skp = _plan(org)
    rhk = skp.rhk.get()
    iki = rhk.iki.get()
    other = _client(org, "staf1b")
    assert other.get(reverse("plans:rhk_edit", args=[skp.pk, rhk.pk])).status_code == 404
    assert other.get(reverse("plans:iki_edit", args=[skp.pk, iki.pk])).status_code == 404
    assert other.post(reverse("plans:iki_delete", args=[skp.pk, iki.pk])).status_code == 404
    assert other.post(reverse("plans:dialog", args=[skp.pk]), {"teks": "Catatan"}).status_code == 404
    assert IndikatorKinerjaIndividu.objects.filter(pk=iki.pk).exists() and not DialogKinerja.objects.exists()


# ---------------------------------------------------------------------------- the appraiser, appendix, dialog
def test_the_appraiser_writes_an_expectation_and_the_owner_may_not(org: Org) -> None:
    skp = _plan(org)
    e = EkspektasiPerilaku.objects.filter(skp=skp).order_by("pk").first()
    assert e is not None
    url = reverse("plans:ekspektasi", args=[skp.pk, e.pk])
    r = _client(org, "kasi1").post(url, {"ekspektasi_khusus": "Menjawab aduan sekolah dalam 2 hari."})
    assert r.status_code == 302 and r["Location"].endswith("#perilaku")
    assert _msgs(r) == [("success", "Ekspektasi khusus disimpan.")]
    e.refresh_from_db()
    assert e.ekspektasi_khusus == "Menjawab aduan sekolah dalam 2 hari."
    assert "skp.ekspektasi" in _actions(skp)
    assert _client(org, "staf1a").post(url, {"ekspektasi_khusus": "Saya sendiri."}).status_code == 403
    e.refresh_from_db()
    assert e.ekspektasi_khusus == "Menjawab aduan sekolah dalam 2 hari."


def test_an_approved_plans_expectation_is_changed_only_through_revision(org: Org) -> None:
    skp = _approved(org)
    e = EkspektasiPerilaku.objects.filter(skp=skp).order_by("pk").first()
    assert e is not None
    r = _client(org, "kasi1").post(reverse("plans:ekspektasi", args=[skp.pk, e.pk]), {"ekspektasi_khusus": "Baru."})
    assert r.status_code == 302 and _msgs(r) == [("error", "SKP sudah disetujui; ekspektasi diubah melalui revisi.")]
    e.refresh_from_db()
    assert e.ekspektasi_khusus == ""


def test_the_owner_saves_the_appendix(org: Org) -> None:
    skp = _plan(org)
    c = _client(org, "staf1a")
    data = {"dukungan_sumber_daya": "Anggaran BOS", "skema_pertanggungjawaban": "Laporan bulanan", "konsekuensi": ""}
    r = c.post(reverse("plans:lampiran", args=[skp.pk]), data)
    assert r.status_code == 302 and r["Location"].endswith("#lampiran")
    skp.refresh_from_db()
    assert (skp.dukungan_sumber_daya, skp.skema_pertanggungjawaban) == ("Anggaran BOS", "Laporan bulanan")
    assert "skp.lampiran" in _actions(skp)
    too_long = c.post(reverse("plans:lampiran", args=[skp.pk]), {**data, "konsekuensi": "x" * 4001})
    assert too_long.status_code == 422 and "paling banyak 4000 karakter" in too_long.content.decode().lower()
    r = _client(org, "kasi1").post(reverse("plans:lampiran", args=[skp.pk]), {**data, "konsekuensi": "Teguran"})
    assert r.status_code == 403  # the appraiser reads the appendix; only the owner writes it
    skp.refresh_from_db()
    assert skp.konsekuensi == ""


def test_owner_and_appraiser_keep_dialog_notes(org: Org) -> None:
    skp = _plan(org)
    url = reverse("plans:dialog", args=[skp.pk])
    r = _client(org, "kasi1").post(url, {"teks": "Sepakat target 12 laporan."})
    assert r.status_code == 302 and r["Location"].endswith("#dialog")
    assert DialogKinerja.objects.filter(skp=skp, teks="Sepakat target 12 laporan.").exists()
    page = _client(org, "staf1a").get(reverse("plans:detail", args=[skp.pk])).content.decode()
    assert "Sepakat target 12 laporan." in page
    empty = _client(org, "staf1a").post(url, {"teks": ""})
    assert empty.status_code == 422 and REQUIRED in empty.content.decode()
    assert DialogKinerja.objects.filter(skp=skp).count() == 1
    assert "skp.dialog" in _actions(skp)


# ---------------------------------------------------------------------------- revision
def test_the_owner_revises_an_approved_plan_with_a_reason(org: Org) -> None:
    skp = _approved(org)
    c = _client(org, "staf1a")
    r = c.post(reverse("plans:revisi", args=[skp.pk]), {"alasan": ""})
    assert r.status_code == 422 and "Alasan revisi wajib diisi." in r.content.decode()
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI
    r = c.post(reverse("plans:revisi", args=[skp.pk]), {"alasan": "Target berubah karena mutasi."})
    assert r.status_code == 302 and _msgs(r) == [("success", "SKP dibuka kembali untuk revisi (versi baru).")]
    skp.refresh_from_db()
    assert (skp.status, skp.versi) == (StatusSkp.DRAFT, 2)
    assert skp.revisi.get(versi=1).alasan == "Target berubah karena mutasi."
    assert "skp.revise" in _actions(skp)
    page = c.get(reverse("plans:detail", args=[skp.pk])).content.decode()
    assert "Target berubah karena mutasi." in page


def test_the_owner_withdraws_a_submitted_plan_before_the_appraiser_acts(org: Org) -> None:
    """Issue #10 item 3: a submitted plan can be taken back to draft until the appraiser decides;
    submitting asks first (data-confirm)."""
    from karier.core.models import AuditEvent
    from karier.plans.models import DialogKinerja, Skp
    from tests.plans.test_plans_views import login, plan

    skp = plan(org)
    owner, boss = Client(), Client()
    login(owner, org, "staf1a")
    login(boss, org, "kasi1")
    page = owner.get(f"/skp/{skp.pk}/").content.decode()
    assert 'data-confirm="Ajukan SKP ini ke pejabat penilai?' in page
    assert owner.post(f"/skp/{skp.pk}/ajukan/").status_code == 302
    page = owner.get(f"/skp/{skp.pk}/").content.decode()
    assert "Tarik kembali menjadi draf" in page
    assert "Tarik kembali menjadi draf" not in boss.get(f"/skp/{skp.pk}/").content.decode()
    refused = boss.post(f"/skp/{skp.pk}/tarik/")
    assert refused.status_code == 403 and "Hanya pegawai pemilik SKP" in refused.content.decode()
    assert Skp.objects.get(pk=skp.pk).status == "DIAJUKAN"
    assert owner.post(f"/skp/{skp.pk}/tarik/").status_code == 302
    assert Skp.objects.get(pk=skp.pk).status == "DRAFT"
    assert AuditEvent.objects.filter(action="skp.withdraw", object_id=str(skp.pk)).count() == 1
    assert DialogKinerja.objects.filter(skp=skp, teks__contains="ditarik kembali").exists()
    # Once the appraiser has decided, there is nothing to withdraw.
    assert owner.post(f"/skp/{skp.pk}/ajukan/").status_code == 302
    assert boss.post(f"/skp/{skp.pk}/setujui/").status_code == 302
    late = owner.post(f"/skp/{skp.pk}/tarik/")
    assert late.status_code == 422
    # The withdraw form is no longer drawn, so the refusal is shown above the actions, in a live region.
    box = late.content.decode().split('id="tindakan-ditolak"')[1].split("</div>")[0]
    assert "sebelum diputuskan pejabat penilai" in box
    assert Skp.objects.get(pk=skp.pk).status == "DISETUJUI"


def test_a_returned_plan_opens_with_the_appraisers_note(org: Org) -> None:
    """Issue #10 item 3: the note sat at the bottom of a 4,000-px page; now it is at the top."""
    from tests.plans.test_plans_views import login, plan

    skp = plan(org)
    owner, boss = Client(), Client()
    login(owner, org, "staf1a")
    login(boss, org, "kasi1")
    owner.post(f"/skp/{skp.pk}/ajukan/")
    boss.post(f"/skp/{skp.pk}/kembalikan/", {"komentar": "Naikkan target laporan menjadi 24."})
    page = owner.get(f"/skp/{skp.pk}/").content.decode()
    top = page.index('data-testid="catatan-kembali"')
    assert top < page.index('id="hasil"') and "Naikkan target laporan menjadi 24." in page[top : top + 800]
    owner.post(f"/skp/{skp.pk}/ajukan/")
    assert 'data-testid="catatan-kembali"' not in owner.get(f"/skp/{skp.pk}/").content.decode()
