"""REST endpoints for the standards: RPJMD (read), indicators and their yearly values, Renstra,
Perjanjian Kinerja (rows and signing) and position standards.

Same rules as the screens: everyone signed in reads; writes follow `karier.standards.access`
(403 with the reason for objects one may read but not change; 404 for ids that do not exist).
Services refuse bad input with ValidationError, which the API turns into 409 with the messages
in Bahasa Indonesia (`{"detail": "Data tidak valid.", "errors": {field: [message]}}`).
Every path has a GET, so clients can discover each resource before they change it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError

from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, MAX_ID, ErrorOut, Page, PageParams, ValidationErrorOut
from karier.people.access import Actor, actor_from_request
from karier.people.models import Jabatan, UnitKerja
from karier.standards import access, selectors, services, workflow
from karier.standards.models import (
    Indikator,
    NilaiIndikator,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
)
from karier.standards.schemas import (
    BarisIn,
    BarisOut,
    BarisPatch,
    DataInvalidOut,
    HasilIn,
    HasilOut,
    HasilPatch,
    IndikatorDetail,
    IndikatorFilter,
    IndikatorIn,
    IndikatorOut,
    IndikatorPatch,
    NilaiIn,
    NilaiOut,
    PerjanjianDetail,
    PerjanjianFilter,
    PerjanjianIn,
    PerjanjianListItem,
    RenstraDetail,
    RenstraFilter,
    RenstraIn,
    RenstraListItem,
    RenstraPatch,
    RpjmdDetail,
    RpjmdListItem,
    SalinIn,
    SalinOut,
    SasaranRenstraIn,
    SasaranRenstraOut,
    StandarFilter,
    StandarIn,
    StandarListItem,
    StandarOut,
    StatusIn,
    StatusOut,
)

router = Router(tags=["standar"])

READ = {**ERRORS, 404: ErrorOut}
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: DataInvalidOut, 422: ValidationErrorOut}


def _id(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description)


def _allowed(ok: bool, message: str) -> None:
    if not ok:
        raise HttpError(403, message)


def _ref_or_422(model: type[models.Model], pk: int | None, field: str, label: str) -> Any:
    if pk is None:
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: f"{label} dengan id {pk} tidak ditemukan."})
    return obj


# ---------------------------------------------------------------------------- shaping
def _indikator(i: Indikator) -> dict[str, Any]:
    return {
        f: getattr(i, f)
        for f in (
            "id",
            "kode",
            "nama",
            "satuan",
            "arah",
            "baseline",
            "baseline_tahun",
            "catatan_metode",
            "penjelasan",
            "contoh",
            "sasaran_id",
            "sasaran_renstra_id",
            "induk_id",
        )
    }


def _nilai(v: NilaiIndikator) -> dict[str, Any]:
    return {"tahun": v.tahun, "target": v.target, "realisasi": v.realisasi, "metode": v.metode, "sumber": v.sumber}


def _indikator_detail(actor: Actor, pk: int) -> dict[str, Any]:
    i = selectors.indikator_detail(pk)
    values = list(i.nilai.all())
    return {
        **_indikator(i),
        "nilai": [_nilai(v) for v in values],
        "seri": [
            {"metode": s.metode, "label": s.label, "tahun_awal": s.first_year, "tahun_akhir": s.last_year}
            for s in selectors.split_series(values)
        ],
        "boleh_ubah": access.can_edit_indikator(actor, i),
    }


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


# ---------------------------------------------------------------------------- RPJMD (read)
@router.get("/rpjmd", response={200: Page[RpjmdListItem], **ERRORS}, summary="Daftar RPJMD")
def rpjmd_list(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    return paginate(selectors.rpjmd_list(), page)


@router.get(
    "/rpjmd/{rpjmd_id}",
    response={200: RpjmdDetail, **READ},
    summary="RPJMD lengkap: visi, misi, tujuan, sasaran dan IKU dengan nilainya",
)
def rpjmd_detail(request: HttpRequest, rpjmd_id: int = _id("Id RPJMD.")) -> dict[str, Any]:
    rpjmd: Rpjmd = access.rpjmd_for_actor(actor_from_request(request), rpjmd_id)
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
                                "indikator": [_indikator(i) for i in s.indikator.all()],
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


# ---------------------------------------------------------------------------- indicators
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
    sasaran = _ref_or_422(SasaranStrategis, payload.sasaran_id, "sasaran_id", "Sasaran RPJMD")
    sasaran_renstra = _ref_or_422(SasaranRenstra, payload.sasaran_renstra_id, "sasaran_renstra_id", "Sasaran Renstra")
    if sasaran_renstra is not None:
        opd_id = Renstra.objects.filter(pk=sasaran_renstra.renstra_id).values_list("opd_id", flat=True).get()
        _allowed(access.can_edit_opd(actor, opd_id), access.MSG_OPD)
    else:
        _allowed(access.can_edit_rpjmd(actor), access.MSG_RPJMD)
    induk = _ref_or_422(Indikator, payload.induk_id, "induk_id", "Indikator induk")
    data = payload.dict(exclude={"sasaran_id", "sasaran_renstra_id", "induk_id"})
    i = services.indikator_create(
        actor=request.user, sasaran=sasaran, sasaran_renstra=sasaran_renstra, induk=induk, **data
    )
    return 201, _indikator_detail(actor, i.pk)


@router.get(
    "/indikator/{indikator_id}",
    response={200: IndikatorDetail, **READ},
    summary="Indikator dengan nilai tahunan dan seri metodenya",
)
def indikator_detail(request: HttpRequest, indikator_id: int = _id("Id indikator.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _indikator_detail(actor, access.indikator_for_actor(actor, indikator_id).pk)


@router.patch("/indikator/{indikator_id}", response={200: IndikatorDetail, **WRITE}, summary="Ubah indikator")
def indikator_update(
    request: HttpRequest, payload: IndikatorPatch, indikator_id: int = _id("Id indikator.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    i = access.indikator_for_actor(actor, indikator_id)
    _allowed(access.can_edit_indikator(actor, i), access.MSG_RPJMD if i.sasaran_id else access.MSG_OPD)
    changes = payload.dict(exclude_unset=True)
    if "induk_id" in changes:
        changes["induk"] = _ref_or_422(Indikator, changes.pop("induk_id"), "induk_id", "Indikator induk")
    services.indikator_update(actor=request.user, indikator=i, **changes)
    return _indikator_detail(actor, i.pk)


@router.get(
    "/indikator/{indikator_id}/nilai", response={200: list[NilaiOut], **READ}, summary="Target dan realisasi per tahun"
)
def nilai_list(request: HttpRequest, indikator_id: int = _id("Id indikator.")) -> list[dict[str, Any]]:
    i = access.indikator_for_actor(actor_from_request(request), indikator_id)
    return [_nilai(v) for v in i.nilai.order_by("tahun")]


@router.put(
    "/indikator/{indikator_id}/nilai",
    response={200: NilaiOut, **WRITE},
    summary="Isi target/realisasi satu tahun (dibuat atau diganti)",
)
def nilai_set(request: HttpRequest, payload: NilaiIn, indikator_id: int = _id("Id indikator.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    i = access.indikator_for_actor(actor, indikator_id)
    _allowed(access.can_edit_indikator(actor, i), access.MSG_RPJMD if i.sasaran_id else access.MSG_OPD)
    v = services.nilai_indikator_set(actor=request.user, indikator=i, **payload.dict())
    return _nilai(v)


# ---------------------------------------------------------------------------- Renstra
def _renstra_detail(actor: Actor, renstra: Renstra) -> dict[str, Any]:
    return {
        "id": renstra.pk,
        "opd": {"id": renstra.opd.pk, "nama": renstra.opd.nama},
        "rpjmd_id": renstra.rpjmd_id,
        "tahun_mulai": renstra.tahun_mulai,
        "tahun_selesai": renstra.tahun_selesai,
        "sasaran": [_sasaran_renstra(s) for s in selectors.renstra_sasaran(renstra)],
        "boleh_ubah": access.can_edit_opd(actor, renstra.opd_id),
    }


def _sasaran_renstra(s: SasaranRenstra) -> dict[str, Any]:
    return {
        "id": s.pk,
        "nomor": s.nomor,
        "teks": s.teks,
        "penjelasan": s.penjelasan,
        "contoh": s.contoh,
        "sasaran_rpjmd": {"id": s.sasaran_rpjmd.pk, "teks": s.sasaran_rpjmd.teks},
        "indikator": [_indikator(i) for i in s.indikator.all()],
    }


@router.get("/renstra", response={200: Page[RenstraListItem], **ERRORS}, summary="Daftar Renstra perangkat daerah")
def renstra_list(request: HttpRequest, filters: Query[RenstraFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    return paginate(selectors.renstra_list(opd=filters.opd, rpjmd=filters.rpjmd), page)


@router.post("/renstra", response={201: RenstraDetail, **WRITE}, summary="Buat Renstra perangkat daerah")
def renstra_create(request: HttpRequest, payload: RenstraIn) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    opd = _ref_or_422(UnitKerja, payload.opd_id, "opd_id", "Perangkat daerah")
    _allowed(access.can_edit_opd(actor, opd.pk), access.MSG_OPD)
    rpjmd = _ref_or_422(Rpjmd, payload.rpjmd_id, "rpjmd_id", "RPJMD")
    r = services.renstra_create(
        actor=request.user, opd=opd, rpjmd=rpjmd, tahun_mulai=payload.tahun_mulai, tahun_selesai=payload.tahun_selesai
    )
    return 201, _renstra_detail(actor, access.renstra_for_actor(actor, r.pk))


@router.get(
    "/renstra/{renstra_id}",
    response={200: RenstraDetail, **READ},
    summary="Renstra dengan sasaran, tautan ke sasaran RPJMD, dan indikatornya",
)
def renstra_detail(request: HttpRequest, renstra_id: int = _id("Id Renstra.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _renstra_detail(actor, access.renstra_for_actor(actor, renstra_id))


@router.patch("/renstra/{renstra_id}", response={200: RenstraDetail, **WRITE}, summary="Ubah periode Renstra")
def renstra_update(request: HttpRequest, payload: RenstraPatch, renstra_id: int = _id("Id Renstra.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    r = access.renstra_for_actor(actor, renstra_id)
    _allowed(access.can_edit_opd(actor, r.opd_id), access.MSG_OPD)
    services.renstra_update(actor=request.user, renstra=r, **payload.dict(exclude_unset=True))
    return _renstra_detail(actor, r)


@router.get("/renstra/{renstra_id}/sasaran", response={200: list[SasaranRenstraOut], **READ}, summary="Sasaran Renstra")
def renstra_sasaran_list(request: HttpRequest, renstra_id: int = _id("Id Renstra.")) -> list[dict[str, Any]]:
    r = access.renstra_for_actor(actor_from_request(request), renstra_id)
    return [_sasaran_renstra(s) for s in selectors.renstra_sasaran(r)]


@router.post(
    "/renstra/{renstra_id}/sasaran",
    response={201: SasaranRenstraOut, **WRITE},
    summary="Tambah sasaran Renstra (harus mendukung sasaran RPJMD yang sama)",
)
def renstra_sasaran_create(
    request: HttpRequest, payload: SasaranRenstraIn, renstra_id: int = _id("Id Renstra.")
) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    r = access.renstra_for_actor(actor, renstra_id)
    _allowed(access.can_edit_opd(actor, r.opd_id), access.MSG_OPD)
    link = _ref_or_422(SasaranStrategis, payload.sasaran_rpjmd_id, "sasaran_rpjmd_id", "Sasaran RPJMD")
    s = services.sasaran_renstra_create(
        actor=request.user, renstra=r, sasaran_rpjmd=link, **payload.dict(exclude={"sasaran_rpjmd_id"})
    )
    return 201, _sasaran_renstra(s)


# ---------------------------------------------------------------------------- Perjanjian Kinerja
def _perjanjian_detail(actor: Actor, pk: PerjanjianKinerja) -> dict[str, Any]:
    return {
        "id": pk.pk,
        "opd": {"id": pk.opd.pk, "nama": pk.opd.nama},
        "tahun": pk.tahun,
        "status": pk.status,
        "ditandatangani_pada": pk.ditandatangani_pada,
        "baris": [_baris(r) for r in selectors.perjanjian_rows(pk)],
        "boleh_ubah": access.can_edit_opd(actor, pk.opd_id),
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
    opd = _ref_or_422(UnitKerja, payload.opd_id, "opd_id", "Perangkat daerah")
    _allowed(access.can_edit_opd(actor, opd.pk), access.MSG_OPD)
    pk = services.perjanjian_create(actor=request.user, opd=opd, tahun=payload.tahun)
    return 201, _perjanjian_detail(actor, access.perjanjian_for_actor(actor, pk.pk))


@router.get(
    "/perjanjian/{perjanjian_id}",
    response={200: PerjanjianDetail, **READ},
    summary="Perjanjian kinerja dengan baris-barisnya",
)
def perjanjian_detail(request: HttpRequest, perjanjian_id: int = _id("Id perjanjian kinerja.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _perjanjian_detail(actor, access.perjanjian_for_actor(actor, perjanjian_id))


@router.get(
    "/perjanjian/{perjanjian_id}/baris", response={200: list[BarisOut], **READ}, summary="Baris perjanjian kinerja"
)
def perjanjian_baris_list(
    request: HttpRequest, perjanjian_id: int = _id("Id perjanjian kinerja.")
) -> list[dict[str, Any]]:
    pk = access.perjanjian_for_actor(actor_from_request(request), perjanjian_id)
    return [_baris(r) for r in selectors.perjanjian_rows(pk)]


@router.post(
    "/perjanjian/{perjanjian_id}/baris", response={201: BarisOut, **WRITE}, summary="Tambah baris (hanya selama draf)"
)
def perjanjian_baris_create(
    request: HttpRequest, payload: BarisIn, perjanjian_id: int = _id("Id perjanjian kinerja.")
) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    pk = access.perjanjian_for_actor(actor, perjanjian_id)
    _allowed(access.can_edit_opd(actor, pk.opd_id), access.MSG_OPD)
    indikator = _ref_or_422(Indikator, payload.indikator_id, "indikator_id", "Indikator")
    sasaran = (
        _ref_or_422(SasaranRenstra, payload.sasaran_id, "sasaran_id", "Sasaran Renstra")
        if payload.sasaran_id
        else indikator.sasaran_renstra
    )
    row = services.perjanjian_row_add(
        actor=request.user,
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
def baris_detail(request: HttpRequest, baris_id: int = _id("Id baris perjanjian.")) -> dict[str, Any]:
    return _baris(access.perjanjian_row_for_actor(actor_from_request(request), baris_id))


@router.patch(
    "/perjanjian-baris/{baris_id}", response={200: BarisOut, **WRITE}, summary="Ubah baris (hanya selama draf)"
)
def baris_update(request: HttpRequest, payload: BarisPatch, baris_id: int = _id("Id baris perjanjian.")) -> Any:
    actor = actor_from_request(request)
    row = access.perjanjian_row_for_actor(actor, baris_id)
    _allowed(access.can_edit_opd(actor, row.perjanjian.opd_id), access.MSG_OPD)
    changes = payload.dict(exclude_unset=True)
    if "perspektif" in changes and changes["perspektif"] is not None:
        changes["perspektif"] = changes["perspektif"].value
    services.perjanjian_row_update(actor=request.user, row=row, **changes)
    return _baris(access.perjanjian_row_for_actor(actor, row.pk))


@router.delete("/perjanjian-baris/{baris_id}", response={204: None, **WRITE}, summary="Hapus baris (hanya selama draf)")
def baris_delete(request: HttpRequest, baris_id: int = _id("Id baris perjanjian.")) -> tuple[int, None]:
    actor = actor_from_request(request)
    row = access.perjanjian_row_for_actor(actor, baris_id)
    _allowed(access.can_edit_opd(actor, row.perjanjian.opd_id), access.MSG_OPD)
    services.perjanjian_row_delete(actor=request.user, row=row)
    return 204, None


@router.get(
    "/perjanjian/{perjanjian_id}/status",
    response={200: StatusOut, **READ},
    summary="Status perjanjian dan aksi yang sah",
)
def perjanjian_status(request: HttpRequest, perjanjian_id: int = _id("Id perjanjian kinerja.")) -> dict[str, Any]:
    pk = access.perjanjian_for_actor(actor_from_request(request), perjanjian_id)
    return {
        "status": pk.status,
        "ditandatangani_pada": pk.ditandatangani_pada,
        "aksi": workflow.allowed_actions(pk.status),
    }


@router.post(
    "/perjanjian/{perjanjian_id}/status",
    response={200: StatusOut, **WRITE},
    summary="Tandatangani, atau buka kembali dengan alasan",
)
def perjanjian_status_set(
    request: HttpRequest, payload: StatusIn, perjanjian_id: int = _id("Id perjanjian kinerja.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    pk = access.perjanjian_for_actor(actor, perjanjian_id)
    _allowed(access.can_edit_opd(actor, pk.opd_id), access.MSG_OPD)
    if payload.aksi == workflow.SIGN:
        services.perjanjian_sign(actor=request.user, perjanjian=pk, tanggal=payload.tanggal)
    else:
        services.perjanjian_reopen(actor=request.user, perjanjian=pk, alasan=payload.alasan)
    return {
        "status": pk.status,
        "ditandatangani_pada": pk.ditandatangani_pada,
        "aksi": workflow.allowed_actions(pk.status),
    }


# ---------------------------------------------------------------------------- position standards
@router.get(
    "/standar-jabatan",
    response={200: Page[StandarListItem], **ERRORS},
    summary="Jabatan dan apakah sudah mempunyai standar",
)
def standar_list(request: HttpRequest, filters: Query[StandarFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor_from_request(request)
    qs = selectors.jabatan_standar_list(
        Jabatan.objects.all(),
        opd=filters.opd,
        ada=filters.ada,
        q=filters.q,
        jenis=filters.jenis.value if filters.jenis else "",
    )
    return paginate(qs, page)


@router.get(
    "/standar-jabatan/{jabatan_id}",
    response={200: StandarOut, **READ},
    summary="Standar jabatan: hasil per dimensi dan ketujuh nilai BerAKHLAK",
)
def standar_detail(request: HttpRequest, jabatan_id: int = _id("Id jabatan.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    return _standar(actor, access.jabatan_for_standar(actor, jabatan_id))


@router.put(
    "/standar-jabatan/{jabatan_id}",
    response={200: StandarOut, **WRITE},
    summary="Tetapkan ringkasan, penjelasan dan (bila dikirim) ekspektasi perilaku",
)
def standar_set(request: HttpRequest, payload: StandarIn, jabatan_id: int = _id("Id jabatan.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    _allowed(access.can_edit_standar(actor, jabatan), access.MSG_JABATAN)
    _set_standar(request.user, jabatan, payload)
    return _standar(actor, access.jabatan_for_standar(actor, jabatan_id))


def _set_standar(user: Any, jabatan: Jabatan, payload: StandarIn) -> None:
    with transaction.atomic():  # header and behaviours together, or nothing
        standar = services.standar_jabatan_set(
            actor=user,
            jabatan=jabatan,
            ringkasan=payload.ringkasan,
            penjelasan=payload.penjelasan,
            contoh=payload.contoh,
        )
        if payload.perilaku is not None:
            services.standar_perilaku_set(
                actor=user,
                standar=standar,
                items=[
                    services.PerilakuData(
                        nilai=p.nilai, ekspektasi=p.ekspektasi, penjelasan=p.penjelasan, contoh=p.contoh
                    )
                    for p in payload.perilaku
                ],
            )


@router.get(
    "/standar-jabatan/{jabatan_id}/hasil",
    response={200: list[HasilOut], **READ},
    summary="Hasil yang diharapkan dari jabatan",
)
def standar_hasil_list(request: HttpRequest, jabatan_id: int = _id("Id jabatan.")) -> list[dict[str, Any]]:
    jabatan = access.jabatan_for_standar(actor_from_request(request), jabatan_id)
    return [_hasil(h) for h in StandarHasil.objects.filter(standar__jabatan=jabatan).order_by("urutan", "id")]


@router.post(
    "/standar-jabatan/{jabatan_id}/hasil",
    response={201: HasilOut, **WRITE},
    summary="Tambah hasil yang diharapkan (target angka wajib untuk kuantitas, waktu, biaya)",
)
def standar_hasil_create(
    request: HttpRequest, payload: HasilIn, jabatan_id: int = _id("Id jabatan.")
) -> tuple[int, dict[str, Any]]:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    _allowed(access.can_edit_standar(actor, jabatan), access.MSG_JABATAN)
    link = _ref_or_422(Indikator, payload.indikator_opd_id, "indikator_opd_id", "Indikator")
    data = payload.dict(exclude={"indikator_opd_id"})
    data["dimensi"], data["aspek"] = payload.dimensi.value, payload.aspek.value
    with transaction.atomic():  # a standard created for a refused result would be a half-write
        standar = getattr(jabatan, "standar", None) or services.standar_jabatan_set(actor=request.user, jabatan=jabatan)
        h = services.standar_hasil_add(
            actor=request.user, standar=standar, data=services.HasilData(**data, indikator_opd=link)
        )
    return 201, _hasil(h)


@router.get("/standar-hasil/{hasil_id}", response={200: HasilOut, **READ}, summary="Satu hasil yang diharapkan")
def hasil_detail(request: HttpRequest, hasil_id: int = _id("Id hasil.")) -> dict[str, Any]:
    return _hasil(access.hasil_for_actor(actor_from_request(request), hasil_id))


@router.patch("/standar-hasil/{hasil_id}", response={200: HasilOut, **WRITE}, summary="Ubah hasil yang diharapkan")
def hasil_update(request: HttpRequest, payload: HasilPatch, hasil_id: int = _id("Id hasil.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    h = access.hasil_for_actor(actor, hasil_id)
    _allowed(access.can_edit_standar(actor, h.standar.jabatan), access.MSG_JABATAN)
    changes = payload.dict(exclude_unset=True)
    for key in ("dimensi", "aspek"):
        if changes.get(key) is not None:
            changes[key] = changes[key].value
    if "indikator_opd_id" in changes:
        changes["indikator_opd"] = _ref_or_422(
            Indikator, changes.pop("indikator_opd_id"), "indikator_opd_id", "Indikator"
        )
    services.standar_hasil_update(actor=request.user, hasil=h, **changes)
    return _hasil(h)


@router.delete("/standar-hasil/{hasil_id}", response={204: None, **WRITE}, summary="Hapus hasil yang diharapkan")
def hasil_delete(request: HttpRequest, hasil_id: int = _id("Id hasil.")) -> tuple[int, None]:
    actor = actor_from_request(request)
    h = access.hasil_for_actor(actor, hasil_id)
    _allowed(access.can_edit_standar(actor, h.standar.jabatan), access.MSG_JABATAN)
    services.standar_hasil_delete(actor=request.user, hasil=h)
    return 204, None


@router.get(
    "/standar-jabatan/{jabatan_id}/salin",
    response={200: Page[StandarListItem], **READ},
    summary="Jabatan sejenis yang dapat menerima standar ini (yang boleh Anda ubah)",
)
def standar_salin_candidates(
    request: HttpRequest, page: Query[PageParams], jabatan_id: int = _id("Id jabatan sumber.")
) -> dict[str, Any]:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    qs = selectors.jabatan_standar_list(access.editable_jabatan(actor).filter(services.same_kind_q(jabatan)))
    return paginate(qs, page)


@router.post(
    "/standar-jabatan/{jabatan_id}/salin",
    response={200: SalinOut, **WRITE},
    summary="Terapkan standar ini ke banyak jabatan sejenis sekaligus",
)
def standar_salin(request: HttpRequest, payload: SalinIn, jabatan_id: int = _id("Id jabatan sumber.")) -> Any:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    ids = sorted(set(payload.jabatan_ids))
    editable = set(access.editable_jabatan(actor).filter(pk__in=ids).values_list("pk", flat=True))
    existing = set(Jabatan.objects.filter(pk__in=ids).values_list("pk", flat=True))
    _allowed(existing <= editable, access.MSG_JABATAN)
    standar = getattr(jabatan, "standar", None)
    if standar is None:
        raise ValidationError({"jabatan_id": "Jabatan sumber belum mempunyai standar."})
    return {"jumlah": services.standar_copy_to(actor=request.user, source=standar, jabatan_ids=ids)}
