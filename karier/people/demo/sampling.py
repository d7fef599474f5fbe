"""The distributions the demo draws from: golongan, education, PPPK intake year and age, weighted
so that the whole province lands near the national ASN statistics."""

from __future__ import annotations

import random
from bisect import bisect_right
from itertools import accumulate
from typing import Generic, TypeVar

from karier.people.choices import JenisJabatan
from karier.people.demo import population
from karier.people.demo.history import RANK

J = JenisJabatan
T = TypeVar("T")


class Weighted(Generic[T]):
    """rng.choices with precomputed cumulative weights (much faster in a loop)."""

    def __init__(self, items: dict[T, float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(items.values()))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


def _ranks(weights: dict[str, float]) -> Weighted[int]:
    return Weighted({RANK[k]: v for k, v in weights.items()})


# Golongan of staff. Managerial holders (9% of everyone) are III/c–IV/e, PPPK (8%) have none;
# with these weights for the rest, all PNS come out near I 0.6%, II 16.5%, III 60.1%, IV 22.8%
# (checked at 30,000 employees: 0.7 / 16.5 / 60.3 / 22.5).
FUNGSIONAL_RANK = _ranks(
    {
        "II/a": 0.2,
        "II/b": 0.6,
        "II/c": 0.6,
        "II/d": 0.6,
        "III/a": 17.2,
        "III/b": 18.5,
        "III/c": 14.1,
        "III/d": 11.7,
        "IV/a": 18.2,
        "IV/b": 11.0,
        "IV/c": 5.5,
        "IV/d": 1.45,
        "IV/e": 0.35,
    }
)
PELAKSANA_RANK = _ranks(
    {
        "I/a": 0.3,
        "I/b": 0.4,
        "I/c": 0.5,
        "I/d": 0.5,
        "II/a": 8.4,
        "II/b": 10.5,
        "II/c": 12.6,
        "II/d": 10.5,
        "III/a": 25.4,
        "III/b": 19.7,
        "III/c": 6.8,
        "III/d": 4.5,
    }
)
PELAKSANA_PENDIDIKAN = {"SD": 1.0, "SLTP": 2.0, "SLTA": 38.0, "D-III": 20.0, "S1": 38.0, "S2": 1.0}
MANAGERIAL_RANKS: dict[str, tuple[str, ...]] = {
    J.JPT_MADYA: ("IV/d", "IV/e"),
    J.JPT_PRATAMA: ("IV/c", "IV/d"),
    J.ADMINISTRATOR: ("IV/a", "IV/b"),
    J.PENGAWAS: ("III/c", "III/d"),
}
MANAGERIAL_PENDIDIKAN: dict[str, Weighted[str]] = {
    J.JPT_MADYA: Weighted({"S2": 70.0, "S3": 30.0}),
    J.JPT_PRATAMA: Weighted({"S2": 75.0, "S3": 25.0}),
    J.ADMINISTRATOR: Weighted({"S2": 60.0, "S1": 38.0, "D-IV": 2.0}),
    J.PENGAWAS: Weighted({"S1": 68.0, "S2": 25.0, "D-IV": 5.0, "D-III": 2.0}),
}
MANAGERIAL_MIN_AGE: dict[str, int] = {J.JPT_MADYA: 48, J.JPT_PRATAMA: 45, J.ADMINISTRATOR: 38, J.PENGAWAS: 32}
MANAGERIAL_FEMALE: dict[str, float] = {J.JPT_MADYA: 0.15, J.JPT_PRATAMA: 0.2, J.ADMINISTRATOR: 0.35, J.PENGAWAS: 0.45}
AHLI_PENDIDIKAN = Weighted({"S1": 80.0, "D-IV": 9.0, "S2": 10.0, "S3": 1.0})
MADYA_PENDIDIKAN = Weighted({"S1": 60.0, "D-IV": 4.0, "S2": 33.0, "S3": 3.0})
UTAMA_PENDIDIKAN = Weighted({"S2": 60.0, "S3": 40.0})
PPPK_YEAR = Weighted({2021: 15.0, 2022: 20.0, 2023: 20.0, 2024: 25.0, 2025: 20.0})
AGE = [(lo, hi) for lo, hi, _ in population.AGE_BANDS]
# Sampling weights: the national bands, boosted for the young because most people's golongan
# puts a floor under their age (the overall mix then lands near the national one).
AGE_W = [w * boost for (_, _, w), boost in zip(population.AGE_BANDS, (4.0, 4.5, 1.6, 0.8, 1.0), strict=True)]
