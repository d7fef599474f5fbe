"""Bulk creation of draft SKPs from position standards (issue #4 part 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.core.choices import StatusTugasLatar
from karier.core.models import AuditEvent, TugasLatar
from karier.people.access import actor_for_user
from karier.people.models import Penugasan
from karier.people.selectors import appraiser_on
from karier.plans.bulk import bulk_roots, skp_bulk_create, skp_bulk_preview, skp_bulk_start
from karier.plans.choices import SumberSkp
from karier.plans.models import (
    EkspektasiPerilaku,
    IndikatorKinerjaIndividu,
    RencanaHasilKerja,
    Skp,
    TahunKinerja,
)
from karier.standards.models import NilaiBerakhlak, StandarHasil, StandarJabatan, StandarPerilaku
from tests.orgdata import Org, build_org

D = dt.date(2026, 3, 2)
TAHUN = 2026


def add_standards(org: Org) -> None:
    """staf1: two RHK (the first with two IKI: kuantitas and waktu), two BerAKHLAK expectations;
    kasi1: one RHK; no standard for anyone else."""
    s = StandarJabatan.objects.create(jabatan=org.jabatan["staf1"], ringkasan="Mengolah data kurikulum")
    StandarHasil.objects.create(
        standar=s,
        urutan=1,
        rhk="Data kurikulum SMA tersusun",
        aspek="KUANTITAS",
        indikator="Jumlah dokumen data kurikulum",
        target_angka=Decimal("12"),
        satuan="dokumen",
    )
    StandarHasil.objects.create(
        standar=s,
        urutan=2,
        rhk="Data kurikulum SMA tersusun",
        aspek="WAKTU",
        indikator="Ketepatan waktu penyusunan",
        target_angka=Decimal("12"),
        satuan="bulan",
    )
    StandarHasil.objects.create(
        standar=s,
        urutan=3,
        rhk="Laporan pemutakhiran data",
        aspek="KUALITAS",
        indikator="Laporan diterima tanpa revisi",
        target_kualitatif="Tanpa revisi",
    )
    StandarPerilaku.objects.create(standar=s, nilai_id="AKUNTABEL", ekspektasi="Data dijaga kerahasiaannya")
    StandarPerilaku.objects.create(standar=s, nilai_id="KOMPETEN", ekspektasi="Mengikuti pelatihan basis data")
    k = StandarJabatan.objects.create(jabatan=org.jabatan["kasi1"])
    StandarHasil.objects.create(
        standar=k,
        urutan=1,
        rhk="Kurikulum SMA terkendali",
        aspek="KUANTITAS",
        indikator="Jumlah sekolah yang disupervisi",
        target_angka=Decimal("25"),
        satuan="sekolah",
    )


@pytest.fixture
def org_std(org: Org) -> Org:
    add_standards(org)
    return org


def _run(org: Org, who: str = "admin", **kw: Any) -> Any:
    return skp_bulk_create(actor=org.actor(who), tahun=TAHUN, today=D, **kw)


@pytest.mark.django_db
def test_creates_drafts_from_standards(org_std: Org) -> None:
    org = org_std
    r = _run(org)
    people = len(org.pegawai)
    assert r.created == people and r.skipped == 0
    assert Skp.objects.filter(tahun_id=TAHUN, sumber=SumberSkp.MASSAL, status="DRAFT").count() == people
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"], tahun_id=TAHUN)
    assert (skp.jabatan_id, skp.unit_id) == (org.jabatan["staf1"].pk, org.units["dik_s1"].pk)
    assert (skp.periode_mulai, skp.periode_selesai) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (skp.penilai_id, skp.penilai_jabatan_id) == (org.pegawai["kasi1"].pk, org.jabatan["kasi1"].pk)
    rhk = list(skp.rhk.order_by("urutan"))
    assert [(x.urutan, x.teks, x.jenis) for x in rhk] == [
        (1, "Data kurikulum SMA tersusun", "UTAMA"),
        (2, "Laporan pemutakhiran data", "UTAMA"),
    ]
    iki = [
        (i.rhk.urutan, i.urutan, i.aspek, i.indikator, i.target_angka, i.satuan, i.target_kualitatif)
        for i in IndikatorKinerjaIndividu.objects.filter(rhk__skp=skp).order_by("rhk__urutan", "urutan")
    ]
    assert iki == [
        (1, 1, "KUANTITAS", "Jumlah dokumen data kurikulum", Decimal("12"), "dokumen", ""),
        (1, 2, "WAKTU", "Ketepatan waktu penyusunan", Decimal("12"), "bulan", ""),
        (2, 1, "KUALITAS", "Laporan diterima tanpa revisi", None, "", "Tanpa revisi"),
    ]
    perilaku = dict(skp.perilaku.values_list("nilai_id", "ekspektasi_khusus"))
    assert set(perilaku) == set(NilaiBerakhlak.objects.values_list("kode", flat=True)) and len(perilaku) == 7
    assert perilaku["AKUNTABEL"] == "Data dijaga kerahasiaannya" and perilaku["KOMPETEN"].startswith("Mengikuti")
    assert sum(1 for v in perilaku.values() if v) == 2
    # Positions without a standard get an empty draft with the 7 values.
    kabid = Skp.objects.get(pegawai=org.pegawai["kabid1"], tahun_id=TAHUN)
    assert kabid.rhk.count() == 0 and kabid.perilaku.count() == 7
    # Totals: staf1 ×2 people × 2 RHK, kasi1 × 1 RHK.
    assert r.rows == {"skp": people, "rhk": 5, "iki": 7, "perilaku": 7 * people}
    assert RencanaHasilKerja.objects.count() == 5 and EkspektasiPerilaku.objects.count() == 7 * people
    assert r.reasons == {"dibuat_tanpa_standar": people - 3}
    # One audit event for the run.
    assert AuditEvent.objects.filter(action="skp.bulk_create").count() == 1


@pytest.mark.django_db
def test_appraisers_match_appraiser_on_for_everyone(org_std: Org) -> None:
    _run(org_std)
    for skp in Skp.objects.all():
        expected = appraiser_on(skp.pegawai_id, D)
        assert skp.penilai_id == (expected.pegawai.pk if expected else None), skp
        assert skp.penilai_jabatan_id == (expected.jabatan.pk if expected else None), skp
    assert Skp.objects.get(pegawai=org_std.pegawai["sekda"]).penilai_id is None


@pytest.mark.django_db
def test_appraiser_skips_vacant_superior_and_takes_plt(org: Org) -> None:
    # Seksi Kurikulum's head leaves at the end of 2025: staff are appraised by the Kabid …
    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"], jabatan=org.jabatan["kasi1"]).update(
        selesai=dt.date(2025, 12, 31)
    )
    # … and the Kabid SMK post is covered by a Plt (the Kominfo pranata) from January.
    Penugasan.objects.filter(pegawai=org.pegawai["kabid2"]).update(selesai=dt.date(2025, 12, 31))
    Penugasan.objects.create(
        pegawai=org.pegawai["pranata"], jabatan=org.jabatan["kabid2"], jenis="PLT", mulai=dt.date(2026, 1, 1)
    )
    _run(org)
    staf1a = Skp.objects.get(pegawai=org.pegawai["staf1a"])
    assert (staf1a.penilai_id, staf1a.penilai_jabatan_id) == (org.pegawai["kabid1"].pk, org.jabatan["kabid1"].pk)
    staf2 = Skp.objects.get(pegawai=org.pegawai["staf2"])
    assert (staf2.penilai_id, staf2.penilai_jabatan_id) == (org.pegawai["pranata"].pk, org.jabatan["kabid2"].pk)
    # People whose definitive position ended get no plan.
    assert not Skp.objects.filter(pegawai__in=[org.pegawai["kasi1"], org.pegawai["kabid2"]]).exists()
    for skp in Skp.objects.all():
        expected = appraiser_on(skp.pegawai_id, D)
        assert skp.penilai_id == (expected.pegawai.pk if expected else None)


@pytest.mark.django_db
def test_skips_existing_and_is_idempotent(org_std: Org) -> None:
    org = org_std
    TahunKinerja.objects.create(tahun=TAHUN, batas_penetapan_skp=dt.date(2026, 1, 31))
    own = Skp.objects.create(
        pegawai=org.pegawai["staf1b"],
        tahun_id=TAHUN,
        periode_mulai=dt.date(2026, 1, 1),
        periode_selesai=dt.date(2026, 12, 31),
        jabatan=org.jabatan["staf1"],
        unit=org.units["dik_s1"],
    )
    first = _run(org)
    assert first.skipped == 1 and first.created == len(org.pegawai) - 1
    assert first.reasons["sudah_punya_skp"] == 1
    assert own.rhk.count() == 0  # untouched
    counts = (
        Skp.objects.count(),
        RencanaHasilKerja.objects.count(),
        IndikatorKinerjaIndividu.objects.count(),
        EkspektasiPerilaku.objects.count(),
    )
    second = _run(org, chunk_size=3)
    assert second.created == 0 and second.skipped == len(org.pegawai)
    assert counts == (
        Skp.objects.count(),
        RencanaHasilKerja.objects.count(),
        IndikatorKinerjaIndividu.objects.count(),
        EkspektasiPerilaku.objects.count(),
    )


@pytest.mark.django_db
def test_small_chunks_give_the_same_rows(org_std: Org) -> None:
    r = _run(org_std, chunk_size=2)
    assert r.created == len(org_std.pegawai) and r.rows["rhk"] == 5 and r.rows["iki"] == 7


@pytest.mark.django_db
def test_refuses_closed_year(org_std: Org) -> None:
    TahunKinerja.objects.create(tahun=TAHUN, batas_penetapan_skp=dt.date(2026, 1, 31), ditutup=True)
    with pytest.raises(ValidationError) as exc:
        _run(org_std)
    assert "sudah ditutup" in str(exc.value.message_dict["tahun"])
    assert not Skp.objects.exists()


@pytest.mark.django_db
def test_opens_a_missing_year_with_the_default_deadline(org_std: Org) -> None:
    _run(org_std)
    assert TahunKinerja.objects.get(pk=TAHUN).batas_penetapan_skp == dt.date(2026, 1, 31)


@pytest.mark.django_db
def test_scope_and_rights(org_std: Org) -> None:
    org = org_std
    kabid = actor_for_user(org.users["kabid1"])
    roots = bulk_roots(kabid)
    assert roots is not None and [u.pk for u in roots] == [org.units["dik_b1"].pk]
    assert bulk_roots(actor_for_user(org.users["staf1a"])) == []
    assert bulk_roots(actor_for_user(org.users["admin"])) is None
    assert {u.pk for u in bulk_roots(actor_for_user(org.users["kadis"])) or []} == {org.units["dik"].pk}
    # A unit head covers his unit and its sub-units only.
    r = _run(org, "kabid1", unit_id=org.units["dik_b1"].pk)
    assert set(Skp.objects.values_list("pegawai_id", flat=True)) == {
        org.pegawai[k].pk for k in ("kabid1", "kasi1", "staf1a", "staf1b")
    }
    assert r.created == 4
    for who, unit in (("kabid1", "dik_b2"), ("kabid1", None), ("staf1a", "dik_s1"), ("auditor", "dik")):
        with pytest.raises(ValidationError):
            _run(org, who, unit_id=org.units[unit].pk if unit else None)
    # The agency head: his whole agency.
    r = _run(org, "kadis", opd_id=org.units["dik"].pk)
    assert r.created == 3 and r.skipped == 4  # kadis, kabid2, staf2 new


@pytest.mark.django_db
def test_preview_counts(org_std: Org) -> None:
    org = org_std
    actor = actor_for_user(org.users["admin"])
    p = skp_bulk_preview(actor=actor, tahun=TAHUN, opd_id=org.units["dik"].pk, today=D)
    assert (p.dalam_lingkup, p.akan_dibuat, p.sudah_punya_skp, p.tanpa_standar) == (7, 7, 0, 4)
    _run(org, pegawai_ids=[org.pegawai["staf1a"].pk])
    p = skp_bulk_preview(actor=actor, tahun=TAHUN, opd_id=org.units["dik"].pk, today=D)
    assert (p.akan_dibuat, p.sudah_punya_skp) == (6, 1)


@pytest.mark.django_db
def test_query_count_grows_per_chunk_not_per_person(monkeypatch: pytest.MonkeyPatch) -> None:
    org = build_org(extra_staff=70)
    add_standards(org)
    TahunKinerja.objects.create(tahun=TAHUN, batas_penetapan_skp=dt.date(2026, 1, 31))
    if connection.vendor == "sqlite":
        # Django assumes SQLite's historic 999-variable limit and splits bulk inserts into ~50-row
        # statements; the SQLite in use allows 250,000, so let one statement carry a chunk as on PostgreSQL.
        monkeypatch.setattr(connection.features, "max_query_params", 250_000)
    extra = [org.pegawai[f"extra{i}"].pk for i in range(70)]

    def measure(ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as ctx:
            r = _run(org, pegawai_ids=ids)
        assert r.created == len(ids)
        return len(ctx.captured_queries)

    assert measure(extra[:10]) == measure(extra[10:70])


@pytest.mark.django_db
def test_job_runs_inline_and_records_progress(org_std: Org, django_capture_on_commit_callbacks: Any) -> None:
    org = org_std
    actor = actor_for_user(org.users["kadis"])
    with django_capture_on_commit_callbacks(execute=True):
        job = skp_bulk_start(actor=actor, tahun=TAHUN, opd_id=org.units["dik"].pk)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI and job.total == job.diproses == 7
    assert job.hasil["created"] == 7 and job.persen == 100 and job.selesai_pada is not None
    assert AuditEvent.objects.filter(action="skp.bulk_create", object_id=str(job.pk)).exists()


@pytest.mark.django_db
def test_job_failure_is_recorded(org_std: Org, django_capture_on_commit_callbacks: Any) -> None:
    org = org_std
    actor = actor_for_user(org.users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        job = skp_bulk_start(actor=actor, tahun=TAHUN)
        TahunKinerja.objects.update_or_create(
            tahun=TAHUN, defaults={"batas_penetapan_skp": dt.date(2026, 1, 31), "ditutup": True}
        )
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.GAGAL and "ditutup" in job.pesan


@pytest.mark.django_db
def test_screens(org_std: Org, django_capture_on_commit_callbacks: Any) -> None:
    org = org_std
    c = Client()
    c.force_login(org.users["staf1a"])
    assert c.get("/skp/massal/").status_code == 404
    c.force_login(org.users["auditor"])
    assert c.get("/skp/massal/").status_code == 404
    c.force_login(org.users["kabid1"])
    page = c.get("/skp/massal/")
    assert page.status_code == 200 and "Bidang Pembinaan SMA" in page.content.decode()
    preview = c.get("/skp/massal/", {"tahun": TAHUN, "unit": org.units["dik_b1"].pk}, HTTP_HX_REQUEST="true")
    assert "SKP akan dibuat" in preview.content.decode()
    refused = c.post("/skp/massal/", {"tahun": TAHUN, "unit": org.units["dik_b2"].pk})
    assert refused.status_code == 200 and not TugasLatar.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        started = c.post("/skp/massal/", {"tahun": TAHUN, "unit": org.units["dik_b1"].pk})
    job = TugasLatar.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/skp/massal/{job.pk}/"
    status = c.get(f"/skp/massal/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Selesai" in status and "every 1s" not in status
    c.force_login(org.users["kabid2"])
    assert c.get(f"/skp/massal/{job.pk}/").status_code == 404
    TugasLatar.objects.filter(pk=job.pk).update(status="BERJALAN")
    c.force_login(org.users["kabid1"])
    assert 'hx-trigger="every 1s"' in c.get(f"/skp/massal/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()


@pytest.mark.django_db
def test_command_and_alias(org_std: Org) -> None:
    call_command("skp_bulk", tahun=TAHUN, opd=org_std.units["dik"].pk, verbosity=0)
    assert Skp.objects.count() == 7
    call_command("skp_bulk", tahun=TAHUN, verbosity=0)
    assert Skp.objects.count() == len(org_std.pegawai)


@pytest.mark.django_db
def test_api(org_std: Org, django_capture_on_commit_callbacks: Any) -> None:
    org = org_std
    c = Client()
    assert c.post("/api/v1/skp/massal", {"tahun": TAHUN}, content_type="application/json").status_code == 401
    c.force_login(org.users["staf1a"])
    assert c.post("/api/v1/skp/massal", {"tahun": TAHUN}, content_type="application/json").status_code == 403
    c.force_login(org.users["auditor"])
    assert c.post("/api/v1/skp/massal", {"tahun": TAHUN}, content_type="application/json").status_code == 403
    c.force_login(org.users["kabid1"])
    assert c.post("/api/v1/skp/massal", {"tahun": 1900}, content_type="application/json").status_code == 422
    outside = c.post(
        "/api/v1/skp/massal", {"tahun": TAHUN, "unit_id": org.units["dik_b2"].pk}, content_type="application/json"
    )
    assert outside.status_code == 409 and "unit" in outside.json()["errors"]
    with django_capture_on_commit_callbacks(execute=True):
        started = c.post(
            "/api/v1/skp/massal", {"tahun": TAHUN, "unit_id": org.units["dik_b1"].pk}, content_type="application/json"
        )
    assert started.status_code == 202 and started.json()["status"] == "MENUNGGU"
    job_id = started.json()["id"]
    status = c.get(f"/api/v1/skp/massal/{job_id}").json()
    assert status["status"] == "SELESAI" and status["hasil"]["created"] == 4 and status["persen"] == 100
    c.force_login(org.users["kabid2"])
    assert c.get(f"/api/v1/skp/massal/{job_id}").status_code == 404
    TahunKinerja.objects.filter(pk=TAHUN).update(ditutup=True)
    c.force_login(org.users["admin"])
    closed = c.post("/api/v1/skp/massal", {"tahun": TAHUN}, content_type="application/json")
    assert closed.status_code == 409 and "ditutup" in str(closed.json()["errors"]["tahun"])


@pytest.mark.django_db
def test_ids_of_deleted_plans_are_not_reused(org_std: Org) -> None:
    _run(org_std)
    top = Skp.objects.order_by("-id").values_list("id", flat=True).first()
    Skp.objects.filter(pegawai=org_std.pegawai["staf2"]).delete()
    Skp.objects.filter(id=top).delete()
    r = _run(org_std)
    assert (
        r.created == 2
        and min(Skp.objects.filter(sumber=SumberSkp.MASSAL).order_by("-id").values_list("id", flat=True)[:2]) > top
    )
