"""A rating needs a written reason only when it is not "Sesuai Ekspektasi" (docs/rating.md)."""

import pytest

from karier.rules import MIN_ALASAN_RATING, Rating, UnknownLabel, alasan_rating_wajib


@pytest.mark.parametrize(
    ("rating", "wajib"),
    [
        ("Di Atas Ekspektasi", True),
        ("Di Bawah Ekspektasi", True),
        ("Sesuai Ekspektasi", False),
        (Rating.SESUAI, False),
        (Rating.DI_ATAS, True),
        ("sesuai  ekspektasi", False),  # labels are matched loosely, like every rule
    ],
)
def test_reason_required_only_away_from_sesuai(rating: str, wajib: bool) -> None:
    assert alasan_rating_wajib(rating) is wajib


def test_unknown_rating_is_refused_not_guessed() -> None:
    with pytest.raises(UnknownLabel):
        alasan_rating_wajib("Luar Biasa")


def test_minimum_length_is_ten_characters() -> None:
    assert MIN_ALASAN_RATING == 10
