"""SIASN reference tables shipped with Karier (copied from BKN's SIASN web-service data).

Loaded by a data migration and re-runnable with `karier load-refdata` (idempotent upserts).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from karier.people.choices import SIASN_JENJANG

DATA_DIR = Path(__file__).resolve().parent / "data" / "siasn_ref"
PEMPROV_BENGKULU_KODE = "A5EB03E23C2BF6A0E040640A040252AD"


def _read(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def load_reference_data(models: Any) -> dict[str, int]:
    """Upsert the reference tables. `models` maps names to model classes (historical or real)."""
    counts: dict[str, int] = {}

    golongan = [
        models["Golongan"](id=int(r["id"]), kode=r["nama"], pangkat=r["namaPangkat"]) for r in _read("golonganPns")
    ]
    models["Golongan"].objects.bulk_create(
        golongan, update_conflicts=True, unique_fields=["id"], update_fields=["kode", "pangkat"]
    )
    counts["golongan"] = len(golongan)

    eselon = [
        models["Eselon"](id=r["id"], nama=r["nama"] or "Non-eselon", jabatan_asn=r["jabatanAsn"] or "")
        for r in _read("eselon")
    ]
    models["Eselon"].objects.bulk_create(
        eselon, update_conflicts=True, unique_fields=["id"], update_fields=["nama", "jabatan_asn"]
    )
    counts["eselon"] = len(eselon)

    jenis = [models["JenisJabatanSiasn"](id=r["id"], nama=r["nama"]) for r in _read("jenisJabatan")]
    models["JenisJabatanSiasn"].objects.bulk_create(
        jenis, update_conflicts=True, unique_fields=["id"], update_fields=["nama"]
    )
    counts["jenis_jabatan"] = len(jenis)

    jf = []
    for r in _read("jabatanFungsional"):
        bup = str(r.get("usiaBup") or "").strip()
        jf.append(
            models["JabatanFungsional"](
                id=r["id"],
                nama=r["nama"].strip(),
                jenjang=SIASN_JENJANG.get(r.get("jenjang") or "", ""),
                usia_bup=int(bup) if bup.isdigit() else None,
                aktif=r.get("status") != "O",
            )
        )
    models["JabatanFungsional"].objects.bulk_create(
        jf,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["nama", "jenjang", "usia_bup", "aktif"],
        batch_size=500,
    )
    counts["jabatan_fungsional"] = len(jf)

    seen: set[str] = set()
    instansi = []
    for r in _read("instansi"):
        if r["id"] in seen:  # the SIASN table lists TVRI twice under one id
            continue
        seen.add(r["id"])
        instansi.append(
            models["Instansi"](
                kode=r["id"],
                nama=r["nama"].strip(),
                jenis=r.get("jenis") or "D",
                kode_cepat=r.get("kodeCepat") or "",
                jenis_instansi=r.get("jenisInstansiId") or "",
            )
        )
    models["Instansi"].objects.bulk_create(
        instansi,
        update_conflicts=True,
        unique_fields=["kode"],
        update_fields=["nama", "jenis", "kode_cepat", "jenis_instansi"],
        batch_size=500,
    )
    counts["instansi"] = len(instansi)
    return counts
