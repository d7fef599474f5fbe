"""The talent rule sets every installation starts with (loaded by a data migration, and again by the
tests after a flush): PermenPANRB 3/2020 as published — active, because it needs only the JPM of an
assessment, which every agency has — and an example configuration of the PermenPANRB 20/2025
amendment, inactive until an agency records the three components (competency, potential, track record)
for its people and activates it or a version with its own weights (the regulation leaves them to it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

DEFAULT_RULESETS: tuple[dict[str, Any], ...] = (
    {
        "kode": "PERMENPANRB-3-2020",
        "nama": "Manajemen Talenta ASN (PermenPANRB 3/2020)",
        "regulasi": "PermenPANRB 3/2020",
        "versi": 1,
        "metode_kinerja": "terendah",
        "batas_tinggi": Decimal(90),
        "batas_menengah": Decimal(78),
        "bobot": {},
        "tahun_hukuman": 2,
        "kesiapan_sekarang": Decimal(100),
        "kesiapan_1_2_tahun": Decimal(75),
        "berlaku_mulai": dt.date(2020, 1, 1),
        "aktif": True,
    },
    {
        "kode": "PERMENPANRB-20-2025",
        "nama": "Manajemen Talenta ASN (PermenPANRB 3/2020 jo. 20/2025), contoh bobot",
        "regulasi": "PermenPANRB 20/2025",
        "versi": 1,
        "metode_kinerja": "terendah",
        "batas_tinggi": Decimal(90),
        "batas_menengah": Decimal(78),
        "bobot": {"kompetensi": "50", "potensi": "30", "rekam_jejak": "20"},
        "tahun_hukuman": 2,
        "kesiapan_sekarang": Decimal(100),
        "kesiapan_1_2_tahun": Decimal(75),
        "berlaku_mulai": dt.date(2025, 1, 1),
        "aktif": False,
    },
)


def load_rulesets(model: Any) -> int:
    """Create the default rule sets that are missing (by code); returns how many were created."""
    existing = set(model.objects.values_list("kode", flat=True))
    rows = [model(**row) for row in DEFAULT_RULESETS if row["kode"] not in existing]
    model.objects.bulk_create(rows)
    return len(rows)
