"""Builders for the recommendation tests: a standard, assessments and activities through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from karier.development.competency import services
from karier.development.models import Kompetensi, SumberPenilaian
from tests.development.catalogue_helpers import kegiatan, sesi


def k(kode: str) -> Kompetensi:
    return Kompetensi.objects.get(kode=kode)


def assess(org: Any, key: str, kode: str, level: int) -> None:
    services.penilaian_record(
        actor=org.actor("admin"),
        pegawai=org.pegawai[key],
        kompetensi=k(kode),
        level=level,
        tanggal=dt.date(2026, 1, 5),
        sumber=SumberPenilaian.ASSESSMENT_CENTER,
    )


def require(org: Any, key: str, kode: str, level: int) -> None:
    services.standar_kompetensi_set(
        actor=org.actor("admin"), jabatan=org.pegawai[key].jabatan, kompetensi=k(kode), level=level
    )


def activity(org: Any, kode: str, jp: str, **levels: int) -> Any:
    """An activity developing competencies given as M_3=3 (code with _ for .)."""
    return kegiatan(
        org.actor("admin"),
        kode=kode,
        jp=jp,
        jenis="MANAJERIAL",
        metode="PELATIHAN",
        kompetensi={k(c.replace("_", ".")).pk: lv for c, lv in levels.items()},
    )


def scenario(org: Any) -> dict[str, Any]:
    """staf1a: Komunikasi required 3, assessed 2 (the issue's example); Orientasi pada Hasil required 4,
    assessed 1. Four activities, one with an upcoming session."""
    require(org, "staf1a", "M.3", 3)
    require(org, "staf1a", "M.4", 4)
    assess(org, "staf1a", "M.3", 2)
    assess(org, "staf1a", "M.4", 1)
    acts = {
        "kom": activity(org, "KOM-1", "12", M_3=3),
        "hasil": activity(org, "HSL-4", "40", M_4=4),
        "hasil2": activity(org, "HSL-2", "8", M_4=2),
        "lain": activity(org, "PKB-1", "4", M_8=2),
    }
    acts["sesi"] = sesi(org.actor("admin"), acts["kom"], kapasitas=5)
    return acts
