"""REST API of the development plan (IDP, issue #11 §6, §9): list/get/create a plan, add/remove an
item, submit, decide, enrol from an item, and the recommendations' "add to my plan".

Same access and services as the screens: hidden is 404, not yours to do is 403, a rule's refusal
409 (`{"detail", "errors"}`) — the handlers in `karier/api/api.py` make them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.development.idp import access, selectors, services
from karier.development.idp.schemas import (
    AjukanIn,
    DaftarItemIn,
    ItemIn,
    ItemOut,
    PutusanIn,
    RencanaDetailOut,
    RencanaIn,
    RencanaOut,
    RencanaQuery,
    TambahIn,
)
from karier.development.models import ItemRencana, RencanaPengembangan, SesiKegiatan
from karier.people.access import actor_from_request, pegawai_for_actor
from karier.plans.schemas import WRITE_ERRORS

_id = path_id
router = Router(tags=["Rencana pengembangan kompetensi"])


def _item(i: ItemRencana) -> dict[str, Any]:
    hasil = getattr(i, "hasil", None) or selectors.pelaksanaan(i)
    return {
        "id": i.pk,
        "kegiatan_id": i.kegiatan_id,
        "kegiatan_nama": i.kegiatan.nama if i.kegiatan else "",
        "sesi_id": i.sesi_id,
        "judul": i.judul,
        "metode": i.metode,
        "penyelenggara": i.penyelenggara,
        "jp_rencana": i.jp_rencana,
        "kebutuhan_kode": i.kebutuhan_kode,
        "kebutuhan_jenis": i.kebutuhan_jenis,
        "kebutuhan_judul": i.kebutuhan_judul,
        "kompetensi_kode": i.kompetensi.kode if i.kompetensi else None,
        "level_dari": i.level_dari,
        "level_ke": i.level_ke,
        "tanpa_kesenjangan": i.tanpa_kesenjangan,
        "target_bulan": i.target_bulan,
        "catatan": i.catatan,
        "pendaftaran_id": i.pendaftaran_id,
        "mandiri_id": i.mandiri_id,
        "pelaksanaan": hasil.kode,
        "pelaksanaan_label": hasil.label,
        "jp_tercatat": hasil.jp,
    }


def _rencana(r: RencanaPengembangan, items: list[ItemRencana] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.pk,
        "pegawai_id": r.pegawai_id,
        "pegawai_nama": r.pegawai.nama,
        "tahun": r.tahun,
        "status": r.status,
        "catatan": r.catatan,
        "catatan_atasan": r.catatan_atasan,
        "diajukan_pada": r.diajukan_pada,
        "diputuskan_pada": r.diputuskan_pada,
    }
    if items is None:
        out["jumlah_item"] = getattr(r, "jumlah_item", 0)
        out["jumlah_tanpa_kesenjangan"] = getattr(r, "tanpa_kesenjangan", 0)
    else:
        out["jumlah_item"] = len(items)
        out["jumlah_tanpa_kesenjangan"] = sum(1 for i in items if i.tanpa_kesenjangan)
        out["item"] = [_item(i) for i in items]
    return out


def _detail(r: RencanaPengembangan) -> dict[str, Any]:
    return _rencana(r, selectors.items_of(r))


def _data(body: ItemIn) -> services.ItemData:
    return services.ItemData(
        kegiatan_id=body.kegiatan_id,
        sesi_id=body.sesi_id,
        judul=body.judul,
        metode=body.metode.value if body.metode else "",
        penyelenggara=body.penyelenggara,
        jp=body.jp,
        kebutuhan_kode=body.kebutuhan_kode,
        target_bulan=body.target_bulan,
        catatan=body.catatan,
    )


@router.get("/pengembangan/rencana", response={200: Page[RencanaOut], **ERRORS}, summary="Rencana pengembangan")
def rencana_list(request: HttpRequest, q: Query[RencanaQuery], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    qs = selectors.rencana_list(
        actor, tahun=q.tahun, status=q.status.value if q.status else None, pegawai_id=q.pegawai_id
    )
    result = paginate(qs, page)
    result["items"] = [_rencana(r) for r in result["items"]]
    return result


@router.get(
    "/pengembangan/rencana/persetujuan",
    response={200: list[RencanaOut], **ERRORS},
    summary="Rencana yang menunggu keputusan saya",
)
def rencana_persetujuan(request: HttpRequest) -> Any:
    rows = access.rencana_menunggu(actor_from_request(request))
    counts = dict(
        ItemRencana.objects.filter(rencana__in=[r.pk for r in rows])
        .values_list("rencana_id")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for r in rows:
        r.jumlah_item = counts.get(r.pk, 0)  # type: ignore[attr-defined]
    return [_rencana(r) for r in rows]


@router.post("/pengembangan/rencana", response={201: RencanaDetailOut, **WRITE_ERRORS}, summary="Buat rencana")
def rencana_create(request: HttpRequest, body: RencanaIn) -> Any:
    actor = actor_from_request(request)
    pid = body.pegawai_id or actor.pegawai_id
    if pid is None:
        raise Http404(_("Akun ini tidak terhubung dengan data pegawai."))
    pegawai = pegawai_for_actor(actor, pid)
    r = services.rencana_create(actor=actor, pegawai=pegawai, tahun=body.tahun or timezone.localdate().year)
    return 201, _detail(r)


@router.post(
    "/pengembangan/rencana/tambah",
    response={201: ItemOut, **WRITE_ERRORS},
    summary="Tambah kegiatan katalog ke rencana saya tahun ini",
)
def rencana_tambah(request: HttpRequest, body: TambahIn) -> Any:
    item = services.rencana_tambah(
        actor=actor_from_request(request),
        kegiatan_id=body.kegiatan_id,
        kompetensi_kode=body.kompetensi_kode,
        sesi_id=body.sesi_id,
    )
    return 201, _item(item)


@router.get(
    "/pengembangan/rencana/{int:rencana_id}", response={200: RencanaDetailOut, **ERRORS_404}, summary="Satu rencana"
)
def rencana_get(request: HttpRequest, rencana_id: int = _id("Id rencana.")) -> Any:
    return _detail(access.rencana_for_actor(actor_from_request(request), rencana_id))


@router.post(
    "/pengembangan/rencana/{int:rencana_id}/item",
    response={201: ItemOut, **WRITE_ERRORS},
    summary="Tambah kegiatan ke rencana",
)
def rencana_item_add(request: HttpRequest, body: ItemIn, rencana_id: int = _id("Id rencana.")) -> Any:
    actor = actor_from_request(request)
    r = access.rencana_for_actor(actor, rencana_id)
    return 201, _item(services.item_add(actor=actor, rencana=r, data=_data(body)))


@router.put(
    "/pengembangan/rencana/{int:rencana_id}/item/{int:item_id}",
    response={200: ItemOut, **WRITE_ERRORS},
    summary="Ubah kegiatan dalam rencana",
)
def rencana_item_update(
    request: HttpRequest, body: ItemIn, rencana_id: int = _id("Id rencana."), item_id: int = _id("Id kegiatan.")
) -> Any:
    actor = actor_from_request(request)
    item = access.item_for_actor(actor, rencana_id, item_id)
    return _item(services.item_update(actor=actor, item=item, data=_data(body)))


@router.delete(
    "/pengembangan/rencana/{int:rencana_id}/item/{int:item_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Hapus kegiatan dari rencana",
)
def rencana_item_delete(
    request: HttpRequest, rencana_id: int = _id("Id rencana."), item_id: int = _id("Id kegiatan.")
) -> Any:
    actor = actor_from_request(request)
    services.item_remove(actor=actor, item=access.item_for_actor(actor, rencana_id, item_id))
    return 204, None


@router.post(
    "/pengembangan/rencana/{int:rencana_id}/item/{int:item_id}/daftar",
    response={200: ItemOut, **WRITE_ERRORS},
    summary="Daftarkan kegiatan rencana ke sesi",
)
def rencana_item_daftar(
    request: HttpRequest, body: DaftarItemIn, rencana_id: int = _id("Id rencana."), item_id: int = _id("Id kegiatan.")
) -> Any:
    actor = actor_from_request(request)
    item = access.item_for_actor(actor, rencana_id, item_id)
    sesi = None
    if body.sesi_id is not None:
        sesi = SesiKegiatan.objects.filter(pk=body.sesi_id, kegiatan_id=item.kegiatan_id).first()
        if sesi is None:
            raise Http404(_("Sesi kegiatan tidak ditemukan."))
    item = services.item_enrol(actor=actor, item=item, sesi=sesi)
    fresh = ItemRencana.objects.select_related(*selectors.ITEM_RELATED).get(pk=item.pk)
    return _item(fresh)


@router.post(
    "/pengembangan/rencana/{int:rencana_id}/ajukan",
    response={200: RencanaDetailOut, **WRITE_ERRORS},
    summary="Ajukan rencana ke atasan",
)
def rencana_submit(request: HttpRequest, body: AjukanIn, rencana_id: int = _id("Id rencana.")) -> Any:
    actor = actor_from_request(request)
    r = services.rencana_submit(actor=actor, rencana=access.rencana_for_actor(actor, rencana_id), catatan=body.catatan)
    return _detail(r)


@router.post(
    "/pengembangan/rencana/{int:rencana_id}/putusan",
    response={200: RencanaDetailOut, **WRITE_ERRORS},
    summary="Setujui atau kembalikan rencana",
)
def rencana_decide(request: HttpRequest, body: PutusanIn, rencana_id: int = _id("Id rencana.")) -> Any:
    actor = actor_from_request(request)
    r = services.rencana_decide(
        actor=actor, rencana=access.rencana_for_actor(actor, rencana_id), setuju=body.setuju, catatan=body.catatan
    )
    return _detail(r)
