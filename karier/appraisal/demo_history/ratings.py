"""The demo's past ratings: a realistic, deterministic spread, and the persona stories.

The share of each predikat is drawn first (mostly Baik, about 15 % Sangat Baik, 8 % Butuh Perbaikan,
2 % Kurang/Misconduct, rarely Sangat Kurang), then a pair of ratings that gives it is picked from
`karier.rules.PREDIKAT_MATRIX` read backwards — the matrix is never restated here — and the predikat
written is `karier.rules.predikat_kinerja` of that pair. Each draw depends only on (seed, year,
employee id), so a re-run, a run of one year alone or a run on PostgreSQL gives the same history.

Stories (journeys.md): in Bu Wati's team two people are Sangat Baik every year (award proposals, the
top boxes of the 9-box) and two fall to Butuh Perbaikan or below in the latest past year (they get
coaching plans); Dodi is Baik every year (an ordinary promotion case).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from karier.rules import PREDIKAT_MATRIX, Predikat, Rating, predikat_kinerja

# Share of each predikat in a year (the remainder is Baik).
SHARES: tuple[tuple[Predikat, float], ...] = (
    (Predikat.SANGAT_BAIK, 0.15),
    (Predikat.BUTUH_PERBAIKAN, 0.08),
    (Predikat.KURANG, 0.02),
    (Predikat.SANGAT_KURANG, 0.003),
)
# Among the pairs that give Baik, "as expected on both" is by far the most common.
PREFERRED_PAIR = {Predikat.BAIK: (Rating.SESUAI, Rating.SESUAI)}
PREFERRED_SHARE = 0.8
STORY_STARS = 2
STORY_STRUGGLERS = 2


@dataclass(frozen=True)
class Nilai:
    """One person's ratings of one year and the predikat the rule gives them."""

    hasil_kerja: Rating
    perilaku: Rating
    predikat: Predikat


@dataclass(frozen=True)
class Stories:
    """Employee ids whose history is fixed for the demo's journeys."""

    stars: tuple[int, ...] = ()  # Sangat Baik every year
    strugglers: tuple[int, ...] = ()  # Butuh Perbaikan (the second one Kurang) in the latest year
    steady: tuple[int, ...] = ()  # Baik every year (Dodi)
    latest: int = 0  # the latest past year


def pairs_for(predikat: Predikat) -> list[tuple[Rating, Rating]]:
    """Every (rating hasil kerja, rating perilaku) pair the rule turns into `predikat`."""
    return sorted(pair for pair, p in PREDIKAT_MATRIX.items() if p == predikat)


def _from_pair(pair: tuple[Rating, Rating]) -> Nilai:
    return Nilai(pair[0], pair[1], predikat_kinerja(*pair))


def _pair(rng: random.Random, predikat: Predikat) -> tuple[Rating, Rating]:
    preferred = PREFERRED_PAIR.get(predikat)
    if preferred is not None and rng.random() < PREFERRED_SHARE:
        return preferred
    return rng.choice(pairs_for(predikat))


def draw(seed: int, tahun: int, pegawai_id: int) -> Nilai:
    """The random part: one person's ratings for one year."""
    rng = random.Random(f"{seed}:{tahun}:{pegawai_id}")
    x = rng.random()
    predikat = Predikat.BAIK
    for candidate, share in SHARES:
        if x < share:
            predikat = candidate
            break
        x -= share
    return _from_pair(_pair(rng, predikat))


def ratings_for(pegawai_ids: Iterable[int], tahun: int, seed: int, stories: Stories) -> dict[int, Nilai]:
    """{employee id: ratings} for one year, with the stories applied."""
    out = {p: draw(seed, tahun, p) for p in pegawai_ids}
    fixed: dict[int, tuple[Rating, Rating]] = {}
    for p in stories.stars:
        fixed[p] = (Rating.DI_ATAS, Rating.DI_ATAS)
    for p in stories.steady:
        fixed[p] = (Rating.SESUAI, Rating.SESUAI)
    for i, p in enumerate(stories.strugglers):
        if tahun == stories.latest:  # results below expectations; the second also behaved badly
            fixed[p] = (Rating.DI_BAWAH, Rating.SESUAI) if i == 0 else (Rating.SESUAI, Rating.DI_BAWAH)
        else:
            fixed[p] = (Rating.SESUAI, Rating.SESUAI)
    for p, pair in fixed.items():
        if p in out:
            out[p] = _from_pair(pair)
    return out


def pick_stories(team: Iterable[int], steady: Iterable[int], *, seed: int, latest: int) -> Stories:
    """Choose the stars and the strugglers among Bu Wati's team (deterministic from the seed)."""
    steady_ids = tuple(sorted(set(steady)))
    members = sorted(set(team) - set(steady_ids))
    random.Random(f"{seed}:cerita").shuffle(members)
    stars = tuple(members[:STORY_STARS])
    strugglers = tuple(members[STORY_STARS : STORY_STARS + STORY_STRUGGLERS])
    return Stories(stars=stars, strugglers=strugglers, steady=steady_ids, latest=latest)


def counts(values: Mapping[int, Nilai]) -> dict[str, int]:
    """How many of each predikat (for the command's summary)."""
    out: dict[str, int] = {}
    for v in values.values():
        out[v.predikat.value] = out.get(v.predikat.value, 0) + 1
    return out
