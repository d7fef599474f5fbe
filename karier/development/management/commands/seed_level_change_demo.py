"""`karier seed-level-change-demo`: a couple of level changes from completed activities waiting for
Bu Wati's confirmation (idempotent; see `karier.development.outcomes.level_demo`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from karier.core.numbers import angka
from karier.development.outcomes.level_demo import seed


class Command(BaseCommand):
    help = "Data demo kenaikan level kompetensi dari kegiatan yang menunggu konfirmasi Bu Wati."

    def handle(self, *args: Any, **options: Any) -> None:
        r = seed()
        self.stdout.write(
            f"Kenaikan level: {angka(r['menunggu'])} usulan menunggu konfirmasi Bu Wati "
            f"({angka(r['dibuat'])} usulan baru)."
        )
