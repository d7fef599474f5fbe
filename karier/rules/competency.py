"""Competencies and the level each position requires (PermenPANRB 38/2017).

Eight managerial competencies and one socio-cultural competency, each with levels 1–5
(Kamus Kompetensi, PermenPANRB 38/2017 — [V]). The required level per kind of position is
configurable data: JPT Pratama 4 and Administrator 3 are confirmed from published standards;
the other structural rows and all functional rows come from one public implementation
(research.md appendix §3 — [P]/[U]).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .jabatan import JenisJabatan
from .labels import Jenjang

__all__ = [
    "DEFAULT_REQUIRED_LEVELS",
    "KOMPETENSI",
    "CompetencyGap",
    "Kompetensi",
    "competency_gaps",
    "get_kompetensi",
    "job_person_match",
    "need_weight",
    "required_level",
    "required_levels",
    "validate_required_levels",
]

LEVEL_MIN = 1
LEVEL_MAX = 5


@dataclass(frozen=True)
class Kompetensi:
    """A managerial (M.x) or socio-cultural (SK.x) competency of the Kamus Kompetensi."""

    code: str
    name: str
    jenis: str


KOMPETENSI: tuple[Kompetensi, ...] = (
    Kompetensi("M.1", "Integritas", "Manajerial"),
    Kompetensi("M.2", "Kerja Sama", "Manajerial"),
    Kompetensi("M.3", "Komunikasi", "Manajerial"),
    Kompetensi("M.4", "Orientasi pada Hasil", "Manajerial"),
    Kompetensi("M.5", "Pelayanan Publik", "Manajerial"),
    Kompetensi("M.6", "Pengembangan Diri dan Orang Lain", "Manajerial"),
    Kompetensi("M.7", "Mengelola Perubahan", "Manajerial"),
    Kompetensi("M.8", "Pengambilan Keputusan", "Manajerial"),
    Kompetensi("SK.1", "Perekat Bangsa", "Sosial Kultural"),
)
_CODES = tuple(k.code for k in KOMPETENSI)


def get_kompetensi(code_or_name: str) -> Kompetensi:
    """Look up a competency by code (``M.1``) or name (``Integritas``), case-insensitive."""
    key = " ".join(code_or_name.split()).casefold()
    for k in KOMPETENSI:
        if key in (k.code.casefold(), k.name.casefold()):
            return k
    raise ValueError(f"Kompetensi “{code_or_name}” tidak dikenal.")


def _uniform(level: int, **overrides: int) -> dict[str, int]:
    levels = dict.fromkeys(_CODES, level)
    levels.update({code.replace("_", "."): value for code, value in overrides.items()})
    return levels


#: Position (kind of position, or functional jenjang) → competency code → required level.
DEFAULT_REQUIRED_LEVELS: Mapping[str, Mapping[str, int]] = {
    JenisJabatan.JPT_UTAMA.value: _uniform(5),
    JenisJabatan.JPT_MADYA.value: _uniform(5),
    JenisJabatan.JPT_PRATAMA.value: _uniform(4),
    JenisJabatan.ADMINISTRATOR.value: _uniform(3),
    JenisJabatan.PENGAWAS.value: _uniform(2),
    JenisJabatan.PELAKSANA.value: _uniform(1),
    Jenjang.AHLI_UTAMA.value: _uniform(4, M_1=5, SK_1=5),
    Jenjang.AHLI_MADYA.value: _uniform(4),
    Jenjang.AHLI_MUDA.value: _uniform(3),
    Jenjang.AHLI_PERTAMA.value: _uniform(2),
    Jenjang.PENYELIA.value: _uniform(3),
    Jenjang.MAHIR.value: _uniform(2),
    Jenjang.TERAMPIL.value: _uniform(1, M_1=2, M_2=2, SK_1=2),
    Jenjang.PEMULA.value: _uniform(1),
}

_POSITIONS = tuple(m.value for m in JenisJabatan if m is not JenisJabatan.FUNGSIONAL) + tuple(m.value for m in Jenjang)


def validate_required_levels(table: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Check an administrator's table (e.g. from JSON) and return it as plain dicts.

    Every key must be a kind of position (JPT Utama … Pelaksana) or a functional jenjang, each
    row must give all nine competencies by code, and every level must be 1–5.
    """
    result: dict[str, dict[str, int]] = {}
    for position, row in table.items():
        if position not in _POSITIONS:
            raise ValueError(f"Jabatan “{position}” tidak dikenal. Pilihan: {', '.join(_POSITIONS)}.")
        if set(row) != set(_CODES):
            raise ValueError(f"Standar untuk “{position}” harus memuat tepat kompetensi {', '.join(_CODES)}.")
        for code, level in row.items():
            if isinstance(level, bool) or not isinstance(level, int) or not LEVEL_MIN <= level <= LEVEL_MAX:
                raise ValueError(f"Level {code} untuk “{position}” harus bilangan 1 s.d. 5, bukan {level}.")
        result[position] = dict(row)
    return result


