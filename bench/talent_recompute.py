"""Benchmark the career recomputation (`karier.talent.recompute.compute.karier_hitung`) for a province.

    .venv/bin/python bench/talent_recompute.py --database-url postgres://karier:karier@127.0.0.1:54330/bench_talent
    .venv/bin/python bench/talent_recompute.py --pegawai 1000000 --database-url postgres://…/bench_talent_1m
    .venv/bin/python bench/talent_recompute.py --pegawai 20000          # temporary SQLite

The dataset is built once per database, in a child process (so the figures measure the job only):
`seed_demo` with N employees (no accounts), then set-based SQL gives everyone an annual predikat for
the two past years (a deterministic spread of ratings and predikat) and 40 % of them a potential score
(JPM with three components). Each run then times:

1. **job** — `karier_hitung` for the last year, every step, with the seconds of each step summed over
   the chunks, and the peak RSS of this process;
2. **re-run** — the same job again (idempotent: it rewrites the same rows);
3. **SQL** — one hand-written statement that does the 9-box step's work (the lower of the two years'
   ratings hasil kerja, the JPM level, the box, upserted into the placements table), and the ratio of
   the job's placement step to it.

Prints seconds, employees per second, queries and peak RSS (ru_maxrss of this process). `--json FILE`
appends two workloads for `bench/run`: the whole job and its placement step, each against the SQL.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from _common import peak_mb
from _result import add_json_argument, record

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
TAHUN = 2025


def setup_django(database_url: str) -> None:
    from skp_bulk import setup_django as base

    base(database_url)


def prepare(pegawai: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from karier.development.models import SkorPotensi
    from karier.people.demo import seed_demo
    from karier.people.models import Pegawai
    from karier.talent.models import PredikatTahunan

    call_command("migrate", verbosity=0)
    if Pegawai.objects.count() < pegawai * 0.95:
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=1, reset=Pegawai.objects.exists(), akun=False)
        print(f"seed_demo {pegawai:,}: {time.perf_counter() - t:.1f} s", flush=True)
    pt, sp, pg = PredikatTahunan._meta.db_table, SkorPotensi._meta.db_table, Pegawai._meta.db_table
    rating = (
        "CASE WHEN ({x}) %% 10 < 2 THEN 'Di Atas Ekspektasi' WHEN ({x}) %% 10 < 9 THEN 'Sesuai Ekspektasi' "
        "ELSE 'Di Bawah Ekspektasi' END"
    )
    predikat = (
        "CASE WHEN ({x}) %% 10 < 2 THEN 'Sangat Baik' WHEN ({x}) %% 10 < 9 THEN 'Baik' ELSE 'Butuh Perbaikan' END"
    )
    now = "CURRENT_TIMESTAMP"
    with connection.cursor() as c:
        for tahun in (TAHUN - 1, TAHUN):
            c.execute(f"SELECT COUNT(*) FROM {pt} WHERE tahun = %s", [tahun])
            if c.fetchone()[0]:
                continue
            x = f"id + {tahun}"
            c.execute(
                f"INSERT INTO {pt} (pegawai_id, tahun, predikat, rating_hasil_kerja, rating_perilaku, bulan, sumber, "
                f"dicatat_pada) SELECT id, %s, {predikat.format(x=x)}, {rating.format(x=x)}, 'Sesuai Ekspektasi', 12, "
                f"'IMPOR', {now} FROM {pg} WHERE aktif",
                [tahun],
            )
        c.execute(f"SELECT COUNT(*) FROM {sp}")
        if not c.fetchone()[0]:
            c.execute(
                f"INSERT INTO {sp} (pegawai_id, tanggal, jpm, komponen, sumber, dicatat_pada) "
                f"SELECT id, '2025-06-01', 60 + (id * 7) %% 40, "
                '\'{"kompetensi": 80, "potensi": 85, "rekam_jejak": 90}\', \'ASSESSMENT_CENTER\', '
                f"{now} FROM {pg} WHERE aktif AND id %% 5 < 2",
                [],
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")


def run_job(label: str, chunk: int) -> tuple[float, dict[str, float]]:
    from django.db import connection, reset_queries
    from django.utils.module_loading import import_string

    from karier.people.access import SYSTEM
    from karier.talent.recompute import steps
    from karier.talent.recompute.compute import karier_hitung_now

    spent: dict[str, float] = defaultdict(float)

    def timed_import(path: str):  # type: ignore[no-untyped-def]
        fn = import_string(path)
        key = path.rsplit(".", 2)[-2] + "." + path.rsplit(".", 1)[-1]

        def wrapper(*args):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return fn(*args)
            finally:
                spent[key] += time.perf_counter() - t

        return wrapper

    steps.import_string = timed_import  # type: ignore[assignment]
    reset_queries()
    t = time.perf_counter()
    hasil = karier_hitung_now(actor=SYSTEM, tahun=TAHUN, chunk_size=chunk)
    s = time.perf_counter() - t
    n = hasil["pegawai"]
    print(
        f"{label:8} {s:8.2f} s  {n:>9,} pegawai  {n / s:>8,.0f}/s  peak RSS {peak_mb():,.0f} MB  ({connection.vendor})",
        flush=True,
    )
    for key, value in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"           {key:40} {value:8.2f} s", flush=True)
    print("           rows: " + ", ".join(f"{k} {v:,}" for k, v in hasil.items()), flush=True)
    return s, dict(spent)


def run_sql() -> float:
    """The 9-box step as one statement (PostgreSQL): the baseline the placement step is compared with."""
    from django.db import connection

    from karier.development.models import SkorPotensi
    from karier.talent.models import AturanTalenta, PenempatanTalenta, PredikatTahunan

    pt, sp, pn = PredikatTahunan._meta.db_table, SkorPotensi._meta.db_table, PenempatanTalenta._meta.db_table
    aturan = AturanTalenta.objects.filter(aktif=True, opd__isnull=True).order_by("-berlaku_mulai").first()
    assert aturan is not None
    level = "CASE {r} WHEN 'Di Atas Ekspektasi' THEN 3 WHEN 'Sesuai Ekspektasi' THEN 2 ELSE 1 END"
    sql = f"""
    WITH k AS (
      SELECT pegawai_id, MIN({level.format(r="rating_hasil_kerja")}) AS kin
      FROM {pt} WHERE tahun IN (%s, %s) AND rating_hasil_kerja <> '' GROUP BY pegawai_id),
    p AS (SELECT DISTINCT ON (pegawai_id) pegawai_id, jpm FROM {sp} ORDER BY pegawai_id, tanggal DESC, id DESC),
    b AS (SELECT k.pegawai_id, k.kin, CASE WHEN p.jpm >= 90 THEN 3 WHEN p.jpm >= 78 THEN 2 ELSE 1 END AS pot, p.jpm
          FROM k JOIN p ON p.pegawai_id = k.pegawai_id)
    INSERT INTO {pn} (pegawai_id, tahun, aturan_id, kinerja, potensial, kotak, skor_potensial, dikecualikan,
                      alasan_pengecualian, masukan, penjelasan, dihitung_pada)
    SELECT pegawai_id, %s, %s,
      (ARRAY['Rendah','Menengah','Tinggi'])[kin], (ARRAY['Rendah','Menengah','Tinggi'])[pot],
      (ARRAY[1,3,6,2,5,8,4,7,9])[(kin - 1) * 3 + pot], jpm, false, '[]', '{{}}', '[]', CURRENT_TIMESTAMP
    FROM b
    ON CONFLICT (pegawai_id, tahun) DO UPDATE SET kinerja = EXCLUDED.kinerja, potensial = EXCLUDED.potensial,
      kotak = EXCLUDED.kotak, skor_potensial = EXCLUDED.skor_potensial, dihitung_pada = EXCLUDED.dihitung_pada
    """
    t = time.perf_counter()
    with connection.cursor() as c:
        c.execute(sql, [TAHUN - 1, TAHUN, TAHUN, aturan.pk])
        n = c.rowcount
    s = time.perf_counter() - t
    print(f"SQL      {s:8.2f} s  {n:>9,} penempatan (one statement)", flush=True)
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--chunk", type=int, default=0, help="ids per chunk (default: the job's CHUNK)")
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    add_json_argument(parser)
    args = parser.parse_args()
    if not args.database_url:
        import tempfile

        os.environ.setdefault("KARIER_BENCH_DIR", tempfile.mkdtemp(prefix="karier-bench-talent-"))
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
    from karier.talent.recompute.compute import CHUNK

    chunk = args.chunk or CHUNK
    print(f"chunks of {chunk:,} ids", flush=True)
    job, first = run_job("job", chunk)
    peak = peak_mb()
    run_job("re-run", chunk)
    from django.db import connection

    sql = None
    place = first.get("compute.place", 0.0)
    if connection.vendor == "postgresql":
        sql = run_sql()
        if sql > 0 and place:
            print(f"ratio    placement step {place:.2f} s / one SQL {sql:.2f} s = {place / sql:.1f}×", flush=True)
    label = "hand-written SQL (9-box step)"
    size = args.pegawai
    record(
        args.json,
        workload="talent recompute",
        size=size,
        seconds=job,
        peak_mb=peak,
        limit_label=label,
        limit_seconds=sql,
    )
    record(
        args.json,
        workload="talent 9-box step",
        size=size,
        seconds=place,
        peak_mb=peak,
        limit_label=label,
        limit_seconds=sql,
    )


if __name__ == "__main__":
    main()
