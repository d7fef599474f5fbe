"""Time the SIASN history exchange (issue #11 item 8): a 20,000-row import (phase one: read and check;
phase two: apply in one transaction with the JP ledger and the yearly totals) and the export of the
whole province's history (Excel), with the peak memory.

    .venv/bin/python bench/siasn_exchange.py                        # 5,000 employees, temporary SQLite
    .venv/bin/python bench/siasn_exchange.py --database-url postgres://karier:karier@127.0.0.1:54330/karier_x

Builds the demo province (`seed_demo` with accounts) unless the database has it, writes a CSV in the
`kursus` layout with --rows rows for random people (distinct courses, past dates), then measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time

from _common import django_in_temp_dir, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=5000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with django_in_temp_dir(args.database_url or ""):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.core.management import call_command

        from karier.accounts.models import User
        from karier.development.exchange import export, imports
        from karier.development.exchange.history import history, split
        from karier.people.access import as_actor
        from karier.people.demo import seed_demo
        from karier.people.models import Pegawai

        call_command("migrate", verbosity=0)
        if not Pegawai.objects.exists():
            t = time.perf_counter()
            seed_demo(pegawai=args.pegawai, seed=args.seed, akun=True)
            print(f"seed_demo: {time.perf_counter() - t:.1f} s")
        admin = as_actor(User.objects.get(username="admin"))
        rng = random.Random(args.seed)
        nips = list(Pegawai.objects.filter(aktif=True).exclude(pk=admin.pegawai_id or 0).values_list("nip", flat=True))
        today = dt.date.today()
        lines = [
            "nip,institusiPenyelenggara,jenisDiklatId,jenisKursus,jumlahJam,namaKursus,nomorSertipikat,"
            "tahunKursus,tanggalKursus,tanggalSelesaiKursus"
        ]
        run = time.time_ns() % 1_000_000  # distinct names on every run: nothing "already recorded"
        for i in range(args.rows):
            end = today - dt.timedelta(days=rng.randint(1, 700))
            start = end - dt.timedelta(days=rng.randint(0, 4))
            lines.append(
                f"{rng.choice(nips)},BPSDM Provinsi Bengkulu,{rng.choice(['3', '8', '9', '11', '16'])},,"
                f"{rng.choice([2, 4, 8, 12, 24])},Pelatihan {run}-{i},,{end.year},{start:%d-%m-%Y},{end:%d-%m-%Y}"
            )
        data = ("\n".join(lines) + "\n").encode()
        print(f"file: {args.rows} rows, {len(data) / 1024 / 1024:.1f} MB")
        t = time.perf_counter()
        report = imports.siasn_impor_periksa(actor=admin, berkas=SimpleUploadedFile("bench.csv", data))
        print(f"phase one (read + check): {time.perf_counter() - t:.1f} s, {len(report.kesalahan)} mistakes")
        t = time.perf_counter()
        n = imports.siasn_impor_terapkan(actor=admin, impor=report)
        print(f"phase two (apply {n} rows + ledger + totals): {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        rows = split(history(Pegawai.objects.all()))
        book = export.workbook(rows)
        print(
            f"export of the province: {sum(len(v) for v in rows.values())} rows, "
            f"{len(book) / 1024 / 1024:.1f} MB xlsx in {time.perf_counter() - t:.1f} s"
        )
        print(f"peak memory: {peak_mb():.0f} MB")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
