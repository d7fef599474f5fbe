"""`karier hitung-karier [--tahun Y]`: the career recomputation, run by Karier itself (as the nightly
or after-close job would), printing what each step wrote."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from karier.people.access import SYSTEM
from karier.talent.recompute.compute import default_year, karier_hitung_now


class Command(BaseCommand):
    help = "Hitung ulang predikat, angka kredit, kelayakan kenaikan pangkat, talenta, bimbingan dan suksesi."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tahun", type=int, action="append", help="tahun kinerja (boleh berulang)")

    def handle(self, *args: Any, **options: Any) -> None:
        for tahun in options["tahun"] or [default_year()]:
            try:
                hasil = karier_hitung_now(actor=SYSTEM, tahun=tahun)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            rincian = ", ".join(f"{k} {v}" for k, v in hasil.items())
            self.stdout.write(f"Tahun {tahun}: {rincian}")
