"""Time the BKD promotion list for one promotion date (/karier/kenaikan-pangkat/, issue #12 "Scale":
under 300 ms at 100,000 employees) and `recompute_kelayakan` for everyone (the recompute job's step 3).

    .venv/bin/python bench/talent_promotion_list.py                     # 2,000 employees, temporary SQLite
    .venv/bin/python bench/talent_promotion_list.py --pegawai 100000 \
        --database-url postgres://karier:karier@127.0.0.1:54330/karier_c

Builds the demo province (`seed_demo` with accounts) unless the database has it, gives about 92 % of
the people an annual predikat for each of the two years before this one (one bulk insert), then times
`recompute_kelayakan` over every id (twice: first write, then the idempotent rewrite) and the list
for the next promotion date as the BKD admin: cold, and the median of --repeat warm requests, with
the number of queries, through the Django test client.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from _common import django_in_temp_dir, time_pages

PREDIKAT = [("Sangat Baik", 15), ("Baik", 75), ("Butuh Perbaikan", 8), ("Kurang/Misconduct", 2)]


def ensure_dataset(pegawai: int, seed: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from karier.people.demo import seed_demo
    from karier.people.models import Pegawai
    from karier.talent.models import PredikatTahunan, SumberPredikat

    call_command("migrate", verbosity=0)
    if not Pegawai.objects.exists():
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=seed, akun=True)
        print(f"seed_demo: {time.perf_counter() - t:.1f} s")
    year = timezone.localdate().year
    if not PredikatTahunan.objects.filter(tahun=year - 1).exists():
        rng = random.Random(seed)
        labels = [p for p, w in PREDIKAT for _n in range(w)]
        rows = [
            PredikatTahunan(pegawai_id=pid, tahun=tahun, predikat=rng.choice(labels), sumber=SumberPredikat.IMPOR)
            for pid in Pegawai.objects.values_list("pk", flat=True).iterator()
            if rng.random() < 0.92
            for tahun in (year - 2, year - 1)
        ]
        PredikatTahunan.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
        print(f"predikat rows: {len(rows)}")


def recompute() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from karier.people.models import Pegawai
    from karier.talent.models import KelayakanPangkat
    from karier.talent.promotion.compute import CHUNK, recompute_kelayakan

    ids = list(Pegawai.objects.order_by("pk").values_list("pk", flat=True))
    for label in ("first", "again"):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            n = recompute_kelayakan(ids, timezone.localdate())
            took = time.perf_counter() - t
        chunks = -(-len(ids) // CHUNK)
        print(
            f"recompute_kelayakan ({label}): {len(ids)} ids, {n} rows in {took:.1f} s "
            f"({len(ctx.captured_queries)} queries, {len(ctx.captured_queries) / chunks:.0f} per chunk of {CHUNK})"
        )
    layak = KelayakanPangkat.objects.filter(layak=True).count()
    print(f"eligible on the next date: {layak} of {KelayakanPangkat.objects.count()}")


def measure(repeat: int) -> None:
    from karier.people.models import UnitKerja
    from karier.talent.promotion.selectors import date_choices

    tmt = date_choices()[0].isoformat()
    opd = UnitKerja.objects.filter(parent__isnull=True).order_by("pk").values_list("pk", flat=True)[3]
    urls = [
        f"/karier/kenaikan-pangkat/?tmt={tmt}&layak=layak",
        f"/karier/kenaikan-pangkat/?tmt={tmt}&layak=belum",
        f"/karier/kenaikan-pangkat/?tmt={tmt}&layak=layak&opd={opd}",
        f"/karier/kenaikan-pangkat/?tmt={tmt}&layak=layak&page=50",
        f"/api/v1/karier/kenaikan-pangkat?tmt={tmt}&layak=layak&limit=50",
    ]
    time_pages(urls, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--skip-recompute", action="store_true", help="Time the list only (rows already computed).")
    args = parser.parse_args()
    url = args.database_url or os.environ.get("DATABASE_URL", "")
    with django_in_temp_dir(url):
        ensure_dataset(args.pegawai, args.seed)
        if not args.skip_recompute:
            recompute()
        measure(args.repeat)


if __name__ == "__main__":
    main()