def required_levels(
    position: JenisJabatan | Jenjang | str,
    table: Mapping[str, Mapping[str, int]] = DEFAULT_REQUIRED_LEVELS,
) -> dict[str, int]:
    """Competency code → required level for a kind of position or a functional jenjang."""
    if position == JenisJabatan.FUNGSIONAL:
        raise ValueError("Untuk jabatan fungsional, sebutkan jenjangnya (mis. “Ahli Muda”).")
    row = table.get(str(position))
    if row is None:
        raise ValueError(f"Standar kompetensi untuk “{position}” belum ditetapkan.")
    return dict(row)


def required_level(
    position: JenisJabatan | Jenjang | str,
    kompetensi: str,
    table: Mapping[str, Mapping[str, int]] = DEFAULT_REQUIRED_LEVELS,
) -> int:
    """Required level of one competency (code or name) for a position."""
    return required_levels(position, table)[get_kompetensi(kompetensi).code]


@dataclass(frozen=True)
class CompetencyGap:
    """A competency whose assessed level is below the requirement (or not assessed)."""

    kompetensi: Kompetensi
    required: int
    actual: int | None

    @property
    def gap(self) -> int:
        return self.required - (self.actual or 0)


def competency_gaps(
    position: JenisJabatan | Jenjang | str,
    actual: Mapping[str, int],
    table: Mapping[str, Mapping[str, int]] = DEFAULT_REQUIRED_LEVELS,
) -> list[CompetencyGap]:
    """Competencies below the position's standard, in Kamus order; ``actual`` is keyed by code or name."""
    assessed = {get_kompetensi(k).code: v for k, v in actual.items()}
    gaps = []
    for code, required in required_levels(position, table).items():
        level = assessed.get(code)
        if level is None or level < required:
            gaps.append(CompetencyGap(get_kompetensi(code), required, level))
    return gaps


def job_person_match(assessed: Mapping[str, int], required: Mapping[str, int]) -> Decimal:
    """Job Person Match (JPM, percent, two decimals) of a person for a position's standard.

    JPM = Σ min(assessed, required) / Σ required × 100 over the required competencies: a level above
    the requirement does not make up for a gap elsewhere, and an unassessed competency counts 0
    (the practice of BKN-style assessment reports — [P]). Feeds `talent.potensial_level`.
    """
    if not required:
        raise ValueError("Standar kompetensi jabatan kosong: JPM tidak dapat dihitung.")
    total = 0
    for code, level in required.items():
        if not LEVEL_MIN <= level <= LEVEL_MAX:
            raise ValueError(f"Level yang disyaratkan untuk {code} harus 1 s.d. 5, bukan {level}.")
        total += min(assessed.get(code, 0), level)
    percent = Decimal(total * 100) / Decimal(sum(required.values()))
    return percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


#: How development needs are ranked (highest first) once PP 11/2017 Pasal 205–206 has named their
#: sources — a competency gap against the position's standard and a performance gap. The order is
#: Karier's — [U]: what is known to be short (a poor predikat, a competency levels below the standard)
#: comes before what is unknown (a competency never assessed calls for an assessment first).
NEED_WEIGHTS: Mapping[str, int] = {
    "predikat": 7,  # a predikat of Butuh Perbaikan or below
    "perilaku": 4,  # a BerAKHLAK value below expectations
    "realisasi": 2,  # a realisation trailing its target
    "belum_dinilai": 1,  # a required competency never assessed
}
#: A BerAKHLAK value averaged below this (1–5 scale, 3 = Cukup) is below expectations.
PERILAKU_BELOW_EXPECTATIONS = 3


def need_weight(kind: str, *, required: int | None = None, actual: int | None = None) -> int:
    """The rank weight of one development need. ``kind="kompetensi"`` weighs a competency against its
    required level: 2 × the levels missing + 1 (one level: 3, two: 5 …), 1 when never assessed, 0 when
    the standard is met; any other kind is looked up in `NEED_WEIGHTS`."""
    if kind != "kompetensi":
        return NEED_WEIGHTS[kind]
    if required is None or not LEVEL_MIN <= required <= LEVEL_MAX:
        raise ValueError(f"Level yang disyaratkan harus 1 s.d. 5, bukan {required}.")
    if actual is None:
        return NEED_WEIGHTS["belum_dinilai"]
    return 2 * (required - actual) + 1 if actual < required else 0
