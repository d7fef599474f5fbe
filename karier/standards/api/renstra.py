"""Renstra endpoints: an agency's strategic plan and its sasaran (each serving an RPJMD sasaran)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, Page, PageParams
from karier.people.access import Actor, actor_from_request
from karier.people.models import UnitKerja
from karier.standards import access, selectors
from karier.standards.api.common import READ, WRITE, indikator_out, path_id, ref
from karier.standards.models import Renstra, Rpjmd, SasaranRenstra, SasaranStrategis
from karier.standards.schemas import (
    RenstraDetail,
    RenstraFilter,
    RenstraIn,
    RenstraListItem,
    RenstraPatch,
    SasaranRenstraIn,
    SasaranRenstraOut,
)
from karier.standards.services import renstra as services

router = Router()


def _sasaran(s: SasaranRenstra) -> dict[str, Any]:
    return {
        "id": s.pk,
        "nomor": s.nomor,
        "teks": s.teks,
        "penjelasan": s.penjelasan,
        "contoh": s.contoh,
        "sasaran_rpjmd": {"id": s.sasaran_rpjmd.pk, "teks": s.sasaran_rpjmd.teks},
        "indikator": [indikator_out(i) for i in s.indikator.all()],
    }


def _detail(actor: Actor, renstra: Renstra) -> dict[str, Any]:
    return {
        "id": renstra.pk,
        "opd": {"id": renstra.opd.pk, "nama": renstra.opd.nama},
        "rpjmd_id": renstra.rpjmd_id,
        "tahun_mulai": renstra.tahun_mulai,
        "tahun_selesai": renstra.tahun_selesai,
        "sasaran": [_sasaran(s) for s in selectors.renstra_sasaran(renstra)],
        "boleh_ubah": access.can_edit_opd(actor, renstra.opd_id),
    }


@router.get("/renstra", response={200: Page[RenstraListItem], **ERRORS}, summary="Daftar Renstra perangkat daerah")
def renstra_list(request: HttpRequest, filters: Query[RenstraFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    return paginate(selectors.renstra_list(opd=filters.opd, rpjmd=filters.rpjmd), page)


@router.post("/renstra", response={201: RenstraDetail, **WRITE}, summary="Buat Renstra perangkat daerah")
def renstra_create(request: HttpRequest, payload: RenstraIn) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    r = services.renstra_create(
        actor=actor,
        opd=ref(UnitKerja, payload.opd_id, "opd_id", "Perangkat daerah"),
        rpjmd=ref(Rpjmd, payload.rpjmd_id, "rpjmd_id", "RPJMD"),
        tahun_mulai=payload.tahun_mulai,
        tahun_selesai=payload.tahun_selesai,
    )
    return 201, _detail(actor, access.renstra_for_actor(actor, r.pk))


@router.get(
    "/renstra/{renstra_id}",
    response={200: RenstraDetail, **READ},
    summary="Renstra dengan sasaran, tautan ke sasaran RPJMD, dan indikatornya",
)
def renstra_detail(request: HttpRequest, renstra_id: int = path_id("Id Renstra.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _detail(actor, access.renstra_for_actor(actor, renstra_id))


@router.patch("/renstra/{renstra_id}", response={200: RenstraDetail, **WRITE}, summary="Ubah periode Renstra")
def renstra_update(
    request: HttpRequest, payload: RenstraPatch, renstra_id: int = path_id("Id Renstra.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    r = access.renstra_for_actor(actor, renstra_id)
    services.renstra_update(actor=actor, renstra=r, **payload.dict(exclude_unset=True))
    return _detail(actor, r)


@router.get("/renstra/{renstra_id}/sasaran", response={200: list[SasaranRenstraOut], **READ}, summary="Sasaran Renstra")
def renstra_sasaran_list(request: HttpRequest, renstra_id: int = path_id("Id Renstra.")) -> list[dict[str, Any]]:
    r = access.renstra_for_actor(actor_from_request(request), renstra_id)
    return [_sasaran(s) for s in selectors.renstra_sasaran(r)]


@router.post(
    "/renstra/{renstra_id}/sasaran",
    response={201: SasaranRenstraOut, **WRITE},
    summary="Tambah sasaran Renstra (harus mendukung sasaran RPJMD yang sama)",
)
def renstra_sasaran_create(
    request: HttpRequest, payload: SasaranRenstraIn, renstra_id: int = path_id("Id Renstra.")
) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    s = services.sasaran_renstra_create(
        actor=actor,
        renstra=access.renstra_for_actor(actor, renstra_id),
        sasaran_rpjmd=ref(SasaranStrategis, payload.sasaran_rpjmd_id, "sasaran_rpjmd_id", "Sasaran RPJMD"),
        **payload.dict(exclude={"sasaran_rpjmd_id"}),
    )
    return 201, _sasaran(s)
