"""Excel exports of people lists (openpyxl write-only mode: constant memory at any size)."""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from karier.core.excel import append_row, limit_note, safe_row
from karier.people.models import Pegawai
from karier.rules import nip_as_printed

EXPORT_LIMIT = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def directory_xlsx(qs: QuerySet[Pegawai]) -> HttpResponse:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pegawai")
    ws.append(
        [
            "NIP",
            "Nama",
            "Gelar depan",
            "Gelar belakang",
            "Jenis ASN",
            "Jenis kelamin",
            "Tanggal lahir",
            "Pendidikan",
            "Golongan",
            "TMT golongan",
            "Jabatan",
            "Jenis jabatan",
            "TMT jabatan",
            "Unit kerja",
            "Perangkat daerah",
        ]
    )
    rows = qs.values_list(
        "nip",
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "jenis_asn",
        "jenis_kelamin",
        "tanggal_lahir",
        "pendidikan",
        "golongan__kode",
        "tmt_golongan",
        "jabatan__nama",
        "jabatan__jenis",
        "tmt_jabatan",
        "unit__nama",
        "opd__nama",
    )
    n = 0
    for row in rows[:EXPORT_LIMIT].iterator(chunk_size=2000):
        append_row(ws, [nip_as_printed(row[0]), *row[1:]])
        n += 1
    if n == EXPORT_LIMIT:
        ws.append(safe_row([limit_note(EXPORT_LIMIT)]))
    buf = io.BytesIO()
    wb.save(buf)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="pegawai-{stamp}.xlsx"'
    return response
