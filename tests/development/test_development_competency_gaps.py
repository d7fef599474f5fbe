"""Development needs (issue #11 item 3): competency gaps and performance signals per person, ranked
with their reasons; the training-needs analysis per agency and unit, with fixed query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.appraisal.models import Evaluasi, Realisasi, RilisRingkasanPerilaku
from karier.development.competency import gaps, selectors, services
from karier.development.models import Kompetensi, SumberPenilaian
from tests.appraisal.test_appraisal_support import configured

pytestmark = pytest.mark.django_db


def _assess(org, key, kode, level, when=dt.date(2026, 1, 5)):
    services.penilaian_record(
        actor=org.actor("admin"),
        pegawai=org.pegawai[key],
        kompetensi=Kompetensi.objects.get(kode=kode),
        level=level,
        tanggal=min(when, timezone.localdate()),
        sumber=SumberPenilaian.ASSESSMENT_CENTER,
    )


def test_competency_gaps_are_ranked_with_reasons(org):
    _assess(org, "kasi1", "M.3", 1)  # Pengawas requires 2: one level short
    _assess(org, "kasi1", "M.1", 3)  # above the standard: no need
    services.standar_kompetensi_set(
        actor=org.actor("admin"), jabatan=org.jabatan["kasi1"], kompetensi=Kompetensi.objects.get(kode="M.4"), level=4
    )
    _assess(org, "kasi1", "M.4", 1)  # three levels short
    needs = gaps.needs_for([org.pegawai["kasi1"].pk])[org.pegawai["kasi1"].pk]
    assert [n.kode for n in needs[:2]] == ["kompetensi:M.4", "kompetensi:M.3"]
    assert needs[0].bobot == 7 and needs[1].bobot == 3
    assert "dari level 1 ke level 4" in needs[0].alasan
    assert "kompetensi:M.1" not in {n.kode for n in needs}
    unassessed = [n for n in needs if n.dinilai is None]
    assert len(unassessed) == 6 and all(n.bobot == 1 and "belum pernah dinilai" in n.alasan for n in unassessed)


def _rated(org, setup, key, **fields):
    ev = setup.ev(key)
    Evaluasi.objects.filter(pk=ev.pk).update(status="FINAL", **fields)
    return ev


def test_performance_signals_from_the_latest_rated_evaluation(org):
    setup = configured(org)
    ev = _rated(org, setup, "staf1a", predikat="Butuh Perbaikan", rating_perilaku="Di Bawah Ekspektasi")
    iki = setup.skp["staf1a"].rhk.first().iki.get(aspek="KUANTITAS")
    Realisasi.objects.create(evaluasi=ev, iki=iki, realisasi_angka=8)
    RilisRingkasanPerilaku.objects.create(
        evaluasi=ev,
        n_dijawab=3,
        data={
            "nilai": [
                {"kode": "ADAPTIF", "nama": "Adaptif", "rata": 2.4},
                {"kode": "AKUNTABEL", "nama": "Akuntabel", "rata": 4.0},
            ]
        },
        dirilis_pada=timezone.now(),
    )
    _rated(org, setup, "staf1b", predikat="Baik")
    needs = gaps.needs_for([org.pegawai["staf1a"].pk, org.pegawai["staf1b"].pk])
    mine = {n.kode: n for n in needs[org.pegawai["staf1a"].pk]}
    assert {"predikat", "perilaku", "perilaku:ADAPTIF", "rhk"} <= set(mine)
    assert "perilaku:AKUNTABEL" not in mine
    assert "Butuh Perbaikan" in mine["predikat"].alasan
    assert "8 dari target 12 laporan" in mine["rhk"].alasan
    assert "2,4 dari 5" in mine["perilaku:ADAPTIF"].alasan
    assert needs[org.pegawai["staf1a"].pk][0].kode == "predikat"  # ranked first
    assert not {n.kode for n in needs[org.pegawai["staf1b"].pk]} & {"predikat", "perilaku", "rhk"}


def test_a_draft_evaluation_gives_no_signal(org):
    setup = configured(org)
    Evaluasi.objects.filter(pk=setup.ev("staf1a").pk).update(predikat="Sangat Kurang")  # still DRAFT
    needs = gaps.needs_for([org.pegawai["staf1a"].pk])[org.pegawai["staf1a"].pk]
    assert "predikat" not in {n.kode for n in needs}


def test_tna_counts_each_need_once_per_person_per_agency(org):
    _assess(org, "kasi1", "M.3", 1)  # Pengawas requires 2
    _assess(org, "kabid1", "M.3", 2)  # Administrator requires 3
    _assess(org, "kabid2", "M.3", 1)
    _assess(org, "kadiskominfo", "M.3", 4)  # meets JPT Pratama's 4
    result = gaps.tna(selectors.tna_scope(org.actor("admin")))
    total = {b.kode: b for b in result.total}
    assert total["kompetensi:M.3"].jumlah == 3
    assert total["kompetensi:M.3"].jumlah_pegawai == result.jumlah_pegawai == 10
    per = {name: (head, {b.kode: b.jumlah for b in items}) for name, head, items in result.per_unit}
    assert per["Dinas Pendidikan"][1]["kompetensi:M.3"] == 3
    assert "kompetensi:M.3" not in per["Dinas Komunikasi, Informatika dan Statistik"][1]
    with_unassessed = gaps.tna(selectors.tna_scope(org.actor("admin")), belum_dinilai=True)
    assert {b.kode: b.jumlah for b in with_unassessed.total}["kompetensi:M.1"] == 10
    by_unit = gaps.tna(selectors.tna_scope(org.actor("admin")), by="unit")
    assert "Seksi Kurikulum" in {n for n, _h, _i in by_unit.per_unit}
    assert gaps.tna_rows(result)[0][1] == "Komunikasi"


def test_tna_scope_follows_visibility(org):
    kasi = org.actor("kasi1")
    assert set(selectors.tna_scope(kasi).values_list("pk", flat=True)) == {
        org.pegawai[k].pk for k in ("kasi1", "staf1a", "staf1b")
    }
    staff = org.actor("staf1a")
    assert list(selectors.tna_scope(staff).values_list("pk", flat=True)) == [org.pegawai["staf1a"].pk]


def _measure(org, ids):
    scope = selectors.tna_scope(org.actor("admin")).filter(pk__in=ids)
    with CaptureQueriesContext(connection) as ctx:
        gaps.tna(scope)
    return len(ctx.captured_queries)


def test_needs_and_tna_queries_do_not_grow_with_headcount():
    from tests.orgdata import build_org

    org = build_org(extra_staff=2)
    setup = configured(org)
    _rated(org, setup, "staf1a", predikat="Butuh Perbaikan")
    _assess(org, "staf1a", "M.3", 1)
    small = _measure(org, [org.pegawai[k].pk for k in org.pegawai])
    for i in range(30):
        org.add_pegawai(f"more{i}", "staf1", user=False)
        _assess(org, f"more{i}", "M.2", 1)
    large = _measure(org, [org.pegawai[k].pk for k in org.pegawai])
    assert small == large
    with CaptureQueriesContext(connection) as ctx:
        gaps.needs_for([p.pk for p in org.pegawai.values()])
    assert len(ctx.captured_queries) == small - 1  # tna reads the people once more, for their units


def test_a_behaviour_summary_below_the_anonymity_threshold_gives_no_signal(org):
    """The needs read the multi-rater summary as appraisal shows it (`released_summaries`): fewer than
    three answers is never shown to anyone, so it may not surface here either."""
    setup = configured(org)
    ev = _rated(org, setup, "staf1a", predikat="Baik")
    RilisRingkasanPerilaku.objects.create(
        evaluasi=ev,
        n_dijawab=2,
        data={"nilai": [{"kode": "ADAPTIF", "nama": "Adaptif", "rata": 1.5}]},
        dirilis_pada=timezone.now(),
    )
    needs = gaps.needs_for([org.pegawai["staf1a"].pk])[org.pegawai["staf1a"].pk]
    assert "perilaku:ADAPTIF" not in {n.kode for n in needs}
