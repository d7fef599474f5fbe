"""The published SKM report as an official PDF (WeasyPrint, A4, Bahasa Indonesia whatever the
reader's language): the result per element with a bar per element drawn in CSS (no script in a
PDF), the IKM and its grade, the respondent profile, the weakest elements and the follow-up
actions with owner and due date, signed by the unit's head. `skm_report_pdf(periode)` is what
the reports page calls; it needs the period's unit (`select_related("unit")` is enough)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from karier.appraisal.public.skm.models import PeriodeSkm
from karier.appraisal.public.skm.selectors import HasilSkm, HasilUnsur, hasil_periode
from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.people.choices import JenisPenugasan
from karier.people.models import Jabatan
from karier.people.selectors import holder_on
from karier.plans.documents import periode as rentang
from karier.plans.documents import tanggal
from karier.rules import nip_as_printed

PEMERINTAH = "PEMERINTAH PROVINSI BENGKULU"
TEMPAT = "Bengkulu"


@dataclass(frozen=True)
class Penandatangan:
    nama: str
    nip: str
    jabatan: str


def _kepala(periode: PeriodeSkm) -> Penandatangan:
    """The unit's head today (definitive holder, else Plt/Plh); a blank line when vacant."""
    jab = Jabatan.objects.filter(unit_id=periode.unit_id, adalah_kepala_unit=True).order_by("pk").first()
    if jab is None:
        return Penandatangan("", "", f"Kepala {periode.unit.nama}")
    holder = holder_on(jab, timezone.localdate())
    if holder is None:
        return Penandatangan("", "", jab.nama)
    sementara = {JenisPenugasan.PLT: "Plt. ", JenisPenugasan.PLH: "Plh. "}.get(holder.jenis, "")  # type: ignore[call-overload]
    return Penandatangan(holder.pegawai.nama_lengkap, nip_as_printed(holder.pegawai.nip), f"{sementara}{jab.nama}")


def filename_stem(periode: PeriodeSkm) -> str:
    return f"laporan-skm-{periode.unit_id}-{periode.pk}"


_PROFIL_JUDUL = {"usia": "Umur", "jenis_kelamin": "Jenis kelamin", "pendidikan": "Pendidikan", "pekerjaan": "Pekerjaan"}


def _unsur(u: HasilUnsur) -> dict[str, Any]:
    return {
        "code": u.code,
        "label": u.label,
        "rata": angka(u.rata, 2),
        "indeks": angka(u.indeks, 2),
        "mutu": u.mutu,
        "terlemah": u.terlemah,
        "kebutuhan": u.kebutuhan,
        "lebar": int((u.indeks - 25) * 100 / 75),  # the bar from 25 (empty) to 100 (full)
    }


def report_document(hasil: HasilSkm) -> dict[str, Any]:
    """Every figure of the report as printed text, the Indonesian way (`angka`: 77,78)."""
    return {
        "ikm": angka(hasil.ikm, 2) if hasil.ikm is not None else "",
        "unsur": [_unsur(u) for u in hasil.unsur],
        "terlemah": [_unsur(u) for u in hasil.terlemah],
        "tindak_lanjut": [
            {
                "unsur": t.unsur,
                "tindakan": t.tindakan,
                "pemilik": ", ".join(x for x in (t.pegawai.nama_lengkap if t.pegawai else "", t.penanggung_jawab) if x),
                "batas": tanggal(t.batas_waktu),
                "status": t.get_status_display(),
            }
            for t in hasil.tindak_lanjut
        ],
        "profil": [
            (_PROFIL_JUDUL[name], [{"label": r.label, "n": angka(r.n), "persen": angka(r.persen, 1)} for r in rows])
            for name, rows in hasil.profil.items()
        ],
    }


@in_indonesian
def skm_report_html(hasil: HasilSkm) -> str:
    p = hasil.periode
    return render_to_string(
        "appraisal/skm/pdf/laporan.html",
        {
            "hasil": hasil,
            "doc": report_document(hasil),
            "periode": p,
            "rentang": rentang(p.mulai, p.selesai),
            "pemerintah": PEMERINTAH,
            "ttd": _kepala(p),
            "tempat_tanggal": f"{TEMPAT}, {tanggal(timezone.localdate())}",
            "stem": filename_stem(p),
            "draf": p.status != "TUTUP",
        },
    )


@in_indonesian
def skm_report_pdf(periode: PeriodeSkm) -> bytes:
    """The period's report as PDF bytes (a period not yet closed is marked as provisional)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=skm_report_html(hasil_periode(periode))).write_pdf()
    return pdf
