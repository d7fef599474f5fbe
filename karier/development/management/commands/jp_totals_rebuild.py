"""`karier jp-totals-rebuild [--tahun N] [--check]`: recompute the per-person yearly JP totals
(`RekapJpPegawai`) from the ledger (`CatatanJp`), all or nothing — after a bulk load that wrote the
ledger directly, and in `bin/demo` after the demo seeds. `--check` only reports the differences
(exit status 1 when there are any)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from karier.core.numbers import angka
from karier.development.jp.totals import jp_totals_mismatch, jp_totals_rebuild


class Command(BaseCommand):
    help = "Hitung ulang rekap JP per pegawai per tahun dari catatan JP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tahun", type=int, default=None, help="Hanya satu tahun.")
        parser.add_argument("--check", action="store_true", help="Hanya periksa; tidak menulis apa pun.")

    def handle(self, *args: Any, **options: Any) -> None:
        tahun = options["tahun"]
        start = time.monotonic()
        if options["check"]:
            diff = jp_totals_mismatch(tahun)
            for pegawai_id, th, have, want in diff[:20]:
                self.stdout.write(f"pegawai {pegawai_id} tahun {th}: tersimpan {angka(have)}, catatan {angka(want)}")
            if diff:
                raise CommandError(f"{angka(len(diff))} rekap JP tidak sesuai dengan catatan JP.")
            self.stdout.write("Rekap JP sesuai dengan catatan JP.")
            return
        n = jp_totals_rebuild(tahun)
        self.stdout.write(f"Rekap JP: {angka(n)} baris pegawai-tahun; {angka(time.monotonic() - start, 1)} detik.")
