"""Benchmark the fairness analytics (issue #13 item 2, Scale: "for an agency of 10,000 render in under 1 s").

    .venv/bin/python bench/insight_fairness.py                      # temporary SQLite
    .venv/bin/python bench/insight_fairness.py --database-url postgres://karier:karier@127.0.0.1:54330/bench_fair
    .venv/bin/python bench/insight_fairness.py --pegawai 20000 --repeat 9

Builds, once per database (untimed): one agency ("Dinas Uji Keadilan") of N employees — 20 bidang of 5
seksi each, their heads through the people services (so the agency head's Actor is real), the staff with
set-based inserts — each with an approved plan and a FINAL annual evaluation of 2026 rated by their
appraiser (a deterministic spread over the nine rating pairs, a third without reasons, half of the
appraisers rating in one bulk save, a quarter with a dialog note in the first quarter, ~5 % calibrated).

Then times, through the Django test client as the agency head ("kadis") and a BKD admin ("admin"): the
screen, the API and the Excel download — the cold first request, then the median (p50) and the slowest
of `--repeat` warm requests, with the number of queries. A disposable database: never point it at data
you keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import django_in_temp_dir, peak_mb

TAHUN = 2026
AGENCY = "Dinas Uji Keadilan"
BIDANG, SEKSI = 20, 5
RATINGS = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")


def _spread(i: int) -> tuple[str, str]:
    """Mostly Sesuai/Sesuai, some above, a few below (deterministic)."""
    hk = 0 if i % 10 < 2 else (2 if i % 10 == 9 else 1)
    pl = 0 if (i // 10) % 10 < 1 else (2 if (i // 10) % 10 == 9 else 1)
    return RATINGS[hk], RATINGS[pl]


def build(pegawai: int) -> None:
    """The agency, its people, plans, evaluations, notes and moves (skipped when already there)."""
    from django.db import transaction
    from django.utils import timezone

    from karier.accounts.models import User
    from karier.appraisal.models import CatatanDialog, Evaluasi, Kalibrasi, PeriodePenilaian
    from karier.people import services
    from karier.people.access import SYSTEM
    from karier.people.models import Golongan, Instansi, Pegawai, UnitKerja
    from karier.plans.models import Skp, TahunKinerja
    from karier.rules import predikat_kinerja

    if UnitKerja.objects.filter(nama=AGENCY).exists():
        print("dataset already there", flush=True)
        return
    t0 = time.perf_counter()
    instansi = Instansi.objects.order_by("pk").first()
    assert instansi is not None, "reference data missing: run migrate"
    gol = Golongan.objects.get(kode="III/a")
    seq = [0]

    def person(nama: str, jabatan: Any) -> Pegawai:
        seq[0] += 1
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=97 * seq[0] % 12000)
        p = services.pegawai_create(
            actor=SYSTEM,
            data=services.PegawaiData(
                nip=f"{birth:%Y%m%d}201001{1 + seq[0] % 2}{seq[0] % 1000:03d}"[:18],
                nama=nama,
                jenis_kelamin="LP"[seq[0] % 2],
                tanggal_lahir=birth,
                pendidikan="S1",
                instansi=instansi,
            ),
        )
        services.golongan_record(actor=SYSTEM, pegawai=p, golongan=gol, tmt=dt.date(2020, 1, 1))
        services.penugasan_assign(actor=SYSTEM, pegawai=p, jabatan=jabatan, mulai=dt.date(2020, 1, 2))
        p.refresh_from_db()
        return p

    def jab(unit: Any, nama: str, jenis: str, atasan: Any, kepala: bool, formasi: int = 1) -> Any:
        return services.jabatan_create(
            actor=SYSTEM,
            data=services.JabatanData(
                unit=unit,
                nama=nama,
                jenis=jenis,
                atasan=atasan,
                adalah_kepala_unit=kepala,
                formasi=formasi,
                jenjang="Ahli Pertama" if jenis == "FUNGSIONAL" else "",
            ),
        )

    opd = services.unit_create(actor=SYSTEM, instansi=instansi, nama=AGENCY, jenis="OPD")
    kadis_jab = jab(opd, "Kepala Dinas Uji", "JPT_PRATAMA", None, True)
    kadis = person("Kepala Dinas Uji", kadis_jab)
    User.objects.create_user(username="kadis", password="bench-keadilan", pegawai=kadis)
    if not User.objects.filter(username="admin").exists():
        User.objects.create_user(username="admin", password="bench-keadilan", is_admin_bkd=True)
    seksi: list[tuple[Any, Any, Pegawai]] = []  # (unit, staff position, head)
    heads: list[tuple[Pegawai, Any, Pegawai]] = []  # (head, their position, their appraiser)
    for b in range(BIDANG):
        bu = services.unit_create(actor=SYSTEM, instansi=instansi, nama=f"Bidang {b + 1}", jenis="BIDANG", parent=opd)
        bj = jab(bu, f"Kepala Bidang {b + 1}", "ADMINISTRATOR", kadis_jab, True)
        bh = person(f"Kabid {b + 1}", bj)
        heads.append((bh, bj, kadis))
        for s in range(SEKSI):
            su = services.unit_create(
                actor=SYSTEM, instansi=instansi, nama=f"Seksi {b + 1}.{s + 1}", jenis="SUBBIDANG", parent=bu
            )
            sj = jab(su, f"Kepala Seksi {b + 1}.{s + 1}", "PENGAWAS", bj, True)
            sh = person(f"Kasi {b + 1}.{s + 1}", sj)
            heads.append((sh, sj, bh))
            staff = jab(su, f"Pelaksana {b + 1}.{s + 1}", "PELAKSANA" if s % 2 else "FUNGSIONAL", sj, False, 10_000)
            seksi.append((su, staff, sh))
    print(f"units, positions and {len(heads) + 1} officials: {time.perf_counter() - t0:.1f} s", flush=True)

    t = time.perf_counter()
    n_staff = max(pegawai - len(heads) - 1, 0)
    rows = []
    for i in range(n_staff):
        su, staff, _sh = seksi[i % len(seksi)]
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=(i * 37) % 13000)
        rows.append(
            Pegawai(
                nip=f"{birth:%Y%m%d}{2000 + i % 20}03{1 + i % 2}{i % 1000:03d}"[:14] + f"{i:04d}"[-4:],
                nama=f"Pegawai Uji {i:05d}",
                jenis_kelamin="LP"[i % 2],
                tanggal_lahir=birth,
                pendidikan="S1",
                instansi=instansi,
                golongan_id=(31, 32, 33, 34, 21, 22, 41)[i % 7],
                jabatan=staff,
                unit=su,
                opd=opd,
            )
        )
    with transaction.atomic():
        Pegawai.objects.bulk_create(rows, batch_size=2000)
    staff_people = list(Pegawai.objects.filter(opd=opd, nama__startswith="Pegawai Uji").order_by("pk"))
    tahun, _ = TahunKinerja.objects.get_or_create(tahun=TAHUN, defaults={"batas_penetapan_skp": dt.date(TAHUN, 1, 31)})
    common = {"tahun": tahun, "dibuka_pada": dt.date(TAHUN, 1, 1), "batas_pengisian": dt.date(TAHUN + 1, 1, 31)}
    annual, _ = PeriodePenilaian.objects.get_or_create(
        jenis="TAHUNAN",
        nomor=0,
        tahun=tahun,
        defaults={"nama": "Tahunan", "mulai": dt.date(TAHUN, 1, 1), "selesai": dt.date(TAHUN, 12, 31), **common},
    )
    quarter, _ = PeriodePenilaian.objects.get_or_create(
        jenis="TRIWULAN",
        nomor=1,
        tahun=tahun,
        defaults={"nama": "Triwulan I", "mulai": dt.date(TAHUN, 1, 1), "selesai": dt.date(TAHUN, 3, 31), **common},
    )
    # (person, unit, position, appraiser) for everyone but the agency head.
    subjects: list[tuple[Pegawai, Any, Any, Pegawai]] = [
        (p, seksi[i % len(seksi)][0], seksi[i % len(seksi)][1], seksi[i % len(seksi)][2])
        for i, p in enumerate(staff_people)
    ] + [(h, pos.unit, pos, appraiser) for h, pos, appraiser in heads]
    with transaction.atomic():
        Skp.objects.bulk_create(
            [
                Skp(
                    pegawai=p,
                    tahun=tahun,
                    periode_mulai=dt.date(TAHUN, 1, 1),
                    periode_selesai=dt.date(TAHUN, 12, 31),
                    jabatan=pos,
                    unit=unit,
                    penilai=appraiser,
                    status="DISETUJUI",
                )
                for p, unit, pos, appraiser in subjects
            ],
            batch_size=2000,
        )
    skp = dict(Skp.objects.filter(tahun=tahun, unit__opd_id=opd.pk).values_list("pegawai_id", "pk"))
    now = timezone.now()
    evaluations = []
    for i, (p, unit, pos, appraiser) in enumerate(subjects):
        hk, pl = _spread(i)
        bulk = appraiser.pk % 2 == 0  # half of the appraisers rate everyone in one save
        evaluations.append(
            Evaluasi(
                skp_id=skp[p.pk],
                periode=annual,
                pegawai=p,
                unit=unit,
                jabatan=pos,
                penilai=appraiser,
                rating_hasil_kerja=hk,
                alasan_hasil_kerja="" if i % 3 == 0 and hk == RATINGS[1] else "Capaian sesuai bukti dukung.",
                rating_perilaku=pl,
                alasan_perilaku="" if i % 3 == 0 and pl == RATINGS[1] else "Perilaku sesuai BerAKHLAK.",
                predikat=str(predikat_kinerja(hk, pl)),
                status="FINAL",
                dinilai_pada=now if bulk else now + dt.timedelta(microseconds=i),
                final_pada=now,
            )
        )
    with transaction.atomic():
        Evaluasi.objects.bulk_create(evaluations, batch_size=2000)
        ids = list(
            Evaluasi.objects.filter(periode=annual, unit__opd_id=opd.pk).order_by("pk").values_list("pk", "skp_id")
        )
        quarters = Evaluasi.objects.bulk_create(
            [
                Evaluasi(
                    skp_id=skp_id, periode=quarter, pegawai_id=e.pegawai_id, unit_id=e.unit_id, jabatan_id=e.jabatan_id
                )
                for (ev_id, skp_id), e in zip(ids, evaluations, strict=True)
                if ev_id % 4 == 0
            ],
            batch_size=2000,
        )
        q_ids = Evaluasi.objects.filter(periode=quarter, unit__opd_id=opd.pk).values_list("pk", flat=True)
        CatatanDialog.objects.bulk_create([CatatanDialog(evaluasi_id=q, teks="Dialog triwulan I.") for q in q_ids])
        mover = User.objects.get(username="kadis")
        Kalibrasi.objects.bulk_create(
            [
                Kalibrasi(evaluasi_id=ev_id, dari="Baik", ke="Butuh Perbaikan", alasan="Kurva.", oleh=mover)
                for ev_id, _skp in ids
                if ev_id % 20 == 0
            ]
        )
    print(
        f"{len(subjects) + 1:,} employees, {len(ids):,} final evaluations, {len(quarters):,} notes: "
        f"{time.perf_counter() - t:.1f} s",
        flush=True,
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")


def timed(urls: list[tuple[str, str]], repeat: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from karier.accounts.models import User

    settings.ALLOWED_HOSTS = ["testserver"]
    print(f"load average before: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores; other work slows the wall time)")
    head = ("who", "page", "cold ms", "p50 ms", "max ms", "cpu p50", "queries")
    print("{:6} {:<44} {:>8} {:>8} {:>8} {:>8} {:>8}".format(*head), f"({connection.vendor})")
    for who, url in urls:
        client = Client()
        client.force_login(User.objects.get(username=who))
        t = time.perf_counter()
        r: Any = client.get(url)
        cold = (time.perf_counter() - t) * 1000
        assert r.status_code == 200, (url, r.status_code)
        warm, cpu = [], []
        queries = 0
        for _i in range(max(repeat, 1)):
            with CaptureQueriesContext(connection) as ctx:
                t, c = time.perf_counter(), time.process_time()
                client.get(url)
                warm.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)  # this process only (SQLite runs in it)
            queries = len(ctx.captured_queries)
        p50, top, cpu50 = statistics.median(warm), max(warm), statistics.median(cpu)
        print(f"{who:6} {url:<44} {cold:>8.0f} {p50:>8.0f} {top:>8.0f} {cpu50:>8.0f} {queries:>8}")
    print(f"peak memory: {peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with django_in_temp_dir(args.database_url):
        from django.core.management import call_command

        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - t:.1f} s", flush=True)
        build(args.pegawai)
        from karier.people.models import UnitKerja

        opd = UnitKerja.objects.get(nama=AGENCY).pk
        q = f"?opd={opd}&tahun={TAHUN}"
        timed(
            [
                ("kadis", f"/wawasan/keadilan/{q}"),
                ("admin", f"/wawasan/keadilan/{q}"),
                ("kadis", f"/api/v1/wawasan/keadilan/{opd}?tahun={TAHUN}"),
                ("kadis", f"/wawasan/keadilan/unduh.xlsx{q}"),
            ],
            args.repeat,
        )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
