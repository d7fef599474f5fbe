"""`karier seed-idp-demo`: development plans for Bu Wati's team in every state, linked to their real
needs (idempotent; see `karier.development.idp.demo`). Run after `seed-catalogue-demo`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from karier.core.numbers import angka
from karier.development.idp.demo import seed


class Command(BaseCommand):
    help = "Data demo rencana pengembangan kompetensi (IDP) tim Bu Wati."

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.monotonic()
        r = seed()
        self.stdout.write(
            f"Rencana pengembangan: {angka(r['rencana'])} rencana dengan {angka(r['item'])} kegiatan dan "
            f"{angka(r['daftar'])} pendaftaran sesi untuk {angka(r['tim'])} anggota tim Bu Wati; "
            f"{angka(time.monotonic() - start, 1)} detik."
        )
