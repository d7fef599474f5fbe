"""Reading an uploaded table (Excel .xlsx or CSV) into numbered rows — the one reader of the two-phase
imports (competency assessments, past predikat and angka kredit). Each import names its columns and
the required ones; the reader checks size, type, header and row count with the same messages, and
numbers rows as a spreadsheet shows them (header = row 1), so a report's "baris 7" is row 7 on screen.

Headers are matched case-insensitively with spaces and underscores alike ("Rating hasil kerja" =
`rating_hasil_kerja`); CSV may use `,` or `;`; cells keep their type (an Excel date is a date).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BARIS = 20_000
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Baris:
    nomor: int
    nilai: dict[str, Any]


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None:
        return ""
    return value


def header_key(value: Any) -> str:
    return "_".join(str(value or "").strip().lower().replace("_", " ").split())


def _table(name: str, data: bytes) -> list[list[Any]]:
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            return [[_cell(c) for c in row] for row in ws.iter_rows(values_only=True, max_row=MAX_BARIS + 2)]
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise ValidationError(
                {"berkas": _("Berkas Excel tidak dapat dibaca; simpan ulang sebagai .xlsx.")}
            ) from exc
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError({"berkas": _("Berkas CSV harus berenkode UTF-8.")}) from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
        except csv.Error as exc:
            raise ValidationError({"berkas": _("Berkas CSV tidak dapat dibaca.")}) from exc
    raise ValidationError({"berkas": _("Jenis berkas tidak diizinkan; unggah Excel (.xlsx) atau CSV.")})


def read_rows(uploaded_file: Any, *, kolom: Sequence[str], wajib: Sequence[str]) -> list[Baris]:
    """The file's non-empty data rows, with the values of the known columns (`kolom`); refuses a file
    without the required columns (`wajib`), an empty, oversized or unreadable file."""
    name = os.path.basename(str(getattr(uploaded_file, "name", "") or "")).lower()
    size = int(getattr(uploaded_file, "size", 0) or 0)
    if size <= 0:
        raise ValidationError({"berkas": _("Berkas kosong; pilih berkas Excel (.xlsx) atau CSV.")})
    if size > MAX_BYTES:
        raise ValidationError({"berkas": _("Berkas terlalu besar; paling besar 5 MB.")})
    uploaded_file.seek(0)
    table = _table(name, uploaded_file.read())
    if not table:
        raise ValidationError({"berkas": _("Berkas tidak berisi baris judul kolom.")})
    header = [header_key(h) for h in table[0]]
    missing = [c for c in wajib if c not in header]
    if missing:
        raise ValidationError({"berkas": _("Kolom wajib tidak ada: %(kolom)s.") % {"kolom": ", ".join(missing)}})
    body = table[1:]
    if len(body) > MAX_BARIS:
        raise ValidationError({"berkas": _("Paling banyak 20.000 baris per berkas; bagi berkasnya.")})
    index = {c: header.index(c) for c in kolom if c in header}
    rows = []
    for n, raw in enumerate(body, start=2):
        values = {c: (raw[i] if i < len(raw) else "") for c, i in index.items()}
        if all(str(v).strip() == "" for v in values.values()):
            continue
        rows.append(Baris(n, values))
    if not rows:
        raise ValidationError({"berkas": _("Berkas tidak berisi baris data.")})
    return rows
