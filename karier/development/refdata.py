"""The Kamus Kompetensi (PermenPANRB 38/2017): eight managerial competencies and perekat bangsa,
levels 1–5 with their descriptions and behaviour indicators, shipped as CSV.

Loaded by a data migration (as `people.refdata` loads the SIASN tables) and re-runnable: upserts by
code and (competency, level), so a BKD admin's wording of "apa artinya bagi Anda" is kept unless it
is empty.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "kamus_kompetensi_manajerial_sosiokultural.csv"

JENIS = {"Manajerial": "MANAJERIAL", "Sosial Kultural": "SOSIOKULTURAL"}

# What each level asks of a person, in everyday words. The Kamus grows every competency the same way:
# from oneself (1), to the immediate team (2), to the unit one leads (3), to the whole agency (4), to
# the government and the nation (5).
ARTI_LEVEL = {
    1: "Anda menunjukkan kompetensi ini dalam pekerjaan Anda sendiri sehari-hari.",
    2: "Anda menunjukkan kompetensi ini dan mengajak rekan kerja di kelompok kerja Anda melakukannya juga.",
    3: "Anda memastikan orang-orang di unit yang Anda pimpin menunjukkan kompetensi ini, dan menegur atau "
    "memberi apresiasi bila perlu.",
    4: "Anda membangun suasana dan cara kerja di seluruh instansi supaya kompetensi ini menjadi kebiasaan.",
    5: "Anda menjadi teladan dan penggerak kompetensi ini di tingkat pemerintahan yang lebih luas, bahkan nasional.",
}


def _title(name: str) -> str:
    small = {"pada", "dan", "di"}
    return " ".join(w.lower() if w.lower() in small and i else w.capitalize() for i, w in enumerate(name.split()))


def _indikator(text: str) -> str:
    return "\n".join(part.strip() for part in text.split("|") if part.strip())


def load_kamus(kompetensi_model: Any, level_model: Any) -> int:
    """Upsert the nine competencies and their 45 levels; returns the number of levels."""
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    seen: dict[str, dict[str, str]] = {}
    for r in rows:
        seen.setdefault(r["kode"], r)
    for urutan, (kode, r) in enumerate(seen.items(), start=1):
        kompetensi_model.objects.update_or_create(
            kode=kode,
            defaults={
                "nama": _title(r["kompetensi"]),
                "jenis": JENIS.get(r["jenis"], "MANAJERIAL"),
                "definisi": r["definisi"].strip(),
                "urutan": urutan,
            },
        )
    ids = dict(kompetensi_model.objects.filter(kode__in=list(seen)).values_list("kode", "pk"))
    for r in rows:
        level = int(r["level"])
        obj, _created = level_model.objects.update_or_create(
            kompetensi_id=ids[r["kode"]],
            level=level,
            defaults={"deskripsi": r["deskripsi_level"].strip(), "indikator": _indikator(r["indikator_perilaku"])},
        )
        if not obj.arti:
            obj.arti = ARTI_LEVEL[level]
            obj.save(update_fields=["arti"])
    return len(rows)
