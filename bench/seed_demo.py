"""Benchmark `seed_demo` on a fresh database.

    .venv/bin/python bench/seed_demo.py --pegawai 100000
    DATABASE_URL=postgres://…/scratch .venv/bin/python bench/seed_demo.py --pegawai 1000000

By default a temporary SQLite database is created (KARIER_VAR_DIR points at a temp directory
before Django starts), migrated, seeded and thrown away. With DATABASE_URL (or --database-url)
that database is migrated and seeded with --reset: use a disposable database, its demo data are
replaced. Prints seconds, rows per second and peak memory (ru_maxrss) before and after seeding.
"""

from __future__ import annotations

import argparse
import os
import time

from _common import django_in_temp_dir, peak_mb


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
    args = parser.parse_args()

    with django_in_temp_dir(args.database_url, keep=args.keep):
        from django.core.management import call_command
        from django.db import connection

        from karier.people.demo import seed_demo

        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_s = time.perf_counter() - t0
        before = peak_mb()
        t1 = time.perf_counter()
        r = seed_demo(
            pegawai=args.pegawai,
            seed=args.seed,
            reset=bool(args.database_url),
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
