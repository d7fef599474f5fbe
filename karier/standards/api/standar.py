"""Position standard endpoints: what is expected of a position (results by dimensi, BerAKHLAK
expectations), and applying one standard to many positions of the same kind."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, Page, PageParams
from karier.people.access import Actor, actor_from_request
from karier.people.models import Jabatan
from karier.standards import access, selectors
from karier.standards.api.common import READ, WRITE, path_id, ref
from karier.standards.models import Indikator, StandarHasil
from karier.standards.schemas import (
    HasilIn,
    HasilOut,
    HasilPatch,
    SalinIn,
    SalinOut,
    StandarFilter,
    StandarIn,
    StandarListItem,
    StandarOut,
)
from karier.standards.services import standar as services

router = Router()


def _hasil(h: StandarHasil) -> dict[str, Any]:
    return {
        f: getattr(h, f)
        for f in (
            "id",
            "urutan",
            "dimensi",
            "rhk",
            "aspek",
            "indikator",
            "target_angka",
            "satuan",
            "target_kualitatif",
            "penjelasan",
            "contoh",
            "indikator_opd_id",
        )
    }


def _standar(actor: Actor, jabatan: Jabatan) -> dict[str, Any]:
    v = selectors.standar_for_jabatan(jabatan)
    s = v.standar
    return {
        "jabatan": {
            "id": jabatan.pk,
            "nama": jabatan.nama,
            "jenis": jabatan.jenis,
            "jenjang": jabatan.jenjang,
            "unit": {"id": jabatan.unit.pk, "nama": jabatan.unit.nama},
        },
        "ada_standar": s is not None,
        "ringkasan": s.ringkasan if s else "",
        "penjelasan": s.penjelasan if s else "",
        "contoh": s.contoh if s else "",
        "diperbarui_pada": s.diperbarui_pada if s else None,
        "hasil": [{"dimensi": g.dimensi, "label": g.label, "hasil": [_hasil(h) for h in g.hasil]} for g in v.groups],
        "perilaku": [
            {
                "nilai": r.nilai.kode,
                "nama": r.nilai.nama,
                "penjelasan": r.nilai.penjelasan,
                "panduan": [p.teks for p in r.panduan],
                "ekspektasi": {
                    "ekspektasi": r.ekspektasi.ekspektasi,
                    "penjelasan": r.ekspektasi.penjelasan,
                    "contoh": r.ekspektasi.contoh,
                }
                if r.ekspektasi
                else None,
            }
            for r in v.perilaku
        ],
        "boleh_ubah": access.can_edit_standar(actor, jabatan),
    }


@router.get(
    "/standar-jabatan",
    response={200: Page[StandarListItem], **ERRORS},
    summary="Jabatan dan apakah sudah mempunyai standar",
)
def standar_list(request: HttpRequest, filters: Query[StandarFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    qs = selectors.jabatan_standar_rows(
        Jabatan.objects.all(),
        opd=filters.opd,
        ada=filters.ada,
        q=filters.q,
        jenis=filters.jenis.value if filters.jenis else "",
    )
    return _with_figures(paginate(qs, page))


def _with_figures(result: dict[str, Any]) -> dict[str, Any]:
    """Page first, then the figures of that page alone (`selectors.with_standar_figures`, issue #14)."""
    return {**result, "items": selectors.with_standar_figures(result["items"])}


@router.get(
    "/standar-jabatan/{jabatan_id}",
    response={200: StandarOut, **READ},
    summary="Standar jabatan: hasil per dimensi dan ketujuh nilai BerAKHLAK",
)
def standar_detail(request: HttpRequest, jabatan_id: int = path_id("Id jabatan.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _standar(actor, access.jabatan_for_standar(actor, jabatan_id))


@router.put(
    "/standar-jabatan/{jabatan_id}",
    response={200: StandarOut, **WRITE},
    summary="Tetapkan ringkasan, penjelasan dan (bila dikirim) ekspektasi perilaku",
)
def standar_set(request: HttpRequest, payload: StandarIn, jabatan_id: int = path_id("Id jabatan.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    services.standar_jabatan_set(
        actor=actor,
        jabatan=access.jabatan_for_standar(actor, jabatan_id),
        ringkasan=payload.ringkasan,
        penjelasan=payload.penjelasan,
        contoh=payload.contoh,
        perilaku=None
        if payload.perilaku is None
        else [
            services.PerilakuData(nilai=p.nilai, ekspektasi=p.ekspektasi, penjelasan=p.penjelasan, contoh=p.contoh)
            for p in payload.perilaku
        ],
    )
    return _standar(actor, access.jabatan_for_standar(actor, jabatan_id))


@router.get(
    "/standar-jabatan/{jabatan_id}/hasil",
    response={200: list[HasilOut], **READ},
    summary="Hasil yang diharapkan dari jabatan",
)
def standar_hasil_list(request: HttpRequest, jabatan_id: int = path_id("Id jabatan.")) -> list[dict[str, Any]]:
    jabatan = access.jabatan_for_standar(actor_from_request(request), jabatan_id)
    return [_hasil(h) for h in StandarHasil.objects.filter(standar__jabatan=jabatan).order_by("urutan", "id")]


@router.post(
    "/standar-jabatan/{jabatan_id}/hasil",
    response={201: HasilOut, **WRITE},
    summary="Tambah hasil yang diharapkan (target angka wajib untuk kuantitas, waktu, biaya)",
)
def standar_hasil_create(
    request: HttpRequest, payload: HasilIn, jabatan_id: int = path_id("Id jabatan.")
) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    data = payload.dict(exclude={"indikator_opd_id"})
    data["dimensi"], data["aspek"] = payload.dimensi.value, payload.aspek.value
    link = ref(Indikator, payload.indikator_opd_id, "indikator_opd_id", "Indikator")
    h = services.standar_hasil_add(actor=actor, jabatan=jabatan, data=services.HasilData(**data, indikator_opd=link))
    return 201, _hasil(access.hasil_for_actor(actor, h.pk))


@router.get("/standar-hasil/{hasil_id}", response={200: HasilOut, **READ}, summary="Satu hasil yang diharapkan")
def hasil_detail(request: HttpRequest, hasil_id: int = path_id("Id hasil.")) -> dict[str, Any]:
    return _hasil(access.hasil_for_actor(actor_from_request(request), hasil_id))


@router.patch("/standar-hasil/{hasil_id}", response={200: HasilOut, **WRITE}, summary="Ubah hasil yang diharapkan")
def hasil_update(request: HttpRequest, payload: HasilPatch, hasil_id: int = path_id("Id hasil.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    h = access.hasil_for_actor(actor, hasil_id)
    changes = payload.dict(exclude_unset=True)
    for key in ("dimensi", "aspek"):
        if changes.get(key) is not None:
            changes[key] = changes[key].value
    if "indikator_opd_id" in changes:
        changes["indikator_opd"] = ref(Indikator, changes.pop("indikator_opd_id"), "indikator_opd_id", "Indikator")
    services.standar_hasil_update(actor=actor, hasil=h, **changes)
    return _hasil(access.hasil_for_actor(actor, h.pk))


@router.delete("/standar-hasil/{hasil_id}", response={204: None, **WRITE}, summary="Hapus hasil yang diharapkan")
def hasil_delete(request: HttpRequest, hasil_id: int = path_id("Id hasil.")) -> tuple[int, None]:
    actor = actor_from_request(request)
    services.standar_hasil_delete(actor=actor, hasil=access.hasil_for_actor(actor, hasil_id))
    return 204, None


@router.get(
    "/standar-jabatan/{jabatan_id}/salin",
    response={200: Page[StandarListItem], **READ},
    summary="Jabatan sejenis yang dapat menerima standar ini (yang boleh Anda ubah)",
)
def standar_salin_candidates(
    request: HttpRequest, page: Query[PageParams], jabatan_id: int = path_id("Id jabatan sumber.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    return _with_figures(
        paginate(
            selectors.jabatan_standar_rows(selectors.copy_candidates(access.editable_jabatan(actor), jabatan)), page
        )
    )


@router.post(
    "/standar-jabatan/{jabatan_id}/salin",
    response={200: SalinOut, **WRITE},
    summary="Terapkan standar ini ke banyak jabatan sejenis sekaligus",
)
def standar_salin(request: HttpRequest, payload: SalinIn, jabatan_id: int = path_id("Id jabatan sumber.")) -> Any:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    return {"jumlah": services.standar_copy(actor=actor, jabatan=jabatan, jabatan_ids=payload.jabatan_ids)}
