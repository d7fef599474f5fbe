"""REST endpoints of recognition and motivation (issue #12 item 8), under /api/v1/karier/apresiasi,
…/inovasi and …/penghargaan. Same rules as the screens (`recognition.access`): hidden is 404, visible
but not one's to do is 403 with the reason, a rule's refusal 409."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS_404, Page, PageParams
from karier.people.access import actor_from_request
from karier.plans.schemas import WRITE_ERRORS
from karier.talent.access import person_for_actor
from karier.talent.models import Apresiasi, Inovasi, UsulanPenghargaan
from karier.talent.recognition import access, selectors, services
from karier.talent.recognition.schemas import (
    ApresiasiFilter,
    ApresiasiIn,
    ApresiasiOut,
    InovasiFilter,
    InovasiIn,
    InovasiOut,
    PenghargaanFilter,
    PenghargaanKeputusanIn,
    PenghargaanOut,
    RekognisiOut,
    SembunyikanIn,
)

router = Router(tags=["Apresiasi dan inovasi"])
_id = path_id


def _apresiasi(a: Apresiasi) -> dict[str, Any]:
    return {
        "id": a.pk,
        "penerima_id": a.penerima_id,
        "penerima": a.penerima.nama,
        "pemberi_id": a.pemberi_id,
        "pemberi": a.pemberi.nama,
        "nilai": a.nilai_id,
        "nilai_nama": a.nilai.nama if a.nilai else None,
        "rhk_id": a.rhk_id,
        "teks": a.teks,
        "disembunyikan": a.disembunyikan,
        "dibuat_pada": a.dibuat_pada,
    }


def _inovasi(i: Inovasi) -> dict[str, Any]:
    return {
        "id": i.pk,
        "pegawai_id": i.pegawai_id,
        "pegawai": i.pegawai.nama,
        "judul": i.judul,
        "uraian": i.uraian,
        "hasil": i.hasil,
        "rhk_id": i.rhk_id,
        "tanggal": i.tanggal,
        "status": i.status,
    }


def _usulan(u: UsulanPenghargaan) -> dict[str, Any]:
    return {
        "id": u.pk,
        "pegawai_id": u.pegawai_id,
        "pegawai": u.pegawai.nama,
        "nip": u.pegawai.nip,
        "tahun": u.tahun,
        "alasan": [str(x) for x in u.alasan],
        "status": u.status,
        "catatan": u.catatan,
        "diputuskan_pada": u.diputuskan_pada,
    }


@router.get("/karier/apresiasi", response={200: Page[ApresiasiOut], **ERRORS_404}, summary="Apresiasi (terbaru dahulu)")
def apresiasi_daftar(request: HttpRequest, filters: Query[ApresiasiFilter], page: Query[PageParams]) -> Any:
    qs = selectors.apresiasi_list(
        actor_from_request(request), penerima_id=filters.penerima_id, opd_id=filters.opd_id, nilai=filters.nilai
    )
    result = paginate(qs, page)
    result["items"] = [_apresiasi(a) for a in result["items"]]
    return result


@router.post("/karier/apresiasi", response={201: ApresiasiOut, **WRITE_ERRORS}, summary="Beri apresiasi")
def apresiasi_beri(request: HttpRequest, payload: ApresiasiIn) -> Any:
    actor = actor_from_request(request)
    penerima = access.penerima_for_giver(actor, payload.penerima_id)
    found = services.apresiasi_give(
        actor=actor, penerima=penerima, teks=payload.teks, nilai=payload.nilai, rhk=payload.rhk_id
    )
    return 201, _apresiasi(access.apresiasi_for_actor(actor, found.pk))


@router.post(
    "/karier/apresiasi/{int:apresiasi_id}/sembunyikan",
    response={200: ApresiasiOut, **WRITE_ERRORS},
    summary="Sembunyikan apresiasi (penerima atau moderasi BKD)",
)
def apresiasi_sembunyikan(
    request: HttpRequest, payload: SembunyikanIn, apresiasi_id: int = _id("Id apresiasi.")
) -> Any:
    actor = actor_from_request(request)
    found = access.apresiasi_for_actor(actor, apresiasi_id)
    services.apresiasi_hide(actor=actor, apresiasi=found, alasan=payload.alasan)
    return _apresiasi(access.apresiasi_for_actor(actor, apresiasi_id))


@router.get(
    "/karier/apresiasi/pegawai/{int:pegawai_id}",
    response={200: RekognisiOut, **ERRORS_404},
    summary="Apresiasi, inovasi dan usulan penghargaan terbaru seorang pegawai",
)
def apresiasi_pegawai(request: HttpRequest, pegawai_id: int = _id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    wall = selectors.recognition_for_person(actor, person_for_actor(actor, pegawai_id))
    person = wall["pegawai"]
    for a in wall["apresiasi"]:
        a.penerima = person
    for i in wall["inovasi"]:
        i.pegawai = person
    for u in wall["usulan"]:
        u.pegawai = person
    return {
        "pegawai_id": person.pk,
        "apresiasi": [_apresiasi(a) for a in wall["apresiasi"]],
        "jumlah_apresiasi": wall["jumlah_apresiasi"],
        "inovasi": [_inovasi(i) for i in wall["inovasi"]],
        "jumlah_inovasi": wall["jumlah_inovasi"],
        "inovasi_terverifikasi": wall["inovasi_terverifikasi"],
        "usulan": [_usulan(u) for u in wall["usulan"]],
    }


@router.get("/karier/inovasi", response={200: Page[InovasiOut], **ERRORS_404}, summary="Inovasi pegawai")
def inovasi_daftar(request: HttpRequest, filters: Query[InovasiFilter], page: Query[PageParams]) -> Any:
    qs = selectors.inovasi_list(
        actor_from_request(request),
        pegawai_id=filters.pegawai_id,
        status=filters.status,
        untuk_verifikasi=filters.untuk_verifikasi,
    )
    result = paginate(qs, page)
    result["items"] = [_inovasi(i) for i in result["items"]]
    return result


@router.post("/karier/inovasi", response={201: InovasiOut, **WRITE_ERRORS}, summary="Catat inovasi")
def inovasi_catat(request: HttpRequest, payload: InovasiIn) -> Any:
    actor = actor_from_request(request)
    person = access.inovasi_subject(actor, payload.pegawai_id)
    found = services.inovasi_record(
        actor=actor,
        pegawai=person,
        judul=payload.judul,
        uraian=payload.uraian,
        hasil=payload.hasil,
        rhk=payload.rhk_id,
        tanggal=payload.tanggal,
    )
    found.pegawai = person
    return 201, _inovasi(found)


@router.post(
    "/karier/inovasi/{int:inovasi_id}/verifikasi",
    response={200: InovasiOut, **WRITE_ERRORS},
    summary="Verifikasi inovasi (atasan langsung)",
)
def inovasi_verifikasi(request: HttpRequest, inovasi_id: int = _id("Id inovasi.")) -> Any:
    actor = actor_from_request(request)
    found = access.inovasi_for_actor(actor, inovasi_id)
    return _inovasi(services.inovasi_verify(actor=actor, inovasi=found))


@router.get(
    "/karier/penghargaan", response={200: Page[PenghargaanOut], **ERRORS_404}, summary="Usulan penghargaan per tahun"
)
def penghargaan_daftar(request: HttpRequest, filters: Query[PenghargaanFilter], page: Query[PageParams]) -> Any:
    qs = selectors.usulan_list(
        actor_from_request(request), tahun=filters.tahun, status=filters.status, opd_id=filters.opd_id
    )
    result = paginate(qs, page)
    result["items"] = [_usulan(u) for u in result["items"]]
    return result


@router.post(
    "/karier/penghargaan/{int:usulan_id}/putuskan",
    response={200: PenghargaanOut, **WRITE_ERRORS},
    summary="Putuskan usulan penghargaan (admin BKD): teruskan ke panitia atau tidak",
)
def penghargaan_putuskan(
    request: HttpRequest, payload: PenghargaanKeputusanIn, usulan_id: int = _id("Id usulan.")
) -> Any:
    actor = actor_from_request(request)
    found = access.usulan_for_actor(actor, usulan_id)
    decided = services.usulan_penghargaan_decide(
        actor=actor, usulan=found, teruskan=payload.teruskan, catatan=payload.catatan
    )
    return _usulan(decided)
