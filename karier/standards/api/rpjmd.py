"""RPJMD endpoints (read only: the RPJMD is changed by BKD admins through the services)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, Page, PageParams
from karier.people.access import actor_from_request
from karier.standards import access, selectors
from karier.standards.api.common import READ, indikator_out, path_id
from karier.standards.schemas import RpjmdDetail, RpjmdListItem

router = Router()


@router.get("/rpjmd", response={200: Page[RpjmdListItem], **ERRORS}, summary="Daftar RPJMD")
def rpjmd_list(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    return paginate(selectors.rpjmd_list(), page)


@router.get(
    "/rpjmd/{rpjmd_id}",
    response={200: RpjmdDetail, **READ},
    summary="RPJMD lengkap: visi, misi, tujuan, sasaran dan IKU dengan nilainya",
)
def rpjmd_detail(request: HttpRequest, rpjmd_id: int = path_id("Id RPJMD.")) -> dict[str, Any]:
    rpjmd = access.rpjmd_for_actor(actor_from_request(request), rpjmd_id)
    return {
        "id": rpjmd.pk,
        "instansi": {"id": rpjmd.instansi.pk, "nama": rpjmd.instansi.nama},
        "tahun_mulai": rpjmd.tahun_mulai,
        "tahun_selesai": rpjmd.tahun_selesai,
        "visi": rpjmd.visi,
        "dasar_hukum": rpjmd.dasar_hukum,
        "aktif": rpjmd.aktif,
        "misi": [
            {
                "id": m.pk,
                "nomor": m.nomor,
                "teks": m.teks,
                "tujuan": [
                    {
                        "id": t.pk,
                        "nomor": t.nomor,
                        "teks": t.teks,
                        "sasaran": [
                            {
                                "id": s.pk,
                                "nomor": s.nomor,
                                "teks": s.teks,
                                "penjelasan": s.penjelasan,
                                "contoh": s.contoh,
                                "indikator": [indikator_out(i) for i in s.indikator.all()],
                            }
                            for s in t.sasaran.all()
                        ],
                    }
                    for t in m.tujuan.all()
                ],
            }
            for m in selectors.rpjmd_tree(rpjmd)
        ],
    }
