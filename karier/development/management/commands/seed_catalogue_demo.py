"""`karier seed-catalogue-demo`: the demo training catalogue, sessions, and completed activities
for Bu Wati's team (idempotent; see `karier.development.catalogue.demo`)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from karier.core.numbers import angka
from karier.development.catalogue.demo import seed


class Command(BaseCommand):
    help = "Data demo katalog pengembangan: kegiatan, sesi, dan kegiatan selesai tim Bu Wati."

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.monotonic()
        r = seed()
        self.stdout.write(
            f"Katalog: {angka(r['kegiatan'])} kegiatan; {angka(r['selesai'])} kegiatan selesai dan "
            f"{angka(r['mandiri'])} laporan mandiri untuk {angka(r['tim'])} anggota tim Bu Wati; "
            f"{angka(r['evaluasi'])} evaluasi peserta, {angka(r['tindak_lanjut'])} tindak lanjut atasan; "
            f"{angka(time.monotonic() - start, 1)} detik."
        )
