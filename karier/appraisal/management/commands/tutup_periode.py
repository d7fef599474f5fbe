"""`karier tutup_periode --periode ID [--opd ID]` — close an appraisal period (admins, demo, bench)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from karier.appraisal.evaluation.close import CHUNK, TAHAP_LABELS, SedangBerjalan, periode_close
from karier.core.numbers import angka
from karier.people.access import SYSTEM


class Command(BaseCommand):
    help = (
        "Menutup periode penilaian untuk satu perangkat daerah atau seluruh provinsi: membuat evaluasi yang "
        "belum ada, menerapkan aturan predikat, memeriksa kelengkapan dan menyusun rekap. Aman dijalankan ulang."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--periode", type=int, required=True, help="id periode penilaian")
        parser.add_argument("--opd", type=int, default=None, help="id perangkat daerah (bawaan: seluruh provinsi)")
        parser.add_argument("--chunk", type=int, default=CHUNK, help=f"pegawai per transaksi (bawaan {CHUNK})")

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1

        def progress(done: int, total: int, tahap: str) -> None:
            if verbose and total:
                self.stdout.write(f"  {TAHAP_LABELS.get(tahap, tahap)}: {angka(done)}/{angka(total)}")

        try:
            r = periode_close(
                actor=SYSTEM,
                periode_id=options["periode"],
                opd_id=options["opd"],
                chunk_size=max(1, options["chunk"]),
                progress=progress,
            )
        except SedangBerjalan as exc:  # another run holds the period's lock: nothing to do, not an error
            self.stdout.write(self.style.WARNING(" ".join(exc.messages)))
            return
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not verbose:
            return
        n = angka
        self.stdout.write(
            self.style.SUCCESS(
                f"{n(r.evaluasi_total)} evaluasi; {n(r.evaluasi_dibuat)} dibuat, {n(r.predikat_ditulis)} predikat "
                f"ditulis, {n(r.rating_pemimpin_ditulis)} rating kepala unit mengikuti hasil unit; "
                f"{angka(r.detik, 1)} detik."
            )
        )
        self.stdout.write(
            f"  belum dinilai: {n(r.belum_dinilai)}; unit tanpa predikat organisasi: "
            f"{len(r.unit_tanpa_hasil)}; unit belum final: {n(r.unit_belum_final)}"
        )
        self.stdout.write("  rekap: " + ", ".join(f"{k or 'belum dinilai'} {n(v)}" for k, v in r.total.items()))
        self.stdout.write("  periode ditutup." if r.periode_ditutup else "  periode belum ditutup.")
