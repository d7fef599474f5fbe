"""Commit the query plans of the pages at one million employees (issue #14: "EXPLAIN (ANALYZE, BUFFERS) of
each list and dashboard query at 1M under bench/plans/: no sequential scan of a 1M table on a page").

    DATABASE_URL=postgres://…/bench_1m .venv/bin/python bench/explain_plans.py [--out bench/plans]

Needs a PostgreSQL database seeded at scale (`bench/insight_dashboard.py --pegawai 1000000` builds one:
employees, plans, a year of evaluations). Picks the personas from the data — a BKD admin, the Sekda (the
top of the tree), the head of the largest agency, a Kepala Bidang and a member of staff — gives each an
account, then requests every page of the list below as each persona it applies to, capturing its
queries, and runs `EXPLAIN (ANALYZE, BUFFERS)` of each. One file per page and persona under
`bench/plans/`; a table on stdout: page, persona, status, ms, queries, and the sequential scans of
tables over 100,000 rows (which a page must not have — the count of the Sekda's province-wide directory
is the one that reads every row, by nature; it is listed, not hidden).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
BIG = 100_000


def personas() -> dict[str, Any]:
    from django.db.models import Count

    from karier.accounts.models import User
    from karier.people.models import Jabatan, Pegawai

    def holder(jab: Any) -> Any:
        return Pegawai.objects.filter(jabatan=jab).order_by("pk").first()

    sekda_pos = Jabatan.objects.filter(atasan=None, adalah_kepala_unit=True).order_by("pk").first()
    biggest = Pegawai.objects.exclude(opd=None).values("opd_id").order_by().annotate(n=Count("pk"))
    opd_id = max(biggest, key=lambda r: r["n"])["opd_id"]
    kadis_pos = Jabatan.objects.filter(unit_id=opd_id, adalah_kepala_unit=True).first()
    kabid_pos = Jabatan.objects.filter(atasan=kadis_pos, adalah_kepala_unit=True).order_by("pk").first()
    staff = Pegawai.objects.filter(jabatan__atasan=kabid_pos, jabatan__adalah_kepala_unit=False).order_by("pk").first()
    people = {"sekda": holder(sekda_pos), "kadis": holder(kadis_pos), "kabid": holder(kabid_pos), "staf": staff}
    users: dict[str, Any] = {}
    for key, p in people.items():
        if p is None:
            continue
        users[key], _ = User.objects.get_or_create(username=f"plan-{key}", defaults={"pegawai": p})
    users["admin"], _ = User.objects.get_or_create(username="plan-admin", defaults={"is_admin_bkd": True})
    users["_opd"] = opd_id
    users["_unit"] = kabid_pos.unit_id if kabid_pos else None
    return users


def pages(ctx: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    from karier.appraisal.models import PeriodePenilaian

    periode = PeriodePenilaian.objects.filter(evaluasi__isnull=False).order_by("-pk").first()
    p = periode.pk if periode else 0
    everyone = ["admin", "sekda", "kadis", "kabid", "staf"]
    return [
        ("beranda", "/", everyone),
        ("direktori", "/pegawai/", everyone),
        ("direktori-cari", "/pegawai/?q=Siti", ["admin", "sekda", "kadis"]),
        ("direktori-hal-2000", "/pegawai/?page=2000", ["admin", "sekda"]),
        ("api-pegawai", "/api/v1/pegawai?limit=50", ["admin", "kadis"]),
        ("skp-saya", "/skp/", ["kabid", "staf"]),
        ("skp-bawahan", "/skp/bawahan/", ["kadis", "kabid"]),
        ("penilaian", "/penilaian/", ["kabid", "staf"]),
        ("kalibrasi-opd", f"/penilaian/kalibrasi/{p}/opd/{ctx['_opd']}/", ["admin", "kadis"]),
        ("kalibrasi-unit", f"/penilaian/kalibrasi/{p}/unit/{ctx['_unit']}/", ["kabid", "kadis"]),
        ("dasbor-provinsi", "/wawasan/dasbor/provinsi/?tahun=2025", ["admin"]),
        ("dasbor-opd", f"/wawasan/dasbor/opd/?tahun=2025&opd={ctx['_opd']}", ["kadis"]),
        ("standar-jabatan", "/standar/jabatan/", ["admin", "kadis"]),
        ("skp-cakupan", "/skp/cakupan/", ["admin", "kadis"]),
    ]


def big_tables() -> set[str]:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s", [BIG])
        return {r[0] for r in c.fetchall()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "bench" / "plans"))
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        sys.exit("bench/explain_plans.py needs PostgreSQL (DATABASE_URL).")
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    ctx = personas()
    big = big_tables()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"{'page':<22} {'persona':<7} {'status':>6} {'ms':>7} {'queries':>7}  seq scans of tables > {BIG:,} rows")
    for name, url, who in pages(ctx):
        for persona in who:
            user = ctx.get(persona)
            if user is None:
                continue
            client = Client()
            client.force_login(user)
            client.get(url)  # warm: the actor's subtree cache, the template cache
            with CaptureQueriesContext(connection) as cap:
                t = time.perf_counter()
                resp = client.get(url)
                ms = (time.perf_counter() - t) * 1000
            lines = [f"# {url} as {persona}: HTTP {resp.status_code}, {ms:.0f} ms, {len(cap)} queries", ""]
            seq: list[str] = []
            with connection.cursor() as c:
                for i, q in enumerate(cap.captured_queries, 1):
                    sql = q["sql"]
                    lines.append(f"## query {i} ({float(q['time']) * 1000:.1f} ms)\n{sql[:1500]}\n")
                    if not sql.lstrip().upper().startswith("SELECT"):
                        continue
                    c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    plan = "\n".join(r[0][:400] for r in c.fetchall())  # literal id lists cut
                    lines.append(plan + "\n")
                    seq += [
                        m.group(1)
                        for m in re.finditer(r"Seq Scan on (\w+).*", plan)
                        if m.group(1) in big and "never executed" not in m.group(0)
                    ]
            (out / f"{name}__{persona}.txt").write_text("\n".join(lines), encoding="utf-8")
            scans = ", ".join(sorted(set(seq))) or "-"
            print(f"{name:<22} {persona:<7} {resp.status_code:>6} {ms:>7.0f} {len(cap):>7}  {scans}", flush=True)


if __name__ == "__main__":
    main()
