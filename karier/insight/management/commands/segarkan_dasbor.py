"""`karier segarkan-dasbor [--tahun Y]`: refresh the dashboards' figures in this process, as Karier itself
(the demo seed runs it last; the nightly task and the period close start the same job in the background)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from karier.insight.dashboards.refresh import dasbor_refresh_now
from karier.people.access import SYSTEM
from karier.plans.models import TahunKinerja


class Command(BaseCommand):
    help = "Segarkan angka dasbor (provinsi, perangkat daerah) untuk tahun kinerja yang ada."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tahun", type=int, action="append", help="tahun (boleh berulang); kosong: semua")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["tahun"] or list(TahunKinerja.objects.values_list("tahun", flat=True))
        if not years:
            raise CommandError("Belum ada tahun kinerja. Jalankan dulu: karier seed-demo dan skp-bulk")
        try:
            hasil = dasbor_refresh_now(actor=SYSTEM, tahun=years)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write("Angka dasbor disegarkan: " + ", ".join(f"{t} ({n} baris)" for t, n in hasil.items()))
