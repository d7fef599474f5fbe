"""REST endpoints of the predikat history (issue #12 item 1), under /api/v1/karier/riwayat-kinerja/.

Same rules as the screens: imports are BKD's (403 otherwise; reading one is for BKD and auditors, 404
for everyone else), checked first (`POST …/impor`, multipart `berkas`, answering the per-row report)
and applied all or nothing as a background job (`…/terapkan`, 202). A person's predikat by year is
for whoever may see the person (404 otherwise).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS_404, In, JobOut, Page, PageParams
from karier.development import two_phase
from karier.people.access import actor_from_request
from karier.plans.schemas import WRITE_ERRORS
from karier.talent.history import access, imports, selectors
from karier.talent.models import ImporRiwayatKinerja, PredikatTahunan

router = Router(tags=["Riwayat kinerja"])
_id = path_id


class ImporRiwayatOut(Schema):
    id: int
    nama_berkas: str
    status: str = Field(..., description="DIPERIKSA atau DITERAPKAN.")
    jumlah_baris: int
    kesalahan: list[list[Any]] = Field(..., description="[nomor baris, pesan] per kesalahan.")
    tugas: JobOut | None = None


class ImporRingkasOut(Schema):
    id: int
    nama_berkas: str
    status: str
    jumlah_kesalahan: int
    dibuat_pada: dt.datetime


class ImporFilter(In):
    status: str = Field("", pattern=r"^(|DIPERIKSA|DITERAPKAN)$", description="DIPERIKSA atau DITERAPKAN.")


class PredikatTahunanOut(Schema):
    id: int
    tahun: int
    predikat: str
    rating_hasil_kerja: str
    rating_perilaku: str
    bulan: int
    sumber: str = Field(..., description="EVALUASI atau IMPOR.")
    evaluasi_id: int | None
    impor_id: int | None


class PredikatFilter(In):
    sumber: str = Field("", pattern=r"^(|EVALUASI|IMPOR)$", description="EVALUASI atau IMPOR.")


def _impor(impor: ImporRiwayatKinerja) -> dict[str, Any]:
    return two_phase.api_report(impor, imports.impor_job(impor))


def _predikat(p: PredikatTahunan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "tahun": p.tahun,
        "predikat": p.predikat,
        "rating_hasil_kerja": p.rating_hasil_kerja,
        "rating_perilaku": p.rating_perilaku,
        "bulan": p.bulan,
        "sumber": p.sumber,
        "evaluasi_id": p.evaluasi_id,
        "impor_id": p.impor_id,
    }


@router.post(
    "/karier/riwayat-kinerja/impor",
    response={201: ImporRiwayatOut, **WRITE_ERRORS},
    summary="Impor riwayat predikat dan angka kredit, langkah 1: periksa berkas (multipart, field `berkas`)",
)
def riwayat_kinerja_impor_periksa(
    request: HttpRequest,
    berkas: UploadedFile | None = File(None, description="Excel (.xlsx) atau CSV."),  # noqa: B008
) -> Any:
    return two_phase.api_check(
        actor_from_request(request),
        berkas,
        require=access.require_import,
        check=imports.riwayat_impor_periksa,
        job=imports.impor_job,
    )


@router.get(
    "/karier/riwayat-kinerja/impor",
    response={200: Page[ImporRingkasOut], **ERRORS_404},
    summary="Daftar impor riwayat kinerja (admin BKD dan auditor)",
)
def riwayat_kinerja_impor_daftar(request: HttpRequest, filters: Query[ImporFilter], page: Query[PageParams]) -> Any:
    result = paginate(selectors.impor_list(actor_from_request(request), status=filters.status), page)
    result["items"] = [
        {
            "id": i.pk,
            "nama_berkas": i.nama_berkas,
            "status": i.status,
            "jumlah_kesalahan": len(i.kesalahan),
            "dibuat_pada": i.dibuat_pada,
        }
        for i in result["items"]
    ]
    return result


@router.get(
    "/karier/riwayat-kinerja/impor/{int:impor_id}",
    response={200: ImporRiwayatOut, **ERRORS_404},
    summary="Laporan impor riwayat kinerja per baris, dengan tugas penerapannya",
)
def riwayat_kinerja_impor_detail(request: HttpRequest, impor_id: int = _id("Id impor.")) -> Any:
    return _impor(access.impor_for_actor(actor_from_request(request), impor_id))


@router.post(
    "/karier/riwayat-kinerja/impor/{int:impor_id}/terapkan",
    response={202: JobOut, **WRITE_ERRORS},
    summary="Impor riwayat kinerja, langkah 2: terapkan semua atau tidak sama sekali (tugas latar)",
)
def riwayat_kinerja_impor_terapkan(request: HttpRequest, impor_id: int = _id("Id impor.")) -> Any:
    actor = actor_from_request(request)
    return two_phase.api_apply(actor, access.impor_for_actor(actor, impor_id), start=imports.riwayat_impor_start)


@router.get(
    "/karier/riwayat-kinerja/pegawai/{int:pegawai_id}",
    response={200: Page[PredikatTahunanOut], **ERRORS_404},
    summary="Predikat kinerja tahunan seorang pegawai (terbaru dahulu)",
)
def riwayat_kinerja_pegawai(
    request: HttpRequest,
    filters: Query[PredikatFilter],
    page: Query[PageParams],
    pegawai_id: int = _id("Id pegawai."),
) -> Any:
    result = paginate(selectors.predikat_list(actor_from_request(request), pegawai_id, sumber=filters.sumber), page)
    result["items"] = [_predikat(p) for p in result["items"]]
    return result
