"""The bulk-rating table as Excel (issue #10 §3): what the appraiser sees on the screen, one row per
subordinate, Indonesian headers; counts stay numeric cells with a thousands format."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from karier.appraisal.evaluation.selectors import BulkRow
from karier.core.excel import cells, safe_row


def bulk_xlsx(rows: list[BulkRow], judul: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Rating bawahan")[:31]
    ws.append(safe_row([judul]))
    ws["A1"].font = Font(bold=True)
    headers = [
        _("No."),
        _("Nama"),
        _("NIP"),
        _("Jabatan"),
        _("Status"),
        _("Jumlah IKI"),
        _("IKI dengan realisasi"),
        _("Bukti dukung"),
        _("Rating hasil kerja"),
        _("Alasan hasil kerja"),
        _("Rating perilaku kerja"),
        _("Alasan perilaku"),
        _("Predikat"),
        _("Predikat setelah kalibrasi"),
        _("Nominasi rekan/bawahan terbuka"),
    ]
    ws.append(safe_row(headers))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for n, row in enumerate(rows, start=1):
        ev = row.evaluasi
        ws.append(  # counts stay numeric cells with the Indonesian number format (karier.core.excel)
            cells(
                ws,
                [
                    n,
                    ev.pegawai.nama_lengkap,
                    ev.pegawai.nip,
                    ev.jabatan.nama,
                    ev.get_status_display(),
                    row.n_iki,
                    row.n_realisasi,
                    row.n_bukti,
                    ev.rating_hasil_kerja,
                    ev.alasan_hasil_kerja,
                    ev.rating_perilaku,
                    ev.alasan_perilaku,
                    ev.predikat,
                    ev.predikat_akhir,
                    row.nominasi_terbuka,
                ],
            )
        )
    for col, width in zip("ABCDEFGHIJKLMNO", (5, 30, 22, 30, 16, 10, 12, 10, 20, 40, 20, 40, 16, 18, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "C3"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
