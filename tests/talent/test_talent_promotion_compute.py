"""Promotion eligibility computed set-based (issue #12 §2): every path of `promotion_eligibility`
surfaced on the stored rows, idempotent, and a fixed number of queries whatever the chunk size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.people.models import Pegawai
from karier.rules import add_years, next_promotion_date
from karier.talent.models import FormasiJenjang, JenisKenaikan, KelayakanPangkat, StatusAngkaKredit, UjiKompetensi
from karier.talent.promotion.compute import evaluate_person, recompute_kelayakan
from tests.orgdata import Org, build_org
from tests.talent.talent_promotion_helpers import everyone_eligible, functional, give_predikat

pytestmark = pytest.mark.django_db


def _row(org: Org, key: str) -> KelayakanPangkat:
    return KelayakanPangkat.objects.get(pegawai=org.pegawai[key])


def _all(org: Org) -> list[int]:
    return list(Pegawai.objects.values_list("pk", flat=True))


def test_eligible_regular(org: Org) -> None:
    everyone_eligible(org)
    today = timezone.localdate()
    assert recompute_kelayakan(_all(org), today) == len(_all(org))
    row = _row(org, "staf1a")  # II/c since 2020, S1, Baik twice
    assert row.layak and row.alasan == []
    assert row.jenis == JenisKenaikan.REGULER
    assert row.tmt_terdekat == next_promotion_date(today)
    assert (row.golongan_id, row.golongan_berikut_id) == (23, 24)
    assert row.opd_id == org.pegawai["staf1a"].opd_id == org.units["dik"].pk


def test_years_in_rank_reason_and_future_tmt(org: Org) -> None:
    everyone_eligible(org)
    today = timezone.localdate()
    since = today - dt.timedelta(days=365 * 2)
    Pegawai.objects.filter(pk=org.pegawai["staf1b"].pk).update(tmt_golongan=since)
    recompute_kelayakan(_all(org), today)
    row = _row(org, "staf1b")
    assert not row.layak
    assert row.tmt_terdekat == next_promotion_date(add_years(since, 4))
    assert any("belum 4 tahun" in a for a in row.alasan)


def test_predikat_reasons(org: Org) -> None:
    everyone_eligible(org)
    give_predikat(org.pegawai["staf1a"], "Butuh Perbaikan")
    recompute_kelayakan(_all(org), timezone.localdate())
    row = _row(org, "staf1a")
    assert not row.layak and row.tmt_terdekat is None
    assert any("paling rendah Baik" in a and "Butuh Perbaikan" in a for a in row.alasan)
    missing = _row(org, "kadis")  # no predikat at all
    assert any("belum lengkap (tersedia 0)" in a for a in missing.alasan)


def test_education_maximum_reason(org: Org) -> None:
    everyone_eligible(org)
    recompute_kelayakan(_all(org), timezone.localdate())
    row = _row(org, "kasi1")  # III/d with S1: IV/a is beyond the education maximum
    assert not row.layak and row.tmt_terdekat is None
    assert any("pendidikan S1 adalah III/d" in a for a in row.alasan)


def test_functional_credit_reasons_and_eligible(org: Org) -> None:
    p = functional(org)  # Ahli Pertama III/a → III/b needs 50
    everyone_eligible(org)
    today = timezone.localdate()
    recompute_kelayakan([p.pk], today)
    row = _row(org, "pranata")
    assert row.jenis == JenisKenaikan.PILIHAN and not row.layak
    assert "Status angka kredit belum tersedia." in row.alasan
    status = StatusAngkaKredit.objects.create(
        pegawai=p,
        jenjang="Ahli Pertama",
        golongan_id=31,
        saldo_pembilang=599,
        saldo_penyebut=12,
        dihitung_pada=timezone.now(),
    )  # 49,9166…: just short of 50
    recompute_kelayakan([p.pk], today)
    assert any("Angka kredit belum mencukupi" in a for a in _row(org, "pranata").alasan)
    status.saldo_pembilang = 600  # exactly 50
    status.save()
    recompute_kelayakan([p.pk], today)
    row = _row(org, "pranata")
    assert row.layak and row.golongan_berikut_id == 32
    assert row.tmt_terdekat == next_promotion_date(today)  # no minimum time for functional positions


def test_jenjang_step_needs_test_formation_and_baik(org: Org) -> None:
    p = functional(org, golongan=32)  # Ahli Pertama III/b → III/c is the move to Ahli Muda
    everyone_eligible(org)
    StatusAngkaKredit.objects.create(
        pegawai=p, jenjang="Ahli Pertama", golongan_id=32, saldo_pembilang=60, dihitung_pada=timezone.now()
    )
    today = timezone.localdate()
    recompute_kelayakan([p.pk], today)
    row = _row(org, "pranata")
    assert not row.layak
    assert any("uji kompetensi" in a for a in row.alasan)
    assert any("formasi jenjang Ahli Muda" in a for a in row.alasan)
    assert any("kenaikan jenjang ke Ahli Muda" in c for c in row.catatan)
    UjiKompetensi.objects.create(pegawai=p, jenjang_tujuan="Ahli Muda", tanggal=today, lulus=True)
    formasi = FormasiJenjang.objects.create(
        opd=org.units["kominfo"], jabatan_fungsional_id="TEST-PRANATA", jenjang="Ahli Muda", jumlah=1
    )
    recompute_kelayakan([p.pk], today)
    assert _row(org, "pranata").layak
    # The formation is taken when someone already holds it.
    holder = org.pegawai["kadiskominfo"]
    org.jabatan["kadiskominfo"].__class__.objects.filter(pk=org.jabatan["kadiskominfo"].pk).update(
        jabatan_fungsional_id="TEST-PRANATA", jenjang="Ahli Muda"
    )
    assert holder.opd_id == formasi.opd_id
    recompute_kelayakan([p.pk], today)
    assert any("formasi" in a for a in _row(org, "pranata").alasan)
    Pegawai.objects.filter(pk=holder.pk).update(aktif=False)
    # And "at least Baik in the last year" (the rule's two-year predikat covers it).
    give_predikat(p, "Butuh Perbaikan", years=range(today.year - 1, today.year))
    recompute_kelayakan([p.pk], today)
    row = _row(org, "pranata")
    assert not row.layak and any("paling rendah Baik" in a for a in row.alasan)


def test_stale_credit_status_is_not_used(org: Org) -> None:
    p = functional(org)
    everyone_eligible(org)
    StatusAngkaKredit.objects.create(
        pegawai=p,
        jenjang="Ahli Pertama",
        golongan_id=32,
        saldo=Decimal(99),
        saldo_pembilang=99,
        dihitung_pada=timezone.now(),
    )  # computed for III/b while the person is III/a
    recompute_kelayakan([p.pk], timezone.localdate())
    assert "Status angka kredit belum tersedia." in _row(org, "pranata").alasan


def test_idempotent_and_removes_non_pns(org: Org) -> None:
    everyone_eligible(org)
    today = timezone.localdate()
    recompute_kelayakan(_all(org), today)
    first = list(KelayakanPangkat.objects.order_by("pk").values("pk", "layak", "tmt_terdekat", "alasan"))
    recompute_kelayakan(_all(org), today)
    assert list(KelayakanPangkat.objects.order_by("pk").values("pk", "layak", "tmt_terdekat", "alasan")) == first
    Pegawai.objects.filter(pk=org.pegawai["staf2"].pk).update(aktif=False)
    recompute_kelayakan(_all(org), today)
    assert not KelayakanPangkat.objects.filter(pegawai=org.pegawai["staf2"]).exists()
    assert evaluate_person(org.pegawai["staf2"].pk, today) is None


def _queries(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        recompute_kelayakan(ids, timezone.localdate())
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_people(db: None) -> None:
    org = build_org(extra_staff=2)
    functional(org)
    everyone_eligible(org)
    FormasiJenjang.objects.create(
        opd=org.units["kominfo"], jabatan_fungsional_id="TEST-PRANATA", jenjang="Ahli Muda", jumlah=2
    )
    small = _queries(_all(org))
    for i in range(2, 40):
        give_predikat(org.add_pegawai(f"extra{i}", "staf1", user=False))
    large = _queries(_all(org))
    assert KelayakanPangkat.objects.count() == len(_all(org)) > 40
    assert small == large, (small, large)
