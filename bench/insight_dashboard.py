"""Benchmark the dashboards (issue #13 "Scale"): the refresh job and the province dashboard.

    .venv/bin/python bench/insight_dashboard.py --database-url postgres://karier:karier@127.0.0.1:54330/karier_b
    .venv/bin/python bench/insight_dashboard.py --pegawai 1000000 --database-url postgres://…/bench_dasbor_1m
    .venv/bin/python bench/insight_dashboard.py --pegawai 20000          # temporary SQLite

The dataset is built once per database, in a child process (so the figures measure the work only):
`seed_demo` with N employees (no accounts), then set-based INSERT … SELECT gives the year every active
employee with a position a plan (80 % approved) with one RHK, every approved plan an annual evaluation
(70 % final, predikat spread 20/70/10 %), a yearly JP total (0–39 JP) and a 9-box place. Each run times:

1. **refresh** — `dasbor_refresh_now` for the year (the job as the nightly task runs it: eleven GROUP BY
   queries over the base tables, then the writes agency by agency), rows written, peak RSS;
2. **page** — the province dashboard through the Django test client as a BKD admin: the cold first
   request, then the median (p50) of `--repeat` warm ones, with their query count; also the API;
3. **SQL** — one hand-written aggregate statement over the base tables that computes the province
   page's main figures per agency (headcount, predikat, plans, evaluations, JP) — what a dashboard
   without pre-aggregated tables would run per request — and the ratios page/SQL and refresh/SQL.

`--json FILE` appends the refresh and the page (p50) against that SQL for `bench/run`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import peak_mb, time_pages
from _result import add_json_argument, record

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
TAHUN = 2025


def setup_django(database_url: str) -> None:
    from skp_bulk import setup_django as base

    base(database_url)


def _insert_select(model: Any, values: dict[str, str], source: str, params: list[Any] | None = None) -> int:
    """INSERT INTO model's table (the given columns, plus every other NOT NULL column with an empty value
    of its type) SELECT … FROM `source`: one statement, done by the database."""
    from django.db import connection, models

    cols, exprs = list(values), list(values.values())
    for f in model._meta.concrete_fields:
        if f.primary_key and isinstance(f, models.AutoField | models.BigAutoField):
            continue
        if f.column in values or f.null:
            continue
        if isinstance(f, models.BooleanField):
            expr = "true" if f.default is True else "false"
        elif isinstance(f, models.JSONField):
            expr = "'[]'" if f.default is list else "'{}'"
        elif isinstance(f, models.DateTimeField):
            expr = "CURRENT_TIMESTAMP"
        elif isinstance(f, models.DateField):
            expr = "CURRENT_DATE"
        elif isinstance(f, models.IntegerField | models.DecimalField | models.FloatField):
            expr = str(f.default) if isinstance(f.default, int) else "0"
        else:
            expr = f"'{f.default}'" if isinstance(f.default, str) else "''"
        cols.append(f.column)
        exprs.append(expr)
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM {source}"
    with connection.cursor() as c:
        c.execute(sql, params or [])
        return int(c.rowcount)


def prepare(pegawai: int) -> None:
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection

    from karier.accounts.models import User
    from karier.appraisal.models import Evaluasi, PeriodePenilaian
    from karier.development.models import RekapJpPegawai
    from karier.people.demo import seed_demo
    from karier.people.models import Pegawai
    from karier.plans.models import RencanaHasilKerja, Skp, TahunKinerja
    from karier.talent.models import AturanTalenta, PenempatanTalenta

    call_command("migrate", verbosity=0)
    if Pegawai.objects.count() < pegawai * 0.95:
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=1, reset=Pegawai.objects.exists(), akun=False)
        print(f"seed_demo {pegawai:,}: {time.perf_counter() - t:.1f} s", flush=True)
    User.objects.filter(username="bench-dasbor").exists() or User.objects.create_user(
        username="bench-dasbor", password="bench-dasbor-123", is_admin_bkd=True
    )
    tahun, _c = TahunKinerja.objects.get_or_create(tahun=TAHUN, defaults={"batas_penetapan_skp": dt.date(TAHUN, 1, 31)})
    periode, _c = PeriodePenilaian.objects.get_or_create(
        tahun=tahun,
        jenis="TAHUNAN",
        nomor=0,
        defaults={
            "nama": f"Tahunan {TAHUN}",
            "mulai": dt.date(TAHUN, 1, 1),
            "selesai": dt.date(TAHUN, 12, 31),
            "dibuka_pada": dt.date(TAHUN, 12, 1),
            "batas_pengisian": dt.date(TAHUN + 1, 1, 31),
            "status": "DITUTUP",
        },
    )
    pg = Pegawai._meta.db_table
    t = time.perf_counter()
    if not Skp.objects.filter(tahun=tahun).exists():
        status = "CASE WHEN id %% 10 < 8 THEN 'DISETUJUI' WHEN id %% 10 < 9 THEN 'DIAJUKAN' ELSE 'DRAFT' END"
        n = _insert_select(
            Skp,
            {
                "pegawai_id": "id",
                "tahun": str(TAHUN),
                "periode_mulai": f"'{TAHUN}-01-01'",
                "periode_selesai": f"'{TAHUN}-12-31'",
                "jabatan_id": "jabatan_id",
                "unit_id": "unit_id",
                "status": status,
                "sumber": "'KOSONG'",
            },
            f"{pg} WHERE aktif AND jabatan_id IS NOT NULL AND unit_id IS NOT NULL",
        )
        sk = Skp._meta.db_table
        _insert_select(RencanaHasilKerja, {"skp_id": "id", "teks": "'Laporan'"}, f"{sk} WHERE tahun = {TAHUN}")
        predikat = (
            "CASE WHEN pegawai_id %% 10 < 2 THEN 'Sangat Baik' WHEN pegawai_id %% 10 < 9 THEN 'Baik' "
            "ELSE 'Butuh Perbaikan' END"
        )
        _insert_select(
            Evaluasi,
            {
                "skp_id": "id",
                "periode_id": str(periode.pk),
                "pegawai_id": "pegawai_id",
                "unit_id": "unit_id",
                "jabatan_id": "jabatan_id",
                "predikat": predikat,
                "status": "CASE WHEN pegawai_id %% 100 < 70 THEN 'FINAL' ELSE 'DINILAI' END",
            },
            f"{sk} WHERE tahun = {TAHUN} AND status = 'DISETUJUI'",
        )
        print(f"plans and evaluations: {n:,} plans in {time.perf_counter() - t:.1f} s", flush=True)
    if not RekapJpPegawai.objects.filter(tahun=TAHUN).exists():
        _insert_select(
            RekapJpPegawai,
            {
                "pegawai_id": "id",
                "tahun": str(TAHUN),
                "jp_total": "(id * 7) %% 40",
                "jumlah": "1",
                "diubah_pada": "CURRENT_TIMESTAMP",
            },
            f"{pg} WHERE aktif",
        )
    if not PenempatanTalenta.objects.filter(tahun=TAHUN).exists():
        aturan = AturanTalenta.objects.order_by("pk").first()
        assert aturan is not None
        _insert_select(
            PenempatanTalenta,
            {
                "pegawai_id": "id",
                "tahun": str(TAHUN),
                "aturan_id": str(aturan.pk),
                "kinerja": "'Menengah'",
                "potensial": "'Menengah'",
                "kotak": "1 + id %% 9",
                "skor_potensial": "80",
                "opd_id": "opd_id",
                "unit_id": "unit_id",
                "dihitung_pada": "CURRENT_TIMESTAMP",
            },
            f"{pg} WHERE aktif AND unit_id IS NOT NULL",
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")


def run_refresh(label: str) -> float:
    from django.db import connection

    from karier.insight.dashboards.refresh import dasbor_refresh_now
    from karier.people.access import SYSTEM
    from karier.people.models import Pegawai

    t = time.perf_counter()
    hasil = dasbor_refresh_now(actor=SYSTEM, tahun=[TAHUN])
    s = time.perf_counter() - t
    n = Pegawai.objects.filter(aktif=True).count()
    print(
        f"{label:8} {s:8.2f} s  {n:>9,} pegawai  {hasil[str(TAHUN)]:>7,} rows  peak RSS {peak_mb():,.0f} MB  "
        f"({connection.vendor})",
        flush=True,
    )
    return s


def run_sql() -> float:
    """The province page's main figures per agency in one statement over the base tables."""
    from django.db import connection

    from karier.appraisal.models import Evaluasi, PeriodePenilaian
    from karier.development.models import RekapJpPegawai
    from karier.people.models import Pegawai
    from karier.plans.models import Skp

    pg, sk, ev = Pegawai._meta.db_table, Skp._meta.db_table, Evaluasi._meta.db_table
    rk, pp = RekapJpPegawai._meta.db_table, PeriodePenilaian._meta.db_table
    sql = f"""
    SELECT p.opd_id, COUNT(*) AS pegawai,
      COUNT(*) FILTER (WHERE s.status = 'DISETUJUI') AS skp_disetujui,
      COUNT(*) FILTER (WHERE e.status = 'FINAL') AS final,
      COUNT(*) FILTER (WHERE e.status = 'FINAL' AND COALESCE(NULLIF(e.predikat_akhir, ''), e.predikat) = 'Sangat Baik') AS sb,
      COUNT(*) FILTER (WHERE e.status = 'FINAL' AND COALESCE(NULLIF(e.predikat_akhir, ''), e.predikat) = 'Baik') AS b,
      COUNT(*) FILTER (WHERE e.status = 'FINAL' AND COALESCE(NULLIF(e.predikat_akhir, ''), e.predikat) = 'Butuh Perbaikan') AS bp,
      COUNT(*) FILTER (WHERE COALESCE(r.jp_total, 0) >= 20) AS jp
    FROM {pg} p
    LEFT JOIN {sk} s ON s.pegawai_id = p.id AND s.tahun = %s
    LEFT JOIN {ev} e ON e.skp_id = s.id AND e.periode_id IN (SELECT id FROM {pp} WHERE tahun = %s AND jenis = 'TAHUNAN')
    LEFT JOIN {rk} r ON r.pegawai_id = p.id AND r.tahun = %s
    WHERE p.aktif
    GROUP BY p.opd_id
    """  # noqa: E501 - table names are ours; values are parameters
    t = time.perf_counter()
    with connection.cursor() as c:
        c.execute(sql, [TAHUN, TAHUN, TAHUN])
        rows = c.fetchall()
    s = time.perf_counter() - t
    print(f"SQL      {s * 1000:8.0f} ms  {len(rows):>9,} agencies (one aggregate over the base tables)", flush=True)
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=20, help="warm requests per page (p50 over them)")
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    add_json_argument(parser)
    args = parser.parse_args()
    if not args.database_url:
        import tempfile

        os.environ.setdefault("KARIER_BENCH_DIR", tempfile.mkdtemp(prefix="karier-bench-dasbor-"))
    setup_django(args.database_url)
    if args.prepare_only:
        prepare(args.pegawai)
        return
    env = {**os.environ, "DATABASE_URL": args.database_url} if args.database_url else dict(os.environ)
    cmd = [sys.executable, __file__, "--prepare-only", "--pegawai", str(args.pegawai)]
    subprocess.run([*cmd, "--database-url", args.database_url], check=True, env=env)
    refresh = run_refresh("refresh")
    refresh_peak = peak_mb()
    run_refresh("re-run")
    url = f"/wawasan/dasbor/provinsi/?tahun={TAHUN}"
    page = time_pages([url, f"/api/v1/wawasan/dasbor/provinsi?tahun={TAHUN}"], args.repeat, username="bench-dasbor")[
        url
    ]
    from django.db import connection

    sql = None
    if connection.vendor == "postgresql":
        sql = run_sql()
        print(f"ratio    refresh {refresh:.2f} s / one SQL {sql:.2f} s = {refresh / sql:.1f}×", flush=True)
        print(f"ratio    page p50 {page:.0f} ms / one SQL {sql * 1000:.0f} ms = {page / (sql * 1000):.3f}×", flush=True)
    label = "hand-written SQL (aggregate)"
    size = args.pegawai
    record(
        args.json,
        workload="dashboard refresh",
        size=size,
        seconds=refresh,
        peak_mb=refresh_peak,
        limit_label=label,
        limit_seconds=sql,
    )
    record(
        args.json,
        workload="dashboard page p50",
        size=size,
        seconds=page / 1000,
        peak_mb=peak_mb(),
        limit_label=label,
        limit_seconds=sql,
    )


if __name__ == "__main__":
    main()
