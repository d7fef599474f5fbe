"""`karier skp_bulk --tahun 2026 [--opd ID | --unit ID]` — draft SKPs for everyone without one (admins, demo)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from karier.core.numbers import angka
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
                self.stdout.write(f"  … {angka(done)}/{angka(total)} pegawai")

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
                f"{angka(r.created)} SKP dibuat, {angka(r.skipped)} dilewati, dalam {angka(r.detik, 1)} detik."
            )
        )
        for key, n in r.reasons.items():
            self.stdout.write(f"  {angka(n)} {REASON_LABELS.get(key, key)}")
        rows = ", ".join(f"{k} {angka(v)}" for k, v in r.rows.items())
        self.stdout.write(f"  baris: {rows}")
