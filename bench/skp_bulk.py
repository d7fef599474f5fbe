"""Benchmark bulk SKP creation (`karier.plans.bulk.skp_bulk_create`) for a whole province.

    .venv/bin/python bench/skp_bulk.py                                  # 50,000 employees, temporary SQLite
    .venv/bin/python bench/skp_bulk.py --database-url postgres://karier:karier@127.0.0.1:54330/bench_skp

The dataset is built once per database and reused: `seed_demo` (the demo province, without user
accounts) with N employees, then a simple standard for every position (2 RHK with 3 IKI and 2
BerAKHLAK expectations), written with bulk_create. Every run deletes the year's plans first, then
times one `skp_bulk_create` for the whole province, then a second run (everything skipped).
Prints seconds, rows created, rows per second and peak memory (ru_maxrss).

On PostgreSQL it then measures the limit in the same run: the year's rows (SKP, RHK, IKI, perilaku)
are exported, deleted, and COPY writes the very same rows back into the same tables (timed, one
transaction); the ratio bulk create / COPY. `--json FILE` appends the figures for `bench/run`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from _common import peak_mb
from _result import add_json_argument, copy_in, copy_out, record

ROOT = Path(__file__).resolve().parent.parent
TAHUN = 2026


def setup_django(database_url: str) -> str:
    """Point Django at the database (a temporary SQLite when none is given) and start it."""
    tmp = ""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        tmp = os.environ.get("KARIER_BENCH_DIR") or tempfile.mkdtemp(prefix="karier-bench-")
        os.environ["KARIER_VAR_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return tmp


def ensure_dataset(pegawai: int, seed: int = 1) -> dict[str, Any]:
    """Migrate, seed the demo province with `pegawai` employees (unless already there) and give every
    position a standard. Returns what was done and how long it took."""
    from django.core.management import call_command

    from karier.people.demo import seed_demo
    from karier.people.models import Jabatan, Pegawai
    from karier.standards.models import NilaiBerakhlak, StandarHasil, StandarJabatan, StandarPerilaku

    info: dict[str, Any] = {}
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    info["migrate_s"] = time.perf_counter() - t
    have = Pegawai.objects.count()
    if have == 0:
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=seed, akun=False)
        info["seed_s"] = time.perf_counter() - t
    elif have < pegawai * 0.95:
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=seed, reset=True, akun=False)
        info["seed_s"] = time.perf_counter() - t
    info["pegawai"] = Pegawai.objects.filter(aktif=True).count()
    missing = list(Jabatan.objects.filter(standar__isnull=True).values_list("id", "nama"))
    if missing:
        t = time.perf_counter()
        kode = list(NilaiBerakhlak.objects.order_by("urutan").values_list("kode", flat=True))
        StandarJabatan.objects.bulk_create(
            [StandarJabatan(jabatan_id=j, ringkasan=f"Tugas {n}") for j, n in missing], batch_size=5000
        )
        standar = dict(
            StandarJabatan.objects.filter(jabatan_id__in=[j for j, _ in missing]).values_list("jabatan_id", "id")
        )
        hasil, perilaku = [], []
        for j, nama in missing:
            s = standar[j]
            rhk1, rhk2 = f"Terlaksananya tugas {nama[:60]}", f"Laporan kinerja {nama[:60]}"
            hasil += [
                StandarHasil(
                    standar_id=s,
                    urutan=1,
                    rhk=rhk1,
                    aspek="KUANTITAS",
                    indikator="Jumlah kegiatan",
                    target_angka=Decimal(12),
                    satuan="kegiatan",
                ),
                StandarHasil(
                    standar_id=s,
                    urutan=2,
                    rhk=rhk1,
                    aspek="WAKTU",
                    indikator="Ketepatan waktu",
                    target_angka=Decimal(12),
                    satuan="bulan",
                ),
                StandarHasil(
                    standar_id=s,
                    urutan=3,
                    rhk=rhk2,
                    aspek="KUALITAS",
                    indikator="Laporan diterima",
                    target_kualitatif="Tanpa revisi",
                ),
            ]
            perilaku += [
                StandarPerilaku(standar_id=s, nilai_id=kode[1], ekspektasi="Tertib administrasi"),
                StandarPerilaku(standar_id=s, nilai_id=kode[2], ekspektasi="Mengikuti pelatihan"),
            ]
        StandarHasil.objects.bulk_create(hasil, batch_size=5000)
        StandarPerilaku.objects.bulk_create(perilaku, batch_size=5000)
        info["standar_s"] = time.perf_counter() - t
    info["jabatan"] = Jabatan.objects.count()
    return info


def delete_year(tahun: int) -> None:
    """Remove the year's plans with one DELETE per table (bench reset, not a product feature)."""
    from karier.plans.models import (
        DialogKinerja,
        EkspektasiPerilaku,
        IndikatorKinerjaIndividu,
        RencanaHasilKerja,
        Skp,
        SkpRevisi,
    )

    for model, lookup in (
        (IndikatorKinerjaIndividu, "rhk__skp__tahun_id"),
        (EkspektasiPerilaku, "skp__tahun_id"),
        (DialogKinerja, "skp__tahun_id"),
        (SkpRevisi, "skp__tahun_id"),
    ):
        model.objects.filter(**{lookup: tahun}).delete()
    RencanaHasilKerja.objects.filter(skp__tahun_id=tahun).update(rhk_atasan=None)
    RencanaHasilKerja.objects.filter(skp__tahun_id=tahun)._raw_delete(RencanaHasilKerja.objects.db)
    Skp.objects.filter(tahun_id=tahun)._raw_delete(Skp.objects.db)


