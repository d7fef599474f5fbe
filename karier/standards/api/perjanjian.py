"""Perjanjian Kinerja endpoints: an agency's yearly agreement, its rows, signing and reopening."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, Page, PageParams
from karier.people.access import Actor, actor_from_request
from karier.people.models import UnitKerja
from karier.standards import access, selectors, workflow
from karier.standards.api.common import READ, WRITE, path_id, ref
from karier.standards.models import Indikator, PerjanjianKinerja, PerjanjianKinerjaRow, SasaranRenstra
from karier.standards.schemas import (
    BarisIn,
    BarisOut,
    BarisPatch,
    PerjanjianDetail,
    PerjanjianFilter,
    PerjanjianIn,
    PerjanjianListItem,
    StatusIn,
    StatusOut,
)
from karier.standards.services import perjanjian as services

router = Router()


def _baris(r: PerjanjianKinerjaRow) -> dict[str, Any]:
    return {
        "id": r.pk,
        "perjanjian_id": r.perjanjian_id,
        "urutan": r.urutan,
        "sasaran": {"id": r.sasaran.pk, "teks": r.sasaran.teks},
        "indikator": {"id": r.indikator.pk, "nama": r.indikator.nama, "satuan": r.indikator.satuan},
        "target": r.target,
        "target_kualitatif": r.target_kualitatif,
        "perspektif": r.perspektif,
    }


def _detail(actor: Actor, pk: PerjanjianKinerja) -> dict[str, Any]:
    return {
        "id": pk.pk,
        "opd": {"id": pk.opd.pk, "nama": pk.opd.nama},
        "tahun": pk.tahun,
        "status": pk.status,
        "ditandatangani_pada": pk.ditandatangani_pada,
        "baris": [_baris(r) for r in selectors.perjanjian_rows(pk)],
        "boleh_ubah": access.can_edit_opd(actor, pk.opd_id),
    }


def _status(pk: PerjanjianKinerja) -> dict[str, Any]:
    return {
        "status": pk.status,
        "ditandatangani_pada": pk.ditandatangani_pada,
        "aksi": workflow.allowed_actions(pk.status),
    }


@router.get("/perjanjian", response={200: Page[PerjanjianListItem], **ERRORS}, summary="Daftar perjanjian kinerja")
def perjanjian_list(request: HttpRequest, filters: Query[PerjanjianFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    return paginate(
        selectors.perjanjian_list(
            opd=filters.opd, tahun=filters.tahun, status=filters.status.value if filters.status else None
        ),
        page,
    )


@router.post("/perjanjian", response={201: PerjanjianDetail, **WRITE}, summary="Buat perjanjian kinerja tahunan")
def perjanjian_create(request: HttpRequest, payload: PerjanjianIn) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    opd = ref(UnitKerja, payload.opd_id, "opd_id", "Perangkat daerah")
    pk = services.perjanjian_create(actor=actor, opd=opd, tahun=payload.tahun)
    return 201, _detail(actor, access.perjanjian_for_actor(actor, pk.pk))


@router.get(
    "/perjanjian/{perjanjian_id}",
    response={200: PerjanjianDetail, **READ},
    summary="Perjanjian kinerja dengan baris-barisnya",
)
def perjanjian_detail(request: HttpRequest, perjanjian_id: int = path_id("Id perjanjian kinerja.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _detail(actor, access.perjanjian_for_actor(actor, perjanjian_id))


@router.get(
    "/perjanjian/{perjanjian_id}/baris", response={200: list[BarisOut], **READ}, summary="Baris perjanjian kinerja"
)
def perjanjian_baris_list(
    request: HttpRequest, perjanjian_id: int = path_id("Id perjanjian kinerja.")
) -> list[dict[str, Any]]:
    pk = access.perjanjian_for_actor(actor_from_request(request), perjanjian_id)
    return [_baris(r) for r in selectors.perjanjian_rows(pk)]


@router.post(
    "/perjanjian/{perjanjian_id}/baris", response={201: BarisOut, **WRITE}, summary="Tambah baris (hanya selama draf)"
)
def perjanjian_baris_create(
    request: HttpRequest, payload: BarisIn, perjanjian_id: int = path_id("Id perjanjian kinerja.")
) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    pk = access.perjanjian_for_actor(actor, perjanjian_id)
    indikator = ref(Indikator, payload.indikator_id, "indikator_id", "Indikator")
    sasaran = (
        ref(SasaranRenstra, payload.sasaran_id, "sasaran_id", "Sasaran Renstra")
        if payload.sasaran_id
        else indikator.sasaran_renstra
    )
    row = services.perjanjian_baris_add(
        actor=actor,
        perjanjian=pk,
        sasaran=sasaran,
        indikator=indikator,
        target=payload.target,
        target_kualitatif=payload.target_kualitatif,
        perspektif=payload.perspektif.value,
        urutan=payload.urutan,
    )
    return 201, _baris(access.perjanjian_row_for_actor(actor, row.pk))


@router.get("/perjanjian-baris/{baris_id}", response={200: BarisOut, **READ}, summary="Satu baris perjanjian")
def baris_detail(request: HttpRequest, baris_id: int = path_id("Id baris perjanjian.")) -> dict[str, Any]:
    return _baris(access.perjanjian_row_for_actor(actor_from_request(request), baris_id))


@router.patch(
    "/perjanjian-baris/{baris_id}", response={200: BarisOut, **WRITE}, summary="Ubah baris (hanya selama draf)"
)
def baris_update(request: HttpRequest, payload: BarisPatch, baris_id: int = path_id("Id baris perjanjian.")) -> Any:
    actor = actor_from_request(request)
    row = access.perjanjian_row_for_actor(actor, baris_id)
    changes = payload.dict(exclude_unset=True)
    if "perspektif" in changes and changes["perspektif"] is not None:
        changes["perspektif"] = changes["perspektif"].value
    services.perjanjian_baris_update(actor=actor, row=row, **changes)
    return _baris(access.perjanjian_row_for_actor(actor, row.pk))


@router.delete("/perjanjian-baris/{baris_id}", response={204: None, **WRITE}, summary="Hapus baris (hanya selama draf)")
def baris_delete(request: HttpRequest, baris_id: int = path_id("Id baris perjanjian.")) -> tuple[int, None]:
    actor = actor_from_request(request)
    services.perjanjian_baris_delete(actor=actor, row=access.perjanjian_row_for_actor(actor, baris_id))
    return 204, None


@router.get(
    "/perjanjian/{perjanjian_id}/status",
    response={200: StatusOut, **READ},
    summary="Status perjanjian dan aksi yang sah",
)
def perjanjian_status(request: HttpRequest, perjanjian_id: int = path_id("Id perjanjian kinerja.")) -> dict[str, Any]:
    return _status(access.perjanjian_for_actor(actor_from_request(request), perjanjian_id))


@router.post(
    "/perjanjian/{perjanjian_id}/status",
    response={200: StatusOut, **WRITE},
    summary="Tandatangani, atau buka kembali dengan alasan",
)
def perjanjian_status_set(
    request: HttpRequest, payload: StatusIn, perjanjian_id: int = path_id("Id perjanjian kinerja.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    pk = access.perjanjian_for_actor(actor, perjanjian_id)
    if payload.aksi == workflow.SIGN:
        services.perjanjian_sign(actor=actor, perjanjian=pk, tanggal=payload.tanggal)
    else:
        services.perjanjian_reopen(actor=actor, perjanjian=pk, alasan=payload.alasan)
    return _status(pk)
