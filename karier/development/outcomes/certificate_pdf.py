"""The certificate of completion as a PDF (issue #11 §9), for internal activities only.

Karier issues it only where the province itself organised the activity (BPSDM Provinsi Bengkulu or
Diskominfo): for LAN or an e-learning platform the participant's own certificate, uploaded at
completion, is the document. Only a completed enrolment has one, seen by whoever may see the
enrolment (`access.pendaftaran_for_actor`: the participant, their superiors, BKD, auditors).

What it states: name, NIP as printed (`format_nip`), the activity, the dates in Indonesian words,
the JP in Indonesian numbers (12,5), and a verification code with its QR (segno, drawn locally). The
code is a keyed hash (`salted_hmac`) of the enrolment, so it cannot be guessed from the number; the
verification page (signed-in users) says whether a code belongs to a completed internal activity and
to whom. Built and rendered in Indonesian whatever the reader's language (an official document).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from karier.appraisal.public.qr import qr_svg_inline
from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.development.models import Pendaftaran, Penyelenggara, StatusPendaftaran
from karier.rules import BULAN, nip_as_printed

PDF = "application/pdf"
INTERNAL = frozenset({Penyelenggara.BPSDM, Penyelenggara.DISKOMINFO})
PENANDATANGAN = {
    Penyelenggara.BPSDM: "Kepala Badan Pengembangan Sumber Daya Manusia Provinsi Bengkulu",
    Penyelenggara.DISKOMINFO: "Kepala Dinas Komunikasi, Informatika dan Statistik Provinsi Bengkulu",
}
NAMA_PENYELENGGARA = {
    Penyelenggara.BPSDM: "BADAN PENGEMBANGAN SUMBER DAYA MANUSIA",
    Penyelenggara.DISKOMINFO: "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK",
}
SALT = "karier.development.sertifikat"


def tanggal(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def rentang(mulai: dt.date, selesai: dt.date) -> str:
    """ "3 Maret 2026", "3–5 Maret 2026", "28 Februari – 2 Maret 2026", "29 Desember 2025 – 2 Januari 2026"."""
    if mulai == selesai:
        return tanggal(mulai)
    if (mulai.year, mulai.month) == (selesai.year, selesai.month):
        return f"{mulai.day}–{tanggal(selesai)}"
    if mulai.year == selesai.year:
        return f"{mulai.day} {BULAN[mulai.month - 1]} – {tanggal(selesai)}"
    return f"{tanggal(mulai)} – {tanggal(selesai)}"


def verification_code(row: Pendaftaran) -> str:
    """ "<id>-<10 hex>": the id finds the row, the keyed hash proves the code was issued by Karier."""
    digest = salted_hmac(SALT, f"{row.pk}:{row.pegawai_id}:{row.sesi_id}").hexdigest()[:10].upper()
    return f"{row.pk}-{digest}"


def row_for_code(code: str) -> Pendaftaran | None:
    """The completed internal enrolment a code was issued for, or None (any garbage: None)."""
    pk, _sep, _digest = (code or "").partition("-")
    if not pk.isdigit() or len(code) > 40 or len(pk) > 12:
        return None
    row = (
        Pendaftaran.objects.filter(pk=int(pk), status=StatusPendaftaran.SELESAI)
        .select_related("pegawai", "sesi", "sesi__kegiatan")
        .first()
    )
    if row is None or row.sesi.kegiatan.penyelenggara not in INTERNAL:
        return None
    return row if constant_time_compare(verification_code(row), code.upper()) else None


def require_certificate(row: Pendaftaran) -> None:
    """Only a completed enrolment in an activity the province organised has a Karier certificate."""
    if row.status != StatusPendaftaran.SELESAI:
        raise ValidationError({"status": _("Sertifikat tersedia setelah kegiatan diselesaikan.")})
    if row.sesi.kegiatan.penyelenggara not in INTERNAL:
        raise ValidationError(
            {
                "status": _(
                    "Sertifikat Karier hanya untuk kegiatan BPSDM atau Diskominfo; gunakan sertifikat penyelenggara."
                )
            }
        )


def has_certificate(row: Pendaftaran) -> bool:
    return row.status == StatusPendaftaran.SELESAI and row.sesi.kegiatan.penyelenggara in INTERNAL


@dataclass(frozen=True)
class SertifikatDocument:
    nomor: str
    kode: str
    nama: str
    nip: str
    kegiatan: str
    metode: str
    penyelenggara: str
    penyelenggara_kop: str
    penandatangan: str
    tanggal_kegiatan: str
    tempat: str
    jp: str
    tempat_tanggal: str
    verifikasi_url: str
    qr_svg: str

    @property
    def filename_stem(self) -> str:
        return f"Sertifikat-{self.kode}"


@in_indonesian
def sertifikat_document(row: Pendaftaran, verifikasi_url: str) -> SertifikatDocument:
    """What the certificate states (the row as loaded by `pendaftaran_for_actor`: no extra query)."""
    require_certificate(row)
    sesi, kegiatan, pegawai = row.sesi, row.sesi.kegiatan, row.pegawai
    kode = verification_code(row)
    selesai = timezone.localdate(row.selesai_pada) if row.selesai_pada else sesi.selesai
    return SertifikatDocument(
        nomor=f"{kegiatan.kode}/{sesi.mulai.year}/{row.pk:05d}",
        kode=kode,
        nama=pegawai.nama_lengkap or pegawai.nama,
        nip=nip_as_printed(pegawai.nip),
        kegiatan=kegiatan.nama,
        metode=str(kegiatan.get_metode_display()),
        penyelenggara=str(kegiatan.get_penyelenggara_display()),
        penyelenggara_kop=NAMA_PENYELENGGARA.get(kegiatan.penyelenggara, ""),  # type: ignore[call-overload]
        penandatangan=PENANDATANGAN.get(kegiatan.penyelenggara, ""),  # type: ignore[call-overload]
        tanggal_kegiatan=rentang(sesi.mulai, sesi.selesai),
        tempat=sesi.tempat or (_("daring") if sesi.tautan else ""),
        jp=angka(kegiatan.jp.normalize()),
        tempat_tanggal=f"Bengkulu, {tanggal(max(selesai, sesi.selesai))}",
        verifikasi_url=verifikasi_url,
        qr_svg=qr_svg_inline(verifikasi_url, scale=3),
    )


@in_indonesian
def sertifikat_pdf(doc: SertifikatDocument) -> bytes:
    """A4 landscape PDF (WeasyPrint), like the SKP and the Perjanjian Kinerja."""
    from weasyprint import HTML

    html = render_to_string("development/pdf/sertifikat.html", {"doc": doc})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
