"""The 17-step pangkat/golongan ladder (PP 99/2000) and SIASN ids (golonganPns.json)."""

import json
from pathlib import Path

import pytest

from karier.rules import (
    UnknownGolongan,
    compare_golongan,
    get_golongan,
    golongan_from_siasn_id,
    golongan_ladder,
    golongan_rank,
    next_golongan,
    siasn_id_for,
)

DATA = Path(__file__).parent / "data"

# Domain brief §1, written out by hand.
LADDER = [
    ("I/a", "Juru Muda", 11),
    ("I/b", "Juru Muda Tingkat I", 12),
    ("I/c", "Juru", 13),
    ("I/d", "Juru Tingkat I", 14),
    ("II/a", "Pengatur Muda", 21),
    ("II/b", "Pengatur Muda Tingkat I", 22),
    ("II/c", "Pengatur", 23),
    ("II/d", "Pengatur Tingkat I", 24),
    ("III/a", "Penata Muda", 31),
    ("III/b", "Penata Muda Tingkat I", 32),
    ("III/c", "Penata", 33),
    ("III/d", "Penata Tingkat I", 34),
    ("IV/a", "Pembina", 41),
    ("IV/b", "Pembina Tingkat I", 42),
    ("IV/c", "Pembina Utama Muda", 43),
    ("IV/d", "Pembina Utama Madya", 44),
    ("IV/e", "Pembina Utama", 45),
]


def test_ladder_has_17_steps():
    assert len(golongan_ladder()) == 17


@pytest.mark.parametrize(("rank", "row"), list(enumerate(LADDER, start=1)))
def test_each_step(rank, row):
    code, pangkat, siasn_id = row
    g = golongan_ladder()[rank - 1]
    assert (g.code, g.pangkat, g.siasn_id, g.rank) == (code, pangkat, siasn_id, rank)
    assert g.label == f"{pangkat} ({code})"
    assert siasn_id_for(code) == siasn_id
    assert golongan_from_siasn_id(siasn_id) == code
    assert golongan_from_siasn_id(str(siasn_id)) == code
    assert golongan_rank(code) == rank
    expected_next = LADDER[rank][0] if rank < 17 else None
    assert next_golongan(code) == expected_next


def test_agrees_with_siasn_reference():
    rows = json.loads((DATA / "golonganPns.json").read_text(encoding="utf-8"))
    assert [(r["nama"], r["namaPangkat"], int(r["id"])) for r in rows] == [
        (g.code, g.pangkat, g.siasn_id) for g in golongan_ladder()
    ]


@pytest.mark.parametrize("value", ["iii/a", " III / a ", "III/A", 31, "31", " 31 "])
def test_lookup_variants(value):
    assert get_golongan(value).code == "III/a"


@pytest.mark.parametrize("value", ["III/f", "V/a", "", "IIIa", 10, 46, "99", 3.1, True, None])
def test_unknown(value):
    with pytest.raises(UnknownGolongan, match="tidak dikenal"):
        get_golongan(value)


def test_siasn_id_conversion_rejects_codes():
    with pytest.raises(UnknownGolongan):
        golongan_from_siasn_id("III/a")
    with pytest.raises(ValueError):
        siasn_id_for("III/x")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("III/a", "III/b", -1), ("IV/a", "III/d", 1), ("II/c", "II/c", 0), (31, "III/a", 0), ("I/a", 45, -1)],
)
def test_compare(a, b, expected):
    assert compare_golongan(a, b) == expected


def test_golongan_romawi_is_the_code_without_its_ruang() -> None:
    from karier.rules.golongan import golongan_romawi

    assert [golongan_romawi(code) for code, _, _ in LADDER] == [code.split("/")[0] for code, _, _ in LADDER]
    assert golongan_romawi("iii/a") == "III" and golongan_romawi(45) == "IV"
    with pytest.raises(UnknownGolongan):
        golongan_romawi("V/a")
