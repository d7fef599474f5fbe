"""`karier seed-recommendations-demo`: compute everyone's needs and recommended activities once, inline
(the same set-based computation as the background job; idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from karier.core.numbers import angka
from karier.development.recommend.demo import seed


class Command(BaseCommand):
    help = "Data demo rekomendasi: hitung kebutuhan dan rekomendasi pengembangan semua pegawai."

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.monotonic()
        run = seed()
        self.stdout.write(
            f"Rekomendasi: {angka(run.jumlah_rekomendasi)} rekomendasi untuk {angka(run.jumlah_pegawai)} pegawai; "
            f"{angka(time.monotonic() - start, 1)} detik."
        )
