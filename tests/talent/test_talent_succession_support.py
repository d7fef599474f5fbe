"""Builders for the succession tests (no tests here): placements written directly (the 9-box engineer
computes them in production), competency assessments, and the standard key position of the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import TestCase
from django.utils import timezone

from karier.development.models import Kompetensi, PenilaianKompetensi
from karier.people.access import SYSTEM
from karier.talent.models import AturanTalenta, JabatanKritikal, PenempatanTalenta
from karier.talent.succession.services import SyaratData, jabatan_kritikal_set
from tests.orgdata import Org


def kritikal_set(**kwargs: Any) -> JabatanKritikal:
    """`jabatan_kritikal_set`, with the candidates job it starts run as the request would commit (a test's
    transaction never commits, so its on-commit work is run here)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return jabatan_kritikal_set(**kwargs)


LEVELS = {7: ("Tinggi", "Menengah"), 8: ("Menengah", "Tinggi"), 9: ("Tinggi", "Tinggi"), 5: ("Menengah", "Menengah")}


def aturan(**kwargs: Any) -> AturanTalenta:
    if not kwargs:
        return AturanTalenta.objects.get(kode="PERMENPANRB-20-2025")
    defaults = {"kode": f"UJI-{AturanTalenta.objects.count()}", "nama": "Uji", "regulasi": "Uji"}
    return AturanTalenta.objects.create(berlaku_mulai=dt.date(2025, 1, 1), **{**defaults, **kwargs})


def place(pegawai: Any, kotak: int, tahun: int = 2025, *, rules: AturanTalenta | None = None, **kw: Any) -> Any:
    kinerja, potensial = LEVELS.get(kotak, ("Menengah", "Menengah"))
    return PenempatanTalenta.objects.create(
        pegawai=pegawai,
        tahun=tahun,
        aturan=rules or aturan(),
        kinerja=kinerja,
        potensial=potensial,
        kotak=kotak,
        skor_potensial=Decimal(85),
        dihitung_pada=timezone.now(),
        opd_id=pegawai.opd_id,
        unit_id=pegawai.unit_id,
        **kw,
    )


def assess(pegawai: Any, **levels: int) -> None:
    """assess(p, M_1=3) records the level of M.1 (today)."""
    for code, level in levels.items():
        PenilaianKompetensi.objects.create(
            pegawai=pegawai,
            kompetensi=Kompetensi.objects.get(kode=code.replace("_", ".")),
            level=level,
            tanggal=dt.date(2025, 6, 1),
            sumber="ASSESSMENT_CENTER",
        )


def kid(code: str) -> int:
    return Kompetensi.objects.get(kode=code).pk


def standard_syarat(**over: Any) -> SyaratData:
    """The tests' Kepala Bidang: Pengawas or Administrator, III/d, S1, 5 years, M.1 and M.5 at level 3."""
    base = {
        "jenis_jabatan": ["PENGAWAS", "ADMINISTRATOR"],
        "golongan_minimal_id": 34,
        "pendidikan_minimal": "S1",
        "masa_kerja_minimal": 5,
        "kompetensi": {kid("M.1"): 3, kid("M.5"): 3},
    }
    return SyaratData(**{**base, **over})


def tmt(org: Org, *keys: str, on: dt.date = dt.date(2005, 3, 1)) -> None:
    from karier.people.models import Pegawai

    Pegawai.objects.filter(pk__in=[org.pegawai[k].pk for k in keys]).update(tmt_cpns=on)
    for k in keys:
        org.pegawai[k].refresh_from_db()


def scenario(org: Org) -> Any:
    """kabid1's post marked key; kabid2 fits fully (box 8), kasi1 misses M.5 (box 9), staf1b fails the
    kind and golongan but meets the rest (box 7), staf2 meets almost nothing (box 7), pranata sits in
    box 5, the holder kabid1 in box 9."""
    tmt(org, "kabid2", "kasi1", "staf1b", "kabid1")
    place(org.pegawai["kabid2"], 8)
    place(org.pegawai["kasi1"], 9)
    place(org.pegawai["staf1b"], 7)
    place(org.pegawai["staf2"], 7)
    place(org.pegawai["pranata"], 5)
    place(org.pegawai["kabid1"], 9)
    assess(org.pegawai["kabid2"], M_1=3, M_5=4)
    assess(org.pegawai["kasi1"], M_1=3, M_5=2)
    assess(org.pegawai["staf1b"], M_1=3, M_5=3)
    return kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=standard_syarat())
