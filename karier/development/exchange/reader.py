"""Reading a SIASN history file (Excel or CSV) into numbered rows per layout, refusing what cannot be
read with a message in Bahasa Indonesia.

A workbook may hold both layouts, one per sheet (as Karier's export writes them); a CSV holds one.
Each sheet's layout is told by its header (a `latihanStrukturalId` column is `diklat`, a
`namaKursus` column is `kursus`); the header is the first of the first five rows that has a `nip`
column, so a title row above it is tolerated. Column names are matched without regard to case.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from karier.core.excel import FORMULA_START
from karier.development.exchange.history import DIKLAT, KOLOM, KURSUS

MAX_BARIS = 20_000
MAX_BYTES = 5 * 1024 * 1024
WAJIB = {
    KURSUS: ("nip", "namaKursus", "jenisDiklatId", "jumlahJam", "tanggalKursus", "tanggalSelesaiKursus"),
    DIKLAT: ("nip", "latihanStrukturalId", "jumlahJam", "tanggal", "tanggalSelesai"),
}


@dataclass
class Baris:
    layout: str
    nomor: int
    nilai: dict[str, Any]


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_START:
        return value[1:]  # the export's guard against formula injection, undone
    return "" if value is None else value


def _tables(name: str, data: bytes) -> list[list[list[Any]]]:
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return [
                [[_cell(c) for c in row] for row in ws.iter_rows(values_only=True, max_row=MAX_BARIS + 6)]
                for ws in wb.worksheets[:4]
            ]
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            message = _("Berkas Excel tidak dapat dibaca; simpan ulang sebagai .xlsx.")
            raise ValidationError({"berkas": message}) from exc
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError({"berkas": _("Berkas CSV harus berenkode UTF-8.")}) from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            return [[[_cell(c) for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]]
        except csv.Error as exc:
            raise ValidationError({"berkas": _("Berkas CSV tidak dapat dibaca.")}) from exc
    raise ValidationError({"berkas": _("Jenis berkas tidak diizinkan; unggah Excel (.xlsx) atau CSV.")})


def _header(table: list[list[Any]]) -> tuple[int, list[str]] | None:
    for i, row in enumerate(table[:5]):
        header = [str(h or "").strip().casefold() for h in row]
        if "nip" in header:
            return i, header
    return None


def _layout(header: list[str]) -> str | None:
    if "latihanstrukturalid" in header:
        return DIKLAT
    if "namakursus" in header or "jenisdiklatid" in header:
        return KURSUS
    return None


def read_rows(uploaded_file: Any) -> list[Baris]:
    """Every data row of every layout in the file, numbered as a spreadsheet shows them."""
    name = os.path.basename(str(getattr(uploaded_file, "name", "") or "")).lower()
    size = int(getattr(uploaded_file, "size", 0) or 0)
    if size <= 0:
        raise ValidationError({"berkas": _("Berkas kosong; pilih berkas Excel (.xlsx) atau CSV.")})
    if size > MAX_BYTES:
        raise ValidationError({"berkas": _("Berkas terlalu besar; paling besar 5 MB.")})
    uploaded_file.seek(0)
    rows: list[Baris] = []
    found = False
    for table in _tables(name, uploaded_file.read()):
        head = _header(table)
        if head is None:
            continue
        start, header = head
        layout = _layout(header)
        if layout is None:
            continue
        found = True
        missing = [c for c in WAJIB[layout] if c.casefold() not in header]
        if missing:
            raise ValidationError(
                {"berkas": _("Kolom wajib tidak ada di lembar %(l)s: %(k)s.") % {"l": layout, "k": ", ".join(missing)}}
            )
        index = {c: header.index(c.casefold()) for c in KOLOM[layout] if c.casefold() in header}
        for n, raw in enumerate(table[start + 1 :], start=start + 2):
            values = {c: (raw[i] if i < len(raw) else "") for c, i in index.items()}
            if all(str(v).strip() == "" for v in values.values()):
                continue
            rows.append(Baris(layout, n, values))
            if len(rows) > MAX_BARIS:
                raise ValidationError({"berkas": _("Paling banyak 20.000 baris per berkas; bagi berkasnya.")})
    if not found:
        raise ValidationError(
            {
                "berkas": _(
                    "Judul kolom tidak dikenali: pakai tata letak SIASN kursus (nip, namaKursus, jenisDiklatId, …) "
                    "atau diklat (nip, latihanStrukturalId, …)."
                )
            }
        )
    if not rows:
        raise ValidationError({"berkas": _("Berkas tidak berisi baris data.")})
    return rows
