"""Time the standards overview (/standar/), its sub-pages and /skp/cakupan/ for the roles that open them.

    .venv/bin/python bench/standar_page.py                       # 2,000 employees, temporary SQLite
    .venv/bin/python bench/standar_page.py --pegawai 20000 --browser
    .venv/bin/python bench/standar_page.py --database-url postgres://karier:karier@127.0.0.1:54330/bench_standar
    .venv/bin/python bench/standar_page.py --tanpa-skp               # without /skp/cakupan/ and its plans

Builds the demo province the way `bin/demo` does (`seed_demo` with the persona accounts, then
`seed_standards`: RPJMD with its IKU and yearly values, a Renstra and a Perjanjian Kinerja per agency, a
standard for every position) and, for /skp/cakupan/ (issue #14), the PK year's plans (`ensure_plans`);
a database that already has them is reused. Then, through the Django test client, for the BKD admin,
an agency head (Pak Rahmat) and an employee (Dodi) (issue #10 item 7):
- cold: the first request of the process (it also imports the URLconf) and each role's first request;
- warm: the median of --repeat requests, with the number of queries.
With --browser it also loads the pages in Debian's chromium (Playwright) from a local WSGI server, as a
person would: time to first byte, DOMContentLoaded, the load event and the moment the chart is drawn,
on a cold browser cache and then the median of warm visits. The load event is what "took 3–6 s" was.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from _common import django_in_temp_dir

ROLES = {"admin": "admin (BKD)", "196805121994031003": "kepala dinas", "199307042015031004": "pegawai"}
PAGES = ["/standar/", "/standar/indikator/{iku}/", "/standar/renstra/", "/standar/jabatan/"]
# The cascade coverage (issue #14): the figures with each gap list, for the year of the seeded PK.
COVERAGE_PAGES = [
    "/skp/cakupan/?tahun={tahun}",
    "/skp/cakupan/?tahun={tahun}&celah=rhk-yatim",
    "/skp/cakupan/?tahun={tahun}&celah=indikator",
]


def ensure_dataset(pegawai: int, seed: int) -> dict[str, float]:
    """Migrate; seed the demo province (with accounts) and its standards unless already there."""
    from django.core.management import call_command

    from karier.people.demo import seed_demo
    from karier.people.models import Pegawai
    from karier.standards.demo import seed_standards
    from karier.standards.models import Rpjmd

    took: dict[str, float] = {}
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    took["migrate"] = time.perf_counter() - t
    if not Pegawai.objects.exists():
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=seed, akun=True)
        took["seed_demo"] = time.perf_counter() - t
    if not Rpjmd.objects.exists():
        t = time.perf_counter()
        seed_standards()
        took["seed_standards"] = time.perf_counter() - t
    return took


def ensure_plans(tahun: int) -> float:
    """The year's plans for /skp/cakupan/ (unless there are some): `skp_bulk_create` for the province
    (RHK from the standards, so some name an agency indicator), then — as bench/cascade.py does — each
    non-JPT plan's RHK linked to its appraiser's first RHK, one plan in ten left unlinked (so the gap
    lists are not empty), 60 % of plans approved. Setup, not timed."""
    from django.db import connection, transaction

    from karier.people.access import SYSTEM
    from karier.people.choices import JenisJabatan
    from karier.plans.bulk import skp_bulk_create
    from karier.plans.choices import StatusSkp
    from karier.plans.models import RencanaHasilKerja, Skp

    if Skp.objects.filter(tahun_id=tahun).exists():
        return 0.0
    t = time.perf_counter()
    skp_bulk_create(actor=SYSTEM, tahun=tahun)
    jpt = {JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}
    with transaction.atomic():
        plans = list(Skp.objects.filter(tahun_id=tahun).values_list("id", "pegawai_id", "penilai_id", "jabatan__jenis"))
        skp_of = {pegawai: skp for skp, pegawai, *_ in plans}
        first_rhk = dict(RencanaHasilKerja.objects.filter(skp__tahun_id=tahun, urutan=1).values_list("skp_id", "id"))
        links = []
        for skp, _pegawai, penilai, jenis in plans:
            parent = first_rhk.get(skp_of.get(penilai, -1)) if penilai and jenis not in jpt else None
            if parent and skp % 10:
                links.append((parent, skp))
        with connection.cursor() as c:
            c.executemany(f"UPDATE {RencanaHasilKerja._meta.db_table} SET rhk_atasan_id = %s WHERE skp_id = %s", links)
        approved = [p[0] for p in plans if p[0] % 5 < 3]
        for i in range(0, len(approved), 900):  # SQLite's historic 999-parameter limit
            Skp.objects.filter(id__in=approved[i : i + 900]).update(status=StatusSkp.DISETUJUI)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give after a while
    return time.perf_counter() - t


def _timed(get: Callable[[], Any]) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        response = get()
        ms = (time.perf_counter() - t) * 1000
    return ms, len(ctx.captured_queries), response.status_code


def server_side(urls: list[str], repeat: int) -> None:
    from django.test import Client

    from karier.accounts.models import User

    print(f"\nserver (Django test client), median of {repeat} warm requests")
    print(f"{'role':<14} {'page':<44} {'cold ms':>8} {'warm ms':>8} {'queries':>8}")
    first = True
    for username, role in ROLES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            get = partial(client.get, url)
            cold, _, status = _timed(get)
            runs = [_timed(get) for _ in range(repeat)]
            assert status == 200 and all(r[2] == 200 for r in runs), (url, status)
            warm = statistics.median(r[0] for r in runs)
            note = "  (first request of the process)" if first else ""
            first = False
            print(f"{role:<14} {url:<44} {cold:8.1f} {warm:8.1f} {runs[-1][1]:8d}{note}")


def _serve() -> tuple[str, Callable[[], None]]:
    """The project's WSGI application (whitenoise serves the static files, as in production) on a free
    loopback port, in a thread."""
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server.shutdown


NAV = """async () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const chart = document.querySelector('[data-figure]');
  let drawn = null;
  if (chart) {
    for (let i = 0; i < 300 && !chart.querySelector('.main-svg'); i++) {
      await new Promise(r => setTimeout(r, 20));
    }
    drawn = chart.querySelector('.main-svg') ? performance.now() : null;
  }
  return {ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, chart: drawn};
}"""


def browser_side(urls: list[str], repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    from karier.people.demo import DEMO_PASSWORD

    base, stop = _serve()
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    print(f"\nbrowser (chromium, {base}); cold = empty cache, warm = median of {repeat} later visits; ms")
    print(f"{'role':<14} {'page':<44} {'':>5} {'ttfb':>6} {'DCL':>6} {'load':>6} {'chart':>6}")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=args)
            for username, role in ROLES.items():
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"{base}/akun/masuk/")
                page.fill("input[name=username]", username)
                page.fill("input[name=password]", DEMO_PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_load_state("load")
                for url in urls:
                    visits = []
                    for _ in range(repeat + 1):
                        page.goto(f"{base}{url}", wait_until="load")
                        visits.append(page.evaluate(NAV))
                    for label, row in (("cold", visits[0]), ("warm", _median(visits[1:]))):
                        chart = f"{row['chart']:6.0f}" if row["chart"] is not None else "     —"
                        print(
                            f"{role:<14} {url:<44} {label:>5} {row['ttfb']:6.0f} {row['dcl']:6.0f} "
                            f"{row['load']:6.0f} {chart}"
                        )
                context.close()
            browser.close()
    finally:
        stop()


def _median(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in rows[0]:
        values = [r[key] for r in rows if r[key] is not None]
        out[key] = statistics.median(values) if values else None
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--browser", action="store_true", help="also load the pages in chromium")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a disposable database to seed (or reuse) instead of a temporary SQLite; default: $DATABASE_URL",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--tanpa-skp", action="store_true", help="skip /skp/cakupan/ (and creating the year's plans for it)"
    )
    args = parser.parse_args()

    with django_in_temp_dir(args.database_url, keep=args.keep):
        from django.conf import settings
        from django.db import connection

        from karier.people.models import Jabatan, Pegawai
        from karier.standards.demo.catalog.series import PK_TAHUN
        from karier.standards.models import Indikator, StandarJabatan

        settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
        took = ensure_dataset(args.pegawai, args.seed)
        if not args.tanpa_skp:
            took["plans"] = ensure_plans(PK_TAHUN)
        iku = Indikator.objects.filter(sasaran__isnull=False).order_by("kode", "id").first()
        urls = [u.format(iku=iku.pk if iku else 0) for u in PAGES]
        if not args.tanpa_skp:
            urls += [u.format(tahun=PK_TAHUN) for u in COVERAGE_PAGES]
        print(f"database          {connection.vendor} ({connection.settings_dict['NAME']})")
        print(f"pegawai           {Pegawai.objects.count():,}")
        print(f"jabatan           {Jabatan.objects.count():,} ({StandarJabatan.objects.count():,} with a standard)")
        print("setup             " + ", ".join(f"{k} {v:.1f} s" for k, v in took.items()))
        server_side(urls, args.repeat)
        if args.browser:
            browser_side(urls, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
