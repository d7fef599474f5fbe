"""Benchmark `seed_demo` on a fresh database.

    .venv/bin/python bench/seed_demo.py --pegawai 100000
    DATABASE_URL=postgres://…/scratch .venv/bin/python bench/seed_demo.py --pegawai 1000000

By default a temporary SQLite database is created (KARIER_VAR_DIR points at a temp directory
before Django starts), migrated, seeded and thrown away. With DATABASE_URL (or --database-url)
that database is migrated and seeded (with --reset when it holds a demo already): use a disposable
database, its demo data are replaced. Prints seconds, rows per second and peak memory (ru_maxrss)
before and after seeding.

On PostgreSQL it then measures the limit in the same run: COPY of the same rows (every table the seed
wrote) into scratch copies of those tables (`_result.copy_into_scratch`), and the ratio seed / COPY.
`--json FILE` appends the figures for `bench/run`.
"""

from __future__ import annotations

import argparse
import os
import time

from _common import django_in_temp_dir, peak_mb
from _result import add_json_argument, copy_into_scratch, record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tanpa-akun", action="store_true")
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="seed this (disposable) database instead of a temporary SQLite; default: $DATABASE_URL",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    add_json_argument(parser)
    args = parser.parse_args()

    with django_in_temp_dir(args.database_url, keep=args.keep):
        from django.core.management import call_command
        from django.db import connection

        from karier.people.demo import seed_demo
        from karier.people.models import Pegawai

        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_s = time.perf_counter() - t0
        before = peak_mb()
        t1 = time.perf_counter()
        r = seed_demo(
            pegawai=args.pegawai,
            seed=args.seed,
            # only when there is a demo to replace: a reset also empties reference tables that the
            # migrations filled (the Kamus kompetensi, for one), which a fresh database would lose
            reset=bool(args.database_url) and Pegawai.objects.exists(),
            akun=not args.tanpa_akun,
            chunk_size=args.chunk,
        )
        seconds = time.perf_counter() - t1
        rows = r.pegawai + r.unit + r.jabatan + r.riwayat_golongan + r.penugasan + r.akun
        print(f"database          {connection.vendor} ({connection.settings_dict['NAME']})")
        print(f"migrate           {migrate_s:.1f} s")
        print(f"pegawai           {r.pegawai:,} (PNS {r.pns:,}, PPPK {r.pppk:,})")
        print(
            f"rows              {rows:,} (unit {r.unit:,}, jabatan {r.jabatan:,}, riwayat golongan "
            f"{r.riwayat_golongan:,}, penugasan {r.penugasan:,}, akun {r.akun:,})"
        )
        print(f"seed              {seconds:.1f} s")
        print(f"rows/s            {rows / seconds:,.0f}")
        print(f"pegawai/s         {r.pegawai / seconds:,.0f}")
        print(f"peak memory       {peak_mb():,.0f} MB (before seeding {before:,.0f} MB)")
        peak = peak_mb()
        limit = None
        if connection.vendor == "postgresql":
            from django.contrib.auth import get_user_model

            from karier.people.models import Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja

            models = [UnitKerja, Jabatan, Pegawai, RiwayatGolongan, Penugasan]
            if r.akun:
                models.append(get_user_model())
            limit, copied = copy_into_scratch([m._meta.db_table for m in models])
            print(f"limit: COPY       {limit:.1f} s ({copied:,} rows into scratch copies of the same tables)")
            print(f"ratio             seed {seconds:.1f} s / COPY {limit:.1f} s = {seconds / limit:.1f}×")
        record(
            args.json,
            workload="seed",
            size=args.pegawai,
            seconds=seconds,
            peak_mb=peak,
            limit_label="COPY of the same rows",
            limit_seconds=limit,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
