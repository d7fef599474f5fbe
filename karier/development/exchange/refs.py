"""SIASN reference lists used by the exchange (copied from the domain brief's `data/siasn_ref/`):
`jenisDiklat` (course kinds, ids "1"–"25"), `jenisKursus` (1,287 named course types) and
`latihanStruktural` (structural trainings, ids "1"–"8"). Read once per process.

Which activity is a *structural* training (SIASN's `diklat` layout) is decided here, in one place.
jenisDiklat id "1" is "Diklat Struktural"; no catalogue method maps to it (`SIASN_JENIS_DIKLAT`), because
since PermenPANRB/Peraturan LAN 2019 the leadership trainings are run as *pelatihan*: PKP replaced
Diklat PIM IV, PKA Diklat PIM III, PKN Tingkat II Diklat PIM II and PKN Tingkat I Diklat PIM I. So an
activity is structural when its jenisDiklat is "1", or when it is a leadership training by name
(the names and abbreviations below), and it is reported with the matching `latihanStrukturalId`
(8, "Diklat Struktural Lainnya", when the tier is not named).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "siasn_ref"
JENIS_DIKLAT_STRUKTURAL = "1"
LATIHAN_LAINNYA = "8"

# (pattern on the activity's name, latihanStrukturalId): the first that matches wins.
_STRUKTURAL_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bpkn\b.*\b(tingkat|tk\.?)\s*(i|1)\b(?!i)|\bpim\b.*\b(tingkat|tk\.?)\s*(i|1)\b(?!i)", re.I), "5"),
    (re.compile(r"\bpkn\b|kepemimpinan nasional|\bpim\b.*\b(tingkat|tk\.?)\s*(ii|2)\b(?!i)", re.I), "4"),
    (re.compile(r"\bpka\b|kepemimpinan administrator|\bpim\b.*\b(tingkat|tk\.?)\s*(iii|3)\b", re.I), "3"),
    (re.compile(r"\bpkp\b|kepemimpinan pengawas|\bpim\b.*\b(tingkat|tk\.?)\s*(iv|4)\b", re.I), "2"),
    (re.compile(r"diklat\s+(pim|struktural)|\bsespim\b|\bsespa", re.I), LATIHAN_LAINNYA),
)


def _load(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        data: list[dict[str, str]] = json.load(f)
    return data


@cache
def jenis_diklat() -> dict[str, str]:
    """id → name, e.g. "11" → "Kursus"."""
    return {r["id"]: r["jenis"] for r in _load("jenisDiklat.json")}


@cache
def latihan_struktural() -> dict[str, str]:
    """id → name, e.g. "2" → "SEPALA/ADUM/DIKLAT PIM TK.IV"."""
    return {r["id"]: r["nama"] for r in _load("latihanStruktural.json")}


@cache
def _jenis_kursus_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for r in _load("jenisKursus.json"):
        nama = " ".join(r["nama"].split())
        for key in (r["id"], r.get("kodeCepat", ""), nama):
            if key:
                index[key.casefold()] = nama
    return index


def jenis_kursus(value: str) -> str | None:
    """The canonical jenisKursus name for a name, SIASN id or quick code; "" for empty; None if unknown."""
    text = " ".join(str(value).split())
    if not text:
        return ""
    return _jenis_kursus_index().get(text.casefold())


#: jenisDiklat ids under which a leadership training may be catalogued: Diklat Struktural, Diklat Teknis (the
#: catalogue's "pelatihan"), Pelatihan Manajerial. A coaching or seminar on leadership is not structural.
_PELATIHAN = frozenset({JENIS_DIKLAT_STRUKTURAL, "3", "5"})


def latihan_struktural_for(nama: str, jenis_diklat_id: str) -> str | None:
    """The latihanStrukturalId of a structural training, or None when the activity is a course."""
    if jenis_diklat_id not in _PELATIHAN:
        return None
    for pattern, ls_id in _STRUKTURAL_NAMES:
        if pattern.search(nama):
            return ls_id
    return LATIHAN_LAINNYA if jenis_diklat_id == JENIS_DIKLAT_STRUKTURAL else None
