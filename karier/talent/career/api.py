"""API of the career page: mine, a person's (hidden is 404)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from karier.api.helpers import path_id
from karier.api.schemas import ERRORS_404
from karier.people.access import actor_from_request
from karier.talent import access
from karier.talent.career import selectors
from karier.talent.career.schemas import KarierOut

router = Router()


def _data(pegawai_id: int, request: HttpRequest) -> dict[str, Any]:
    pegawai = access.person_for_actor(actor_from_request(request), pegawai_id, related=("golongan", "jabatan"))
    return selectors.as_dict(selectors.career(pegawai))


@router.get("/karier/saya", response={200: KarierOut, **ERRORS_404}, summary="Karier saya")
def karier_saya(request: HttpRequest) -> Any:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise Http404(_("Akun Anda tidak terhubung dengan data pegawai."))
    return _data(actor.pegawai_id, request)


@router.get(
    "/karier/pegawai/{int:pegawai_id}", response={200: KarierOut, **ERRORS_404}, summary="Karier seorang pegawai"
)
def karier_pegawai(request: HttpRequest, pegawai_id: int = path_id("Id pegawai.")) -> Any:
    return _data(pegawai_id, request)
