"""`karier load-refdata`: re-load the SIASN reference tables shipped with Karier (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from karier.people import models
from karier.people.refdata import load_reference_data


class Command(BaseCommand):
    help = "Muat ulang tabel referensi SIASN (golongan, eselon, jenis jabatan, jabatan fungsional, instansi)."

    def handle(self, *args: Any, **options: Any) -> None:
        names = ("Golongan", "Eselon", "JenisJabatanSiasn", "JabatanFungsional", "Instansi")
        with transaction.atomic():
            counts = load_reference_data({n: getattr(models, n) for n in names})
        for table, n in counts.items():
            self.stdout.write(f"{table}: {n} baris")
