"""Angka kredit ledger (issue #12 §3): exact fractions, BKN's worked examples, part years that sum
exactly, the carry-over after a promotion, and the set-based compute at two sizes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karier.people.models import Golongan, Pegawai
from karier.rules import format_credit
from karier.talent.credit import compute, ledger
from karier.talent.models import (
    EntriAngkaKredit,
    JenisEntriAk,
    JenisKenaikan,
    StatusAngkaKredit,
    StatusUsulanPangkat,
    UsulanKenaikanPangkat,
)
from tests.orgdata import Org, build_org
from tests.talent.talent_credit_helpers import make_functional, predikat

AS_OF = dt.date(2026, 1, 15)


def entry(p: Any, jenis: str, tahun: int, value: Fraction, predikat_: str = "", bulan: int = 12) -> EntriAngkaKredit:
    num, den = ledger.to_columns(value)
    return EntriAngkaKredit.objects.create(
        pegawai=p,
        jenis=jenis,
        tahun=tahun,
        bulan=bulan,
        jenjang="Ahli Pertama",
        golongan_id=p.golongan_id,
        predikat=predikat_,
        pembilang=num,
        penyebut=den,
    )


def test_fraction_columns_are_reduced_and_round_trip() -> None:
    assert ledger.to_columns(Fraction(50, 24)) == (25, 12)
    assert ledger.to_columns(Fraction(-100, 2)) == (-50, 1)
    assert ledger.as_fraction(25, 12) == Fraction(25, 12)


def test_bkn_examples_posted_exactly(org: Org) -> None:
    """Ahli Pertama Sangat Baik → 18,75; Ahli Pertama Baik for 2 months → 2,08 (25/12 stored)."""
    a, b = make_functional(org, 2)
    predikat(a, 2024, "Sangat Baik")
    predikat(b, 2024, "Baik", bulan=2)
    assert compute.post_credit([a.pk, b.pk, org.pegawai["staf1a"].pk], 2024) == 2
    ea = EntriAngkaKredit.objects.get(pegawai=a)
    eb = EntriAngkaKredit.objects.get(pegawai=b)
    assert (ea.pembilang, ea.penyebut) == (75, 4)
    assert format_credit(Decimal(75) / 4) == "18,75"
    assert (eb.pembilang, eb.penyebut) == (25, 12)
    assert not EntriAngkaKredit.objects.filter(pegawai=org.pegawai["staf1a"]).exists()  # not functional
    assert compute.post_credit([a.pk, b.pk], 2024) == 0  # idempotent


def test_a_year_split_into_parts_sums_exactly(org: Org) -> None:
    """Twelve one-month parts of Baik (each 25/24, no finite decimal) fold to exactly 12,5."""
    (p,) = make_functional(org, 1)
    for year in range(2010, 2022):  # one entry per year (the PREDIKAT uniqueness), one month each
        entry(p, JenisEntriAk.PREDIKAT, year, Fraction(25, 24), "Baik", bulan=1)
    folded = ledger.person_ledger(p)
    assert folded is not None
    assert folded.held == Fraction(25, 2)
    assert sum(folded.values) == Fraction(25, 2)
    assert folded.status.total == Decimal("12.5")


def decided_iii_a_to_iii_b(p: Pegawai) -> UsulanKenaikanPangkat:
    """A decided promotion III/a → III/b on 1 April 2025 (what uses the credit of Ahli Pertama)."""
    return UsulanKenaikanPangkat.objects.create(
        pegawai=p,
        jenis=JenisKenaikan.PILIHAN,
        tmt=dt.date(2025, 4, 1),
        golongan_dari=Golongan.objects.get(kode="III/a"),
        golongan_ke=Golongan.objects.get(kode="III/b"),
        status=StatusUsulanPangkat.DITETAPKAN,
    )


def test_carry_over_after_a_promotion(org: Org) -> None:
    """60 earned at III/a; the promotion to III/b uses 50; 10 carries over toward Ahli Muda (50)."""
    (p,) = make_functional(org, 1)
    entry(p, JenisEntriAk.KONVERSI, 2023, Fraction(40))
    entry(p, JenisEntriAk.PREDIKAT, 2024, Fraction(20), "Baik")  # as stored; the rules say 12,5
    usulan = decided_iii_a_to_iii_b(p)
    used = ledger.record_promotion_usage(pegawai=p, usulan=usulan, user_id=None)
    assert used is not None and (used.pembilang, used.penyebut) == (-50, 1)
    assert ledger.record_promotion_usage(pegawai=p, usulan=usulan, user_id=None) == used  # idempotent
    from tests.talent.talent_credit_helpers import set_golongan

    set_golongan(p, Golongan.objects.get(kode="III/b").pk)
    predikat(p, 2025, "Sangat Baik")
    compute.post_credit([p.pk], 2025)
    folded = ledger.person_ledger(p)
    assert folded is not None
    assert folded.opening == Fraction(10)  # 40 + 20 − 50
    assert folded.held == Fraction(10) + Fraction(75, 4)
    assert folded.used == 50 and folded.total == Fraction(40 + 20) + Fraction(75, 4)
    assert folded.next_step is not None and folded.next_step.kind == "jenjang"
    assert folded.shortfall == Fraction(50) - Fraction(10) - Fraction(75, 4)


def test_no_usage_for_a_non_functional_person(org: Org) -> None:
    p = org.pegawai["staf1a"]
    usulan = UsulanKenaikanPangkat.objects.create(
        pegawai=p,
        jenis=JenisKenaikan.REGULER,
        tmt=dt.date(2025, 4, 1),
        golongan_dari=p.golongan,
        golongan_ke=Golongan.objects.get(kode="II/d"),
    )
    assert ledger.record_promotion_usage(pegawai=p, usulan=usulan, user_id=None) is None
    assert not EntriAngkaKredit.objects.exists()


def test_status_needs_and_projection(org: Org) -> None:
    (p,) = make_functional(org, 1)
    entry(p, JenisEntriAk.KONVERSI, 2023, Fraction(20))
    predikat(p, 2024, "Baik")
    compute.post_credit([p.pk], 2024)
    assert compute.rebuild_status([p.pk, org.pegawai["staf1a"].pk], AS_OF) == 1
    s = StatusAngkaKredit.objects.get(pegawai=p)
    assert s.saldo == Decimal("32.5") and (s.saldo_pembilang, s.saldo_penyebut) == (65, 2)
    assert s.langkah_berikut == "pangkat" and s.golongan_berikut.kode == "III/b"
    assert s.kebutuhan == 50 and s.kekurangan == Decimal("17.5")
    # 17,5 at 12,5/12 a month is 17 months counted from February 2026 (15 January is mid-month): June 2027.
    assert s.proyeksi_bulan == dt.date(2027, 6, 1)
    folded = ledger.person_ledger(p)
    assert folded is not None and folded.jenjang_need == 100 and folded.jenjang_shortfall == Fraction(135, 2)
    # idempotent, and a person who is no longer functional loses the row
    assert compute.rebuild_status([p.pk], AS_OF) == 1
    assert StatusAngkaKredit.objects.count() == 1
    p.jabatan = org.jabatan["staf1"]
    p.save(update_fields=["jabatan"])
    assert compute.rebuild_status([p.pk], AS_OF) == 0
    assert not StatusAngkaKredit.objects.exists()


def _measure(ids: list[int]) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as post:
        compute.post_credit(ids, 2024)
    with CaptureQueriesContext(connection) as rebuild:
        compute.rebuild_status(ids, AS_OF)
    return len(post.captured_queries), len(rebuild.captured_queries)


@pytest.mark.django_db
def test_compute_query_counts_do_not_grow() -> None:
    org = build_org()
    small = make_functional(org, 2)
    for p in small:
        predikat(p, 2024, "Baik")
    counts_small = _measure([p.pk for p in small])
    large = make_functional(org, 30, start=10)
    for p in large:
        predikat(p, 2024, "Sangat Baik")
    counts_large = _measure([p.pk for p in large])
    assert counts_small == counts_large
    assert EntriAngkaKredit.objects.count() == 32 and StatusAngkaKredit.objects.count() == 32
    # second run: only updates, still the same count
    assert _measure([p.pk for p in large])[1] <= counts_large[1] + 1


def test_usage_note_is_indonesian_whoever_decides(org: Org) -> None:
    """The note is stored and printed on the PAK: Indonesian words and date, even under English."""
    from django.utils import translation

    (p,) = make_functional(org, 1)
    usulan = decided_iii_a_to_iii_b(p)
    with translation.override("en"):
        used = ledger.record_promotion_usage(pegawai=p, usulan=usulan, user_id=None)
    assert used is not None
    assert used.keterangan == "Digunakan untuk kenaikan ke III/b TMT 01 April 2025"


def test_credit_text_is_indonesian_with_thousands_grouped() -> None:
    assert ledger.credit_text(Fraction(2501, 2)) == "1.250,50"
    assert ledger.credit_text(Fraction(25, 12)) == "2,08"  # ROUND_HALF_UP to two places
    assert ledger.credit_text(Fraction(45, 8)) == "5,63"
    assert ledger.credit_text(Decimal("-100")) == "-100,00"
    assert ledger.credit_text(None) == "-"


def test_conversion_ceiling_and_formasi_vacancies_are_rules() -> None:
    from karier.rules.angka_kredit import formasi_vacancies, konversi_ceiling

    assert konversi_ceiling("Ahli Pertama") == 100  # the next jenjang's need from its first golongan
    assert konversi_ceiling("Ahli Utama") == 400  # top jenjang: every pangkat of it (2 × 200)
    assert formasi_vacancies(3, 1) == 2
    assert formasi_vacancies(2, 5) == 0  # over-filled: none vacant, never negative
