"""Excel of the superior's "SKP bawahan" table (issue #10: every table gets an export).

The same rows as the screen — the same selector with the same year and status filter — without
pagination: subordinates are read in chunks, and each chunk's plans with their counts in one more
query (`selectors.attach_plans`), so the export runs a fixed number of queries per 2.000 people.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from karier.core.excel import EXPORT_LIMIT, Tahun, table_xlsx
from karier.people.models import Penugasan
from karier.plans import selectors
from karier.plans.choices import StatusSkp
from karier.rules import nip_as_printed

CHUNK = 2000


def header() -> list[str]:
    return [
        _("NIP"),
        _("Nama"),
        _("Jabatan"),
        _("Unit kerja"),
        _("Tahun"),
        _("Status SKP"),
        _("Tanggal diajukan"),
        _("Tanggal disetujui"),
        _("Jumlah RHK"),
        _("RHK belum ditautkan"),
    ]


def status_label(status: str) -> str:
    if status == selectors.BELUM:
        return _("Belum membuat SKP")
    return str(StatusSkp(status).label) if status in StatusSkp.values else _("Semua")


def _rows(qs: QuerySet[Penugasan], tahun: int) -> Iterator[list[Any]]:
    batch: list[Penugasan] = []

    def flush() -> Iterator[list[Any]]:
        for row in selectors.attach_plans(batch):
            p, skp = row.penugasan.pegawai, row.skp
            yield [
                nip_as_printed(p.nip),
                p.nama_lengkap,
                row.penugasan.jabatan.nama,
                row.penugasan.jabatan.unit.nama,
                Tahun(tahun),
                skp.get_status_display() if skp else _("Belum membuat SKP"),
                skp.diajukan_pada if skp else None,
                skp.disetujui_pada if skp else None,
                skp.n_rhk if skp else None,  # type: ignore[attr-defined]
                skp.n_tanpa_atasan if skp else None,  # type: ignore[attr-defined]
            ]

    for penugasan in qs[: EXPORT_LIMIT + 1].iterator(chunk_size=CHUNK):
        batch.append(penugasan)
        if len(batch) == CHUNK:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def bawahan_xlsx(qs: QuerySet[Penugasan], *, tahun: int, status: str) -> bytes:
    return table_xlsx(
        sheet=_("SKP bawahan"),
        title=_("SKP bawahan — tahun %(tahun)s · status: %(status)s")
        % {"tahun": tahun, "status": status_label(status)},
        header=header(),
        rows=_rows(qs, tahun),
    )
