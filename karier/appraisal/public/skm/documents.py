"""The published SKM report as an official PDF (WeasyPrint, A4, Bahasa Indonesia whatever the
reader's language): the result per element with a bar per element drawn in CSS (no script in a
PDF), the IKM and its grade, the respondent profile, the weakest elements and the follow-up
actions with owner and due date, signed by the unit's head. `skm_report_pdf(periode)` is what
the reports page calls; it needs the period's unit (`select_related("unit")` is enough)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from karier.appraisal.calibration.access import kepala_jabatan
from karier.appraisal.public.skm.choices import StatusSkm
from karier.appraisal.public.skm.models import PeriodeSkm
from karier.appraisal.public.skm.selectors import HasilSkm, HasilUnsur, hasil_periode
from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.people.choices import JenisPenugasan
from karier.people.selectors import holder_on
from karier.plans.documents import PEMERINTAH, TEMPAT, Orang, tanggal
from karier.plans.documents import periode as rentang
from karier.rules import SKM_ELEMENTS, skm_grade_label


def _kepala(periode: PeriodeSkm, on: dt.date) -> Orang:
    """The unit's head on `on` (definitive holder, else Plt/Plh), as the evaluation documents
    build their signers; dashes when the position or its holder is missing."""
    jab = kepala_jabatan(periode.unit_id)
    holder = holder_on(jab, on) if jab else None
    jabatan = jab.nama if jab else f"Kepala {periode.unit.nama}"
    if holder is not None:
        sementara = {JenisPenugasan.PLT: "Plt. ", JenisPenugasan.PLH: "Plh. "}.get(holder.jenis, "")  # type: ignore[call-overload]
        jabatan = f"{sementara}{jabatan}"
    return Orang.of(holder.pegawai if holder else None, jabatan, periode.unit.nama)


def filename_stem(periode: PeriodeSkm) -> str:
    return f"laporan-skm-{periode.unit_id}-{periode.pk}"


_PROFIL_JUDUL = {"usia": "Umur", "jenis_kelamin": "Jenis kelamin", "pendidikan": "Pendidikan", "pekerjaan": "Pekerjaan"}


#: The official labels (Bahasa Indonesia whatever the language of whoever closes or downloads).
_LABEL = {e.code: e.label for e in SKM_ELEMENTS}


def _unsur(u: HasilUnsur) -> dict[str, Any]:
    return {
        "code": u.code,
        "label": _LABEL[u.code],
        "rata": angka(u.rata, 2),
        "indeks": angka(u.indeks, 2),
        "mutu": u.mutu,
        "terlemah": u.terlemah,
        "kebutuhan": u.kebutuhan,
        "lebar": int((u.indeks - 25) * 100 / 75),  # the bar from 25 (empty) to 100 (full)
    }


def report_document(hasil: HasilSkm, on: dt.date | None = None) -> dict[str, Any]:
    """Every figure of the report as printed text, the Indonesian way (`angka`: 77,78), with its
    signer and date (`on`, today by default): what a closed period stores (`PeriodeSkm.dokumen`)."""
    day = on or timezone.localdate()
    return {
        "n": hasil.n,
        "jumlah": angka(hasil.n),
        "ikm": angka(hasil.ikm, 2) if hasil.ikm is not None else "",
        "mutu": hasil.mutu or "",
        "mutu_label": skm_grade_label(hasil.mutu) if hasil.mutu else "",
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
        "ttd": asdict(_kepala(hasil.periode, day)),
        "tempat_tanggal": f"{TEMPAT}, {tanggal(day)}",
    }


@in_indonesian
def skm_report_frozen(hasil: HasilSkm, on: dt.date) -> dict[str, Any]:
    """The report as published on the closing day `on` (stored by `services.skm_periode_close`)."""
    return report_document(hasil, on)


def skm_report(periode: PeriodeSkm) -> dict[str, Any]:
    """What the published report states: a closed period as frozen when it closed (its signer,
    date, figures and follow-up actions of that day), any other period as of today."""
    if periode.status == StatusSkm.TUTUP and periode.dokumen:
        return dict(periode.dokumen)
    return report_document(hasil_periode(periode))


@in_indonesian
def skm_report_html(periode: PeriodeSkm, doc: dict[str, Any] | None = None) -> str:
    p = periode
    return render_to_string(
        "appraisal/skm/pdf/laporan.html",
        {
            "doc": doc if doc is not None else skm_report(p),
            "periode": p,
            "rentang": rentang(p.mulai, p.selesai),
            "pemerintah": PEMERINTAH,
            "stem": filename_stem(p),
            "draf": p.status != StatusSkm.TUTUP,
        },
    )


@in_indonesian
def skm_report_pdf(periode: PeriodeSkm) -> bytes:
    """The period's report as PDF bytes (a period not yet closed is marked as provisional)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=skm_report_html(periode)).write_pdf()
    return pdf
