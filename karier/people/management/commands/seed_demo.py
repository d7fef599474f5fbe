"""`karier seed_demo` — fill the database with the demo Pemerintah Provinsi Bengkulu."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from karier.core.numbers import angka
from karier.people.demo import MIN_PEGAWAI, SeedError, demo_accounts, seed_demo


class Command(BaseCommand):
    help = (
        "Membuat data demo Pemerintah Provinsi Bengkulu: perangkat daerah, unit, jabatan, pegawai "
        "beserta riwayat golongan dan penugasan, serta akun demo (kata sandi: karier-demo)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--pegawai", type=int, default=2000, help=f"jumlah pegawai (bawaan 2000, minimal {MIN_PEGAWAI})"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="benih acak; benih yang sama menghasilkan data yang sama (bawaan 1)"
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="hapus seluruh data demo lebih dahulu: penilaian, SKP, standar kinerja, jejak audit, "
            "akun demo, pegawai, jabatan dan unit (data referensi tetap)",
        )
        parser.add_argument(
            "--tanpa-akun",
            action="store_true",
            dest="tanpa_akun",
            help="jangan buat akun untuk setiap pegawai (akun demo persona tetap dibuat)",
        )
        parser.add_argument(
            "--chunk", type=int, default=20_000, help="jumlah pegawai per penulisan ke basis data (bawaan 20000)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1
        progress = (lambda msg: self.stdout.write(f"  … {msg}")) if options["verbosity"] >= 2 else None
        if verbose:
            self.stdout.write(f"Membuat data demo: {angka(options['pegawai'])} pegawai, benih {options['seed']}…")
        try:
            r = seed_demo(
                pegawai=options["pegawai"],
                seed=options["seed"],
                reset=options["reset"],
                akun=not options["tanpa_akun"],
                chunk_size=options["chunk"],
                progress=progress,
            )
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        if not verbose:
            return
        rate = (r.pegawai + r.unit + r.jabatan + r.riwayat_golongan + r.penugasan + r.akun) / max(r.detik, 1e-9)
        self.stdout.write(
            self.style.SUCCESS(f"Selesai dalam {angka(r.detik, 1)} detik ({angka(int(rate))} baris/detik).")
        )
        for label, value in (
            ("Pegawai", f"{angka(r.pegawai)} (PNS {angka(r.pns)}, PPPK {angka(r.pppk)})"),
            ("Unit kerja", angka(r.unit)),
            (
                "Jabatan",
                f"{angka(r.jabatan)} (manajerial {angka(r.jabatan_manajerial)}, "
                f"lowong {angka(r.lowong)}, Plt {angka(r.plt)})",
            ),
            ("Riwayat golongan", angka(r.riwayat_golongan)),
            ("Penugasan", angka(r.penugasan)),
            ("Akun", angka(r.akun)),
        ):
            self.stdout.write(f"  {label:<17} {value}")
        accounts = demo_accounts()
        self.stdout.write("\nAkun demo (kata sandi sama untuk semua):")
        widths = [max(len(getattr(a, f)) for a in accounts) for f in ("username", "password", "role")]
        header = ("Username", "Kata sandi", "Peran", "Nama")
        widths = [max(w, len(h)) for w, h in zip(widths, header, strict=False)]
        self.stdout.write("  " + "  ".join(h.ljust(w) for h, w in zip(header, [*widths, 0], strict=True)))
        self.stdout.write("  " + "  ".join("-" * w for w in [*widths, 30]))
        for a in accounts:
            cells = (a.username, a.password, a.role, a.nama)
            self.stdout.write("  " + "  ".join(c.ljust(w) for c, w in zip(cells, [*widths, 0], strict=True)))
