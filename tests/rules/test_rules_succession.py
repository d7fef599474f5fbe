"""Succession fit and readiness, coaching and early-warning triggers, award proposals
(karier/rules/succession.py, re-exported by karier.rules.career)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import (
    COACHING_BOXES,
    MAX_GOLONGAN_BY_PENDIDIKAN,
    Readiness,
    ReadinessCutoffs,
    Requirement,
    UnknownPendidikan,
    award_reasons,
    coaching_reasons,
    compare_golongan,
    competency_requirement,
    education_requirement,
    golongan_requirement,
    jenis_jabatan_requirement,
    jenjang_requirement,
    mid_year,
    pendidikan_rank,
    readiness,
    realisation_trailing,
    succession_fit,
    years_requirement,
)
from karier.rules.succession import (
    AMBANG_HAMPIR_MEMENUHI,
    MAKS_KANDIDAT,
    candidate_readiness,
    is_candidate,
)

# karier/people/choices.py Pendidikan, in order (S1 and D-IV equal).
CHOICES = ["SD", "SLTP", "SLTP Kejuruan", "SLTA", "D-I", "D-II", "SGPLB", "D-III", "S1", "D-IV", "S2", "S3"]


# ------------------------------------------------------------------------------------ education
def test_pendidikan_order_of_the_choices():
    ranks = [pendidikan_rank(p) for p in CHOICES]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(CHOICES) - 1
    assert pendidikan_rank("S1") == pendidikan_rank("D-IV")
    assert pendidikan_rank("SD") < pendidikan_rank("SLTP") < pendidikan_rank("S3")


def test_pendidikan_aliases_and_spelling():
    assert pendidikan_rank("Diploma III") == pendidikan_rank("d3") == pendidikan_rank("D-III")
    assert pendidikan_rank("s 1") == pendidikan_rank("Sarjana") == pendidikan_rank("S1")
    assert pendidikan_rank("SMA") == pendidikan_rank("SLTA")
    with pytest.raises(UnknownPendidikan, match="tidak dikenal"):
        pendidikan_rank("Kursus")


def test_pendidikan_order_agrees_with_the_education_ceiling():
    """A higher education level never has a lower golongan ceiling (PP 99/2000 table)."""
    names = list(MAX_GOLONGAN_BY_PENDIDIKAN)
    for a in names:
        for b in names:
            if pendidikan_rank(a) < pendidikan_rank(b):
                assert compare_golongan(MAX_GOLONGAN_BY_PENDIDIKAN[a], MAX_GOLONGAN_BY_PENDIDIKAN[b]) <= 0, (a, b)


# ---------------------------------------------------------------------------------- requirements
def test_golongan_requirement():
    ok = golongan_requirement("III/d", "III/c")
    assert (ok.met, ok.hard, ok.gap_levels, ok.required, ok.actual) == (True, True, 0, "paling rendah III/c", "III/d")
    low = golongan_requirement("III/a", "III/c")
    assert (low.met, low.gap_levels) == (False, 2)
    unknown = golongan_requirement(None, "IV/a", hard=False)
    assert (unknown.met, unknown.hard, unknown.actual) == (False, False, "belum tercatat")


def test_education_requirement():
    assert education_requirement("D-IV", "S1").met
    low = education_requirement("D-III", "S2")
    assert (low.met, low.hard, low.gap_levels, low.required) == (False, True, 2, "paling rendah S2")
    assert not education_requirement(None, "S1").met
    with pytest.raises(UnknownPendidikan):
        education_requirement("S1", "Kursus")


def test_years_requirement():
    ok = years_requirement(Decimal("4.55"), 4)
    assert (ok.met, ok.actual, ok.required, ok.key) == (True, "4,6 tahun", "paling sedikit 4 tahun", "masa_kerja")
    assert not years_requirement(3, 4).met
    assert years_requirement(4, 4).met
    other = years_requirement(None, 2, key="jabatan_administrator", label="Lama menjabat Administrator")
    assert (other.met, other.key, other.label, other.actual) == (
        False,
        "jabatan_administrator",
        "Lama menjabat Administrator",
        "belum tercatat",
    )


def test_competency_requirement_is_soft_with_gap():
    low = competency_requirement("M1", "Integritas", 2, 4)
    assert (low.key, low.met, low.hard, low.gap_levels, low.actual) == ("kompetensi:M1", False, False, 2, "level 2")
    assert competency_requirement("M1", "Integritas", 5, 4).met
    missing = competency_requirement("T1", "Teknis", None, 3, hard=True)
    assert (missing.met, missing.hard, missing.gap_levels, missing.actual) == (False, True, 3, "belum tercatat")


def test_jenis_jabatan_requirement():
    ok = jenis_jabatan_requirement("ADMINISTRATOR", ["ADMINISTRATOR", "JPT_PRATAMA"])
    assert ok.met and ok.hard and ok.required == "Administrator atau JPT Pratama" and ok.actual == "Administrator"
    assert jenis_jabatan_requirement("JPT Pratama", ["JPT_PRATAMA"]).met
    no = jenis_jabatan_requirement("PENGAWAS", ["ADMINISTRATOR"])
    assert not no.met and no.actual == "Pengawas"
    assert not jenis_jabatan_requirement(None, ["ADMINISTRATOR"]).met
    assert jenis_jabatan_requirement("Lainnya", ["Lainnya"]).required == "Lainnya"


def test_jenjang_requirement():
    ok = jenjang_requirement("Ahli Madya", "Ahli Muda")
    assert (ok.met, ok.hard, ok.gap_levels, ok.required) == (True, True, 0, "paling rendah Ahli Muda")
    low = jenjang_requirement("Ahli Pertama", "Ahli Madya", hard=False)
    assert (low.met, low.hard, low.gap_levels, low.actual) == (False, False, 2, "Ahli Pertama")
    other = jenjang_requirement("Penyelia", "Ahli Muda")  # keterampilan does not meet keahlian
    assert (other.met, other.gap_levels) == (False, 0)
    none = jenjang_requirement(None, "Ahli Muda")
    assert (none.met, none.actual) == (False, "bukan jabatan fungsional")


# ----------------------------------------------------------------------------------- fit, readiness
def test_succession_fit_hard_failure_makes_ineligible():
    reqs = [
        golongan_requirement("III/b", "III/d"),
        education_requirement("S2", "S1"),
        years_requirement(5, 4),
        competency_requirement("M1", "Integritas", 3, 4),
        competency_requirement("M2", "Kerja sama", 4, 4),
        competency_requirement("M3", "Komunikasi", 2, 3),
    ]
    fit = succession_fit(reqs)
    assert fit.percent == Decimal("50.00")
    assert not fit.eligible
    assert fit.hard_failures == ("Golongan: diperlukan paling rendah III/d, tercatat III/b.",)
    assert [g.key for g in fit.gaps] == ["kompetensi:M1", "kompetensi:M3"]


def test_succession_fit_rounding_and_empty():
    reqs = [years_requirement(5, 4), years_requirement(5, 4), competency_requirement("M1", "Integritas", 1, 2)]
    fit = succession_fit(reqs)
    assert fit.percent == Decimal("66.67") and fit.eligible and len(fit.gaps) == 1
    empty = succession_fit([])
    assert (empty.percent, empty.eligible, empty.hard_failures, empty.gaps) == (Decimal("100.00"), True, (), ())


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=20))
def test_succession_fit_properties(flags):
    reqs = [Requirement(f"k{i}", f"Syarat {i}", "a", "b", met, hard) for i, (met, hard) in enumerate(flags)]
    fit = succession_fit(reqs)
    assert Decimal(0) <= fit.percent <= Decimal(100)
    assert fit.eligible == all(met for met, hard in flags if hard)
    assert len(fit.hard_failures) + len(fit.gaps) == sum(1 for met, _ in flags if not met)
    assert (fit.percent == 100) == all(met for met, _ in flags)


def test_readiness_default_and_configured():
    assert Readiness.SEKARANG == "Siap sekarang"
    assert Readiness.SATU_DUA_TAHUN == "Siap 1–2 tahun"
    assert Readiness.LEBIH_DUA_TAHUN == "Siap > 2 tahun"
    assert readiness(Decimal(100)) is Readiness.SEKARANG
    assert readiness(Decimal("99.99")) is Readiness.SATU_DUA_TAHUN
    assert readiness(75) is Readiness.SATU_DUA_TAHUN
    assert readiness(Decimal("74.99")) is Readiness.LEBIH_DUA_TAHUN
    loose = ReadinessCutoffs(now=Decimal(80), one_two_years=50)
    assert loose.one_two_years == Decimal(50)
    assert readiness(Decimal("80"), loose) is Readiness.SEKARANG
    assert readiness(Decimal("60"), loose) is Readiness.SATU_DUA_TAHUN


def _fit(met: int, hard_failed: int, soft_failed: int = 0):
    reqs = [Requirement(f"m{i}", "Syarat", "a", "a", True, True) for i in range(met)]
    reqs += [Requirement(f"h{i}", "Syarat wajib", "a", "b", False, True) for i in range(hard_failed)]
    reqs += [Requirement(f"s{i}", "Kompetensi", "a", "b", False, False) for i in range(soft_failed)]
    return succession_fit(reqs)


def test_candidate_readiness_never_ready_now_with_a_hard_failure():
    loose = ReadinessCutoffs(now=Decimal(75), one_two_years=Decimal(50))
    assert candidate_readiness(_fit(4, 0)) is Readiness.SEKARANG
    assert candidate_readiness(_fit(3, 0, 1), loose) is Readiness.SEKARANG  # 75 %, a soft gap only
    assert readiness(_fit(3, 1).percent, loose) is Readiness.SEKARANG  # the fit alone would say "now"
    assert candidate_readiness(_fit(3, 1), loose) is Readiness.SATU_DUA_TAHUN
    assert candidate_readiness(_fit(1, 1), loose) is Readiness.SATU_DUA_TAHUN  # 50 %: not capped, as is
    assert candidate_readiness(_fit(1, 3)) is Readiness.LEBIH_DUA_TAHUN


def test_is_candidate_eligible_or_nearly_meets():
    assert Decimal(50) == AMBANG_HAMPIR_MEMENUHI and MAKS_KANDIDAT == 100
    assert is_candidate(_fit(0, 0, 3))  # eligible whatever the soft gaps
    assert is_candidate(_fit(1, 1))  # 50 %: nearly meets
    assert not is_candidate(_fit(1, 2))  # 33,33 %
    assert is_candidate(_fit(1, 2), near_meet=30)


@pytest.mark.parametrize(("now", "later"), [(70, 80), (101, 50), (100, -1)])
def test_readiness_cutoffs_validation(now, later):
    with pytest.raises(ValueError, match="Batas kesiapan"):
        ReadinessCutoffs(now, later)


# --------------------------------------------------------------------------------------- coaching
def test_coaching_reasons_from_predikat():
    assert coaching_reasons("Baik", "Sangat Baik", 5) == ()
    assert coaching_reasons(None, None, None) == ()
    periodic = coaching_reasons("Butuh Perbaikan", None, None)
    assert len(periodic) == 1 and "periodik “Butuh Perbaikan”" in periodic[0] and "pendampingan" in periodic[0]
    both = coaching_reasons("Sangat Kurang", "Kurang", None)
    assert len(both) == 2 and "tahunan “Kurang/Misconduct”" in both[1]


@pytest.mark.parametrize("box", range(1, 10))
def test_coaching_reasons_from_box(box):
    reasons = coaching_reasons(None, "Baik", box)
    assert bool(reasons) == (box in {1, 2, 3, 6})
    if reasons:
        assert reasons[0].startswith(f"Kotak talenta {box} (kinerja ")
        assert "bimbingan kinerja membantu" in reasons[0]
    assert frozenset({1, 2, 3, 6}) == COACHING_BOXES


@pytest.mark.parametrize("bad", [0, 10, True])
def test_coaching_reasons_bad_box(bad):
    with pytest.raises(ValueError, match=r"1 s\.d\. 9"):
        coaching_reasons(None, None, bad)


def test_mid_year():
    assert not mid_year(date(2026, 6, 30))
    assert mid_year(date(2026, 7, 1))
    assert mid_year(date(2026, 12, 31))
    assert mid_year(date(2026, 4, 1), from_month=4)
    assert not mid_year(date(2026, 3, 31), from_month=4)
    for bad in (0, 13, True):
        with pytest.raises(ValueError, match="Bulan mulai"):
            mid_year(date(2026, 7, 1), from_month=bad)


@pytest.mark.parametrize(
    ("target", "realisasi", "elapsed", "kwargs", "trailing"),
    [
        (100, 39, "0.5", {}, True),  # 39 < 0,8 × 50
        (100, 40, "0.5", {}, False),
        (100, 45, "0.5", {"tolerance": Decimal(1)}, True),
        (100, None, "0.5", {}, True),  # nothing reported, something expected
        (100, None, "0", {}, False),
        (0, None, "0.5", {}, False),
        (10, 5, "1", {"lower_is_better": True}, False),  # a ceiling of 10
        (10, 13, "1", {"lower_is_better": True}, True),  # 13 × 0,8 = 10,4 > 10
        (10, 12, "1", {"lower_is_better": True}, False),  # 9,6 ≤ 10
        (0, 1, "1", {"lower_is_better": True}, True),
    ],
)
def test_realisation_trailing(target, realisasi, elapsed, kwargs, trailing):
    real = None if realisasi is None else Decimal(realisasi)
    assert realisation_trailing(Decimal(target), real, Decimal(elapsed), **kwargs) is trailing


@pytest.mark.parametrize(
    ("target", "elapsed", "tolerance", "message"),
    [
        (-1, "0.5", "0.8", "Target"),
        (10, "1.5", "0.8", "Bagian tahun"),
        (10, "-0.1", "0.8", "Bagian tahun"),
        (10, "0.5", "0", "Toleransi"),
        (10, "0.5", "1.2", "Toleransi"),
    ],
)
def test_realisation_trailing_bad_input(target, elapsed, tolerance, message):
    with pytest.raises(ValueError, match=message):
        realisation_trailing(Decimal(target), Decimal(1), Decimal(elapsed), Decimal(tolerance))


@given(
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.decimals(0, 1, places=2),
    st.booleans(),
)
def test_realisation_trailing_is_monotonic(target, a, b, elapsed, lower):
    low, high = sorted((Decimal(a), Decimal(b)))
    t, e = Decimal(target), Decimal(elapsed)
    if lower:  # more is worse: if the smaller realisation trails, so does the larger
        assert not realisation_trailing(t, low, e, lower_is_better=True) or realisation_trailing(
            t, high, e, lower_is_better=True
        )
    else:  # more is better: if the larger realisation trails, so does the smaller
        assert not realisation_trailing(t, high, e) or realisation_trailing(t, low, e)


# ----------------------------------------------------------------------------------------- awards
def test_award_reasons():
    assert award_reasons(9, ["Baik", "Baik"]) == ("Kotak talenta 9 (kinerja di atas ekspektasi dan potensial tinggi).",)
    assert award_reasons(8, ["Baik", "Sangat Baik", "Sangat Baik"]) == (
        "Predikat kinerja Sangat Baik dua tahun berturut-turut.",
    )
    assert len(award_reasons(9, ["Sangat Baik", "Sangat Baik"])) == 2
    assert award_reasons(None, ["Sangat Baik"]) == ()  # one year only
    assert award_reasons(None, [None, "Sangat Baik"]) == ()
    assert award_reasons(None, ["Sangat Baik", "Baik"]) == ()
    assert award_reasons(5, []) == ()
    with pytest.raises(ValueError, match=r"1 s\.d\. 9"):
        award_reasons(11, [])


@pytest.mark.parametrize(
    ("trailing", "compared", "flagged"),
    [(0, 0, False), (0, 4, False), (1, 4, False), (2, 4, True), (3, 4, True), (1, 1, True), (2, 5, False)],
)
def test_needs_attention_from_half_of_the_indicators(trailing, compared, flagged):
    from karier.rules.succession import needs_attention

    assert needs_attention(trailing, compared) is flagged


@pytest.mark.parametrize(("trailing", "compared"), [(-1, 3), (3, 2)])
def test_needs_attention_refuses_impossible_counts(trailing, compared):
    from karier.rules.succession import needs_attention

    with pytest.raises(ValueError, match="indikator tertinggal"):
        needs_attention(trailing, compared)
