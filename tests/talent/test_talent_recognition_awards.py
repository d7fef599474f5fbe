"""Award proposals (issue #12 item 8, recompute step 6): box 9, or Sangat Baik two years running; each
rule path, idempotent, decided proposals never rewritten, a fixed number of queries at two sizes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.talent.models import AturanTalenta, PenempatanTalenta, PredikatTahunan, UsulanPenghargaan
from karier.talent.recognition.compute import propose_awards
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db


def _predikat(p, tahun, value):
    PredikatTahunan.objects.update_or_create(pegawai=p, tahun=tahun, defaults={"predikat": value, "sumber": "IMPOR"})


def _box(p, tahun, kotak, dikecualikan=False):
    PenempatanTalenta.objects.create(
        pegawai=p,
        tahun=tahun,
        aturan=AturanTalenta.objects.first(),
        kinerja="Tinggi",
        potensial="Tinggi",
        kotak=kotak,
        skor_potensial=Decimal(95),
        dikecualikan=dikecualikan,
        dihitung_pada=timezone.now(),
    )


def test_rule_paths(org):
    box9, sb2, sb1, gap, excluded = (org.pegawai[k] for k in ("staf1a", "staf1b", "kasi1", "kabid1", "kadis"))
    _box(box9, 2025, 9)
    _predikat(sb2, 2024, "Sangat Baik")
    _predikat(sb2, 2025, "Sangat Baik")
    _predikat(sb1, 2024, "Baik")
    _predikat(sb1, 2025, "Sangat Baik")  # only one year: not proposed
    _predikat(gap, 2022, "Sangat Baik")
    _predikat(gap, 2023, "Sangat Baik")  # an older pair: not proposed for 2025
    _box(excluded, 2025, 9, dikecualikan=True)  # a sanction excludes
    ids = [p.pk for p in (box9, sb2, sb1, gap, excluded)]
    assert propose_awards(ids, 2025) == 2
    rows = {u.pegawai_id: u for u in UsulanPenghargaan.objects.all()}
    assert set(rows) == {box9.pk, sb2.pk}
    assert "Kotak talenta 9" in rows[box9.pk].alasan[0]
    assert "berturut-turut" in rows[sb2.pk].alasan[0]
    assert propose_awards(ids, 2025) == 0  # idempotent
    # the data changes: an undecided proposal follows it, a decided one stays history
    UsulanPenghargaan.objects.filter(pegawai=sb2).update(status="DITERUSKAN")
    _predikat(sb2, 2025, "Baik")
    PenempatanTalenta.objects.filter(pegawai=box9).delete()
    assert propose_awards(ids, 2025) == 1
    assert list(UsulanPenghargaan.objects.values_list("pegawai_id", flat=True)) == [sb2.pk]


def test_both_reasons_are_kept(org):
    p = org.pegawai["staf1a"]
    _box(p, 2025, 9)
    _predikat(p, 2024, "Sangat Baik")
    _predikat(p, 2025, "Sangat Baik")
    propose_awards([p.pk], 2025)
    assert len(UsulanPenghargaan.objects.get(pegawai=p).alasan) == 2


def _measure(ids, tahun=2025):
    with CaptureQueriesContext(connection) as ctx:
        propose_awards(ids, tahun)
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_number_of_people():
    from karier.people.models import Pegawai

    build_org(extra_staff=30)
    people = list(Pegawai.objects.order_by("pk"))
    for p in people:
        _predikat(p, 2024, "Sangat Baik")
        _predikat(p, 2025, "Sangat Baik")
    small, large = [p.pk for p in people[:4]], [p.pk for p in people[4:]]
    assert _measure(small) == _measure(large)
    PredikatTahunan.objects.filter(tahun=2025).update(predikat="Baik")  # every proposal withdrawn
    assert _measure(small) == _measure(large)
    assert not UsulanPenghargaan.objects.exists()
