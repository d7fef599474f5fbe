"""Demo history before the demo's evaluated years (issue #12 item 1): predikat of 2023 — a year before
Karier — for Bu Wati and a few of her team, imported by Sari (BKD) through the import itself (checked,
then applied all or nothing by `riwayat_impor_terapkan`), so the import history screen has a real entry
and careers have a third year. Idempotent: the file is applied once; people who already have a 2023
predikat are left out."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from karier.people.access import as_actor
from karier.people.choices import JenisJabatan
from karier.rules import credit_fraction, fraction_to_decimal
from karier.talent.history.imports import riwayat_impor_check, riwayat_impor_terapkan
from karier.talent.history.reader import Baris
from karier.talent.models import ImporRiwayatKinerja, PredikatTahunan

TAHUN = 2023
BERKAS = "demo-riwayat-kinerja-2023.csv"
PREDIKAT = ("Baik", "Sangat Baik", "Baik", "Baik", "Butuh Perbaikan", "Baik")


@dataclass
class _Berkas:
    name: str = BERKAS


def seed_demo() -> str:
    from karier.accounts.models import User
    from karier.development.catalogue.demo import _team
    from karier.people.demo.personas import SARI

    if ImporRiwayatKinerja.objects.filter(nama_berkas=BERKAS).exists():
        return _("Riwayat kinerja 2023: sudah ada.")
    sari = User.objects.filter(username=SARI.nip).first()
    wati, team = _team(timezone.localdate())
    if sari is None or wati is None:
        return _("Riwayat kinerja 2023: persona demo belum ada; dilewati.")
    people = [wati.pegawai, *team[:5]]
    done = set(PredikatTahunan.objects.filter(tahun=TAHUN, pegawai__in=people).values_list("pegawai_id", flat=True))
    rows: list[Baris] = []
    for n, p in enumerate(people):
        if p.pk in done:
            continue
        predikat = PREDIKAT[n % len(PREDIKAT)]
        jabatan = p.jabatan
        ak = ""
        if jabatan is not None and jabatan.jenis == JenisJabatan.FUNGSIONAL and jabatan.jenjang and p.golongan_id:
            ak = f"{fraction_to_decimal(credit_fraction(jabatan.jenjang, predikat, 12)):f}".replace(".", ",")
        values = {"nip": p.nip, "tahun": TAHUN, "predikat": predikat, "angka_kredit": ak, "keterangan": "PAK 2023"}
        rows.append(Baris(len(rows) + 2, values))
    if not rows:
        return _("Riwayat kinerja 2023: tidak ada yang perlu diimpor.")
    actor = as_actor(sari)
    impor = riwayat_impor_check(actor=actor, rows=rows, berkas=_Berkas())
    if impor.kesalahan:
        return _("Riwayat kinerja 2023: berkas demo ditolak (%(n)s kesalahan).") % {"n": len(impor.kesalahan)}
    n = riwayat_impor_terapkan(actor=actor, impor=impor)
    return _("Riwayat kinerja 2023: %(n)s predikat diimpor.") % {"n": n}
