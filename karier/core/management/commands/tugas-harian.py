"""`karier tugas-harian`: enqueue the daily tasks (run it once a day from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from karier.core.daily import enqueue_daily


class Command(BaseCommand):
    help = "Menjalankan tugas harian (penyegaran penugasan, pemeriksaan jejak audit, pengingat)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in enqueue_daily():
            self.stdout.write(f"diantrekan: {path}")
