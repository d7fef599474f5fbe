"""Competencies (PermenPANRB 38/2017) and required levels per position."""

import csv
from pathlib import Path

import pytest

from karier.rules import (
    DEFAULT_REQUIRED_LEVELS,
    KOMPETENSI,
    JenisJabatan,
    Jenjang,
    competency_gaps,
    get_kompetensi,
    required_level,
    required_levels,
    validate_required_levels,
)

DATA = Path(__file__).parent / "data"
CODES = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"]

# Domain brief §7, by hand: position → (default level, {code: exception}).
BRIEF = {
    "JPT Utama": (5, {}),
    "JPT Madya": (5, {}),
    "JPT Pratama": (4, {}),
    "Administrator": (3, {}),
    "Pengawas": (2, {}),
    "Pelaksana": (1, {}),
    "Ahli Utama": (4, {"M.1": 5, "SK.1": 5}),
    "Ahli Madya": (4, {}),
    "Ahli Muda": (3, {}),
    "Ahli Pertama": (2, {}),
    "Penyelia": (3, {}),
    "Mahir": (2, {}),
    "Terampil": (1, {"M.1": 2, "M.2": 2, "SK.1": 2}),
    "Pemula": (1, {}),
}


@pytest.mark.parametrize("position", list(BRIEF))
@pytest.mark.parametrize("code", CODES)
def test_required_level_cell(position, code):
    default, exceptions = BRIEF[position]
    assert required_level(position, code) == exceptions.get(code, default)


def test_table_has_exactly_the_brief_positions():
    assert set(DEFAULT_REQUIRED_LEVELS) == set(BRIEF)
    assert validate_required_levels(DEFAULT_REQUIRED_LEVELS) == {k: dict(v) for k, v in DEFAULT_REQUIRED_LEVELS.items()}


def test_enum_members_work():
    assert required_level(JenisJabatan.ADMINISTRATOR, "Integritas") == 3
    assert required_levels(Jenjang.AHLI_UTAMA)["SK.1"] == 5


def test_fungsional_needs_a_jenjang():
    with pytest.raises(ValueError, match="sebutkan jenjangnya"):
        required_levels(JenisJabatan.FUNGSIONAL)
    with pytest.raises(ValueError, match="belum ditetapkan"):
        required_levels("Kepala Desa")


def test_nine_competencies_agree_with_the_kamus():
    with (DATA / "kamus_kompetensi_manajerial_sosiokultural.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    kamus = {}
    for row in rows:
        kamus.setdefault(row["kode"], (row["kompetensi"], row["jenis"], set()))[2].add(int(row["level"]))
    assert [k.code for k in KOMPETENSI] == CODES == list(kamus)
    for k in KOMPETENSI:
        name, jenis, levels = kamus[k.code]
        assert k.name.upper() == name
        assert jenis.startswith(k.jenis.split()[0])
        assert levels == {1, 2, 3, 4, 5}


@pytest.mark.parametrize(
    ("text", "code"), [("M.1", "M.1"), ("integritas", "M.1"), ("Perekat  Bangsa", "SK.1"), ("sk.1", "SK.1")]
)
def test_get_kompetensi(text, code):
    assert get_kompetensi(text).code == code


def test_unknown_kompetensi():
    with pytest.raises(ValueError, match="tidak dikenal"):
        get_kompetensi("Kepemimpinan")


def test_gaps():
    gaps = competency_gaps("Administrator", {"M.1": 3, "Kerja Sama": 2, "M.3": 4})
    assert [(g.kompetensi.code, g.required, g.actual, g.gap) for g in gaps] == [
        ("M.2", 3, 2, 1),
        ("M.4", 3, None, 3),
        ("M.5", 3, None, 3),
        ("M.6", 3, None, 3),
        ("M.7", 3, None, 3),
        ("M.8", 3, None, 3),
        ("SK.1", 3, None, 3),
    ]
    assert competency_gaps("Pelaksana", dict.fromkeys(CODES, 1)) == []


def test_custom_table():
    table = {"Pengawas": dict.fromkeys(CODES, 3)}
    assert validate_required_levels(table) == table
    assert required_level("Pengawas", "M.8", table) == 3


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ({"Camat": dict.fromkeys(CODES, 3)}, "tidak dikenal"),
        ({"Fungsional": dict.fromkeys(CODES, 3)}, "tidak dikenal"),
        ({"Pengawas": dict.fromkeys(CODES[:8], 3)}, "tepat kompetensi"),
        ({"Pengawas": {**dict.fromkeys(CODES, 3), "M.9": 3}}, "tepat kompetensi"),
        ({"Pengawas": {**dict.fromkeys(CODES, 3), "M.1": 6}}, "1 s.d. 5"),
        ({"Pengawas": {**dict.fromkeys(CODES, 3), "M.1": 0}}, "1 s.d. 5"),
        ({"Pengawas": {**dict.fromkeys(CODES, 3), "M.1": "3"}}, "1 s.d. 5"),
        ({"Pengawas": {**dict.fromkeys(CODES, 3), "M.1": True}}, "1 s.d. 5"),
    ],
)
def test_invalid_tables(table, fragment):
    with pytest.raises(ValueError, match=fragment):
        validate_required_levels(table)


# ---------------------------------------------------------------------------- Job Person Match (issue #11)
def test_jpm_caps_each_competency_at_its_requirement():
    from decimal import Decimal

    from karier.rules import job_person_match

    required = {"M.1": 3, "M.2": 3}
    # M.1 above the standard does not make up for M.2 below it: (3 + 1) / 6.
    assert job_person_match({"M.1": 5, "M.2": 1}, required) == Decimal("66.67")
    assert job_person_match({"M.1": 3, "M.2": 3}, required) == Decimal("100.00")
    assert job_person_match({}, required) == Decimal("0.00")


def test_jpm_refuses_an_empty_or_invalid_standard():
    from karier.rules import job_person_match

    with pytest.raises(ValueError, match="kosong"):
        job_person_match({"M.1": 3}, {})
    with pytest.raises(ValueError, match=r"1 s\.d\. 5"):
        job_person_match({"M.1": 3}, {"M.1": 6})


def test_need_weight_ranks_known_shortfalls_before_unknowns():
    from karier.rules.competency import NEED_WEIGHTS, need_weight

    assert need_weight("kompetensi", required=4, actual=1) == 7  # three levels short
    assert need_weight("kompetensi", required=2, actual=1) == 3
    assert need_weight("kompetensi", required=2, actual=2) == need_weight("kompetensi", required=2, actual=5) == 0
    assert need_weight("kompetensi", required=3, actual=None) == NEED_WEIGHTS["belum_dinilai"] == 1
    assert (
        need_weight("predikat")
        > need_weight("perilaku")
        > need_weight("realisasi")
        > need_weight("kompetensi", required=5, actual=None)
    )
    for bad in (None, 0, 6):
        with pytest.raises(ValueError, match=r"1 s\.d\. 5"):
            need_weight("kompetensi", required=bad, actual=1)
    with pytest.raises(KeyError):
        need_weight("gaji")
