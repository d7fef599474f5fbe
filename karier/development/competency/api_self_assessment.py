"""REST endpoints of the competency self-assessment (issue #11 item 2): the employee proposes their own
level, the superior agrees or refuses, each sees their list. They call the services of
`self_assessment.py` and nothing else decides: nobody agrees their own proposal, only the official who
rates the person's position does (`access.is_superior`), a hidden proposal is 404, a refused one 403
with the reason, bad input 409 (`karier/api/api.py` maps the services' exceptions).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS_404, MAX_ID, In, Page, PageParams
from karier.development.competency import access, selectors, self_assessment
from karier.development.models import StatusUsulan, UsulanPenilaianMandiri
from karier.people.access import Actor, actor_from_request, visibility_q
from karier.plans.schemas import WRITE_ERRORS

router = Router(tags=["Kompetensi"])
_id = path_id


class UsulanMandiriIn(In):
    kompetensi_id: int = Field(..., ge=1, le=MAX_ID)
    level: int = Field(..., ge=1, le=5, description="Level menurut pegawai (1–5).")
    alasan: str = Field("", max_length=2000, description="Contoh perilaku yang menunjukkannya.")


class PutusanMandiriIn(In):
    setuju: bool = Field(..., description="true: setujui (level dicatat); false: tolak (catatan wajib).")
    catatan: str = Field("", max_length=2000)


class UsulanMandiriOut(Schema):
    id: int
    pegawai_id: int
    pegawai_nama: str
    kompetensi_id: int
    kompetensi: str
    level: int
    alasan: str
    status: str = Field(..., description="DIUSULKAN, DISETUJUI atau DITOLAK.")
    catatan_atasan: str
    penilaian_id: int | None
    dibuat_pada: dt.datetime


def _usulan(u: UsulanPenilaianMandiri) -> dict[str, Any]:
    return {
        "id": u.pk,
        "pegawai_id": u.pegawai_id,
        "pegawai_nama": u.pegawai.nama,
        "kompetensi_id": u.kompetensi_id,
        "kompetensi": u.kompetensi.nama,
        "level": u.level,
        "alasan": u.alasan,
        "status": u.status,
        "catatan_atasan": u.catatan_atasan,
        "penilaian_id": u.penilaian_id,
        "dibuat_pada": u.dibuat_pada,
    }


def _page(result: dict[str, Any]) -> dict[str, Any]:
    result["items"] = [_usulan(u) for u in result["items"]]
    return result


def waiting_for(actor: Actor) -> list[UsulanPenilaianMandiri]:
    """Open proposals the actor decides as the superior: the visible ones of others, then the one rule
    (`access.is_superior`) per author — a superior's team, not the province."""
    if actor.pegawai_id is None or actor.is_auditor:
        return []
    found = (
        UsulanPenilaianMandiri.objects.filter(visibility_q(actor, "pegawai"), status=StatusUsulan.DIUSULKAN)
        .exclude(pegawai_id=actor.pegawai_id)
        .select_related("pegawai__jabatan", "kompetensi")
        .order_by("dibuat_pada", "pk")
    )
    # Whoever covers a position the actor holds rates everyone directly under it (`is_rater`: one
    # query for the cover), so that answer is kept per position; the other case — deciding instead of
    # a subject who covers his own appraiser's post — is memoised by `decides_instead` itself.
    covers: dict[int, bool] = {}
    out = []
    for u in found:
        atasan_id = u.pegawai.jabatan.atasan_id if u.pegawai.jabatan else None
        if atasan_id is not None and atasan_id in actor.jabatan_ids:
            if atasan_id not in covers:
                covers[atasan_id] = access.is_superior(actor, u.pegawai)
            ok = covers[atasan_id]
        else:
            ok = access.is_superior(actor, u.pegawai)
        if ok:
            out.append(u)
    return out


@router.post(
    "/pengembangan/kompetensi/mandiri",
    response={201: UsulanMandiriOut, **WRITE_ERRORS},
    summary="Ajukan penilaian mandiri: level kompetensi saya menurut saya, untuk disetujui atasan",
)
def kompetensi_mandiri_ajukan(request: HttpRequest, body: UsulanMandiriIn) -> Any:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise PermissionDenied(_("Penilaian mandiri hanya diajukan oleh pegawai itu sendiri."))
    pegawai = access.competency_pegawai_for_actor(actor, actor.pegawai_id)
    row = self_assessment.penilaian_mandiri_submit(
        actor=actor,
        pegawai=pegawai,
        kompetensi=selectors.kompetensi_for_id(body.kompetensi_id),
        level=body.level,
        alasan=body.alasan,
    )
    return 201, _usulan(UsulanPenilaianMandiri.objects.select_related("pegawai", "kompetensi").get(pk=row.pk))


@router.get(
    "/pengembangan/kompetensi/mandiri/saya",
    response={200: Page[UsulanMandiriOut], **ERRORS_404},
    summary="Usulan penilaian mandiri saya (semua status, terbaru dahulu)",
)
def kompetensi_mandiri_saya(request: HttpRequest, page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    qs = UsulanPenilaianMandiri.objects.filter(pegawai_id=actor.pegawai_id or 0).select_related("pegawai", "kompetensi")
    return _page(paginate(qs.order_by("-dibuat_pada", "-pk"), page))


@router.get(
    "/pengembangan/kompetensi/mandiri/menunggu",
    response={200: Page[UsulanMandiriOut], **ERRORS_404},
    summary="Usulan penilaian mandiri bawahan yang menunggu keputusan saya sebagai atasan",
)
def kompetensi_mandiri_menunggu(request: HttpRequest, page: Query[PageParams]) -> Any:
    rows = waiting_for(actor_from_request(request))
    out = paginate(rows, page)
    return {**out, "items": [_usulan(u) for u in out["items"]]}


@router.post(
    "/pengembangan/kompetensi/mandiri/{int:usulan_id}/putusan",
    response={200: UsulanMandiriOut, **WRITE_ERRORS},
    summary="Setujui atau tolak penilaian mandiri bawahan (atasan langsung)",
)
def kompetensi_mandiri_putusan(request: HttpRequest, body: PutusanMandiriIn, usulan_id: int = _id("Id usulan.")) -> Any:
    actor = actor_from_request(request)
    usulan = access.usulan_for_actor(actor, usulan_id)
    row = self_assessment.penilaian_mandiri_decide(actor=actor, usulan=usulan, setuju=body.setuju, catatan=body.catatan)
    return _usulan(UsulanPenilaianMandiri.objects.select_related("pegawai", "kompetensi").get(pk=row.pk))
