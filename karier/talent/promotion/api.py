"""REST API of promotions (issue #12 §2, §9): the list per promotion date, a person's eligibility,
the proposals and their moves. Same access and services as the screens: hidden is 404, not yours
to do 403, a rule's refusal 409 — the handlers in `karier/api/api.py` make them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.people.access import actor_from_request
from karier.plans.schemas import WRITE_ERRORS
from karier.talent.access import person_for_actor
from karier.talent.models import KelayakanPangkat, UsulanKenaikanPangkat
from karier.talent.promotion import access, selectors, services
from karier.talent.promotion.schemas import (
    KelayakanOut,
    KelayakanQuery,
    TetapkanIn,
    TolakIn,
    UsulanIn,
    UsulanOut,
    UsulanQuery,
    VerifikasiPromotionIn,
)

router = Router(tags=["Kenaikan pangkat"])


def _query_date(raw: str | None) -> dt.date | None:
    """A date of the query (already shaped yyyy-mm-dd by the schema); an impossible one is a 409."""
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({"tmt": _("Tanggal %(t)s tidak ada.") % {"t": raw}}) from exc


def _kelayakan(k: KelayakanPangkat, tmt: dt.date, terbuka: dict[int, UsulanKenaikanPangkat]) -> dict[str, Any]:
    u = terbuka.get(k.pegawai_id)
    return {
        "pegawai_id": k.pegawai_id,
        "nip": k.pegawai.nip,
        "nama": k.pegawai.nama_lengkap,
        "opd_id": k.opd_id,
        "jenis": k.jenis,
        "golongan": k.golongan.kode if k.golongan else None,
        "golongan_berikut": k.golongan_berikut.kode if k.golongan_berikut else None,
        "layak": k.layak,
        "layak_pada_tmt": selectors.layak_pada(k, tmt),
        "tmt_terdekat": k.tmt_terdekat,
        "alasan": list(k.alasan),
        "catatan": list(k.catatan),
        "dihitung_pada": k.dihitung_pada,
        "usulan_terbuka_id": u.pk if u else None,
    }


def _usulan(u: UsulanKenaikanPangkat) -> dict[str, Any]:
    return {
        "id": u.pk,
        "pegawai_id": u.pegawai_id,
        "nip": u.pegawai.nip,
        "nama": u.pegawai.nama_lengkap,
        "jenis": u.jenis,
        "tmt": u.tmt,
        "golongan_dari": u.golongan_dari.kode,
        "golongan_ke": u.golongan_ke.kode,
        "status": u.status,
        "catatan": u.catatan,
        "nomor_sk": u.nomor_sk,
        "tanggal_sk": u.tanggal_sk,
        "diusulkan_pada": u.diusulkan_pada,
        "diverifikasi_pada": u.diverifikasi_pada,
        "diputuskan_pada": u.diputuskan_pada,
    }


def _fresh(u: UsulanKenaikanPangkat) -> dict[str, Any]:
    return _usulan(UsulanKenaikanPangkat.objects.select_related(*selectors.USULAN_RELATED).get(pk=u.pk))


@router.get(
    "/karier/kenaikan-pangkat",
    response={200: Page[KelayakanOut], **ERRORS},
    summary="Kelayakan kenaikan pangkat per TMT",
)
def promotion_list(request: HttpRequest, q: Query[KelayakanQuery], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    tmt = _query_date(q.tmt) or selectors.date_choices()[0]
    qs = selectors.kelayakan_list(actor, tmt=tmt, opd_id=q.opd_id, layak=q.layak.value)
    result = paginate(qs, page)
    terbuka = selectors.open_usulan_by_person([k.pegawai_id for k in result["items"]])
    result["items"] = [_kelayakan(k, tmt, terbuka) for k in result["items"]]
    return result


@router.get(
    "/karier/kenaikan-pangkat/pegawai/{int:pegawai_id}",
    response={200: KelayakanOut, **ERRORS_404},
    summary="Kelayakan kenaikan pangkat seorang pegawai",
)
def promotion_person(request: HttpRequest, pegawai_id: int = path_id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    kp = selectors.promotion_for_person(actor, person_for_actor(actor, pegawai_id))
    p = kp["pegawai"]
    return {
        "pegawai_id": p.pk,
        "nip": p.nip,
        "nama": p.nama_lengkap,
        "opd_id": p.opd_id,
        "jenis": kp["jenis"],
        "golongan": kp["golongan"].kode if kp["golongan"] else None,
        "golongan_berikut": kp["golongan_berikut"].kode if kp["golongan_berikut"] else None,
        "layak": kp["layak"],
        "layak_pada_tmt": kp["layak"],
        "tmt_terdekat": kp["tmt_terdekat"],
        "alasan": kp["alasan"],
        "catatan": kp["catatan"],
        "dihitung_pada": kp["dihitung_pada"],
        "usulan_terbuka_id": kp["usulan_terbuka"].pk if kp["usulan_terbuka"] else None,
    }


@router.get(
    "/karier/kenaikan-pangkat/usulan", response={200: Page[UsulanOut], **ERRORS}, summary="Usulan kenaikan pangkat"
)
def promotion_usulan_list(request: HttpRequest, q: Query[UsulanQuery], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    tmt = _query_date(q.tmt)
    qs = selectors.usulan_list(actor, status=q.status.value if q.status else None, tmt=tmt, opd_id=q.opd_id)
    result = paginate(qs, page)
    result["items"] = [_usulan(u) for u in result["items"]]
    return result


@router.get(
    "/karier/kenaikan-pangkat/usulan/{int:usulan_id}",
    response={200: UsulanOut, **ERRORS_404},
    summary="Satu usulan kenaikan pangkat",
)
def promotion_usulan_get(request: HttpRequest, usulan_id: int = path_id("Id usulan.")) -> Any:
    return _usulan(access.usulan_for_actor(actor_from_request(request), usulan_id))


@router.post(
    "/karier/kenaikan-pangkat/usulan", response={201: UsulanOut, **WRITE_ERRORS}, summary="Usulkan kenaikan pangkat"
)
def promotion_usulan_create(request: HttpRequest, body: UsulanIn) -> Any:
    actor = actor_from_request(request)
    pegawai = person_for_actor(actor, body.pegawai_id)
    u = services.usulan_create(actor=actor, pegawai=pegawai, tmt=body.tmt, catatan=body.catatan)
    return 201, _fresh(u)


@router.post(
    "/karier/kenaikan-pangkat/usulan/{int:usulan_id}/verifikasi",
    response={200: UsulanOut, **WRITE_ERRORS},
    summary="Verifikasi usulan kenaikan pangkat",
)
def promotion_usulan_verify(
    request: HttpRequest, body: VerifikasiPromotionIn, usulan_id: int = path_id("Id usulan.")
) -> Any:
    actor = actor_from_request(request)
    u = services.usulan_verify(actor=actor, usulan=access.usulan_for_actor(actor, usulan_id), catatan=body.catatan)
    return _fresh(u)


@router.post(
    "/karier/kenaikan-pangkat/usulan/{int:usulan_id}/tolak",
    response={200: UsulanOut, **WRITE_ERRORS},
    summary="Tolak usulan kenaikan pangkat",
)
def promotion_usulan_reject(request: HttpRequest, body: TolakIn, usulan_id: int = path_id("Id usulan.")) -> Any:
    actor = actor_from_request(request)
    u = services.usulan_reject(actor=actor, usulan=access.usulan_for_actor(actor, usulan_id), alasan=body.alasan)
    return _fresh(u)


@router.post(
    "/karier/kenaikan-pangkat/usulan/{int:usulan_id}/tetapkan",
    response={200: UsulanOut, **WRITE_ERRORS},
    summary="Tetapkan kenaikan pangkat (nomor dan tanggal SK)",
)
def promotion_usulan_decide(request: HttpRequest, body: TetapkanIn, usulan_id: int = path_id("Id usulan.")) -> Any:
    actor = actor_from_request(request)
    u = services.usulan_decide(
        actor=actor,
        usulan=access.usulan_for_actor(actor, usulan_id),
        nomor_sk=body.nomor_sk,
        tanggal_sk=body.tanggal_sk,
    )
    return _fresh(u)
