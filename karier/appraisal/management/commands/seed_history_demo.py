"""`karier seed-history-demo`: the demo's closed past years (annual evaluations final, years closed).

Run after `seed-appraisal-demo` (bin/demo does). Defaults to the two years before the current one;
a year that already has annual evaluations is skipped, so running it again adds nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from karier.accounts.models import User
from karier.appraisal.demo_history.seed import MAX_TAHUN, history_seed
from karier.core.numbers import angka
from karier.people.access import as_actor
from karier.people.demo.personas import ADMIN_USERNAME, WATI
from karier.people.models import Pegawai


class Command(BaseCommand):
    help = "Data demo: riwayat penilaian tahun-tahun lalu (evaluasi tahunan final, tahun kinerja ditutup)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tahun-akhir", type=int, default=None, help="tahun terakhir (bawaan: tahun lalu)")
        parser.add_argument("--tahun", type=int, default=2, help="berapa tahun ke belakang (bawaan: 2)")
        parser.add_argument("--seed", type=int, default=1, help="benih acak (bawaan: 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        akhir = options["tahun_akhir"] or timezone.localdate().year - 1
        n = options["tahun"]
        admin = User.objects.filter(username=ADMIN_USERNAME).first()
        if admin is None or not Pegawai.objects.filter(nip=WATI.nip).exists():
            raise CommandError("Data demo belum ada. Jalankan dulu: karier seed-demo")
        if not 1 <= n <= MAX_TAHUN:
            raise CommandError(f"--tahun harus antara 1 dan {MAX_TAHUN}.")
        try:
            result = history_seed(
                actor=as_actor(admin),
                tahun=list(range(akhir - n + 1, akhir + 1)),
                seed=options["seed"],
                latest=akhir,
                progress=(lambda msg: self.stdout.write(f"  {msg}")) if options["verbosity"] > 1 else None,
            )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        for t in result.tahun:
            if t.dilewati:
                self.stdout.write(f"Tahun {t.tahun}: {t.dilewati}.")
                continue
            sebaran = ", ".join(f"{k} {angka(v)}" for k, v in sorted(t.predikat.items(), key=lambda kv: -kv[1]))
            status = "ditutup" if t.ditutup else "belum ditutup: " + "; ".join(t.catatan)
            self.stdout.write(f"Tahun {t.tahun}: {angka(t.evaluasi)} evaluasi tahunan final ({sebaran}); {status}.")
        self.stdout.write(f"Selesai dalam {angka(round(result.detik, 1))} detik.")
