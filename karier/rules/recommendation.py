"""How well a development activity fits a person's needs (issue #11 item 5) — pure Python.

PP 11/2017 Pasal 205–206 name the sources of a need (a competency gap against the position's standard,
a performance gap); which activity closes which need is Karier's own rule — [U], no regulation ranks
activities. The rule is deliberately plain so that every point can be said in words:

- a competency assessed below its required level: an activity that develops it up to level `up_to`
  closes ``min(up_to, required) - actual`` levels of the gap; it earns 2 points per level closed and
  1 more when it closes the gap entirely — the same scale as `competency.need_weight` (a one-level gap
  weighs 3, and the activity that closes it earns 3);
- a required competency never assessed: 1 point (`need_weight`'s weight for it) when the activity
  develops it — an assessment is the first step, so these rank last;
- a performance signal (`SIGNAL_COMPETENCIES`): the signal's weight once per activity that develops one
  of the managerial competencies mapped to it (a BerAKHLAK value below expectations → the Kamus
  competency that describes that behaviour; a predikat of Butuh Perbaikan or below, or a realisation
  trailing its target → Orientasi pada Hasil). The mapping is Karier's reading of the Kamus
  Kompetensi (PermenPANRB 38/2017) against the BerAKHLAK core values (SE MenPANRB 20/2021) — [U].

Ties are broken by fewer JP (the cheaper way to the same result), then by the activity's id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

__all__ = [
    "SIGNAL_COMPETENCIES",
    "competencies_for_signal",
    "levels_closed",
    "need_points",
    "rank_key",
    "recommendation_score",
    "top",
]

POINTS_PER_LEVEL = 2
POINTS_CLOSED = 1
POINTS_UNASSESSED = 1

#: Performance signal (the need's code in `development.competency.gaps`) → the Kamus competencies
#: whose development answers it. "perilaku" alone is the appraiser's overall behaviour rating.
SIGNAL_COMPETENCIES: Mapping[str, tuple[str, ...]] = {
    "predikat": ("M.4",),
    "rhk": ("M.4",),
    "perilaku": ("M.1", "M.2", "M.5", "M.7"),
    "perilaku:BERORIENTASI_PELAYANAN": ("M.5",),
    "perilaku:AKUNTABEL": ("M.1",),
    "perilaku:KOMPETEN": ("M.6",),
    "perilaku:HARMONIS": ("M.2", "SK.1"),
    "perilaku:LOYAL": ("M.1", "SK.1"),
    "perilaku:ADAPTIF": ("M.7",),
    "perilaku:KOLABORATIF": ("M.2",),
}


def competencies_for_signal(kode: str) -> tuple[str, ...]:
    """The competency codes that answer a performance need (empty for an unknown signal)."""
    return SIGNAL_COMPETENCIES.get(kode, ())


def _level(name: str, value: int) -> None:
    if not 1 <= value <= 5:
        raise ValueError(f"{name} harus 1 s.d. 5, bukan {value}.")


def levels_closed(*, required: int, actual: int | None, up_to: int) -> int:
    """How many levels of a competency gap an activity that develops up to `up_to` closes (0 when the
    person already stands at or above what the activity reaches, or was never assessed)."""
    _level("Level yang disyaratkan", required)
    _level("Level kegiatan", up_to)
    if actual is None:
        return 0
    return max(0, min(up_to, required) - actual)


def need_points(*, required: int, actual: int | None, up_to: int) -> int:
    """The points an activity earns for one competency need (see the module's rule)."""
    if actual is None:
        _level("Level yang disyaratkan", required)
        _level("Level kegiatan", up_to)
        return POINTS_UNASSESSED
    closed = levels_closed(required=required, actual=actual, up_to=up_to)
    if closed == 0:
        return 0
    return POINTS_PER_LEVEL * closed + (POINTS_CLOSED if actual + closed >= required else 0)


def recommendation_score(needs: Iterable[tuple[int, int | None, int]], signal_weights: Iterable[int] = ()) -> int:
    """The score of one activity for one person: its points over the competency needs it develops
    (`(required, actual, up_to)` triples) plus the weight of each performance signal it answers."""
    total = sum(need_points(required=r, actual=a, up_to=u) for r, a, u in needs)
    for w in signal_weights:
        if w < 0:
            raise ValueError(f"Bobot sinyal kinerja tidak boleh negatif ({w}).")
        total += w
    return total


def rank_key(score: int, jp: Decimal | int | float, kegiatan_id: int) -> tuple[int, Decimal | int | float, int]:
    """Sort key of a candidate: the highest score first, then fewer JP, then the lower id."""
    return (-score, jp, kegiatan_id)


def top(
    candidates: Sequence[tuple[int, Decimal | int | float, int]], n: int
) -> list[tuple[int, Decimal | int | float, int]]:
    """The best `n` (score, jp, kegiatan_id) candidates with a positive score, best first."""
    if n < 0:
        raise ValueError("Jumlah rekomendasi tidak boleh negatif.")
    return sorted((c for c in candidates if c[0] > 0), key=lambda c: rank_key(*c))[:n]
