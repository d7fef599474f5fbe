"""Excel exports of people lists (openpyxl write-only mode: constant memory at any size).

The directory export is written by one function, `write_directory`, whether it runs inside the
request (up to `INLINE_MAX` people: 7–12 s for 40.000 people was too long for a request) or in the
background job of `karier.people.export_jobs` (more than that), so both files are the same.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from karier.core.excel import append_row, limit_note, safe_row
from karier.people.models import Pegawai
from karier.rules import nip_as_printed

EXPORT_LIMIT = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Up to this many people the file is written inside the request (well under a second); more become a
# background job with progress and a download (`karier.people.export_jobs`).
INLINE_MAX = 2_000
CHUNK = 2_000  # rows fetched per round trip (server-side cursor on PostgreSQL) and per progress report
HEADER = [
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
COLUMNS = (
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


def fits_inline(qs: QuerySet[Pegawai]) -> bool:
    """Whether the list is small enough to write inside the request. Counts at most `INLINE_MAX` + 1
    rows (a LIMITed subquery), so the answer costs the same for a seksi and for the whole province."""
    return qs.order_by().values("pk")[: INLINE_MAX + 1].count() <= INLINE_MAX


def export_count(qs: QuerySet[Pegawai]) -> int:
    """How many rows the file will hold (the list, cut at `EXPORT_LIMIT`)."""
    return qs.order_by().values("pk")[:EXPORT_LIMIT].count()


def write_directory(ws: Any, qs: QuerySet[Pegawai], on_chunk: Callable[[int], None] | None = None) -> int:
    """Write the header and one row per person to a write-only sheet, reading `CHUNK` rows at a time
    (constant memory); `on_chunk(rows written)` after each chunk. Returns the rows written."""
    ws.append(safe_row(HEADER))
    n = 0
    for row in qs.values_list(*COLUMNS)[:EXPORT_LIMIT].iterator(chunk_size=CHUNK):
        append_row(ws, [nip_as_printed(row[0]), *row[1:]])
        n += 1
        if on_chunk is not None and n % CHUNK == 0:
            on_chunk(n)
    if n == EXPORT_LIMIT:
        ws.append(safe_row([limit_note(EXPORT_LIMIT)]))
    if on_chunk is not None and n % CHUNK:
        on_chunk(n)
    return n


def file_name() -> str:
    return f"pegawai-{timezone.localtime().strftime('%Y%m%d-%H%M')}.xlsx"


def save_directory(qs: QuerySet[Pegawai], out: Any, on_chunk: Callable[[int], None] | None = None) -> int:
    """Write the directory workbook (write-only mode) into the file object `out`; the request's small
    export and the export job share it. Returns the rows written."""
    wb = Workbook(write_only=True)
    n = write_directory(wb.create_sheet("Pegawai"), qs, on_chunk=on_chunk)
    wb.save(out)
    return n


def directory_xlsx(qs: QuerySet[Pegawai]) -> HttpResponse:
    """The directory as an Excel attachment, written inside the request (small lists only:
    the caller checks `fits_inline` first)."""
    buf = io.BytesIO()
    save_directory(qs, buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name()}"'
    return response
