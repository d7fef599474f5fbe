"""Benchmark the daily refresh of current positions (`karier segarkan-penugasan`, issue #8 3b).

    .venv/bin/python bench/refresh_assignments.py --pegawai 10000
    DATABASE_URL=postgres://…/scratch .venv/bin/python bench/refresh_assignments.py --pegawai 100000

Seeds the demo province into a temporary SQLite database (or, with DATABASE_URL, a disposable
database seeded with --reset), dates a transfer for `--pindah` percent of the employees on a day
next month (their current assignment ends the day before), then times the refresh three ways: on a
day when nothing is due, on the transfer day (the drifted rows are rewritten), and again on that
day (nothing left to do). Prints seconds and query counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

from _common import django_in_temp_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=10_000)
    parser.add_argument("--pindah", type=float, default=2.0, help="percent of employees transferred (default 2)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()

    with django_in_temp_dir(args.database_url):
        from django.core.management import call_command
        from django.db import connection, transaction
        from django.test.utils import CaptureQueriesContext

        from karier.people.access import SYSTEM
        from karier.people.choices import JenisPenugasan
        from karier.people.demo import seed_demo
        from karier.people.models import Jabatan, Penugasan
        from karier.people.services.penugasan import penugasan_refresh

        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        seed_demo(pegawai=args.pegawai, seed=1, reset=bool(args.database_url), akun=False)
        print(f"database          {connection.vendor}")
        print(f"seed              {args.pegawai:,} pegawai in {time.perf_counter() - t0:.1f} s")

        today = dt.date.today()
        day = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        staff = list(Jabatan.objects.filter(formasi__gt=1).values_list("pk", flat=True))
        every = max(1, round(100 / args.pindah)) if args.pindah > 0 else 0
        movers = (
            list(
                Penugasan.objects.filter(jenis=JenisPenugasan.DEFINITIF, selesai__isnull=True)
                .order_by("pegawai_id")
                .values_list("pk", "pegawai_id", "jabatan_id")
            )[::every]
            if every
            else []
        )
        with transaction.atomic():
            Penugasan.objects.filter(pk__in=[m[0] for m in movers]).update(selesai=day - dt.timedelta(days=1))
            Penugasan.objects.bulk_create(
                [
                    Penugasan(
                        pegawai_id=pid,
                        jabatan_id=staff[(i * 7919) % len(staff)],
                        mulai=day,
                        jenis=JenisPenugasan.DEFINITIF,
                    )
                    for i, (_, pid, _) in enumerate(movers)
                ],
                batch_size=2000,
            )
        print(f"transfers         {len(movers):,} dated {day:%Y-%m-%d}")

        for label, on in (("nothing due", today), ("transfer day", day), ("again", day)):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                r = penugasan_refresh(actor=SYSTEM, on=on)
                seconds = time.perf_counter() - t
            print(
                f"{label:<17} {seconds:.3f} s, {r.diperiksa:,} checked, {r.diperbarui:,} updated, "
                f"{len(ctx.captured_queries)} queries"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
