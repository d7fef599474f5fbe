"""Fair ratings made visible (issue #13 item 2): the suppression threshold, the flags on an appraiser's
distribution, age bands. Pure Python, no Django.

An appraiser's predikat are put in three bands — *top* (Sangat Baik), *middle* (Baik) and *bottom*
(Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang) — and compared with the same bands over the whole
agency. The regulations leave these thresholds open; they are named here, documented in
docs/fairness.md, and only the analytics read them (they flag, they never change a rating):

- **lenient** (``LONGGAR``): the appraiser's share of top ratings is at least ``MARGIN_PP`` percentage
  points above the agency's;
- **severe** (``KETAT``): the share of bottom ratings is at least ``MARGIN_PP`` points above the agency's;
- **central tendency** (``TENGAH``): at least ``CENTRAL_MIN_PCT`` % of the appraiser's ratings are in the
  middle band while the agency's middle band holds at most ``AGENCY_VARIED_MAX_PCT`` % (the agency varies);
- **the same rating for everyone** (``SERAGAM``): one pair of ratings (hasil kerja, perilaku) for all of
  at least ``MIN_KELOMPOK`` people. It replaces ``TENGAH`` (it says more), never ``LONGGAR``/``KETAT``.

No flag is given about fewer than ``MIN_KELOMPOK`` people: a group that small is suppressed everywhere
(screen, API, Excel) so that no figure points at a person. Shares are compared in exact integer
arithmetic, so a threshold is met exactly at its edge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .labels import Predikat, coerce

__all__ = [
    "AGENCY_VARIED_MAX_PCT",
    "AGE_BANDS",
    "BULK_MIN_ROWS",
    "CENTRAL_MIN_PCT",
    "FLAG_CENTRAL",
    "FLAG_LENIENT",
    "FLAG_SAME",
    "FLAG_SEVERE",
    "MARGIN_PP",
    "MIN_KELOMPOK",
    "Spread",
    "age_band",
    "appraiser_flags",
    "band_of",
    "rated_in_bulk",
    "shown",
    "spread_of",
]

#: Fewer people than this in a group: counts shown as "< 5", no percentage, no rating value, no flag.
MIN_KELOMPOK = 5
#: Lenient/severe: the appraiser's top (bottom) share exceeds the agency's by at least this many points.
MARGIN_PP = 20
#: Central tendency: at least this share (%) of the appraiser's ratings in the middle band …
CENTRAL_MIN_PCT = 90
#: … while the agency's middle band holds at most this share (%).
AGENCY_VARIED_MAX_PCT = 75

#: Rated in bulk: at least this many evaluations saved together by one appraiser (one save of the bulk
#: screen stamps its rows with one `dinilai_pada`).
BULK_MIN_ROWS = 2

FLAG_LENIENT = "LONGGAR"
FLAG_SEVERE = "KETAT"
FLAG_CENTRAL = "TENGAH"
FLAG_SAME = "SERAGAM"

TOP, MIDDLE, BOTTOM = "atas", "tengah", "bawah"
_BANDS: Mapping[Predikat, str] = {
    Predikat.SANGAT_BAIK: TOP,
    Predikat.BAIK: MIDDLE,
    Predikat.BUTUH_PERBAIKAN: BOTTOM,
    Predikat.KURANG: BOTTOM,
    Predikat.SANGAT_KURANG: BOTTOM,
}

#: (label, lowest age, highest age) — ages in whole years on the last day of the year analysed.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("< 30", 0, 29),
    ("30–39", 30, 39),
    ("40–49", 40, 49),
    ("50+", 50, 200),
)


def shown(n: int) -> bool:
    """Whether a group of `n` people may be shown with its figures (not suppressed)."""
    return n >= MIN_KELOMPOK


def rated_in_bulk(rows_in_one_save: int) -> bool:
    """Whether the evaluations saved together in one save (by one appraiser) count as rated in bulk."""
    return rows_in_one_save >= BULK_MIN_ROWS


def band_of(predikat: Predikat | str) -> str:
    """The band ("atas", "tengah", "bawah") of a predikat; `UnknownLabel` for anything else."""
    return _BANDS[coerce(Predikat, predikat)]


@dataclass(frozen=True)
class Spread:
    """How many ratings fell in each band."""

    top: int = 0
    middle: int = 0
    bottom: int = 0

    @property
    def total(self) -> int:
        return self.top + self.middle + self.bottom


def spread_of(predikat: Iterable[Predikat | str]) -> Spread:
    """The bands of a sequence of predikat."""
    counts = {TOP: 0, MIDDLE: 0, BOTTOM: 0}
    for p in predikat:
        counts[band_of(p)] += 1
    return Spread(counts[TOP], counts[MIDDLE], counts[BOTTOM])


def _share_exceeds(mine: int, mine_total: int, theirs: int, theirs_total: int, points: int) -> bool:
    """mine/mine_total − theirs/theirs_total ≥ points/100, in integers."""
    return 100 * (mine * theirs_total - theirs * mine_total) >= points * mine_total * theirs_total


def appraiser_flags(mine: Spread, agency: Spread, distinct_pairs: int) -> tuple[str, ...]:
    """The flags on one appraiser's distribution against the agency's (in the order lenient, severe,
    central, same); `distinct_pairs` is how many different (hasil kerja, perilaku) pairs they gave.
    Nothing about fewer than `MIN_KELOMPOK` people, or against an agency of fewer."""
    if not shown(mine.total) or not shown(agency.total):
        return ()
    flags: list[str] = []
    if _share_exceeds(mine.top, mine.total, agency.top, agency.total, MARGIN_PP):
        flags.append(FLAG_LENIENT)
    if _share_exceeds(mine.bottom, mine.total, agency.bottom, agency.total, MARGIN_PP):
        flags.append(FLAG_SEVERE)
    same = distinct_pairs == 1
    central = (
        100 * mine.middle >= CENTRAL_MIN_PCT * mine.total
        and 100 * agency.middle <= AGENCY_VARIED_MAX_PCT * agency.total
    )
    if central and not same:
        flags.append(FLAG_CENTRAL)
    if same:
        flags.append(FLAG_SAME)
    return tuple(flags)


def age_band(lahir: dt.date, on: dt.date) -> str:
    """The label of the age band of someone born on `lahir`, on the date `on`."""
    age = on.year - lahir.year - ((on.month, on.day) < (lahir.month, lahir.day))
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return AGE_BANDS[0][0]  # born after `on`: data error, counted with the youngest
