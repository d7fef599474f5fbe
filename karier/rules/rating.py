"""When a rating needs a written reason (PermenPANRB 6/2022, docs/rating.md).

The regulation makes "Sesuai Ekspektasi" the expected outcome of an agreed plan: the appraiser and the
employee clarify the expectations in the dialog kinerja, and a rating *away* from them — above or below —
is the one that must be explained (continuous feedback, coaching or counselling follow from it). So a
reason is required only when the rating differs from "Sesuai Ekspektasi"; for "Sesuai" it is optional.
One rule for the single rating, the bulk screen, the API and the screen's hints.
"""

from __future__ import annotations

from .labels import Rating, coerce

__all__ = ["MIN_ALASAN_RATING", "alasan_rating_wajib"]

#: The shortest reason accepted where one is required (characters, after trimming spaces).
MIN_ALASAN_RATING = 10


def alasan_rating_wajib(rating: Rating | str) -> bool:
    """Whether this rating needs a written reason: every rating but "Sesuai Ekspektasi".

    Raises :class:`karier.rules.UnknownLabel` for a value that is no rating.
    """
    return coerce(Rating, rating) is not Rating.SESUAI
