"""REST API around and after a session (issue #11 §6, §9): the organiser's attendance code and the
participant's scan, the participant's evaluation and its per-activity figures, the superior's
follow-ups, the certificate PDF and its verification. Same access and services as the screens;
the handlers in `karier/api/api.py` turn refusals into 403/404/409."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from karier.api.helpers import binary_response, path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.development.catalogue import access
from karier.development.catalogue.schemas import (
    EvaluasiKegiatanIn,
    EvaluasiKegiatanOut,
    HadirQrOut,
    KodeKehadiranIn,
    KodeKehadiranOut,
    RekapEvaluasiOut,
    SertifikatVerifikasiOut,
    TindakLanjutDueOut,
    TindakLanjutIn,
    TindakLanjutOut,
)
from karier.development.models import ASPEK_EVALUASI
from karier.development.outcomes import attendance_qr, certificate_pdf, feedback
from karier.people.access import actor_from_request
from karier.plans.schemas import WRITE_ERRORS

_id = path_id
router = Router(tags=["Katalog pengembangan dan JP"])


def _page(items: list[Any], page: PageParams) -> dict[str, Any]:
    return paginate(items, page)


def _rekap(r: feedback.RekapEvaluasi) -> dict[str, Any]:
    return {
        "kegiatan_id": r.kegiatan_id,
        "nama": r.nama,
        "jumlah": r.jumlah,
        "cukup": r.cukup,
        "rata": r.rata or None,
        "rata_umum": r.rata_umum,
        "komentar": r.komentar,
    }


# ---------------------------------------------------------------------------- QR attendance
@router.get(
    "/pengembangan/sesi/{int:sesi_id}/kode-kehadiran",
    response={200: KodeKehadiranOut, **WRITE_ERRORS},
    summary="Kode kehadiran hari ini (penyelenggara): tampilkan sebagai QR di lokasi",
)
def kehadiran_kode(request: HttpRequest, sesi_id: int = _id("Id sesi.")) -> Any:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    kode = attendance_qr.kode_make(actor=actor, sesi=sesi)
    url = request.build_absolute_uri(reverse("development:kehadiran_qr", args=[kode.kode]))
    return {
        "kode": kode.kode,
        "url": url,
        "sesi_id": kode.sesi_id,
        "tanggal": kode.tanggal,
        "berlaku_sampai": kode.berlaku_sampai,
    }


@router.post(
    "/pengembangan/kehadiran/kode",
    response={200: HadirQrOut, **WRITE_ERRORS},
    summary="Catat kehadiran saya dengan kode penyelenggara (hasil pindai QR)",
)
def kehadiran_qr(request: HttpRequest, body: KodeKehadiranIn) -> Any:
    row, changed = attendance_qr.kehadiran_qr_record(actor=actor_from_request(request), kode=body.kode)
    return {"pendaftaran_id": row.pk, "sesi_id": row.sesi_id, "hadir": bool(row.hadir), "baru": changed}


# ---------------------------------------------------------------------------- evaluation
@router.post(
    "/pengembangan/pendaftaran/{int:pendaftaran_id}/evaluasi",
    response={201: EvaluasiKegiatanOut, **WRITE_ERRORS},
    summary="Evaluasi kegiatan oleh peserta (sekali, setelah hadir atau selesai)",
)
def kegiatan_evaluasi_kirim(
    request: HttpRequest, body: EvaluasiKegiatanIn, pendaftaran_id: int = _id("Id pendaftaran.")
) -> Any:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    nilai = {a: getattr(body, a) for a in ASPEK_EVALUASI}
    return 201, feedback.evaluasi_submit(actor=actor, pendaftaran=row, nilai=nilai, komentar=body.komentar)


@router.get(
    "/pengembangan/katalog/{int:kegiatan_id}/evaluasi",
    response={200: RekapEvaluasiOut, **WRITE_ERRORS},
    summary="Rekap evaluasi peserta sebuah kegiatan (admin BKD, auditor; anonim di bawah 3 evaluasi)",
)
def kegiatan_evaluasi_rekap(request: HttpRequest, kegiatan_id: int = _id("Id kegiatan.")) -> Any:
    actor = actor_from_request(request)
    return _rekap(feedback.evaluasi_rekap(actor, access.kegiatan_for_actor(actor, kegiatan_id)))


@router.get(
    "/pengembangan/evaluasi-kegiatan",
    response={200: Page[RekapEvaluasiOut], **WRITE_ERRORS},
    summary="Rekap evaluasi peserta per kegiatan (admin BKD, auditor)",
)
def kegiatan_evaluasi_semua(request: HttpRequest, page: Query[PageParams]) -> Any:
    rows = feedback.evaluasi_rekap_semua(actor_from_request(request))
    return _page([_rekap(r) for r in rows], page)


# ---------------------------------------------------------------------------- follow-up
@router.get(
    "/pengembangan/tindak-lanjut",
    response={200: Page[TindakLanjutDueOut], **ERRORS},
    summary="Tindak lanjut yang harus saya isi sebagai atasan (≥ 90 hari setelah selesai)",
)
def tindak_lanjut_daftar(request: HttpRequest, page: Query[PageParams]) -> Any:
    due = feedback.tindak_lanjut_due(actor_from_request(request))
    items = [
        {
            "pendaftaran_id": r.pk,
            "pegawai_id": r.pegawai_id,
            "nip": r.pegawai.nip,
            "nama": r.pegawai.nama,
            "kegiatan": r.sesi.kegiatan.nama,
            "selesai_pada": r.selesai_pada,
        }
        for r in due
    ]
    return _page(items, page)


@router.post(
    "/pengembangan/pendaftaran/{int:pendaftaran_id}/tindak-lanjut",
    response={201: TindakLanjutOut, **WRITE_ERRORS},
    summary="Tindak lanjut atasan: apakah perilaku kerja berubah (YA, SEBAGIAN, BELUM)",
)
def tindak_lanjut_kirim(
    request: HttpRequest, body: TindakLanjutIn, pendaftaran_id: int = _id("Id pendaftaran.")
) -> Any:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    return 201, feedback.tindak_lanjut_submit(actor=actor, pendaftaran=row, hasil=body.hasil, catatan=body.catatan)


# ---------------------------------------------------------------------------- certificate
@router.get(
    "/pengembangan/pendaftaran/{int:pendaftaran_id}/sertifikat",
    response=ERRORS_404,
    url_name="sertifikat_pdf",
    summary="Sertifikat penyelesaian sebagai PDF (kegiatan BPSDM atau Diskominfo yang selesai)",
    openapi_extra=binary_response(certificate_pdf.PDF, "Berkas PDF A4: Sertifikat-<kode>.pdf"),
)
def sertifikat_pdf(request: HttpRequest, pendaftaran_id: int = _id("Id pendaftaran.")) -> HttpResponse:
    row = access.pendaftaran_for_actor(actor_from_request(request), pendaftaran_id)
    code = certificate_pdf.verification_code(row)
    url = request.build_absolute_uri(reverse("development:sertifikat_verifikasi", args=[code]))
    doc = certificate_pdf.sertifikat_document(row, url)
    response = HttpResponse(certificate_pdf.sertifikat_pdf(doc), content_type=certificate_pdf.PDF)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename_stem}.pdf"'
    return response


@router.get(
    "/pengembangan/sertifikat/{kode}",
    response={200: SertifikatVerifikasiOut, **ERRORS_404},
    summary="Verifikasi kode sertifikat",
)
def sertifikat_verifikasi(
    request: HttpRequest, kode: str = Path(..., max_length=40, description="Kode verifikasi pada sertifikat.")
) -> Any:
    actor_from_request(request)
    row = certificate_pdf.row_for_code(kode)
    if row is None:
        raise Http404(_("Kode verifikasi sertifikat tidak dikenal."))
    return {
        "sah": True,
        "kode": certificate_pdf.verification_code(row),
        "nama": row.pegawai.nama,
        "kegiatan": row.sesi.kegiatan.nama,
        "mulai": row.sesi.mulai,
        "selesai": row.sesi.selesai,
        "jp": row.sesi.kegiatan.jp,
    }
