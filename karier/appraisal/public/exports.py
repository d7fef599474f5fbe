"""Excel of the public-feedback moderation table (issue #10: every table gets an export).

The same rows as the screen (`selectors.moderation_queue` with the same status filter), newest
first, read in chunks with their links, people and units joined: one query per 2.000 answers.
Hashes are never selected, so they can never reach a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from karier.appraisal.choices import StatusModerasi
from karier.appraisal.models import UmpanBalikPublik
from karier.core.excel import EXPORT_LIMIT, table_xlsx


def header() -> list[str]:
    return [
        _("Waktu"),
        _("Untuk"),
        _("Pegawai/unit"),
        _("Skor layanan"),
        _("Skor sikap"),
        _("Komentar"),
        _("Status"),
        _("Ditahan"),
    ]


def _rows(qs: QuerySet[UmpanBalikPublik]) -> Iterator[list[Any]]:
    for u in qs[: EXPORT_LIMIT + 1].iterator(chunk_size=2000):
        t = u.tautan
        untuk = t.pegawai.nama_lengkap if t.pegawai else (t.unit.nama if t.unit else "")
        yield [
            u.dibuat_pada,
            untuk,
            _("Pegawai") if t.pegawai else _("Unit"),
            u.skor_layanan,
            u.skor_perilaku,
            u.komentar,
            u.get_status_display(),
            _("ya") if u.ditahan else _("tidak"),
        ]


def moderasi_xlsx(qs: QuerySet[UmpanBalikPublik], *, status: str) -> bytes:
    label = str(StatusModerasi(status).label) if status in StatusModerasi.values else _("Semua")
    return table_xlsx(
        sheet=_("Moderasi"),
        title=_("Moderasi umpan balik publik — status: %(status)s") % {"status": label},
        header=header(),
        rows=_rows(qs),
    )
