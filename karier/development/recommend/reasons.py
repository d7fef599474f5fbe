"""Recommendations and stored needs put into words at display time (so they follow the reader's
language): the sentence is built from the structured fields a run stored."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from karier.core.numbers import angka
from karier.development.recommend.engine import Saran


def jp_text(jp: Decimal | int) -> str:
    """12 → "12", 12.50 → "12,5" (Indonesian, no trailing zero)."""
    value = Decimal(jp)
    if value == value.to_integral_value():
        return angka(int(value))
    return angka(value.quantize(Decimal("0.01")).normalize())


def alasan(s: Saran, kompetensi_nama: dict[int, str], *, sendiri: bool = True) -> str:
    """E.g. "mengembangkan Komunikasi dari level 2 ke level 3 yang disyaratkan jabatan Anda; 12 JP"."""
    k = kompetensi_nama.get(s.kompetensi_id or 0, "")
    jp = jp_text(s.jp)
    if s.sinyal:
        what = sinyal_judul(s.sinyal, s.sinyal_nama)
        text = _("memperbaiki %(what)s lewat pengembangan %(k)s; %(jp)s JP") % {"what": what.lower(), "k": k, "jp": jp}
    elif s.dari is None:
        text = (
            _(
                "mengembangkan %(k)s sampai level %(ke)s (belum pernah dinilai; "
                "jabatan Anda mensyaratkan level %(r)s); %(jp)s JP"
            )
            if sendiri
            else _(
                "mengembangkan %(k)s sampai level %(ke)s (belum pernah dinilai; "
                "jabatannya mensyaratkan level %(r)s); %(jp)s JP"
            )
        ) % {"k": k, "ke": s.ke, "r": s.disyaratkan, "jp": jp}
    elif s.ke == s.disyaratkan:
        text = (
            _("mengembangkan %(k)s dari level %(a)s ke level %(r)s yang disyaratkan jabatan Anda; %(jp)s JP")
            if sendiri
            else _("mengembangkan %(k)s dari level %(a)s ke level %(r)s yang disyaratkan jabatannya; %(jp)s JP")
        ) % {"k": k, "a": s.dari, "r": s.ke, "jp": jp}
    else:
        text = (
            _("mengembangkan %(k)s dari level %(a)s ke level %(ke)s (jabatan Anda mensyaratkan level %(r)s); %(jp)s JP")
            if sendiri
            else _(
                "mengembangkan %(k)s dari level %(a)s ke level %(ke)s (jabatannya mensyaratkan level %(r)s); %(jp)s JP"
            )
        ) % {"k": k, "a": s.dari, "ke": s.ke, "r": s.disyaratkan, "jp": jp}
    if s.lainnya:
        text += ngettext("; juga menjawab %(n)s kebutuhan lain", "; juga menjawab %(n)s kebutuhan lain", s.lainnya) % {
            "n": angka(s.lainnya)
        }
    return text


def sinyal_judul(kode: str, nama: str = "") -> str:
    """The title of a need by its code ("kompetensi:M.3" takes the competency's name in `nama`)."""
    if kode.startswith("kompetensi:"):
        return nama or kode.partition(":")[2]
    if kode == "predikat":
        return _("Predikat kinerja Butuh Perbaikan atau di bawahnya")
    if kode == "perilaku":
        return _("Perilaku kerja BerAKHLAK di bawah ekspektasi")
    if kode.startswith("perilaku:"):
        return _("Nilai BerAKHLAK %(n)s di bawah ekspektasi") % {
            "n": nama or kode.partition(":")[2].replace("_", " ").title()
        }
    if kode == "rhk":
        return _("Realisasi kinerja di bawah target")
    return kode
