"""The SIASN kinds of disciplinary sanction (`jenisHukuman`), read once from karier/talent/data.

Forms and the API offer exactly these kinds; the level (R ringan, S sedang, B berat) is taken from
the kind when a sanction is written, so nobody types a level that contradicts the kind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _l

DATA = Path(__file__).resolve().parents[1] / "data" / "jenisHukuman.json"

TINGKAT_LABEL = {"R": _l("Ringan"), "S": _l("Sedang"), "B": _l("Berat")}


@dataclass(frozen=True)
class JenisHukuman:
    id: int
    nama: str
    tingkat: str  # R / S / B


@cache
def all_kinds() -> dict[int, JenisHukuman]:
    """id → kind, in the order of the SIASN table (loaded once per process)."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    return {int(r["id"]): JenisHukuman(int(r["id"]), r["nama"], r["jenisTingkatHukumanId"]) for r in rows}


def get(jenis_id: object) -> JenisHukuman | None:
    """The kind with this id, or None (an unknown or garbled id)."""
    try:
        key = int(str(jenis_id))
    except (TypeError, ValueError):
        return None
    return all_kinds().get(key)


def nama(jenis_id: int) -> str:
    kind = get(jenis_id)
    return kind.nama if kind else str(jenis_id)


def choices() -> list[tuple[int, str]]:
    """(id, "NAMA (tingkat)") for a select field."""
    return [(k.id, f"{k.nama} ({TINGKAT_LABEL[k.tingkat]})") for k in all_kinds().values()]


def tingkat_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in TINGKAT_LABEL.items()]
