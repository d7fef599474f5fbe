"""`karier skp_bulk --tahun 2026 [--opd ID | --unit ID]` — draft SKPs for everyone without one (admins, demo)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from karier.people.access import SYSTEM
from karier.plans.bulk import CHUNK, REASON_LABELS, skp_bulk_create


class Command(BaseCommand):
    help = (
        "Membuat draf SKP (sumber: massal) dari standar jabatan untuk setiap pegawai aktif berjabatan "
        "definitif yang belum mempunyai SKP pada tahun itu. Dapat dijalankan ulang dengan aman."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--tahun", type=int, required=True, help="tahun kinerja, mis. 2026")
        parser.add_argument("--opd", type=int, default=None, help="id perangkat daerah (bawaan: seluruh provinsi)")
        parser.add_argument("--unit", type=int, default=None, help="id unit kerja (beserta sub-unitnya)")
        parser.add_argument("--chunk", type=int, default=CHUNK, help=f"pegawai per transaksi (bawaan {CHUNK})")

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1

        def progress(done: int, total: int) -> None:
            if verbose and total:
                self.stdout.write(f"  … {done:,}/{total:,} pegawai".replace(",", "."))

        try:
            r = skp_bulk_create(
                actor=SYSTEM,
                tahun=options["tahun"],
                opd_id=options["opd"],
                unit_id=options["unit"],
                chunk_size=max(1, options["chunk"]),
                progress=progress,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not verbose:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{r.created:,} SKP dibuat, {r.skipped:,} dilewati, dalam {r.detik:.1f} detik.".replace(",", ".")
            )
        )
        for key, n in r.reasons.items():
            self.stdout.write(f"  {n:,} {REASON_LABELS.get(key, key)}".replace(",", "."))
        rows = ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in r.rows.items())
        self.stdout.write(f"  baris: {rows}")
