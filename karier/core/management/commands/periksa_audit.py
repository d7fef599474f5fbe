"""`karier periksa-audit`: verify the audit hash chain and every registered integrity check
(`KARIER_INTEGRITY_CHECKS`, e.g. signed evaluation snapshots); print each break; exit 1 on any."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from karier.core.integrity import checks, run_and_store


class Command(BaseCommand):
    help = "Memeriksa keutuhan jejak audit (rantai hash) dan dokumen bertanda tangan; keluar 1 bila ada kerusakan."

    def handle(self, *args: Any, **options: Any) -> None:
        names = ", ".join(path for path, _check in checks()) or "-"
        self.stdout.write(f"pemeriksaan: {names}")
        _row, breaks = run_and_store()
        for b in breaks:
            self.stdout.write(b.line())
        if breaks:
            raise CommandError(f"{len(breaks)} kerusakan ditemukan.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Jejak audit dan dokumen bertanda tangan utuh."))
