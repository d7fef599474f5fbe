"""REST endpoints for employees, work units and positions (issue #2).

Thin edges: parse the query, build the actor, go through `access` for anything tied to an id and
through the selectors for lists, shape the answer. Hidden employees answer 404, like the screens.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Status

from karier.api.helpers import binary_response, path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, MAX_ID, JobOut, Page, PageParams
from karier.core.downloads import private_download
from karier.core.jobs import job_dict
from karier.people import export_jobs, selectors
from karier.people.access import (
    Actor,
    actor_from_request,
    can_see_pegawai,
    export_job_for_actor,
    jabatan_for_actor,
    pegawai_for_actor,
    unit_for_actor,
    visible_jabatan,
    visible_pegawai,
    visible_units,
)
from karier.people.exports import XLSX
from karier.people.models import Jabatan, Pegawai, UnitKerja
from karier.people.schemas import (
    JabatanDetail,
    JabatanFilter,
    JabatanListItem,
    MeOut,
    PegawaiDetail,
    PegawaiFilter,
    PegawaiListItem,
    UnitDetail,
    UnitFilter,
    UnitListItem,
    nip_formatted,
)
from karier.people.selectors import (
    DirectoryFilter,
    Holder,
    appraiser_on,
    directory,
    holder_on,
    pegawai_history,
    pegawai_profile,
)

router = Router()


def _id_param(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description)


def _ref(obj: Any) -> dict[str, Any] | None:
    return {"id": obj.pk, "nama": obj.nama} if obj is not None else None


def _pemangku(actor: Actor, jabatan: Jabatan, holder: Holder | None) -> dict[str, Any] | None:
    """Who covers a position today. Managerial holders are public; others only if visible."""
    if holder is None:
        return None
    visible = can_see_pegawai(actor, holder.pegawai)
    if not (visible or jabatan.is_managerial):
        return None
    return {
        "pegawai_id": holder.pegawai.pk if visible else None,
        "nama": holder.pegawai.nama_lengkap,
        "jenis": holder.jenis,
    }


# ---------------------------------------------------------------------------- employees
@router.get(
    "/pegawai",
    response={200: Page[PegawaiListItem], **ERRORS},
    tags=["pegawai"],
    summary="Daftar pegawai yang boleh dilihat",
)
def pegawai_list(request: HttpRequest, filters: Query[PegawaiFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    return paginate(directory(visible_pegawai(actor), _filter(filters)), page)


def _filter(filters: PegawaiFilter) -> DirectoryFilter:
    """The selector's filter from the API's query (the list) or body (the export)."""
    return DirectoryFilter(
        q=filters.q,
        opd=filters.opd,
        unit=filters.unit,
        golongan=filters.golongan,
        jenis_jabatan=filters.jenis_jabatan.value if filters.jenis_jabatan else "",
    )


# The Excel export as a job (issue #14). Declared before "/pegawai/{pegawai_id}": that path takes any
# text, so "/pegawai/ekspor" must be matched first.
@router.post(
    "/pegawai/ekspor",
    response={202: JobOut, **ERRORS},
    tags=["pegawai"],
    url_name="pegawai_ekspor_mulai",
    summary="Mulai ekspor daftar pegawai (Excel)",
    description="Saringan sama dengan `GET /pegawai`; berkas berisi pegawai yang boleh Anda lihat. Berjalan di "
    "latar: pantau dengan `GET /pegawai/ekspor/{job_id}`, unduh dengan `GET /pegawai/ekspor/{job_id}/unduh`. "
    "Hanya satu ekspor per pengguna yang berjalan sekaligus (409 selama yang sebelumnya belum selesai).",
)
def pegawai_ekspor_mulai(request: HttpRequest, body: PegawaiFilter) -> Status[Any]:
    job = export_jobs.ekspor_pegawai_start(actor=actor_from_request(request), f=_filter(body))
    job.refresh_from_db()
    return Status(202, job_dict(job))


@router.get(
    "/pegawai/ekspor/{job_id}",
    response={200: JobOut, **ERRORS_404},
    tags=["pegawai"],
    url_name="pegawai_ekspor_status",
    summary="Status ekspor daftar pegawai",
)
def pegawai_ekspor_status(request: HttpRequest, job_id: int = path_id("Id tugas ekspor.")) -> dict[str, Any]:
    return job_dict(export_job_for_actor(actor_from_request(request), job_id))


@router.get(
    "/pegawai/ekspor/{job_id}/unduh",
    response=ERRORS_404,
    tags=["pegawai"],
    url_name="pegawai_ekspor_unduh",
    summary="Unduh berkas ekspor daftar pegawai",
    description="Hanya pengguna yang memulai ekspor; 404 selama berkas belum siap atau setelah dihapus (7 hari).",
    openapi_extra=binary_response(XLSX, "Berkas Excel: satu baris per pegawai."),
)
def pegawai_ekspor_unduh(request: HttpRequest, job_id: int = path_id("Id tugas ekspor.")) -> FileResponse:
    actor = actor_from_request(request)
    handle, name = export_jobs.ekspor_pegawai_berkas(actor=actor, job_id=job_id)
    return private_download(handle, name, XLSX)


@router.get(
    "/pegawai/{pegawai_id}",
    response={200: PegawaiDetail, **ERRORS_404},
    tags=["pegawai"],
    summary="Profil pegawai, riwayat dan pejabat penilainya",
)
def pegawai_detail(request: HttpRequest, pegawai_id: int = _id_param("Id pegawai.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    pegawai = pegawai_profile(pegawai_for_actor(actor, pegawai_id).pk)
    golongan, penugasan = pegawai_history(pegawai)
    penilai = appraiser_on(pegawai, timezone.localdate())
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nip_formatted": nip_formatted(pegawai.nip),
        "nama": pegawai.nama,
        "nama_lengkap": pegawai.nama_lengkap,
        "gelar": {"depan": pegawai.gelar_depan, "belakang": pegawai.gelar_belakang},
        "jenis_asn": pegawai.jenis_asn,
        "jenis_kelamin": pegawai.jenis_kelamin,
        "tanggal_lahir": pegawai.tanggal_lahir,
        "pendidikan": pegawai.pendidikan,
        "aktif": pegawai.aktif,
        "golongan": pegawai.golongan,
        "tmt_golongan": pegawai.tmt_golongan,
        "jabatan": pegawai.jabatan,
        "tmt_jabatan": pegawai.tmt_jabatan,
        "unit": pegawai.unit,
        "opd": pegawai.opd,
        "riwayat_golongan": golongan,
        "riwayat_jabatan": [
            {
                "jabatan": _ref(p.jabatan),
                "unit": _ref(p.jabatan.unit),
                "jenis": p.jenis,
                "mulai": p.mulai,
                "selesai": p.selesai,
                "nomor_sk": p.nomor_sk,
            }
            for p in penugasan
        ],
        "penilai": {
            "pegawai_id": penilai.pegawai.pk,
            "nama": penilai.pegawai.nama_lengkap,
            "jabatan": _ref(penilai.jabatan),
            "jenis": penilai.jenis,
        }
        if penilai
        else None,
    }


# ---------------------------------------------------------------------------- units
def _units(actor: Actor, f: UnitFilter) -> QuerySet[UnitKerja]:
    return selectors.unit_search(visible_units(actor), parent=f.parent, opd=f.opd, q=f.q)


@router.get(
    "/unit",
    response={200: Page[UnitListItem], **ERRORS},
    tags=["unit kerja"],
    summary="Daftar unit kerja",
)
def unit_list(request: HttpRequest, filters: Query[UnitFilter], page: Query[PageParams]) -> dict[str, Any]:
    return paginate(_units(actor_from_request(request), filters), page)


@router.get(
    "/unit/{unit_id}",
    response={200: UnitDetail, **ERRORS_404},
    tags=["unit kerja"],
    summary="Unit kerja dengan sub-unit dan kepalanya",
)
def unit_detail(request: HttpRequest, unit_id: int = _id_param("Id unit kerja.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    unit = unit_for_actor(actor, unit_id)
    children = list(visible_units(actor).filter(parent=unit).order_by("path").values("id", "nama"))
    head = Jabatan.objects.filter(unit=unit, adalah_kepala_unit=True).first()
    kepala = None
    if head is not None:
        holder = holder_on(head, timezone.localdate())
        kepala = {"jabatan": _ref(head), "pemangku": _pemangku(actor, head, holder)}
    return {
        "id": unit.pk,
        "nama": unit.nama,
        "singkatan": unit.singkatan,
        "jenis": unit.jenis,
        "parent_id": unit.parent_id,
        "opd_id": unit.opd_id,
        "depth": unit.depth,
        "aktif": unit.aktif,
        "parent": _ref(unit.parent),
        "opd": _ref(unit.opd),
        "instansi": _ref(unit.instansi),
        "children": children,
        "kepala": kepala,
    }


# ---------------------------------------------------------------------------- positions
def _jabatan(actor: Actor, f: JabatanFilter) -> QuerySet[Jabatan]:
    return selectors.jabatan_search(
        visible_jabatan(actor), unit=f.unit, jenis=f.jenis.value if f.jenis else "", atasan=f.atasan
    )


@router.get(
    "/jabatan",
    response={200: Page[JabatanListItem], **ERRORS},
    tags=["jabatan"],
    summary="Daftar jabatan",
)
def jabatan_list(request: HttpRequest, filters: Query[JabatanFilter], page: Query[PageParams]) -> dict[str, Any]:
    return paginate(_jabatan(actor_from_request(request), filters), page)


@router.get(
    "/jabatan/{jabatan_id}",
    response={200: JabatanDetail, **ERRORS_404},
    tags=["jabatan"],
    summary="Jabatan dengan atasan dan pemangkunya hari ini",
)
def jabatan_detail(request: HttpRequest, jabatan_id: int = _id_param("Id jabatan.")) -> Any:
    actor = actor_from_request(request)
    jabatan = jabatan_for_actor(actor, jabatan_id)
    return {
        "id": jabatan.pk,
        "nama": jabatan.nama,
        "jenis": jabatan.jenis,
        "jenjang": jabatan.jenjang,
        "kelas": jabatan.kelas,
        "formasi": jabatan.formasi,
        "adalah_kepala_unit": jabatan.adalah_kepala_unit,
        "aktif": jabatan.aktif,
        "unit": _ref(jabatan.unit),
        "atasan_id": jabatan.atasan_id,
        "atasan": _ref(jabatan.atasan),
        "eselon_id": jabatan.eselon_id,
        "pemangku": _pemangku(actor, jabatan, holder_on(jabatan, timezone.localdate())),
    }


# ---------------------------------------------------------------------------- me
@router.get("/me", response={200: MeOut, **ERRORS}, tags=["akun"], summary="Pengguna yang sedang masuk")
def me(request: HttpRequest) -> dict[str, Any]:
    actor = actor_from_request(request)
    pegawai: Pegawai | None = None
    if actor.pegawai_id is not None:
        pegawai = directory(visible_pegawai(actor).filter(pk=actor.pegawai_id), DirectoryFilter()).first()
    return {
        "username": request.user.get_username(),
        "pegawai": pegawai,
        "roles": list(actor.roles),
    }
