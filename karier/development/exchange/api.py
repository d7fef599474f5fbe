"""REST endpoints of the SIASN exchange (issue #11 item 8), tag "Riwayat SIASN".

Same rules as the screens: the history of the people the actor sees (another agency 403, a hidden
person 404); imports are BKD's (403 otherwise), checked first (`POST …/impor`, multipart `berkas`,
answering the per-row report) and applied all or nothing as a background job (`…/terapkan`, 202).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS_404, MAX_ID, ErrorOut, In, JobOut, Page, PageParams
from karier.development import two_phase
from karier.development.exchange import access, imports
from karier.development.exchange.history import KOLOM, KURSUS, history, split
from karier.development.models import ImporSiasn
from karier.people.access import actor_from_request, pegawai_for_actor, unit_for_actor
from karier.plans.schemas import WRITE_ERRORS

router = Router(tags=["Riwayat SIASN"])
_id = path_id


class RiwayatFilter(In):
    layout: str = Field(KURSUS, pattern=r"^(kursus|diklat)$", description="kursus atau diklat (struktural).")
    opd_id: int | None = Field(None, ge=1, le=MAX_ID, description="Perangkat daerah.")
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID, description="Satu pegawai.")
    tahun: int | None = Field(None, ge=1960, le=2100, description="Tahun kegiatan selesai.")


class RiwayatSiasnOut(Schema):
    """One row in its SIASN layout: `nip` and the layout's fields (the other layout's are null)."""

    nip: str
    institusiPenyelenggara: str
    jumlahJam: Decimal
    jenisDiklatId: str | None = None
    jenisKursus: str | None = None
    namaKursus: str | None = None
    nomorSertipikat: str | None = None
    tahunKursus: int | None = None
    tanggalKursus: str | None = None
    tanggalSelesaiKursus: str | None = None
    latihanStrukturalId: str | None = None
    nomor: str | None = None
    tahun: int | None = None
    tanggal: str | None = None
    tanggalSelesai: str | None = None


class ImporSiasnOut(Schema):
    id: int
    nama_berkas: str
    status: str = Field(..., description="DIPERIKSA atau DITERAPKAN.")
    jumlah_baris: int
    kesalahan: list[list[Any]] = Field(..., description="[lembar, nomor baris, pesan] per kesalahan.")
    tugas: JobOut | None = None


def _impor(impor: ImporSiasn) -> dict[str, Any]:
    return two_phase.api_report(impor, imports.impor_job(impor))


@router.get(
    "/pengembangan/siasn/riwayat",
    response={200: Page[RiwayatSiasnOut], **ERRORS_404, 403: ErrorOut},
    summary="Riwayat kursus atau diklat struktural dalam tata letak SIASN",
)
def siasn_riwayat(request: HttpRequest, filters: Query[RiwayatFilter], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    opd = unit_for_actor(actor, filters.opd_id) if filters.opd_id else None
    if filters.pegawai_id:
        pegawai_for_actor(actor, filters.pegawai_id)
    people = access.export_scope(actor, opd=opd, pegawai_id=filters.pegawai_id)
    rows = split(history(people, filters.tahun))[filters.layout]
    items = [dict(zip(KOLOM[filters.layout], r.values(), strict=True)) for r in rows]
    return paginate(items, page)


@router.post(
    "/pengembangan/siasn/impor",
    response={201: ImporSiasnOut, **WRITE_ERRORS},
    summary="Impor riwayat SIASN, langkah 1: periksa berkas (multipart, field `berkas`)",
)
def siasn_impor_periksa(
    request: HttpRequest,
    berkas: UploadedFile | None = File(None, description="Excel (.xlsx) atau CSV tata letak SIASN."),  # noqa: B008
) -> Any:
    return two_phase.api_check(
        actor_from_request(request),
        berkas,
        require=access.require_import,
        check=imports.siasn_impor_periksa,
        job=imports.impor_job,
    )


@router.get(
    "/pengembangan/siasn/impor/{int:impor_id}",
    response={200: ImporSiasnOut, **ERRORS_404},
    summary="Laporan impor riwayat SIASN per baris, dengan tugas penerapannya",
)
def siasn_impor_detail(request: HttpRequest, impor_id: int = _id("Id impor.")) -> Any:
    return _impor(access.impor_for_actor(actor_from_request(request), impor_id))


@router.post(
    "/pengembangan/siasn/impor/{int:impor_id}/terapkan",
    response={202: JobOut, **WRITE_ERRORS},
    summary="Impor riwayat SIASN, langkah 2: terapkan semua atau tidak sama sekali (tugas latar)",
)
def siasn_impor_terapkan(request: HttpRequest, impor_id: int = _id("Id impor.")) -> Any:
    actor = actor_from_request(request)
    return two_phase.api_apply(actor, access.impor_for_actor(actor, impor_id), start=imports.siasn_impor_start)
