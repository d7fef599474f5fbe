"""Labels: the enum values are the official texts, and coercion accepts labels and aliases only."""

import pytest

from karier.rules import (
    Jenjang,
    Level,
    Predikat,
    PredikatOrganisasi,
    Rating,
    UnknownLabel,
    coerce,
)


@pytest.mark.parametrize(
    ("enum_cls", "labels"),
    [
        (Rating, ["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]),
        (Predikat, ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]),
        (PredikatOrganisasi, ["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]),
        (
            Jenjang,
            [
                "Pemula",
                "Terampil",
                "Mahir",
                "Penyelia",
                "Ahli Pertama",
                "Ahli Muda",
                "Ahli Madya",
                "Ahli Utama",
            ],
        ),
        (Level, ["Rendah", "Menengah", "Tinggi"]),
    ],
)
def test_values_are_the_official_labels(enum_cls, labels):
    assert [m.value for m in enum_cls] == labels
    for member, label in zip(enum_cls, labels, strict=True):
        assert member == label
        assert coerce(enum_cls, label) is member
        assert coerce(enum_cls, member) is member


@pytest.mark.parametrize(
    ("enum_cls", "text", "expected"),
    [
        (Predikat, "Cukup", Predikat.BUTUH_PERBAIKAN),
        (Predikat, "Cukup/Butuh Perbaikan", Predikat.BUTUH_PERBAIKAN),
        (Predikat, "Kurang", Predikat.KURANG),
        (Predikat, "Kurang/misconduct", Predikat.KURANG),
        (Predikat, "  sangat   baik ", Predikat.SANGAT_BAIK),
        (PredikatOrganisasi, "Butuh Perbaikan/Cukup", PredikatOrganisasi.BUTUH_PERBAIKAN),
        (PredikatOrganisasi, "Cukup", PredikatOrganisasi.BUTUH_PERBAIKAN),
        (Rating, "Di atas ekspektasi", Rating.DI_ATAS),
        (Rating, "Dibawah Ekspektasi", Rating.DI_BAWAH),
        (Rating, "sesuai", Rating.SESUAI),
        (Jenjang, "PT", Jenjang.AHLI_PERTAMA),
        (Jenjang, "UT", Jenjang.AHLI_UTAMA),
        (Jenjang, "py", Jenjang.PENYELIA),
    ],
)
def test_aliases(enum_cls, text, expected):
    assert coerce(enum_cls, text) is expected


def test_member_of_another_enum_is_read_by_its_label():
    assert coerce(Predikat, PredikatOrganisasi.BAIK) is Predikat.BAIK


@pytest.mark.parametrize("value", ["Bagus", "", "Baik sekali", 3, None])
def test_unknown_label_is_a_value_error_in_indonesian(value):
    with pytest.raises(ValueError, match="tidak dikenal") as info:
        coerce(Predikat, value)
    assert isinstance(info.value, UnknownLabel)
    assert info.value.kind == "predikat kinerja"
    assert "Sangat Baik" in str(info.value)
    assert info.value.allowed == tuple(m.value for m in Predikat)
