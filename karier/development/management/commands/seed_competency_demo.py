"""`karier seed-competency-demo`: competency standards and assessment-centre results for the demo
(idempotent; see `karier.development.competency.demo`)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from karier.core.numbers import angka
from karier.development.competency.demo import seed


class Command(BaseCommand):
    help = "Data demo kompetensi: kompetensi teknis Diskominfo dan hasil assessment center sebagian pegawai."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.monotonic()
        result = seed(seed=options["seed"])
        self.stdout.write(
            f"Kompetensi: {angka(result['pegawai'])} pegawai dinilai ({angka(result['penilaian'])} penilaian), "
            f"{angka(result['standar_teknis'])} standar teknis, {angka(time.monotonic() - start, 1)} detik."
        )