def copy_limit(tahun: int) -> float:
    """Export the year's plans (untimed), delete them, and time COPY of the same rows back into the same
    tables in one transaction (foreign keys checked at commit, as in the bulk run's chunks)."""
    from django.db import transaction

    from karier.plans.models import EkspektasiPerilaku, IndikatorKinerjaIndividu, RencanaHasilKerja, Skp

    sk, rhk = Skp._meta.db_table, RencanaHasilKerja._meta.db_table
    skp_ids = f"SELECT id FROM {sk} WHERE tahun = {int(tahun)}"
    parts = [
        (sk, f"SELECT * FROM {sk} WHERE tahun = {int(tahun)}"),
        (rhk, f"SELECT * FROM {rhk} WHERE skp_id IN ({skp_ids})"),
        (
            IndikatorKinerjaIndividu._meta.db_table,
            f"SELECT * FROM {IndikatorKinerjaIndividu._meta.db_table} WHERE rhk_id IN "
            f"(SELECT id FROM {rhk} WHERE skp_id IN ({skp_ids}))",
        ),
        (
            EkspektasiPerilaku._meta.db_table,
            f"SELECT * FROM {EkspektasiPerilaku._meta.db_table} WHERE skp_id IN ({skp_ids})",
        ),
    ]
    files = [(table, copy_out(sql)) for table, sql in parts]
    try:
        delete_year(tahun)
        t = time.perf_counter()
        with transaction.atomic():
            for table, path in files:
                copy_in(table, path)
        return time.perf_counter() - t
    finally:
        for _table, path in files:
            path.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=50_000)
    parser.add_argument("--database-url", default="", help="use this database (default: a temporary SQLite)")
    parser.add_argument("--chunk", type=int, default=0, help="people per chunk (default: bulk.CHUNK)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite directory")
    add_json_argument(parser)
    args = parser.parse_args()
    tmp = setup_django(args.database_url)
    try:
        from django.db import connection

        from karier.people.access import SYSTEM
        from karier.plans.bulk import CHUNK, skp_bulk_create

        info = ensure_dataset(args.pegawai)
        delete_year(TAHUN)
        chunk = args.chunk or CHUNK
        before = peak_mb()
        t = time.perf_counter()
        r = skp_bulk_create(actor=SYSTEM, tahun=TAHUN, chunk_size=chunk)
        seconds = time.perf_counter() - t
        t = time.perf_counter()
        again = skp_bulk_create(actor=SYSTEM, tahun=TAHUN, chunk_size=chunk)
        rerun = time.perf_counter() - t
        rows = sum(r.rows.values())
        print(f"database          {connection.vendor} ({connection.settings_dict['NAME']})")
        for key in ("migrate_s", "seed_s", "standar_s"):
            if key in info:
                print(f"setup {key:<11} {info[key]:.1f} s")
        print(f"pegawai aktif     {info['pegawai']:,}   jabatan {info['jabatan']:,}   chunk {chunk:,}")
        print(f"SKP created       {r.created:,} (skipped {r.skipped:,}; reasons {r.reasons})")
        print(f"rows              {rows:,} ({', '.join(f'{k} {v:,}' for k, v in r.rows.items())})")
        print(f"bulk create       {seconds:.2f} s")
        print(f"rows/s            {rows / seconds:,.0f}   (SKP/s {r.created / seconds:,.0f})")
        print(f"re-run (all skip) {rerun:.2f} s, created {again.created}, skipped {again.skipped:,}")
        print(f"peak memory       {peak_mb():,.0f} MB (before the run {before:,.0f} MB)")
        peak = peak_mb()
        limit = copy_limit(TAHUN) if connection.vendor == "postgresql" else None
        if limit is not None:
            print(f"limit: COPY       {limit:.2f} s (the same rows into the same tables)")
            print(f"ratio             bulk create {seconds:.2f} s / COPY {limit:.2f} s = {seconds / limit:.1f}×")
        record(
            args.json,
            workload="SKP bulk create",
            size=args.pegawai,
            seconds=seconds,
            peak_mb=peak,
            limit_label="COPY of the same rows",
            limit_seconds=limit,
        )
    finally:
        if tmp and not args.keep and not os.environ.get("KARIER_BENCH_DIR"):
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp:
            print(f"kept {tmp}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
