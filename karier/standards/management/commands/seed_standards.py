"""`karier seed_standards` — the demo RPJMD, Renstra, Perjanjian Kinerja and position standards."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from karier.core.numbers import angka
from karier.standards.demo import SeedError, seed_standards


class Command(BaseCommand):
    help = (
        "Membuat data demo standar kinerja Pemerintah Provinsi Bengkulu di atas data demo pegawai: RPJMD "
        "2021–2026 dengan IKU (IPM dengan data BPS), Renstra dan perjanjian kinerja 2026 setiap perangkat "
        "daerah, serta standar untuk setiap jabatan. Aman dijalankan ulang: yang sudah ada dilewati."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="hapus standar demo (RPJMD, Renstra, perjanjian, standar jabatan) lebih dahulu",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1
        progress = (lambda msg: self.stdout.write(f"  … {msg}")) if options["verbosity"] >= 2 else None
        try:
            r = seed_standards(reset=options["reset"], progress=progress)
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        if not verbose:
            return
        if r.dihapus:
            self.stdout.write("Dihapus: " + ", ".join(f"{k} {angka(v)}" for k, v in r.dihapus.items()))
        self.stdout.write(self.style.SUCCESS(f"Selesai dalam {angka(r.detik, 1)} detik."))
        for label, value in (
            ("RPJMD baru", r.rpjmd),
            ("IKU provinsi", r.iku),
            ("Renstra", r.renstra),
            ("Indikator OPD", r.indikator_opd),
            ("Perjanjian kinerja", r.perjanjian),
            ("Standar jabatan", r.standar),
            ("Hasil diharapkan", r.hasil),
            ("Ekspektasi perilaku", r.perilaku),
        ):
            self.stdout.write(f"  {label:<20} {angka(value)}")
