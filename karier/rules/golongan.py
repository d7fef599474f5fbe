"""The pangkat/golongan ruang ladder of PNS (PP 99/2000 jo PP 12/2002).

Seventeen steps from I/a Juru Muda to IV/e Pembina Utama. The SIASN ids (11–14, 21–24, 31–34,
41–45) are those of BKN's SIASN reference table ``golonganPns``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GOLONGAN_LADDER",
    "Golongan",
    "UnknownGolongan",
    "compare_golongan",
    "get_golongan",
    "golongan_from_siasn_id",
    "golongan_ladder",
    "golongan_rank",
    "golongan_romawi",
    "next_golongan",
    "siasn_id_for",
]


class UnknownGolongan(ValueError):
    """Not a golongan ruang code (``III/a``) or SIASN id (``31``)."""

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(
            f"Golongan “{value}” tidak dikenal. Gunakan kode seperti “III/a” (I/a s.d. IV/e) "
            "atau id SIASN (11 s.d. 45)."
        )


@dataclass(frozen=True)
class Golongan:
    """One step of the ladder; ``rank`` is 1 (I/a) … 17 (IV/e)."""

    code: str
    pangkat: str
    siasn_id: int
    rank: int

    @property
    def label(self) -> str:
        """E.g. ``Penata Muda (III/a)``."""
        return f"{self.pangkat} ({self.code})"


_PANGKAT = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _siasn_id(code: str) -> int:
    roman, letter = code.split("/")
    return _ROMAN[roman] * 10 + "abcde".index(letter) + 1


GOLONGAN_LADDER: tuple[Golongan, ...] = tuple(
    Golongan(code, pangkat, _siasn_id(code), rank) for rank, (code, pangkat) in enumerate(_PANGKAT, start=1)
)
_BY_CODE = {g.code.casefold(): g for g in GOLONGAN_LADDER}
_BY_ID = {g.siasn_id: g for g in GOLONGAN_LADDER}


def golongan_ladder() -> tuple[Golongan, ...]:
    """The 17 steps, lowest first."""
    return GOLONGAN_LADDER


def get_golongan(value: str | int) -> Golongan:
    """Look up a golongan by code (``"III/a"``, case and spaces ignored) or SIASN id (``31``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        found = _BY_ID.get(value)
    elif isinstance(value, str):
        text = "".join(value.split())
        found = _BY_ID.get(int(text)) if text.isdecimal() else _BY_CODE.get(text.casefold())
    else:
        found = None
    if found is None:
        raise UnknownGolongan(value)
    return found


def next_golongan(golongan: str | int) -> str | None:
    """The code one step up (``"III/a"`` → ``"III/b"``), or ``None`` at IV/e."""
    rank = get_golongan(golongan).rank
    return GOLONGAN_LADDER[rank].code if rank < len(GOLONGAN_LADDER) else None


def golongan_from_siasn_id(siasn_id: int | str) -> str:
    """SIASN id → code (``31`` → ``"III/a"``)."""
    if isinstance(siasn_id, str) and not "".join(siasn_id.split()).isdecimal():
        raise UnknownGolongan(siasn_id)
    return get_golongan(siasn_id).code


def siasn_id_for(golongan: str) -> int:
    """Code → SIASN id (``"III/a"`` → ``31``)."""
    return get_golongan(golongan).siasn_id


def golongan_rank(golongan: str | int) -> int:
    """Position on the ladder, 1 (I/a) … 17 (IV/e)."""
    return get_golongan(golongan).rank


def golongan_romawi(golongan: str | int) -> str:
    """The golongan without its ruang, the roman numeral (``"III/a"`` → ``"III"``, ``41`` → ``"IV"``)."""
    return get_golongan(golongan).code.split("/")[0]


def compare_golongan(a: str | int, b: str | int) -> int:
    """-1 if ``a`` is lower than ``b``, 0 if equal, 1 if higher."""
    ra, rb = golongan_rank(a), golongan_rank(b)
    return (ra > rb) - (ra < rb)
