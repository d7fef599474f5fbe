"""Indicator endpoints: province IKU and agency indicators, with their yearly target and actual."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, Page, PageParams
from karier.people.access import Actor, actor_from_request
from karier.standards import access, selectors
from karier.standards.api.common import READ, WRITE, indikator_out, nilai_out, path_id, ref
from karier.standards.models import Indikator, SasaranRenstra, SasaranStrategis
from karier.standards.schemas import (
    IndikatorDetail,
    IndikatorFilter,
    IndikatorIn,
    IndikatorOut,
    IndikatorPatch,
    NilaiIn,
    NilaiOut,
)
from karier.standards.services import indikator as services

router = Router()


def _detail(actor: Actor, pk: int) -> dict[str, Any]:
    i = selectors.indikator_detail(pk)
    values = list(i.nilai.all())
    return {
        **indikator_out(i),
        "nilai": [nilai_out(v) for v in values],
        "seri": [
            {"metode": s.metode, "label": s.label, "tahun_awal": s.first_year, "tahun_akhir": s.last_year}
            for s in selectors.split_series(values)
        ],
        "boleh_ubah": access.can_edit_indikator(actor, i),
    }


@router.get("/indikator", response={200: Page[IndikatorOut], **ERRORS}, summary="Daftar indikator kinerja")
def indikator_list(request: HttpRequest, filters: Query[IndikatorFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    return paginate(
        selectors.indikator_list(
            rpjmd=filters.rpjmd, renstra=filters.renstra, opd=filters.opd, provinsi=filters.provinsi
        ),
        page,
    )


@router.post(
    "/indikator",
    response={201: IndikatorDetail, **WRITE},
    summary="Tambah indikator (IKU provinsi atau indikator perangkat daerah)",
)
def indikator_create(request: HttpRequest, payload: IndikatorIn) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    i = services.indikator_create(
        actor=actor,
        sasaran=ref(SasaranStrategis, payload.sasaran_id, "sasaran_id", "Sasaran RPJMD"),
        sasaran_renstra=ref(SasaranRenstra, payload.sasaran_renstra_id, "sasaran_renstra_id", "Sasaran Renstra"),
        induk=ref(Indikator, payload.induk_id, "induk_id", "Indikator induk"),
        **payload.dict(exclude={"sasaran_id", "sasaran_renstra_id", "induk_id"}),
    )
    return 201, _detail(actor, i.pk)


@router.get(
    "/indikator/{indikator_id}",
    response={200: IndikatorDetail, **READ},
    summary="Indikator dengan nilai tahunan dan seri metodenya",
)
def indikator_detail(request: HttpRequest, indikator_id: int = path_id("Id indikator.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _detail(actor, access.indikator_for_actor(actor, indikator_id).pk)


@router.patch("/indikator/{indikator_id}", response={200: IndikatorDetail, **WRITE}, summary="Ubah indikator")
def indikator_update(
    request: HttpRequest, payload: IndikatorPatch, indikator_id: int = path_id("Id indikator.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    i = access.indikator_for_actor(actor, indikator_id)
    changes = payload.dict(exclude_unset=True)
    if "induk_id" in changes:
        changes["induk"] = ref(Indikator, changes.pop("induk_id"), "induk_id", "Indikator induk")
    services.indikator_update(actor=actor, indikator=i, **changes)
    return _detail(actor, i.pk)


@router.get(
    "/indikator/{indikator_id}/nilai", response={200: list[NilaiOut], **READ}, summary="Target dan realisasi per tahun"
)
def nilai_list(request: HttpRequest, indikator_id: int = path_id("Id indikator.")) -> list[dict[str, Any]]:
    i = access.indikator_for_actor(actor_from_request(request), indikator_id)
    return [nilai_out(v) for v in i.nilai.order_by("tahun")]


@router.put(
    "/indikator/{indikator_id}/nilai",
    response={200: NilaiOut, **WRITE},
    summary="Isi target/realisasi satu tahun (dibuat atau diganti)",
)
def nilai_set(request: HttpRequest, payload: NilaiIn, indikator_id: int = path_id("Id indikator.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    i = access.indikator_for_actor(actor, indikator_id)
    return nilai_out(services.nilai_indikator_set(actor=actor, indikator=i, **payload.dict()))
