"""Recommendations (issue #11 item 5): ranking and reasons, performance signals, the background job
with progress and replacement of the previous run, the training-needs analysis from the stored
snapshot, the team page, and query counts at two team sizes."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from karier.core.choices import StatusTugasLatar
from karier.core.models import TugasLatar
from karier.development.competency.gaps import Kebutuhan
from karier.development.models import KebutuhanTersimpan, PerhitunganRekomendasi, RekomendasiKegiatan
from karier.development.recommend import compute, selectors
from karier.development.recommend import tna as recommend_tna
from karier.development.recommend.engine import Katalog
from karier.development.recommend.reasons import alasan
from karier.people.access import SYSTEM
from tests.development.recommend_helpers import activity, assess, k, require, scenario
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db


def _kode(org, saran):
    from karier.development.models import KegiatanPengembangan

    names = dict(KegiatanPengembangan.objects.values_list("pk", "kode"))
    return [names[s.kegiatan_id] for s in saran]


def test_activities_are_ranked_by_how_much_of_the_gaps_they_close(org):
    scenario(org)
    pid = org.pegawai["staf1a"].pk
    saran = selectors.hasil_for([pid]).saran[pid]
    assert _kode(org, saran) == ["HSL-4", "KOM-1", "HSL-2", "PKB-1"]
    assert [s.skor for s in saran] == [7, 3, 2, 1]
    names = {k("M.3").pk: "Komunikasi", k("M.4").pk: "Orientasi pada Hasil", k("M.8").pk: "Pengambilan Keputusan"}
    with translation.override("id"):
        texts = [alasan(s, names) for s in saran]
    assert texts[1] == "mengembangkan Komunikasi dari level 2 ke level 3 yang disyaratkan jabatan Anda; 12 JP"
    assert texts[0].startswith("mengembangkan Orientasi pada Hasil dari level 1 ke level 4 ")
    assert "(jabatan Anda mensyaratkan level 4); 8 JP" in texts[2]
    assert "belum pernah dinilai" in texts[3]
    with translation.override("en"):
        assert alasan(saran[1], names) != texts[1]  # built at display: it follows the language


def test_equal_scores_prefer_fewer_jp_and_inactive_activities_are_never_recommended(org):
    require(org, "staf1a", "M.3", 3)
    assess(org, "staf1a", "M.3", 2)
    long = activity(org, "KOM-L", "40", M_3=3)
    activity(org, "KOM-S", "6", M_3=3)
    pid = org.pegawai["staf1a"].pk
    assert _kode(org, selectors.hasil_for([pid]).saran[pid])[:2] == ["KOM-S", "KOM-L"]
    long.aktif = False
    long.save()
    assert "KOM-L" not in _kode(org, selectors.hasil_for([pid]).saran[pid])


def test_a_behaviour_need_is_answered_by_the_managerial_competency_that_describes_it(org):
    activity(org, "ADP-1", "16", M_7=3)  # Mengelola Perubahan
    activity(org, "INT-1", "16", M_1=3)
    need = Kebutuhan("perilaku:ADAPTIF", "kinerja", "Nilai BerAKHLAK Adaptif", "…", 4, nama="Adaptif")
    saran = Katalog().recommend([need])
    assert _kode(org, saran) == ["ADP-1"]
    assert saran[0].sinyal == "perilaku:ADAPTIF" and saran[0].skor == 4
    with translation.override("id"):
        text = alasan(saran[0], {k("M.7").pk: "Mengelola Perubahan"})
    assert (
        text == "memperbaiki nilai berakhlak adaptif di bawah ekspektasi lewat pengembangan Mengelola Perubahan; 16 JP"
    )
    predikat = Kebutuhan("predikat", "kinerja", "Predikat", "…", 7)
    assert Katalog().recommend([predikat]) == []  # no activity develops Orientasi pada Hasil


def test_the_job_stores_everyone_with_progress_and_replaces_the_previous_run(org, django_capture_on_commit_callbacks):
    scenario(org)
    with django_capture_on_commit_callbacks(execute=True):
        job = compute.rekomendasi_hitung_start(actor=org.actor("admin"))
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI, job.pesan
    active = org.pegawai.__len__()
    assert job.total == job.diproses and job.total >= active - 1 and job.hasil["pegawai"] == job.total
    first = PerhitunganRekomendasi.objects.get(aktif=True)
    pid = org.pegawai["staf1a"].pk
    stored = list(RekomendasiKegiatan.objects.filter(pegawai_id=pid).order_by("peringkat"))
    assert [r.kegiatan.kode for r in stored] == ["HSL-4", "KOM-1", "HSL-2", "PKB-1"]
    m3 = stored[1]
    assert (m3.kompetensi.kode, m3.dari, m3.ke, m3.jp) == ("M.3", 2, 3, Decimal("12.00"))
    assert KebutuhanTersimpan.objects.filter(pegawai_id=pid, kode="kompetensi:M.3", dinilai=2).exists()
    # staf1a reaches the standard in Komunikasi; the next run replaces the whole result
    assess(org, "staf1a", "M.3", 3)
    with django_capture_on_commit_callbacks(execute=True):
        compute.rekomendasi_hitung_start(actor=org.actor("admin"))
    second = PerhitunganRekomendasi.objects.get(aktif=True)
    assert second.pk != first.pk
    assert not RekomendasiKegiatan.objects.filter(perhitungan=first).exists()
    assert not KebutuhanTersimpan.objects.filter(perhitungan=first).exists()
    assert "KOM-1" not in [r.kegiatan.kode for r in RekomendasiKegiatan.objects.filter(pegawai_id=pid)]


def test_an_agency_run_replaces_only_that_agency(org):
    scenario(org)
    province = compute.rekomendasi_hitung(actor=SYSTEM)
    opd = org.pegawai["pranata"].opd_id
    agency = compute.rekomendasi_hitung(actor=SYSTEM, opd_id=opd)
    province.refresh_from_db()
    assert province.aktif and agency.aktif
    staf = org.pegawai["staf1a"].pk
    assert set(RekomendasiKegiatan.objects.filter(pegawai_id=staf).values_list("perhitungan_id", flat=True)) == {
        province.pk
    }
    pranata_runs = set(
        KebutuhanTersimpan.objects.filter(pegawai=org.pegawai["pranata"]).values_list("perhitungan_id", flat=True)
    )
    assert pranata_runs == {agency.pk}


def test_a_failed_run_leaves_the_previous_result_in_force(org, monkeypatch, django_capture_on_commit_callbacks):
    scenario(org)
    before = compute.rekomendasi_hitung(actor=SYSTEM)
    n = RekomendasiKegiatan.objects.count()

    def boom(*a, **kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(compute, "_switch_on", boom)
    with django_capture_on_commit_callbacks(execute=True):
        compute.rekomendasi_hitung_start(actor=org.actor("admin"))
    job = TugasLatar.objects.latest("pk")
    assert job.status == StatusTugasLatar.GAGAL and "sebelumnya tetap berlaku" in job.pesan
    assert PerhitunganRekomendasi.objects.get(aktif=True).pk == before.pk
    assert selectors.hasil_for([org.pegawai["staf1a"].pk]).langsung == set()  # still read from `before`
    assert RekomendasiKegiatan.objects.filter(perhitungan=before).count() == n


def test_only_one_computation_at_a_time(org):
    TugasLatar.objects.create(jenis="REKOMENDASI", status=StatusTugasLatar.BERJALAN)
    with pytest.raises(Exception, match="sedang berjalan"):
        compute.rekomendasi_hitung_start(actor=org.actor("admin"))


def test_the_training_needs_analysis_reads_the_stored_snapshot(org, monkeypatch):
    scenario(org)
    assess(org, "staf1b", "M.1", 1)  # meets Pelaksana's level 1: no need
    compute.rekomendasi_hitung(actor=SYSTEM)
    scope = org.pegawai["staf1a"].__class__.objects.all()
    live = recommend_tna.analisis(scope)  # a run covers the scope: the snapshot
    assert live.sumber == "tersimpan" and live.run is not None
    kode = {b.kode: b.jumlah for b in live.tna.total}
    assert kode["kompetensi:M.3"] == 1 and kode["kompetensi:M.4"] == 1
    # the snapshot is as of the run: a later assessment shows only after the next run
    assess(org, "staf1a", "M.3", 3)
    assert {b.kode for b in recommend_tna.analisis(scope).tna.total} >= {"kompetensi:M.3"}
    # the page says where the figures come from, and Excel still downloads
    c = Client()
    c.force_login(org.users["admin"])
    r = c.get("/pengembangan/kompetensi/analisis/")
    assert r.status_code == 200 and "dari perhitungan" in r.content.decode()
    assert c.get("/pengembangan/kompetensi/analisis/?export=xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_a_large_scope_without_a_run_asks_for_the_job_and_a_small_one_is_computed_live(org, monkeypatch):
    scenario(org)
    scope = org.pegawai["staf1a"].__class__.objects.all()
    assert recommend_tna.analisis(scope).sumber == "langsung"
    monkeypatch.setattr(recommend_tna, "LIVE_MAX", 2)
    result = recommend_tna.analisis(scope)
    assert result.sumber == "belum" and result.tna.total == []


def test_snapshot_and_live_analysis_agree(org):
    scenario(org)
    assess(org, "kasi1", "M.3", 1)
    scope = org.pegawai["staf1a"].__class__.objects.all()
    live = recommend_tna.gaps.tna(scope, by="unit")
    compute.rekomendasi_hitung(actor=SYSTEM)
    stored = recommend_tna.tna_snapshot(scope, by="unit")
    assert [(b.kode, b.jumlah) for b in stored.total] == [(b.kode, b.jumlah) for b in live.total]
    assert [(n, h, [(b.kode, b.jumlah) for b in i]) for n, h, i in stored.per_unit] == [
        (n, h, [(b.kode, b.jumlah) for b in i]) for n, h, i in live.per_unit
    ]


def test_team_page_shows_top_needs_and_fitting_sessions(org):
    acts = scenario(org)
    c = Client()
    c.force_login(org.users["kasi1"])
    r = c.get("/pengembangan/rekomendasi/tim/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "Orientasi pada Hasil" in body and "Komunikasi" in body
    assert f"/pengembangan/sesi/{acts['sesi'].pk}/" in body  # KOM-1's session has free seats
    x = c.get("/pengembangan/rekomendasi/tim/?export=sesi-xlsx")
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")
    assert c.get("/pengembangan/rekomendasi/tim/?export=xlsx").status_code == 200


def _measure(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("stored", [False, True])
def test_team_and_person_pages_queries_do_not_grow_with_the_team(stored):
    org = build_org(extra_staff=2)
    scenario(org)
    client = Client()
    client.force_login(org.users["kasi1"])
    pages = ["/pengembangan/rekomendasi/tim/", f"/pengembangan/rekomendasi/pegawai/{org.pegawai['staf1a'].pk}/"]
    if stored:
        compute.rekomendasi_hitung(actor=SYSTEM)
    small = [_measure(client, u) for u in pages]
    for i in range(2, 30):
        p = org.add_pegawai(f"extra{i}", "staf1", user=False)
        assess(org, f"extra{i}", "M.3", 1)
        assert p.pk
    if stored:
        compute.rekomendasi_hitung(actor=SYSTEM)
    large = [_measure(client, u) for u in pages]
    assert small == large


def test_own_page_offers_the_plan_button_only_when_the_plan_route_exists(org):
    scenario(org)
    from django.urls import NoReverseMatch, reverse

    c = Client()
    c.force_login(org.users["staf1a"])
    body = c.get("/pengembangan/rekomendasi/").content.decode()
    assert "mengembangkan Komunikasi dari level 2 ke level 3 yang disyaratkan jabatan Anda; 12 JP" in body.replace(
        "Mengembangkan", "mengembangkan"
    )
    try:
        url = reverse("development:rencana_tambah")
    except NoReverseMatch:
        assert "Tambahkan ke rencana pengembangan" not in body
    else:
        assert f'action="{url}"' in body and 'name="kompetensi_kode" value="M.4"' in body
    x = c.get("/pengembangan/rekomendasi/?export=xlsx")
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_restarted_job_resumes_its_run_and_skips_the_people_already_written(org, monkeypatch):
    scenario(org)
    job = TugasLatar.objects.create(jenis="REKOMENDASI", dibuat_oleh=org.users["admin"])
    monkeypatch.setattr(compute, "CHUNK", 3)
    switch = compute._switch_on

    def boom(*a, **kw):
        raise RuntimeError("stopped")

    monkeypatch.setattr(compute, "_switch_on", boom)
    with pytest.raises(RuntimeError):
        compute.rekomendasi_hitung(actor=org.actor("admin"), tugas_id=job.pk)
    first = PerhitunganRekomendasi.objects.get(tugas=job)
    assert not first.aktif and KebutuhanTersimpan.objects.filter(perhitungan=first).exists()
    written = set(KebutuhanTersimpan.objects.filter(perhitungan=first).values_list("pegawai_id", flat=True))
    asked: list[int] = []
    real = compute.gaps.needs_for

    def counting(ids, **kw):
        asked.extend(ids)
        return real(ids, **kw)

    monkeypatch.setattr(compute, "_switch_on", switch)
    monkeypatch.setattr(compute.gaps, "needs_for", counting)
    run = compute.rekomendasi_hitung(actor=org.actor("admin"), tugas_id=job.pk)
    assert run.pk == first.pk and PerhitunganRekomendasi.objects.get(pk=first.pk).aktif
    assert not written & set(asked)
    assert KebutuhanTersimpan.objects.filter(perhitungan=run).count() == KebutuhanTersimpan.objects.count()


def test_demo_command_is_idempotent(org):
    from django.core.management import call_command

    scenario(org)
    call_command("seed_recommendations_demo", stdout=io.StringIO())
    n = RekomendasiKegiatan.objects.count()
    call_command("seed_recommendations_demo", stdout=io.StringIO())
    assert n > 0 and RekomendasiKegiatan.objects.count() == n
    assert PerhitunganRekomendasi.objects.filter(aktif=True).count() == 1


def test_a_person_the_run_found_no_need_for_is_not_computed_again(org):
    for kode in ("M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"):
        assess(org, "staf2", kode, 1)  # Pelaksana: level 1 everywhere meets the standard
    pid = org.pegawai["staf2"].pk
    assert selectors.hasil_for([pid]).langsung == {pid}  # no run yet: computed now
    compute.rekomendasi_hitung(actor=SYSTEM)
    hasil = selectors.hasil_for([pid])
    assert hasil.langsung == set() and hasil.kebutuhan[pid] == [] and hasil.saran.get(pid, []) == []
    assert hasil.dihitung_pada is not None
    scope = org.pegawai["staf2"].__class__.objects.all()
    assert "" not in {b.kode for b in recommend_tna.tna_snapshot(scope, belum_dinilai=True).total}


def test_jp_in_the_reason_is_written_the_indonesian_way():
    from karier.development.recommend.reasons import jp_text

    assert [jp_text(Decimal(v)) for v in ("12.00", "12.50", "1.25", "200")] == ["12", "12,5", "1,25", "200"]
