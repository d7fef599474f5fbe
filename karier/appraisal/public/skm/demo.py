"""SKM demo data: three service units of Pemprov Bengkulu run the survey — a closed first
semester and, after June, an open second one — with anonymous responses and follow-up actions,
all through the services (dated inside their periods). Deterministic (a fixed random seed), and
skipped for a unit that already has periods."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from karier.appraisal.public.skm import services
from karier.appraisal.public.skm.choices import PROFIL_FIELDS, UNSUR_FIELDS
from karier.appraisal.public.skm.models import PeriodeSkm
from karier.appraisal.public.skm.selectors import hasil_periode
from karier.people.access import SYSTEM
from karier.people.models import UnitKerja

# Unit name → (responses per period, the mean answer of each element U1…U9). DPMPTSP's staff
# elements (U6, U7) are low on purpose: the training-needs analysis shows them as a need.
UNITS: dict[str, tuple[int, tuple[float, ...]]] = {
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu": (48, (3.3, 3.1, 2.9, 3.6, 3.2, 2.7, 2.8, 3.0, 3.1)),
    "Dinas Kependudukan dan Catatan Sipil": (60, (3.4, 3.2, 3.0, 3.8, 3.4, 3.3, 3.4, 2.9, 3.0)),
    "RSUD dr. M. Yunus": (40, (3.5, 3.4, 3.1, 3.2, 3.5, 3.6, 3.5, 3.2, 3.3)),
}
TINDAK_LANJUT = {
    "U3": "Menambah loket dan menerapkan antrean daring agar waktu penyelesaian sesuai standar pelayanan.",
    "U6": "Pelatihan teknis dan pelayanan prima bagi petugas front office.",
    "U7": "Pembinaan budaya BerAKHLAK dan survei sikap petugas bulanan.",
    "U8": "Mengaktifkan kanal pengaduan SP4N-LAPOR! di loket dan menanggapi dalam 5 hari kerja.",
    "U9": "Perbaikan ruang tunggu dan fasilitas bagi penyandang disabilitas.",
}


def _answer(rng: random.Random, mean: float) -> int:
    return max(1, min(4, round(rng.gauss(mean, 0.6))))


def _fill(periode: PeriodeSkm, rng: random.Random, n: int, means: tuple[float, ...], last: dt.date) -> None:
    days = (last - periode.mulai).days
    for i in range(n):
        day = periode.mulai + dt.timedelta(days=rng.randint(0, max(days, 0)))
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + i % 7, rng.randint(0, 59))))
        services.skm_respons_submit(
            periode=periode,
            jawaban={name: _answer(rng, m) for name, m in zip(UNSUR_FIELDS, means, strict=True)},
            profil={k: rng.choice([*c.values, ""]) for k, c in PROFIL_FIELDS.items()},
            perangkat_id=f"demo-skm-{periode.pk}-{i:05d}",
            alamat=f"10.{periode.pk % 250}.{i // 250}.{i % 250}",
            now=moment,
        )


def _period(unit: UnitKerja, nama: str, mulai: dt.date, selesai: dt.date) -> PeriodeSkm:
    p = services.skm_periode_create(actor=SYSTEM, unit=unit, nama=nama, mulai=mulai, selesai=selesai)
    return services.skm_periode_open(actor=SYSTEM, periode=p)


def seed_skm_demo(tahun: int | None = None) -> str:
    """Periods, responses and follow-up actions for the demo's service units; a line for the log."""
    today = timezone.localdate()
    tahun = tahun or today.year
    rng = random.Random(13)
    units = {u.nama: u for u in UnitKerja.objects.filter(nama__in=UNITS, parent__isnull=True)}
    made = 0
    for nama, (n, means) in UNITS.items():
        unit = units.get(nama)
        if unit is None or PeriodeSkm.objects.filter(unit=unit).exists():
            continue
        first = _period(unit, f"SKM Semester I {tahun}", dt.date(tahun, 1, 1), dt.date(tahun, 6, 30))
        _fill(first, rng, n, means, min(first.selesai, today))
        periods = [first]
        if today > first.selesai:
            services.skm_periode_close(actor=SYSTEM, periode=first)
            second = _period(unit, f"SKM Semester II {tahun}", dt.date(tahun, 7, 1), dt.date(tahun, 12, 31))
            _fill(second, rng, n // 2, means, min(second.selesai, today))
            periods.append(second)
        weakest = hasil_periode(first).terlemah
        for rank, u in enumerate(weakest[:2]):
            services.skm_tindak_lanjut_add(
                actor=SYSTEM,
                periode=first,
                unsur=u.code,
                tindakan=TINDAK_LANJUT.get(u.code, f"Perbaikan layanan pada unsur {u.label.lower()}."),
                penanggung_jawab=f"Sekretaris {unit.nama}" if rank == 0 else "Kepala Bidang Pelayanan",
                batas_waktu=dt.date(tahun, 12, 31),
            )
        made += len(periods)
    return f"SKM: {made} periode survei kepuasan masyarakat pada {len(units)} unit layanan."
