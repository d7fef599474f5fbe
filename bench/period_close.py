"""Benchmark the period close (`karier.appraisal.evaluation.close.periode_close`) for a whole province.

    .venv/bin/python bench/period_close.py --database-url postgres://karier:karier@127.0.0.1:54330/bench_close
    .venv/bin/python bench/period_close.py --pegawai 1000000 --database-url postgres://…/bench_close_1m
    .venv/bin/python bench/period_close.py                       # 100,000 employees, temporary SQLite

The dataset is built once per database, in a child process (so the figures below measure the close
only): `seed_demo` with N employees (no accounts), `skp_bulk_create` for the year, then set-based
SQL approves every plan and the year's calendar and annual period are made. Each run then:

1. **cold** — deletes the period's evaluations and unit results, reopens the period, and times a
   close that must create every evaluation (nobody rated yet: incomplete, period stays open);
2. fills ratings with set-based SQL (a deterministic spread over the nine combinations, predikat
   left empty) and gives every unit a result (untimed);
3. **rules** — times a close that writes every predikat and every unit head's rating and closes
   the period;
4. **re-run** — times the same close again (idempotent: nothing to write).

Prints seconds, evaluations per second and peak RSS (ru_maxrss of this process). The jobs the close
starts afterwards (career recomputation, dashboard refresh) are only enqueued (TASKS_BACKEND defaults to
django-tasks' dummy backend here), as with a worker in production: they are measured on their own.

On PostgreSQL the limits are measured in the same run: for **cold**, the evaluations it made are
exported, deleted and COPY writes the very same rows back into the same table; for **rules**, the
ratings are reset (untimed) and hand-written SQL does the same work — one UPDATE … FROM for the unit
heads' ratings, one UPDATE with the nine-combination CASE for the predikat, one GROUP BY for the recap.
`--json FILE` appends both workloads' figures for `bench/run`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import peak_mb
from _result import add_json_argument, copy_in, copy_out, record

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
TAHUN = 2026


def setup_django(database_url: str) -> None:
    from skp_bulk import setup_django as base  # the same settings handling (SQLite in a temp dir when empty)

    base(database_url)


def prepare(pegawai: int) -> None:
    """Seed, create and approve the plans, make the calendar (child process; untimed)."""
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection

    from karier.appraisal.choices import JenisPeriode, StatusPeriode
    from karier.appraisal.models import KalenderPenilaian, PeriodePenilaian
    from karier.people.access import SYSTEM
    from karier.people.demo import seed_demo
    from karier.people.models import Pegawai
    from karier.plans.bulk import skp_bulk_create
    from karier.plans.models import Skp, TahunKinerja

    call_command("migrate", verbosity=0)
    if Pegawai.objects.count() < pegawai * 0.95:
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=1, reset=Pegawai.objects.exists(), akun=False)
        print(f"seed_demo {pegawai:,}: {time.perf_counter() - t:.1f} s", flush=True)
    if not Skp.objects.filter(tahun_id=TAHUN).exists():
        t = time.perf_counter()
        r = skp_bulk_create(actor=SYSTEM, tahun=TAHUN, today=dt.date(TAHUN, 3, 2))
        print(f"skp_bulk_create: {r.created:,} plans in {time.perf_counter() - t:.1f} s", flush=True)
    with connection.cursor() as c:
        c.execute(
            f"UPDATE {Skp._meta.db_table} SET status = 'DISETUJUI' WHERE tahun = %s AND status <> 'DISETUJUI'", [TAHUN]
        )
    tahun = TahunKinerja.objects.get(pk=TAHUN)
    KalenderPenilaian.objects.get_or_create(tahun=tahun)
    PeriodePenilaian.objects.get_or_create(
        tahun=tahun,
        jenis=JenisPeriode.TAHUNAN,
        nomor=0,
        defaults={
            "nama": "Tahunan",
            "mulai": dt.date(TAHUN, 1, 1),
            "selesai": dt.date(TAHUN, 12, 31),
            "dibuka_pada": dt.date(TAHUN, 12, 1),
            "batas_pengisian": dt.date(TAHUN + 1, 1, 31),
            "status": StatusPeriode.DIBUKA,
        },
    )


def reset(periode_id: int) -> None:
    from django.db import connection

    from karier.appraisal.choices import StatusPeriode
    from karier.appraisal.models import (
        Evaluasi,
        FinalisasiUnit,
        Kalibrasi,
        Keberatan,
        PeriodePenilaian,
        PredikatOrganisasiUnit,
        Realisasi,
        RiwayatEvaluasi,
    )

    with connection.cursor() as c:
        sub = f"SELECT id FROM {Evaluasi._meta.db_table} WHERE periode_id = %s"
        for model in (Realisasi, Kalibrasi, Keberatan, RiwayatEvaluasi):
            c.execute(f"DELETE FROM {model._meta.db_table} WHERE evaluasi_id IN ({sub})", [periode_id])
        for other in (Evaluasi, PredikatOrganisasiUnit, FinalisasiUnit):
            c.execute(f"DELETE FROM {other._meta.db_table} WHERE periode_id = %s", [periode_id])
    PeriodePenilaian.objects.filter(pk=periode_id).update(status=StatusPeriode.DIBUKA)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute(f"VACUUM ANALYZE {Evaluasi._meta.db_table}")


def spread_ratings(periode_id: int) -> None:
    """Every evaluation rated (a deterministic spread over the nine combinations), predikat emptied."""
    from django.db import connection

    from karier.appraisal.models import Evaluasi

    def spread(expr: str) -> str:
        return (
            f"CASE WHEN {expr} < 2 THEN 'Di Atas Ekspektasi' WHEN {expr} < 9 THEN 'Sesuai Ekspektasi' "
            "ELSE 'Di Bawah Ekspektasi' END"
        )

    with connection.cursor() as c:
        c.execute(
            f"UPDATE {Evaluasi._meta.db_table} SET rating_hasil_kerja = {spread('id %% 10')}, "
            f"rating_perilaku = {spread('(id / 10) %% 10')}, alasan_hasil_kerja = 'bench', "
            "alasan_perilaku = 'bench', predikat = '', status = 'DINILAI' WHERE periode_id = %s",
            [periode_id],
        )


def create_limit(periode_id: int) -> float:
    """COPY of the evaluations the cold close made, back into the same table (exported and deleted
    untimed first): the fastest way PostgreSQL takes the same rows."""
    from django.db import transaction

    from karier.appraisal.models import Evaluasi

    table = Evaluasi._meta.db_table
    path = copy_out(f"SELECT * FROM {table} WHERE periode_id = {int(periode_id)}")
    try:
        reset(periode_id)
        t = time.perf_counter()
        with transaction.atomic():
            copy_in(table, path)
        return time.perf_counter() - t
    finally:
        path.unlink(missing_ok=True)


def rules_limit(periode_id: int) -> float:
    """The rules stage by hand: ratings reset as before the rules close (untimed, then VACUUM ANALYZE),
    then timed: the unit heads' rating from their unit's result (one UPDATE … FROM), the predikat from the
    two ratings (one UPDATE with the nine-combination CASE, only rows that change) and the recap per unit
    and predikat (one GROUP BY)."""
    from django.db import connection, transaction

    from karier.appraisal.choices import PredikatOrganisasiChoice, RatingChoice
    from karier.appraisal.models import Evaluasi, PredikatOrganisasiUnit
    from karier.people.models import Jabatan
    from karier.rules import predikat_kinerja, rating_from_organisasi

    ev, jb, po = Evaluasi._meta.db_table, Jabatan._meta.db_table, PredikatOrganisasiUnit._meta.db_table
    spread_ratings(periode_id)
    with connection.cursor() as c:
        c.execute(f"VACUUM ANALYZE {ev}")
    leader = " ".join(f"WHEN '{o}' THEN '{rating_from_organisasi(o).value}'" for o in PredikatOrganisasiChoice.values)
    matrix = " ".join(
        f"WHEN e.rating_hasil_kerja = '{h}' AND e.rating_perilaku = '{p}' THEN '{predikat_kinerja(h, p).value}'"
        for h in RatingChoice.values
        for p in RatingChoice.values
    )
    pid = int(periode_id)
    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        c.execute(
            f"UPDATE {ev} e SET rating_hasil_kerja = CASE o.predikat {leader} END, "
            "alasan_hasil_kerja = 'Mengikuti predikat kinerja organisasi unit: ' || o.predikat || '.' "
            f"FROM {jb} j, {po} o WHERE e.periode_id = {pid} AND e.status <> 'FINAL' AND j.id = e.jabatan_id "
            f"AND j.adalah_kepala_unit AND j.unit_id = e.unit_id AND o.periode_id = {pid} AND o.unit_id = e.unit_id"
        )
        c.execute(
            f"UPDATE {ev} e SET predikat = CASE {matrix} ELSE '' END WHERE e.periode_id = {pid} "
            f"AND e.status <> 'FINAL' AND e.predikat IS DISTINCT FROM (CASE {matrix} ELSE '' END)"
        )
        c.execute(f"SELECT unit_id, predikat, COUNT(*) FROM {ev} WHERE periode_id = {pid} GROUP BY unit_id, predikat")
        c.fetchall()
    return time.perf_counter() - t


def rate(periode_id: int) -> None:
    """Ratings for everyone (predikat left empty) and a result for every unit: set-based SQL."""
    from django.db import connection
    from django.utils import timezone

    from karier.appraisal.models import Evaluasi, PredikatOrganisasiUnit
    from karier.people.models import UnitKerja

    table = Evaluasi._meta.db_table
    spread_ratings(periode_id)
    org = ("Istimewa", "Baik", "Baik", "Baik", "Butuh Perbaikan")
    now = timezone.now()
    PredikatOrganisasiUnit.objects.bulk_create(
        [
            PredikatOrganisasiUnit(
                unit_id=u, periode_id=periode_id, predikat=org[u % 5], alasan="bench", ditetapkan_pada=now
            )
            for u in UnitKerja.objects.values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute(f"VACUUM ANALYZE {table}")


def timed(label: str, periode_id: int, chunk: int) -> Any:
    from django.db import connection, reset_queries

    from karier.appraisal.evaluation.close import periode_close
    from karier.people.access import SYSTEM

    reset_queries()
    t = time.perf_counter()
    r = periode_close(actor=SYSTEM, periode_id=periode_id, chunk_size=chunk)
    s = time.perf_counter() - t
    n = r.evaluasi_total
    print(
        f"{label:8} {s:7.2f} s  {n:>9,} evaluasi  {n / s:>9,.0f}/s  dibuat {r.evaluasi_dibuat:,}  "
        f"predikat {r.predikat_ditulis:,}  kepala {r.rating_pemimpin_ditulis:,}  belum dinilai {r.belum_dinilai:,}  "
        f"ditutup {r.periode_ditutup}  peak RSS {peak_mb():,.0f} MB  ({connection.vendor})",
        flush=True,
    )
    return r, s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    add_json_argument(parser)
    args = parser.parse_args()
    # The close starts the career recomputation and the dashboard refresh as jobs (KARIER_AFTER_PERIOD_CLOSE);
    # with the default immediate task backend they would run inside the timed close. A worker runs them in
    # production, so here they are only enqueued (each is a workload of its own in bench/run).
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    if not args.database_url:  # the child process must find the same SQLite file
        import tempfile

        os.environ.setdefault("KARIER_BENCH_DIR", tempfile.mkdtemp(prefix="karier-bench-close-"))
    setup_django(args.database_url)
    if args.prepare_only:
        prepare(args.pegawai)
        return
    env = {**os.environ, "DATABASE_URL": args.database_url} if args.database_url else dict(os.environ)
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--prepare-only",
            "--pegawai",
            str(args.pegawai),
            "--database-url",
            args.database_url,
        ],
        check=True,
        env=env,
    )

    from karier.appraisal.models import PeriodePenilaian

    periode = PeriodePenilaian.objects.get(tahun_id=TAHUN, jenis="TAHUNAN")
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    reset(periode.pk)
    _r, cold = timed("cold", periode.pk, args.chunk)
    cold_peak = peak_mb()
    cold_limit = create_limit(periode.pk) if postgres else None
    t = time.perf_counter()
    rate(periode.pk)
    print(f"(ratings and unit results filled by SQL in {time.perf_counter() - t:.1f} s, untimed)", flush=True)
    _r, rules = timed("rules", periode.pk, args.chunk)
    rules_peak = peak_mb()
    timed("re-run", periode.pk, args.chunk)
    rules_sql = rules_limit(periode.pk) if postgres else None
    if cold_limit is not None and rules_sql is not None:
        print(f"limit    cold: COPY of the same evaluations {cold_limit:.2f} s = {cold / cold_limit:.1f}×", flush=True)
        print(f"limit    rules: hand-written SQL {rules_sql:.2f} s = {rules / rules_sql:.1f}×", flush=True)
    size = args.pegawai
    record(
        args.json,
        workload="period close: create",
        size=size,
        seconds=cold,
        peak_mb=cold_peak,
        limit_label="COPY of the same rows",
        limit_seconds=cold_limit,
    )
    record(
        args.json,
        workload="period close: rules",
        size=size,
        seconds=rules,
        peak_mb=rules_peak,
        limit_label="hand-written SQL",
        limit_seconds=rules_sql,
    )


if __name__ == "__main__":
    main()
