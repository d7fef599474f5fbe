"""Time the employee directory and API list on the current database (meant for 1M rows on PostgreSQL).

    DATABASE_URL=postgres://… .venv/bin/python bench/directory.py [--repeat 5]

Seeds nothing: run `karier seed-demo --pegawai 1000000` first. Prints the median time and query
count of each request, as the admin (sees everyone) and as Bu Wati (a superior of 25).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from karier.accounts.models import User
    from karier.people.models import Pegawai, UnitKerja

    settings.ALLOWED_HOSTS = ["*"]
    total = Pegawai.objects.count()
    opd = UnitKerja.objects.filter(parent__isnull=True).order_by("id").first()
    sample = Pegawai.objects.order_by("id")[total // 2 : total // 2 + 1].get()
    print(f"database: {connection.vendor}, pegawai: {total:,}")
    requests = [
        ("admin", "/pegawai/"),
        ("admin", "/pegawai/?page=2000"),
        ("admin", f"/pegawai/?q={sample.nama.split()[0][:6]}"),
        ("admin", f"/pegawai/?q={sample.nip[:12]}"),
        ("admin", f"/pegawai/?opd={opd.pk if opd else ''}&golongan=31"),
        ("admin", "/pegawai/?jenis_jabatan=FUNGSIONAL&golongan=33"),
        ("admin", "/api/v1/pegawai?limit=50"),
        ("admin", f"/api/v1/pegawai?q={sample.nama.split()[0][:6]}"),
        ("197503212000122002", "/pegawai/"),
        ("197503212000122002", "/"),
        ("196805121994031003", "/pegawai/"),
        ("196805121994031003", "/"),
        ("admin", "/"),
    ]
    clients: dict[str, Client] = {}
    for who, url in requests:
        client = clients.get(who)
        if client is None:
            client = clients[who] = Client()
            client.force_login(User.objects.get(username=who))
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - t0)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{who:<20} {url:<60} {statistics.median(times) * 1000:8.1f} ms  {len(ctx.captured_queries):3d} queries")


if __name__ == "__main__":
    main()
