"""Scoring every catalogue activity against a person's needs, set-based (issue #11 item 5).

The catalogue is read once (two queries) into an index competency → [(activity, up to level)], so a
person costs only the activities that develop one of their needs — never persons × activities. The
points come from the rule `karier.rules.recommendation` (looked up in a table built from it once), and
people with the same needs (the same position kind, the same assessed levels, the same signals) share
one computation. Nothing here reads per person or writes: `compute.py` feeds it chunks of needs from
`competency.gaps.needs_for` and stores what it returns.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from karier.development.competency.gaps import Kebutuhan
from karier.development.models import KegiatanKompetensi, KegiatanPengembangan, Kompetensi
from karier.rules import recommendation as rule

TOP_N = 5
_CACHE_MAX = 50_000


@dataclass(frozen=True)
class Saran:
    """One recommended activity for one person: the score and the need it mainly closes."""

    kegiatan_id: int
    peringkat: int
    skor: int
    jp: Decimal
    kompetensi_id: int | None = None
    dari: int | None = None
    ke: int | None = None
    disyaratkan: int | None = None
    sinyal: str = ""
    sinyal_nama: str = ""
    lainnya: int = 0


@dataclass(frozen=True)
class _Alasan:
    kompetensi_id: int
    dari: int | None = None
    ke: int | None = None
    disyaratkan: int | None = None
    sinyal: str = ""
    sinyal_nama: str = ""


# Points for (required, actual or 0 when never assessed, up to): the rule, tabulated once.
_POINTS: dict[tuple[int, int, int], int] = {
    (r, a, u): rule.need_points(required=r, actual=a or None, up_to=u)
    for r in range(1, 6)
    for a in range(0, 6)
    for u in range(1, 6)
}


class Katalog:
    """The active catalogue, indexed by the competencies each activity develops."""

    def __init__(self) -> None:
        self.jp: dict[int, Decimal] = dict(KegiatanPengembangan.objects.filter(aktif=True).values_list("pk", "jp"))
        self.by_kompetensi: dict[int, list[tuple[int, int]]] = {}
        for kegiatan_id, kompetensi_id, up_to in KegiatanKompetensi.objects.filter(kegiatan__aktif=True).values_list(
            "kegiatan_id", "kompetensi_id", "sampai_level"
        ):
            self.by_kompetensi.setdefault(kompetensi_id, []).append((kegiatan_id, up_to))
        self.ids_by_code: dict[str, int] = dict(Kompetensi.objects.values_list("kode", "pk"))
        self.develops: dict[int, list[tuple[int, int]]] = {}
        for kompetensi_id, rows in self.by_kompetensi.items():
            for kegiatan_id, up_to in rows:
                self.develops.setdefault(kegiatan_id, []).append((kompetensi_id, up_to))
        self._signal: dict[str, list[tuple[int, int]]] = {}
        self._signal_map: dict[str, dict[int, int]] = {}
        self._contribs: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self._cache: dict[tuple[object, ...], list[Saran]] = {}

    def signal_activities(self, kode: str) -> list[tuple[int, int]]:
        """(activity, competency id) pairs that answer a performance signal, one per activity."""
        found = self._signal.get(kode)
        if found is None:
            seen: dict[int, int] = {}
            for code in rule.competencies_for_signal(kode):
                kid = self.ids_by_code.get(code, 0)
                for kegiatan_id, _up in self.by_kompetensi.get(kid, ()):
                    seen.setdefault(kegiatan_id, kid)
            found = self._signal[kode] = sorted(seen.items())
            self._signal_map[kode] = seen
        return found

    def recommend(self, needs: Iterable[Kebutuhan], n: int = TOP_N) -> list[Saran]:
        """The best `n` activities for one person's needs (memoised on the needs themselves)."""
        kompetensi: list[tuple[int, int, int | None]] = []
        signals: dict[str, tuple[int, str]] = {}
        for need in needs:
            if need.jenis == "kompetensi":
                kid = self.ids_by_code.get(need.kode.partition(":")[2])
                if kid is not None and need.disyaratkan:
                    kompetensi.append((kid, need.disyaratkan, need.dinilai))
            elif need.kode not in signals or signals[need.kode][0] < need.bobot:
                signals[need.kode] = (need.bobot, need.nama)
        key = (tuple(kompetensi), tuple(sorted(signals.items())), n)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            cached = self._cache[key] = self._score(kompetensi, signals, n)
        return cached

    def _contrib(self, kid: int, required: int, actual: int | None) -> tuple[int, ...]:
        """The activities that earn points for one competency need, each repeated once per point, so a
        person's scores are one C-level count (`Counter.update`) per need."""
        key = (kid, required, actual or 0)
        found = self._contribs.get(key)
        if found is None:
            found = self._contribs[key] = tuple(
                kegiatan_id
                for kegiatan_id, up_to in self.by_kompetensi.get(kid, ())
                for _i in range(_POINTS[required, actual or 0, up_to])
            )
        return found

    def _score(
        self, kompetensi: list[tuple[int, int, int | None]], signals: dict[str, tuple[int, str]], n: int
    ) -> list[Saran]:
        score: Counter[int] = Counter()
        for kid, required, actual in kompetensi:
            score.update(self._contrib(kid, required, actual))
        for kode, (weight, _nama) in signals.items():
            if weight > 0:
                score.update(kegiatan_id for kegiatan_id, _kid in self.signal_activities(kode) for _i in range(weight))
        if not score:
            return []
        # only the candidates that can reach the top n are ranked by the rule (ties included)
        floor = heapq.nlargest(n, score.values())[-1] if n else 0
        candidates = [(s, self.jp[k], k) for k, s in score.items() if s >= floor and k in self.jp]
        ranked = rule.top(candidates, n)
        needs = {kid: (required, actual) for kid, required, actual in kompetensi}
        return [self._saran(i, s, jp, kegiatan_id, needs, signals) for i, (s, jp, kegiatan_id) in enumerate(ranked, 1)]

    def _saran(
        self,
        peringkat: int,
        skor: int,
        jp: Decimal | int | float,
        kegiatan_id: int,
        needs: dict[int, tuple[int, int | None]],
        signals: dict[str, tuple[int, str]],
    ) -> Saran:
        """The reason of one winner: the need it earns most points for, and how many others it answers."""
        best: tuple[int, _Alasan] | None = None
        answered = 0
        for kid, up_to in self.develops.get(kegiatan_id, ()):
            if kid in needs:
                required, actual = needs[kid]
                p = _POINTS[required, actual or 0, up_to]
                if p:
                    answered += 1
                    if best is None or p > best[0]:
                        best = (p, _Alasan(kid, actual, min(up_to, required), required))
        for kode, (weight, nama) in signals.items():
            self.signal_activities(kode)
            kid_for = self._signal_map[kode].get(kegiatan_id)
            if kid_for is not None and weight > 0:
                answered += 1
                if best is None or weight > best[0]:
                    best = (weight, _Alasan(kid_for, sinyal=kode, sinyal_nama=nama))
        why = best[1] if best else _Alasan(0)
        return Saran(
            kegiatan_id=kegiatan_id,
            peringkat=peringkat,
            skor=skor,
            jp=Decimal(jp),
            kompetensi_id=why.kompetensi_id or None,
            dari=why.dari,
            ke=why.ke,
            disyaratkan=why.disyaratkan,
            sinyal=why.sinyal,
            sinyal_nama=why.sinyal_nama,
            lainnya=max(0, answered - 1),
        )
