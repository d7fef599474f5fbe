"""Time the JP recap (/pengembangan/jp/rekap/, per agency and per unit) and the API `jp/kurang` for the
BKD admin, with the number of queries (issue #11 §7 and "Scale": the province's JP dashboard).

    .venv/bin/python bench/jp_rekap.py                         # 2,000 employees, temporary SQLite
    .venv/bin/python bench/jp_rekap.py --pegawai 100000 --database-url postgres://karier:karier@127.0.0.1:54330/bench_jp

Builds the demo province (`seed_demo` with accounts) unless the database has it, then gives about 70 %
of the people one to three ledger rows (`CatatanJp`, one bulk insert) and rebuilds the per-person
yearly totals from them (`RekapJpPegawai`, `jp_totals_rebuild` — what the services keep in step on
every write), then measures cold and the median of --repeat warm requests through the Django test client.

    .venv/bin/python bench/jp_rekap.py --pegawai 100000 --sqlite var/bench_jp.sqlite3   # a kept SQLite file
"""

from __future__ import annotations

import argparse
import os
import random
import time
from decimal import Decimal

from _common import django_in_temp_dir, time_pages

URLS = [
    "/pengembangan/jp/rekap/",
    "/pengembangan/jp/rekap/?per=unit",
    "/api/v1/pengembangan/jp/rekap",
    "/api/v1/pengembangan/jp/kurang?limit=50",
]


def ensure_dataset(pegawai: int, seed: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from karier.development.jp.totals import jp_totals_rebuild
    from karier.development.models import CatatanJp, RekapJpPegawai
    from karier.people.demo import seed_demo
    from karier.people.models import Pegawai

    call_command("migrate", verbosity=0)
    if not Pegawai.objects.exists():
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=seed, akun=True)
        print(f"seed_demo: {time.perf_counter() - t:.1f} s")
    if not CatatanJp.objects.exists():
        rng = random.Random(seed)
        year = timezone.localdate().year
        rows = []
        for pid in Pegawai.objects.values_list("pk", flat=True).iterator():
            if rng.random() < 0.7:
                for _n in range(rng.randint(1, 3)):
                    rows.append(
                        CatatanJp(
                            pegawai_id=pid,
                            tahun=year,
                            tanggal=timezone.localdate(),
                            jp=Decimal(rng.choice([2, 4, 8, 12, 16, 24])),
                            sumber="KATALOG",
                            judul="Bench",
                        )
                    )
        CatatanJp.objects.bulk_create(rows, batch_size=5000)
        print(f"ledger rows: {len(rows)}")
    if not RekapJpPegawai.objects.exists():
        t = time.perf_counter()
        n = jp_totals_rebuild()
        print(f"jp_totals_rebuild: {n} totals in {time.perf_counter() - t:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--sqlite", default="", help="A SQLite file kept between runs (seeding 100,000 takes minutes).")
    args = parser.parse_args()
    url = args.database_url or (f"sqlite:///{os.path.abspath(args.sqlite)}" if args.sqlite else "")
    with django_in_temp_dir(url):
        ensure_dataset(args.pegawai, args.seed)
        time_pages(URLS, args.repeat)


if __name__ == "__main__":
    main()
