"""Time the employee directory and API list on the current database (meant for 1M rows on PostgreSQL).

    DATABASE_URL=postgres://… .venv/bin/python bench/directory.py [--repeat 5]

Seeds nothing: run `karier seed-demo --pegawai 1000000` first. Prints the median time and query
count of each request, as the admin (sees everyone) and as Bu Wati (a superior of 25).

Then the limit, in the same run: the hand-written SQL of the admin's name and NIP searches (the count
and the first page of 25 with the same joins and order; the name through the same UPPER(nama) LIKE the
trigram index serves), median of as many runs, and the ratio page / SQL. `--database-url` sets
DATABASE_URL; `--json FILE` appends both searches for `bench/run` (size: `--size`, default the count).
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

from _common import peak_mb
from _result import add_json_argument, record


def search_sql(where: str, value: str, repeat: int) -> float:
    """Median seconds of the directory's search written by hand: COUNT(*) and the first page of 25 rows
    with the four joins the page shows, ordered by name."""
    from django.db import connection

    from karier.people.models import Pegawai

    table = Pegawai._meta.db_table
    related = {}
    for f in ("golongan", "jabatan", "unit", "opd"):
        model = Pegawai._meta.get_field(f).related_model
        assert model is not None and not isinstance(model, str)
        related[f] = model._meta.db_table
    joins = " ".join(f"LEFT JOIN {t} {f} ON {f}.id = p.{f}_id" for f, t in related.items())
    times = []
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        with connection.cursor() as c:
            c.execute(f"SELECT COUNT(*) FROM {table} p WHERE {where}", [value])
            c.fetchone()
            c.execute(
                f"SELECT p.*, golongan.*, jabatan.*, unit.*, opd.* FROM {table} p {joins} WHERE {where} "
                "ORDER BY p.nama, p.id LIMIT 25",
                [value],
            )
            c.fetchall()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="", help="use this database (default: $DATABASE_URL)")
    parser.add_argument("--size", type=int, default=0, help="size for --json (default: the number of employees)")
    add_json_argument(parser)
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

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
    name_q, nip_q = sample.nama.split()[0][:6], sample.nip[:12]
    medians: dict[str, float] = {}
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
        medians[f"{who} {url}"] = statistics.median(times)
        print(f"{who:<20} {url:<60} {statistics.median(times) * 1000:8.1f} ms  {len(ctx.captured_queries):3d} queries")
    if connection.vendor != "postgresql":
        return
    size = args.size or total
    for label, url, where, value in (
        ("directory search: name", f"/pegawai/?q={name_q}", "UPPER(p.nama) LIKE UPPER(%s)", f"%{name_q}%"),
        ("directory search: NIP", f"/pegawai/?q={nip_q}", "p.nip LIKE %s", f"{nip_q}%"),
    ):
        page = medians[f"admin {url}"]
        sql = search_sql(where, value, args.repeat)
        print(f"limit    {label}: page {page * 1000:.1f} ms / hand-written SQL {sql * 1000:.1f} ms = {page / sql:.1f}×")
        record(
            args.json,
            workload=label,
            size=size,
            seconds=page,
            peak_mb=peak_mb(),
            limit_label="hand-written SQL",
            limit_seconds=sql,
        )


if __name__ == "__main__":
    main()
