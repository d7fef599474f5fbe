"""`sync_predikat` (issue #12 item 1, recompute step 1): final annual evaluations → PredikatTahunan,
idempotent, set-based (the same number of queries at two sizes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karier.talent.history.compute import months_covered, sync_predikat
from karier.talent.models import PredikatTahunan, SumberPredikat
from tests.orgdata import build_org
from tests.talent.talent_history_helpers import final_evaluation

pytestmark = pytest.mark.django_db


def test_copies_final_annual_evaluations_and_is_idempotent(org):
    a, b, c = org.pegawai["staf1a"], org.pegawai["staf1b"], org.pegawai["kasi1"]
    ev_a = final_evaluation(a, 2024, "Baik")
    final_evaluation(b, 2024, "Baik", akhir="Sangat Baik")  # calibrated: predikat_akhir wins
    final_evaluation(c, 2024, "Baik", status="DINILAI")  # not final: ignored
    ids = [a.pk, b.pk, c.pk]
    assert sync_predikat(ids, 2024) == 2
    rows = {p.pegawai_id: p for p in PredikatTahunan.objects.all()}
    assert set(rows) == {a.pk, b.pk}
    assert rows[a.pk].predikat == "Baik" and rows[a.pk].evaluasi_id == ev_a.pk
    assert rows[a.pk].sumber == SumberPredikat.EVALUASI and rows[a.pk].bulan == 12
    assert rows[a.pk].rating_hasil_kerja == "Sesuai Ekspektasi"
    assert rows[b.pk].predikat == "Sangat Baik"
    assert sync_predikat(ids, 2024) == 0  # second run: nothing changed, nothing written
    assert PredikatTahunan.objects.count() == 2


def test_updates_a_changed_evaluation_and_counts_part_year_months(org):
    a = org.pegawai["staf1a"]
    ev = final_evaluation(a, 2024, "Baik", mulai=dt.date(2024, 7, 1))
    sync_predikat([a.pk], 2024)
    assert PredikatTahunan.objects.get(pegawai=a).bulan == 6
    ev.predikat_akhir = "Butuh Perbaikan"
    ev.save()
    assert sync_predikat([a.pk], 2024) == 1
    assert PredikatTahunan.objects.get(pegawai=a).predikat == "Butuh Perbaikan"


def test_months_covered_bounds():
    assert months_covered(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 12
    assert months_covered(dt.date(2024, 11, 15), dt.date(2024, 11, 30)) == 1
    assert months_covered(None, None) == 12
    assert months_covered(dt.date(2023, 1, 1), dt.date(2024, 12, 31)) == 12


def test_evaluation_replaces_an_import_of_the_same_year_only(org):
    a = org.pegawai["staf1a"]
    PredikatTahunan.objects.create(pegawai=a, tahun=2023, predikat="Baik", sumber=SumberPredikat.IMPOR)
    PredikatTahunan.objects.create(pegawai=a, tahun=2024, predikat="Baik", sumber=SumberPredikat.IMPOR)
    ev = final_evaluation(a, 2024, "Sangat Baik", hasil="Di Atas Ekspektasi", perilaku="Di Atas Ekspektasi")
    assert sync_predikat([a.pk], 2024) == 1
    rows = {p.tahun: p for p in PredikatTahunan.objects.filter(pegawai=a)}
    assert rows[2024].sumber == SumberPredikat.EVALUASI and rows[2024].evaluasi_id == ev.pk
    assert rows[2024].predikat == "Sangat Baik"
    assert rows[2023].sumber == SumberPredikat.IMPOR  # another year: untouched


def _measure(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        sync_predikat(ids, 2024)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_people():
    from karier.people.models import Pegawai

    org = build_org(extra_staff=30)
    people = list(Pegawai.objects.order_by("pk"))
    for p in people:
        final_evaluation(p, 2024, "Baik")
    small_ids, large_ids = [p.pk for p in people[:4]], [p.pk for p in people[4:]]
    assert len(large_ids) > 30
    small, large = _measure(small_ids), _measure(large_ids)
    assert small == large
    # and the update path (every row changed) is also flat
    from karier.appraisal.models import Evaluasi

    Evaluasi.objects.update(predikat_akhir="Sangat Baik")
    assert _measure(small_ids) == _measure(large_ids)
    assert PredikatTahunan.objects.filter(predikat="Sangat Baik").count() == len(people)
    assert org.pegawai["staf1a"].pk in large_ids or org.pegawai["staf1a"].pk in small_ids
