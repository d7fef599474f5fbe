"""Benchmark the bulk-rating screen (issue #5 part 4): one appraiser, N subordinates, one page.

    .venv/bin/python bench/appraisal_bulk_rating.py                  # 60 subordinates, temporary SQLite
    .venv/bin/python bench/appraisal_bulk_rating.py --n 200
    .venv/bin/python bench/appraisal_bulk_rating.py --database-url postgres://…/bench_appraisal

Builds the test organisation (tests/orgdata.py), gives the Kasi N subordinates with approved plans,
opens Triwulan I (making the evaluations), rates half of them, then renders
/penilaian/periode/<id>/nilai/ through the Django test client as the Kasi: prints the median of five
renders (after one warm-up) in milliseconds and the number of queries, then the same for a POST
that rates every row at once. Target: under 300 ms at 60, queries independent of N.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60, help="subordinates (default 60)")
    parser.add_argument("--database-url", default="", help="an empty database (default: temporary SQLite)")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ["KARIER_VAR_DIR"] = tempfile.mkdtemp(prefix="karier-bench-appraisal-")
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)

    from karier.appraisal.evaluation import periods
    from karier.appraisal.models import Evaluasi
    from tests.appraisal.test_appraisal_support import ALASAN, add_staff, configured
    from tests.orgdata import build_org

    t = time.perf_counter()
    org = build_org()
    s = configured(org, open_period=False)
    add_staff(org, args.n - 2)
    periods.periode_open(actor=org.actor("admin"), periode=s.periode)
    evs = list(Evaluasi.objects.filter(periode=s.periode, penilai=org.pegawai["kasi1"]).order_by("pk"))
    for ev in evs[: len(evs) // 2]:
        Evaluasi.objects.filter(pk=ev.pk).update(
            rating_hasil_kerja="Sesuai Ekspektasi",
            alasan_hasil_kerja=ALASAN,
            rating_perilaku="Sesuai Ekspektasi",
            alasan_perilaku=ALASAN,
            predikat="Baik",
            status="DINILAI",
        )
    print(f"setup: {len(evs)} subordinates in {time.perf_counter() - t:.1f} s ({connection.vendor})")

    c = Client()
    c.force_login(org.users["kasi1"])
    url = f"/penilaian/periode/{s.periode.pk}/nilai/"
    c.get(url)
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            r = c.get(url)
            times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.status_code
        queries = len(ctx.captured_queries)
    print(f"GET  bulk-rating page, {len(evs)} rows: {statistics.median(times):.0f} ms median, {queries} queries")

    data: dict[str, object] = {"ev": [str(ev.pk) for ev in evs]}
    for i, ev in enumerate(evs):
        hk = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")[i % 3]
        data.update(
            {f"hk-{ev.pk}": hk, f"ahk-{ev.pk}": ALASAN, f"pk-{ev.pk}": "Sesuai Ekspektasi", f"apk-{ev.pk}": ALASAN}
        )
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        r = c.post(url, data)
        ms = (time.perf_counter() - t) * 1000
    assert r.status_code == 302, r.status_code
    print(f"POST rate all {len(evs)} rows at once: {ms:.0f} ms, {len(ctx.captured_queries)} queries")


if __name__ == "__main__":
    main()
