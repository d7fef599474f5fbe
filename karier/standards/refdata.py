"""BerAKHLAK core values and behaviour guidelines (SE MenPANRB 20/2021), shipped as CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "berakhlak_panduan_perilaku.csv"

# Plain-language explanations shown wherever a value appears ("apa artinya bagi Anda").
PENJELASAN = {
    "Berorientasi Pelayanan": "Anda bekerja untuk warga: tahu apa yang mereka butuhkan, melayani dengan ramah "
    "dan cepat, dan terus memperbaiki layanan.",
    "Akuntabel": "Anda dapat dipercaya: jujur, cermat, disiplin, memakai barang milik negara dengan hemat dan "
    "tidak menyalahgunakan jabatan.",
    "Kompeten": "Anda terus belajar, membantu rekan belajar, dan mengerjakan tugas sebaik mungkin.",
    "Harmonis": "Anda menghargai setiap orang, suka menolong, dan menjaga suasana kerja tetap baik.",
    "Loyal": "Anda setia kepada Pancasila, UUD 1945 dan NKRI, menjaga nama baik instansi dan rahasia jabatan.",
    "Adaptif": "Anda cepat menyesuaikan diri dengan perubahan, berinovasi, dan bertindak sebelum diminta.",
    "Kolaboratif": "Anda mengajak pihak lain berkontribusi, terbuka bekerja sama, dan menggabungkan sumber daya "
    "untuk tujuan bersama.",
}


def _kode(nama: str) -> str:
    return nama.upper().replace(" ", "_")


def load_berakhlak(nilai_model: Any, panduan_model: Any) -> int:
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    order: list[str] = []
    for r in rows:
        if r["core_value"] not in order:
            order.append(r["core_value"])
    nilai = [
        nilai_model(kode=_kode(n), nama=n, urutan=i + 1, penjelasan=PENJELASAN.get(n, "")) for i, n in enumerate(order)
    ]
    nilai_model.objects.bulk_create(
        nilai, update_conflicts=True, unique_fields=["kode"], update_fields=["nama", "urutan", "penjelasan"]
    )
    panduan = [
        panduan_model(nilai_id=_kode(r["core_value"]), urutan=int(r["urutan"]), teks=r["panduan_perilaku"].strip())
        for r in rows
    ]
    panduan_model.objects.bulk_create(
        panduan, update_conflicts=True, unique_fields=["nilai", "urutan"], update_fields=["teks"]
    )
    return len(panduan)
