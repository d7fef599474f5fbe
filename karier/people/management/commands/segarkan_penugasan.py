"""`karier segarkan-penugasan [--tanggal YYYY-MM-DD]` — bring every employee's current position,
unit and agency in line with their assignment history (daily task, also on demand)."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from karier.core.numbers import angka
from karier.people.access import SYSTEM
from karier.people.services.penugasan import penugasan_refresh


class Command(BaseCommand):
    help = (
        "Menyegarkan jabatan, unit dan perangkat daerah kini setiap pegawai menurut riwayat penugasannya "
        "pada tanggal tertentu (mutasi yang mulai berlaku, Plt/penugasan yang berakhir)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--tanggal", default=None, help="tanggal acuan YYYY-MM-DD (bawaan: hari ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["tanggal"]:
            try:
                on = dt.date.fromisoformat(options["tanggal"])
            except ValueError as exc:
                raise CommandError("Format --tanggal harus YYYY-MM-DD, misalnya 2026-07-01.") from exc
        r = penugasan_refresh(actor=SYSTEM, on=on)
        if options["verbosity"] >= 1:
            n = angka
            self.stdout.write(
                self.style.SUCCESS(
                    f"Per {r.tanggal:%d-%m-%Y}: {n(r.diperiksa)} pegawai diperiksa, {n(r.diperbarui)} diperbarui."
                )
            )
