"""The SKM closes the loop (issue #13 item 3): a closed period fills the agency's IKM indicator
through the standards service, and low U6/U7 scores show in the training-needs analysis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from karier.appraisal.public.skm import services
from karier.appraisal.public.skm.loop import indikator_ikm, skm_development_needs, skm_fill_indicators
from karier.core.models import AuditEvent
from karier.standards.models import NilaiIndikator
from tests.appraisal.skm_support import ANSWERS, fill, make_period, today
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def standards(org: Org) -> None:
    from karier.standards.demo import seed_standards

    seed_standards()


def test_closing_fills_the_agency_ikm_indicator(org: Org, standards: None) -> None:
    year = today().year
    ind = indikator_ikm(org.units["setda"].pk, year)  # the demo catalogue's "Indeks kepuasan masyarakat"
    assert ind is not None and "kepuasan masyarakat" in ind.nama.lower()
    before = NilaiIndikator.objects.filter(indikator=ind, tahun=year).first()
    target = before.target if before else None
    a = make_period(org, "setda", mulai=dt.date(year, 1, 1), selesai=dt.date(year, 6, 30))
    b = make_period(org, "setda", mulai=dt.date(year, 7, 1), selesai=dt.date(year, 12, 31))
    fill(a, now=timezone.make_aware(dt.datetime(year, 3, 15, 10)))  # 77.78
    services.skm_periode_close(actor=org.actor("sekda"), periode=a)
    row = NilaiIndikator.objects.get(indikator=ind, tahun=year)
    assert row.realisasi == Decimal("77.78") and row.target == target
    assert "1 periode, 4 responden" in row.sumber
    fill(b, [(4,) * 9, (3,) * 9], now=timezone.make_aware(dt.datetime(year, 9, 15, 10)))  # 87.50
    services.skm_periode_close(actor=org.actor("admin"), periode=b)
    row.refresh_from_db()
    assert row.realisasi == Decimal("82.64")  # (77.78 + 87.50) / 2 = 82.64
    assert "2 periode, 6 responden" in row.sumber
    assert AuditEvent.objects.filter(action="indikator.nilai").count() >= 2


def test_no_indicator_no_write_and_the_standards_permission(org: Org, standards: None) -> None:
    p = make_period(org, "kominfo")
    fill(p, ANSWERS[:1])
    assert indikator_ikm(org.units["kominfo"].pk, p.selesai.year) is None
    n = NilaiIndikator.objects.count()
    services.skm_periode_close(actor=org.actor("admin"), periode=p)
    assert NilaiIndikator.objects.count() == n
    year = today().year
    s = make_period(org, "setda", mulai=dt.date(year, 1, 1), selesai=dt.date(year, 12, 31))
    fill(s, ANSWERS[:1], now=timezone.make_aware(dt.datetime(year, 3, 15, 10)))
    services.skm_periode_close(actor=org.actor("admin"), periode=s)
    with pytest.raises(PermissionDenied):
        skm_fill_indicators(actor=org.actor("staf1a"), periode=s)


def test_low_staff_elements_are_a_development_need(org: Org) -> None:
    p = make_period(org)
    fill(p)  # U6 and U7 average 2.5 → index 62.50 < 76.61
    assert skm_development_needs() == []  # the period is still open
    services.skm_periode_close(actor=org.actor("admin"), periode=p)
    needs = skm_development_needs()
    assert [(n.unsur, n.indeks, n.respondents) for n in needs] == [
        ("U6", Decimal("62.50"), 4),
        ("U7", Decimal("62.50"), 4),
    ]
    good = make_period(org, "dik_b2")
    fill(good, [(4,) * 9])
    services.skm_periode_close(actor=org.actor("admin"), periode=good)
    assert {n.unit_id for n in skm_development_needs()} == {p.unit_id}
    assert skm_development_needs(actor=org.actor("kabid2")) == []
    assert len(skm_development_needs(actor=org.actor("kadis"))) == 2
    assert skm_development_needs(opd_ids=[org.units["kominfo"].pk]) == []


def test_needs_show_in_the_training_needs_analysis(org: Org) -> None:
    p = make_period(org)
    fill(p)
    services.skm_periode_close(actor=org.actor("admin"), periode=p)
    c = Client()
    c.force_login(org.users["kadis"])
    html = c.get(reverse("development:kompetensi_analisis")).content.decode()
    assert 'data-testid="kebutuhan-skm"' in html and "U6 Kompetensi pelaksana" in html and "62,50" in html
    assert "di bawah 76,61 pada periode SKM" in html  # the rule's threshold, written the Indonesian way
    c.force_login(org.users["kadiskominfo"])
    assert 'data-testid="kebutuhan-skm"' not in c.get(reverse("development:kompetensi_analisis")).content.decode()


def test_closing_fills_the_unit_heads_ikm_realisation_while_it_is_open(org: Org) -> None:
    """The Kasi heads Seksi Kurikulum: an IKI of his plan naming the IKM gets the period's 77,78 in his
    open annual evaluation, his other IKIs stay empty, and nothing is written once he is final."""
    from karier.appraisal.choices import StatusEvaluasi
    from karier.appraisal.evaluation.evidence import realisasi_fill_from_source
    from karier.appraisal.models import Evaluasi, Realisasi
    from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja
    from karier.standards.choices import Aspek
    from tests.appraisal.test_appraisal_calibration_support import seksi

    s = seksi(org, extra=0, rate=False)
    ev = s.ev("kasi1")
    assert org.jabatan["kasi1"].adalah_kepala_unit and ev.unit_id == org.units["dik_s1"].pk
    rhk = RencanaHasilKerja.objects.create(skp=ev.skp, teks="Layanan kurikulum yang memuaskan masyarakat")
    iki = IndikatorKinerjaIndividu.objects.create(
        rhk=rhk, aspek=Aspek.KUANTITAS, indikator="Nilai IKM layanan seksi", target_angka=Decimal(80), satuan="indeks"
    )
    others = list(IndikatorKinerjaIndividu.objects.filter(rhk__skp=ev.skp).exclude(pk=iki.pk))
    assert others  # the plan's own IKIs are not about the public's satisfaction
    periode = make_period(org, "dik_s1", mulai=today() - dt.timedelta(days=10), selesai=s.periode.selesai)
    fill(periode)
    services.skm_periode_close(actor=org.actor("admin"), periode=periode)
    row = Realisasi.objects.get(evaluasi=ev, iki=iki)
    assert row.realisasi_angka == Decimal("77.78") and periode.nama in row.realisasi_uraian
    assert not Realisasi.objects.filter(evaluasi=ev, iki__in=others).exists()
    assert AuditEvent.objects.filter(action="penilaian.realisasi", object_id=str(row.pk)).exists()
    # only Karier itself fills from a source; a final evaluation is left as it is
    with pytest.raises(PermissionDenied):
        realisasi_fill_from_source(actor=org.actor("admin"), evaluasi=ev, iki=iki, angka=Decimal(90), sumber="x")
    Evaluasi.objects.filter(pk=ev.pk).update(status=StatusEvaluasi.FINAL)
    ev.refresh_from_db()
    from karier.people.access import SYSTEM

    assert realisasi_fill_from_source(actor=SYSTEM, evaluasi=ev, iki=iki, angka=Decimal(90), sumber="x") is None
    assert Realisasi.objects.get(pk=row.pk).realisasi_angka == Decimal("77.78")


def test_one_rule_for_karier_itself_and_for_an_open_period(org: Org) -> None:
    """Finding the realisation fill's two checks in one place each: who fills from a source
    (`evaluation.access`) and when a period takes realisations (`workflow.period_is_open`)."""
    from karier.appraisal.choices import StatusPeriode
    from karier.appraisal.evaluation.access import can_fill_from_source
    from karier.appraisal.models import PeriodePenilaian
    from karier.appraisal.workflow import ensure_period_open, period_is_open
    from karier.people.access import SYSTEM

    assert can_fill_from_source(SYSTEM)
    assert not any(can_fill_from_source(org.actor(k)) for k in ("admin", "kadis", "kasi1", "auditor"))
    for status in StatusPeriode.values:
        periode = PeriodePenilaian(nama="Tahunan", status=status, dibuka_pada=today())
        assert period_is_open(periode) is (status == StatusPeriode.DIBUKA)
        if status == StatusPeriode.DIBUKA:
            ensure_period_open(periode)
        else:
            with pytest.raises(ValidationError):
                ensure_period_open(periode)


def test_only_each_units_latest_closed_period_counts(org: Org) -> None:
    old = make_period(org, nama="Lama", mulai=today() - dt.timedelta(days=60), selesai=today() - dt.timedelta(days=40))
    fill(old, now=timezone.make_aware(dt.datetime.combine(today() - dt.timedelta(days=50), dt.time(10))))  # low
    services.skm_periode_close(actor=org.actor("admin"), periode=old)
    assert {n.periode_id for n in skm_development_needs()} == {old.pk}
    new = make_period(org, nama="Baru", mulai=today() - dt.timedelta(days=30), selesai=today())
    fill(new, [(4,) * 9])
    services.skm_periode_close(actor=org.actor("admin"), periode=new)
    assert skm_development_needs() == []  # the latest period of the unit is good: no need any more
