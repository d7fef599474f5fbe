"""`karier kirim_pengingat [--tanggal 2026-03-31]` — reminders before the appraisal deadlines (daily, cron)."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from karier.appraisal.evaluation.reminders import pengingat_send


class Command(BaseCommand):
    help = (
        "Membuat pengingat (di aplikasi dan e-mail) untuk pegawai yang belum mengisi realisasi dan pejabat "
        "penilai yang belum memberi rating, menjelang batas pengisian. Aman dijalankan ulang."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--tanggal", default=None, help="tanggal acuan YYYY-MM-DD (bawaan: hari ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            tanggal = dt.date.fromisoformat(options["tanggal"]) if options["tanggal"] else None
        except ValueError as exc:
            raise CommandError("Tanggal harus berbentuk YYYY-MM-DD.") from exc
        h = pengingat_send(tanggal)
        self.stdout.write(f"{h.periode} periode diperiksa, {h.dibuat} pengingat dibuat, {h.email} e-mail dikirim.")
