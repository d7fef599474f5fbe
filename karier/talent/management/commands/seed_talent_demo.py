"""`karier seed-talent-demo`: the career screens of the demo come alive. The two past years' figures are
computed first (`karier_hitung` for each closed year, oldest first, so the 9-box has a history of moves),
then each talent area adds what people record by hand (key positions, sanctions, opening credit,
coaching notes, recognitions…) through its `demo.seed_demo`, then the figures are computed again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from karier.appraisal.choices import JenisPeriode, StatusEvaluasi
from karier.appraisal.models import Evaluasi
from karier.people.access import SYSTEM
from karier.people.models import Pegawai
from karier.talent.recompute.compute import karier_hitung_now

AREAS = ("history", "credit", "ninebox", "succession", "promotion", "coaching", "recognition")


class Command(BaseCommand):
    help = "Data demo karier dan talenta: riwayat dihitung, data yang dicatat tangan, lalu dihitung ulang."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Pegawai.objects.exists():
            raise CommandError("Data demo belum ada. Jalankan dulu: karier seed-demo")
        years = sorted(
            set(
                Evaluasi.objects.filter(periode__jenis=JenisPeriode.TAHUNAN, status=StatusEvaluasi.FINAL)
                .values_list("periode__tahun_id", flat=True)
                .distinct()
            )
        )
        if not years:
            raise CommandError("Belum ada evaluasi tahunan final. Jalankan dulu: karier seed-history-demo")
        for tahun in years:
            karier_hitung_now(actor=SYSTEM, tahun=tahun)
        for area in AREAS:
            self.stdout.write(f"  {import_string(f'karier.talent.{area}.demo.seed_demo')()}")
        hasil = karier_hitung_now(actor=SYSTEM, tahun=years[-1])
        self.stdout.write(
            f"Karier dan talenta tahun {', '.join(map(str, years))} dihitung untuk {hasil['pegawai']} pegawai."
        )
