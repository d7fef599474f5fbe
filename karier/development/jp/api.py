"""REST API of the paged "JP saya" lists and of level changes proposed by completed activities
(issue #11 §7, §9). Same access and services as the screens; the handlers in `karier/api/api.py`
turn refusals into 403/404/409."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.development.catalogue import selectors
from karier.development.catalogue.schemas import CatatanJpOut, MandiriOut
from karier.development.jp.schemas import (
    CatatanQuery,
    PendaftaranSayaOut,
    UsulanLevelFilter,
    UsulanLevelOut,
    UsulanLevelPutusanIn,
)
from karier.development.models import Pendaftaran, UsulanKenaikanLevel
from karier.development.outcomes import level_access, level_change
from karier.development.outcomes.level_access import RELATED
from karier.people.access import Actor, actor_from_request
from karier.plans.schemas import WRITE_ERRORS

router = Router(tags=["Katalog pengembangan dan JP"])


def _own(actor: Actor) -> int:
    if actor.pegawai_id is None:
        raise Http404(_("Akun ini tidak terhubung dengan data pegawai."))
    return actor.pegawai_id


def _pendaftaran(p: Pendaftaran) -> dict[str, Any]:
    return {
        "id": p.pk,
        "sesi_id": p.sesi_id,
        "kegiatan_id": p.sesi.kegiatan_id,
        "kegiatan": p.sesi.kegiatan.nama,
        "mulai": p.sesi.mulai,
        "selesai": p.sesi.selesai,
        "status": p.status,
        "hadir": p.hadir,
        "selesai_pada": p.selesai_pada,
    }


def _usulan(u: UsulanKenaikanLevel) -> dict[str, Any]:
    return {
        "id": u.pk,
        "pegawai_id": u.pegawai_id,
        "pegawai_nama": u.pegawai.nama,
        "kompetensi_id": u.kompetensi_id,
        "kompetensi": u.kompetensi.nama,
        "pendaftaran_id": u.pendaftaran_id,
        "kegiatan_id": u.pendaftaran.sesi.kegiatan_id,
        "kegiatan": u.pendaftaran.sesi.kegiatan.nama,
        "level_awal": u.level_awal,
        "level_usulan": u.level_usulan,
        "status": u.status,
        "level_dikonfirmasi": u.level_dikonfirmasi,
        "catatan_atasan": u.catatan_atasan,
        "penilaian_id": u.penilaian_id,
        "dibuat_pada": u.dibuat_pada,
        "diputus_pada": u.diputus_pada,
    }


# ---------------------------------------------------------------------------- JP saya, paged
@router.get(
    "/pengembangan/jp/saya/catatan", response={200: Page[CatatanJpOut], **ERRORS_404}, summary="Catatan JP saya"
)
def jp_saya_catatan(request: HttpRequest, q: Query[CatatanQuery], page: Query[PageParams]) -> Any:
    return paginate(selectors.catatan_of(_own(actor_from_request(request)), q.tahun), page)


@router.get(
    "/pengembangan/jp/saya/pendaftaran",
    response={200: Page[PendaftaranSayaOut], **ERRORS_404},
    summary="Pendaftaran kegiatan saya",
)
def jp_saya_pendaftaran(request: HttpRequest, page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    _own(actor)
    data = paginate(selectors.my_enrolments(actor), page)
    data["items"] = [_pendaftaran(p) for p in data["items"]]
    return data


@router.get(
    "/pengembangan/jp/saya/mandiri", response={200: Page[MandiriOut], **ERRORS_404}, summary="Pengembangan mandiri saya"
)
def jp_saya_mandiri(request: HttpRequest, page: Query[PageParams]) -> Any:
    return paginate(selectors.mandiri_of(_own(actor_from_request(request))), page)


# ---------------------------------------------------------------------------- level changes
@router.get(
    "/pengembangan/usulan-level",
    response={200: Page[UsulanLevelOut], **ERRORS},
    summary="Usulan kenaikan level kompetensi dari kegiatan",
)
def usulan_level_list(request: HttpRequest, filters: Query[UsulanLevelFilter], page: Query[PageParams]) -> Any:
    """The proposals of the people the caller sees (filter by status or person)."""
    qs = level_access.visible_usulan_level(actor_from_request(request)).select_related(*RELATED)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.pegawai_id:
        qs = qs.filter(pegawai_id=filters.pegawai_id)
    data = paginate(qs.order_by("-dibuat_pada", "-pk"), page)
    data["items"] = [_usulan(u) for u in data["items"]]
    return data


@router.get(
    "/pengembangan/usulan-level/antrean",
    response={200: Page[UsulanLevelOut], **ERRORS},
    summary="Usulan kenaikan level yang menunggu keputusan saya",
)
def usulan_level_antrean(request: HttpRequest, page: Query[PageParams]) -> Any:
    rows = level_access.usulan_level_to_decide(actor_from_request(request))
    out = paginate(rows, page)
    return {**out, "items": [_usulan(u) for u in out["items"]]}


@router.get(
    "/pengembangan/usulan-level/{int:usulan_id}",
    response={200: UsulanLevelOut, **ERRORS_404},
    summary="Satu usulan kenaikan level",
)
def usulan_level_get(request: HttpRequest, usulan_id: int = path_id("Id usulan.")) -> Any:
    return _usulan(level_access.usulan_level_for_actor(actor_from_request(request), usulan_id))


@router.post(
    "/pengembangan/usulan-level/{int:usulan_id}/putusan",
    response={200: UsulanLevelOut, **WRITE_ERRORS},
    summary="Konfirmasi atau tolak kenaikan level (atasan)",
)
def usulan_level_putusan(
    request: HttpRequest, body: UsulanLevelPutusanIn, usulan_id: int = path_id("Id usulan.")
) -> Any:
    actor = actor_from_request(request)
    usulan = level_access.usulan_level_for_actor(actor, usulan_id)
    level_change.usulan_level_decide(
        actor=actor, usulan=usulan, setuju=body.setuju, catatan=body.catatan, level=body.level
    )
    return _usulan(level_access.usulan_level_for_actor(actor, usulan_id))
