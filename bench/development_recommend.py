"""Time the set-based needs and recommendations job (issue #11 §5 and "Scale": 50,000 employees against
a catalogue of 500 activities in under 60 s and 500 MB), then the training-needs analysis read from its
snapshot for the whole province.

    .venv/bin/python bench/development_recommend.py                      # 2,000 employees, temporary SQLite
    .venv/bin/python bench/development_recommend.py --pegawai 50000 \\
        --database-url postgres://karier:karier@127.0.0.1:54330/karier_r

Builds the demo province (`seed_demo`, no accounts) unless the database has it, then — once — gives
about 40 % of the people an assessment-centre level in each of the nine Kamus competencies (1–4,
bulk insert) and builds `--kegiatan` active activities developing one to three competencies up to
level 2–5. Performance signals come from rated evaluations, which this dataset has none of (their
three queries per chunk still run). Runs the computation exactly as the job does
(`rekomendasi_hitung`, chunks of 2,000 people with progress), twice: the second run replaces the
first. Reports wall time, queries, rows written, tracemalloc's peak of Python allocations and the
process's peak resident memory (ru_maxrss).

On PostgreSQL the limit is measured in the same run: COPY of the rows the job wrote (the needs snapshot
and the recommendations) into scratch copies of the same tables — writing the result and nothing else.
`--json FILE` appends the first run's figures for `bench/run`.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from decimal import Decimal

from _common import django_in_temp_dir, peak_mb
from _result import add_json_argument, copy_into_scratch, record


def ensure_dataset(pegawai: int, kegiatan: int, seed: int) -> None:
    import datetime as dt

    from django.core.management import call_command

    from karier.core.bulk import bulk_insert
    from karier.development.models import (
        KegiatanKompetensi,
        KegiatanPengembangan,
        Kompetensi,
        PenilaianKompetensi,
    )
    from karier.people.demo import seed_demo
    from karier.people.models import Pegawai

    call_command("migrate", verbosity=0)
    if not Pegawai.objects.exists():
        t = time.perf_counter()
        seed_demo(pegawai=pegawai, seed=seed, akun=False)
        print(f"seed_demo: {time.perf_counter() - t:.1f} s")
    rng = random.Random(seed)
    kompetensi = list(Kompetensi.objects.filter(jenis__in=["MANAJERIAL", "SOSIOKULTURAL"]).values_list("pk", flat=True))
    if not PenilaianKompetensi.objects.exists():
        rows: list[tuple[object, ...]] = []
        for pid in Pegawai.objects.filter(aktif=True).values_list("pk", flat=True).iterator():
            if rng.random() < 0.4:
                rows.extend(
                    (pid, k, rng.randint(1, 4), dt.date(2026, 1, 15), "ASSESSMENT_CENTER", "Bench") for k in kompetensi
                )
        for start in range(0, len(rows), 50_000):
            bulk_insert(
                PenilaianKompetensi,
                ("pegawai_id", "kompetensi_id", "level", "tanggal", "sumber", "asesor"),
                rows[start : start + 50_000],
            )
        print(f"assessments: {len(rows):,}")
    have = KegiatanPengembangan.objects.filter(kode__startswith="BENCH-").count()
    if have < kegiatan:
        ids = bulk_insert(
            KegiatanPengembangan,
            ("kode", "nama", "jenis", "metode", "penyelenggara", "jp", "aktif"),
            [
                (
                    f"BENCH-{i:04d}",
                    f"Kegiatan bench {i}",
                    "MANAJERIAL",
                    "PELATIHAN",
                    "BPSDM",
                    Decimal(rng.choice([4, 8, 12, 16, 24, 40])),
                    True,
                )
                for i in range(have, kegiatan)
            ],
            ids=True,
        )
        links = []
        for kid in ids:
            for k in rng.sample(kompetensi, rng.randint(1, 3)):
                links.append((kid, k, rng.randint(2, 5)))
        bulk_insert(KegiatanKompetensi, ("kegiatan_id", "kompetensi_id", "sampai_level"), links)
        print(f"activities: {len(ids):,} new, {len(links):,} competency links")


def run_once(label: str, *, trace: bool) -> float:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from karier.development.models import KebutuhanTersimpan, RekomendasiKegiatan
    from karier.development.recommend.compute import rekomendasi_hitung
    from karier.people.access import SYSTEM

    last = [0.0]

    def progress(done: int, total: int, pesan: str | None = None) -> None:
        now = time.perf_counter()
        if now - last[0] > 5 or done == total:
            print(f"  {done:,}/{total:,}")
            last[0] = now

    if trace:
        tracemalloc.start()
    t = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        run = rekomendasi_hitung(actor=SYSTEM, progress=progress)
    elapsed = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    traced = f"tracemalloc peak {peak / 2**20:.0f} MB" if trace else "no tracemalloc (it slows Python ~3x)"
    print(
        f"{label}: {elapsed:.1f} s for {run.jumlah_pegawai:,} employees; {len(ctx.captured_queries)} queries; "
        f"{KebutuhanTersimpan.objects.count():,} needs and {RekomendasiKegiatan.objects.count():,} recommendations "
        f"stored; {traced}; ru_maxrss {peak_mb():.0f} MB"
    )
    return elapsed


def analysis() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from karier.development.recommend.tna import analisis
    from karier.people.models import Pegawai

    for by in ("opd", "unit"):
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            result = analisis(Pegawai.objects.all(), by=by)
        print(
            f"analysis per {by} from the snapshot ({result.sumber}): {(time.perf_counter() - t) * 1000:.0f} ms, "
            f"{len(ctx.captured_queries)} queries, {len(result.tna.total)} needs, {len(result.tna.per_unit)} groups"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=2000)
    parser.add_argument("--kegiatan", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    add_json_argument(parser)
    args = parser.parse_args()
    with django_in_temp_dir(args.database_url):
        from django.db import connection

        from karier.development.models import KebutuhanTersimpan, RekomendasiKegiatan

        ensure_dataset(args.pegawai, args.kegiatan, args.seed)
        seconds = run_once("first run (timed)", trace=False)
        peak = peak_mb()
        limit = None
        if connection.vendor == "postgresql":
            limit, rows = copy_into_scratch([KebutuhanTersimpan._meta.db_table, RekomendasiKegiatan._meta.db_table])
            print(
                f"limit: COPY of the {rows:,} rows written into scratch copies: {limit:.1f} s = {seconds / limit:.1f}×"
            )
        run_once("second run (replaces the first; memory traced)", trace=True)
        analysis()
        record(
            args.json,
            workload="development recommendations",
            size=args.pegawai,
            seconds=seconds,
            peak_mb=peak,
            limit_label="COPY of its output rows",
            limit_seconds=limit,
        )


if __name__ == "__main__":
    main()
