"""Time deep pages and cursor walks of the employee directory and the API list (issue #14).

    .venv/bin/python bench/deep_paging.py --database-url postgres://…/karier_x [--repeat 3]

Seeds nothing: run `bench/seed_demo.py --pegawai 100000 --database-url …` (or `karier seed-demo`) first.
As the admin (sees everyone) and as Pak Rahmat (Kepala Dinas: sees one agency), prints the warm median
(ms) and query count of page 1, a middle page, the last page and a page beyond the end of `/pegawai/`;
of the API at offset 0, a deep offset and an offset past the end; and of pages reached by following the
`berikutnya` cursor (from the start and from a deep position). A cursor the API does not give yet
(before keyset paging) prints "n/a".
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

from _common import django_in_temp_dir

RAHMAT = "196805121994031003"


def _timed(client: Any, url: str, repeat: int) -> tuple[float, int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the caches (session, actor, plan cache)
    times = []
    queries = 0
    response: Any = None
    for _ in range(max(repeat, 1)):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        queries = len(ctx.captured_queries)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return statistics.median(times), queries, response


def _walk(client: Any, url: str, pages: int) -> tuple[float, int, int]:
    """Follow `berikutnya` from `url` for `pages` pages: (median ms per page, rows seen, queries of the last)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times: list[float] = []
    rows = 0
    queries = 0
    for _ in range(pages):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        queries = len(ctx.captured_queries)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        body = response.json()
        rows += len(body["items"])
        cursor = body.get("berikutnya")
        if not cursor:
            break
        base = url.split("?")[0]
        url = f"{base}?limit={body['limit']}&setelah={cursor}"
    return (statistics.median(times) if times else 0.0), rows, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--walk", type=int, default=20, help="pages to follow with the cursor (default 20)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is needed: this bench reads a seeded database")

    with django_in_temp_dir(args.database_url):
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from karier.accounts.models import User
        from karier.people.models import Pegawai

        settings.ALLOWED_HOSTS = ["testserver"]
        print(f"database: {connection.vendor}, pegawai: {Pegawai.objects.count():,}")
        print(f"{'who':<8} {'request':<62} {'ms':>8} {'queries':>8}")
        for who, username in (("admin", "admin"), ("rahmat", RAHMAT)):
            client = Client()
            client.force_login(User.objects.get(username=username))
            _, _, first = _timed(client, "/api/v1/pegawai?limit=50", 1)
            count = first.json()["count"]
            web_pages = max(1, -(-count // 25))
            middle = max(1, min(2000, web_pages // 2))
            deep = min(50_000, (count // 2 // 50) * 50)
            urls = [
                "/pegawai/",
                f"/pegawai/?page={middle}",
                f"/pegawai/?page={web_pages}",
                f"/pegawai/?page={web_pages + 1000}",
                "/pegawai/?page=abc",
                "/api/v1/pegawai?limit=50",
                f"/api/v1/pegawai?limit=50&offset={deep}",
                f"/api/v1/pegawai?limit=50&offset={count + 10}",
            ]
            for url in urls:
                ms, queries, _ = _timed(client, url, args.repeat)
                print(f"{who:<8} {url:<62} {ms:>8.1f} {queries:>8}")
            for label, start in (
                ("cursor walk from the start", "/api/v1/pegawai?limit=50"),
                (f"cursor walk from offset {deep}", f"/api/v1/pegawai?limit=50&offset={deep}"),
            ):
                body = client.get(start).json()
                if "berikutnya" not in body:
                    print(f"{who:<8} {label:<62} {'n/a':>8}")
                    continue
                cursor = body["berikutnya"]
                ms, rows, queries = _walk(client, f"/api/v1/pegawai?limit=50&setelah={cursor}", args.walk)
                print(f"{who:<8} {label + f' ({rows} rows)':<62} {ms:>8.1f} {queries:>8}  per page")


if __name__ == "__main__":
    main()
