"""REST API of "Laporan" (issue #13 item 4): a person's official documents, the bulk zip of a unit
(start → 202 with a job to poll → download), and the agency's yearly report PDF. The same access
functions as the screens: a hidden person, unit, agency or job is 404; an auditor starting a job 403."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Query, Router, Status

from karier.api.helpers import binary_response, path_id
from karier.api.schemas import ERRORS_404, ErrorOut, JobOut
from karier.core.downloads import private_download
from karier.core.jobs import job_dict
from karier.insight.reports import access, selectors, services
from karier.insight.reports.agency import agency_report
from karier.insight.reports.report_pdf import PDF, filename_stem, report_pdf
from karier.insight.reports.schemas import DokumenPegawaiOut, LaporanMassalIn, LaporanTahunParams
from karier.people.access import actor_from_request

router = Router()
ZIP = "application/zip"
ERRORS_403: dict[int, Any] = {**ERRORS_404, 403: ErrorOut}


@router.get(
    "/laporan/pegawai/{pegawai_id}/dokumen",
    response={200: DokumenPegawaiOut, **ERRORS_404},
    url_name="laporan_dokumen",
    summary="Dokumen resmi seorang pegawai",
    description="SKP, dokumen evaluasi, penetapan predikat, Perjanjian Kinerja, PAK dan rencana pengembangan "
    "pegawai pada tahun itu — hanya yang ada dan boleh dibuka pemanggil.",
)
def dokumen_pegawai(
    request: HttpRequest, params: Query[LaporanTahunParams], pegawai_id: int = path_id("Id pegawai.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    person = access.pegawai_for_laporan(actor, pegawai_id)
    return selectors.as_dict(selectors.person_documents(actor, person, params.tahun))


@router.post(
    "/laporan/unit/{unit_id}/massal",
    response={202: JobOut, **ERRORS_403},
    url_name="laporan_massal_mulai",
    summary="Mulai pengumpulan dokumen resmi satu unit (zip)",
    description="Berjalan di latar; pantau dengan `GET /laporan/massal/{job_id}`, unduh dengan "
    "`GET /laporan/massal/{job_id}/zip`. Admin BKD, kepala perangkat daerah unit itu, kepala unit itu atau "
    "unit di atasnya.",
)
def massal_mulai(request: HttpRequest, body: LaporanMassalIn, unit_id: int = path_id("Id unit kerja.")) -> Status[Any]:
    job = services.laporan_unit_start(actor=actor_from_request(request), unit_id=unit_id, tahun=body.tahun)
    job.refresh_from_db()
    return Status(202, job_dict(job))


@router.get(
    "/laporan/massal/{job_id}",
    response={200: JobOut, **ERRORS_404},
    url_name="laporan_massal_status",
    summary="Status pengumpulan dokumen resmi",
)
def massal_status(request: HttpRequest, job_id: int = path_id("Id tugas.")) -> dict[str, Any]:
    return job_dict(access.laporan_job_for_actor(actor_from_request(request), job_id))


@router.get(
    "/laporan/massal/{job_id}/zip",
    response=ERRORS_404,
    url_name="laporan_massal_unduh",
    summary="Unduh zip dokumen resmi",
    openapi_extra=binary_response(ZIP, "Berkas zip: satu folder per pegawai, penetapan predikat di folder Unit."),
)
def massal_unduh(request: HttpRequest, job_id: int = path_id("Id tugas.")) -> FileResponse:
    actor = actor_from_request(request)
    handle, name = services.laporan_massal_berkas(actor=actor, job=access.laporan_job_for_actor(actor, job_id))
    return private_download(handle, name, ZIP)


@router.get(
    "/laporan/perangkat-daerah/{opd_id}/tahunan.pdf",
    response=ERRORS_404,
    url_name="laporan_opd_pdf",
    summary="Laporan kinerja tahunan perangkat daerah (PDF)",
    openapi_extra=binary_response(PDF, "Berkas PDF A4 dengan grafik"),
)
def opd_pdf(
    request: HttpRequest, params: Query[LaporanTahunParams], opd_id: int = path_id("Id perangkat daerah.")
) -> HttpResponse:
    opd = access.opd_for_laporan(actor_from_request(request), opd_id)
    rep = agency_report(opd, params.tahun)
    response = HttpResponse(report_pdf(rep), content_type=PDF)
    response["Content-Disposition"] = f'attachment; filename="{filename_stem(rep)}.pdf"'
    return response
