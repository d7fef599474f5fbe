"""The Excel of a period's result: one sheet (`karier.core.excel.table_xlsx`), the elements then
the summary lines (respondents, IKM, grade). Numbers stay numbers in the cells."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from karier.appraisal.public.skm.selectors import HasilSkm
from karier.core.excel import table_xlsx
from karier.plans.documents import tanggal


def _rows(hasil: HasilSkm) -> Iterator[list[Any]]:
    for u in hasil.unsur:
        yield [
            u.code,
            u.label,
            u.rata,
            u.indeks,
            u.mutu,
            _("ya") if u.terlemah else "",
            _("ya") if u.kebutuhan else "",
        ]
    yield []
    yield [_("Jumlah responden"), "", hasil.n]
    yield [_("IKM"), "", hasil.ikm if hasil.ikm is not None else "—"]
    yield [_("Mutu pelayanan"), "", f"{hasil.mutu} ({hasil.mutu_label})" if hasil.mutu else "—"]


def hasil_xlsx(hasil: HasilSkm) -> bytes:
    p = hasil.periode
    return table_xlsx(
        sheet=_("Hasil SKM"),
        title=_("Hasil SKM %(unit)s — %(periode)s (%(mulai)s s.d. %(selesai)s)")
        % {"unit": p.unit.nama, "periode": p.nama, "mulai": tanggal(p.mulai), "selesai": tanggal(p.selesai)},
        header=[
            _("Kode"),
            _("Unsur"),
            _("Rata-rata (NRR)"),
            _("Indeks unsur"),
            _("Mutu"),
            _("Terlemah"),
            _("Kebutuhan pengembangan"),
        ],
        rows=_rows(hasil),
    )
