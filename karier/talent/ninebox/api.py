"""REST API of the 9-box (issue #12 item 4): grid counts for a scope, a cell's people, a person's
explained placement and history, the moves between years, rule sets (BKD writes) and sanctions
(BKD). Same access and services as the screens: hidden is 404, not yours to do 403, a rule's
refusal 409 — the handlers in `karier/api/api.py` make them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.people.access import actor_from_request
from karier.plans.schemas import WRITE_ERRORS
from karier.rules import nine_box_category, nine_box_levels
from karier.talent.models import AturanTalenta, HukumanDisiplin, PenempatanTalenta
from karier.talent.ninebox import access, jenis, selectors, services
from karier.talent.ninebox.schemas import (
    AturanIn,
    AturanOut,
    CakupanQuery,
    HukumanIn,
    HukumanOut,
    HukumanQuery,
    HukumanUbahIn,
    JenisHukumanOut,
    OrangKotakOut,
    PenempatanPegawaiOut,
    PerpindahanTahunOut,
    PetaOut,
    TahunQueryNinebox,
)

router = Router(tags=["Talenta (9-box)"])
_id = path_id


def _cakupan(q: CakupanQuery) -> tuple[int, selectors.Scope]:
    years = selectors.years()
    tahun = q.tahun or (years[0] if years else timezone.localdate().year - 1)
    return tahun, selectors.scope_for(q.opd, q.unit)


def _aturan(a: AturanTalenta) -> dict[str, Any]:
    return {
        "id": a.pk,
        "kode": a.kode,
        "versi": a.versi,
        "nama": a.nama,
        "regulasi": a.regulasi,
        "metode_kinerja": a.metode_kinerja,
        "batas_tinggi": a.batas_tinggi,
        "batas_menengah": a.batas_menengah,
        "bobot": {str(k): str(v) for k, v in (a.bobot or {}).items()},
        "tahun_hukuman": a.tahun_hukuman,
        "kesiapan_sekarang": a.kesiapan_sekarang,
        "kesiapan_1_2_tahun": a.kesiapan_1_2_tahun,
        "opd_id": a.opd_id,
        "berlaku_mulai": a.berlaku_mulai,
        "aktif": a.aktif,
    }


def _hukuman(h: HukumanDisiplin) -> dict[str, Any]:
    return {
        "id": h.pk,
        "pegawai_id": h.pegawai_id,
        "nip": h.pegawai.nip,
        "nama": h.pegawai.nama,
        "jenis": h.jenis,
        "nama_jenis": jenis.nama(h.jenis),
        "tingkat": h.tingkat,
        "nomor_sk": h.nomor_sk,
        "tanggal_sk": h.tanggal_sk,
        "tmt_mulai": h.tmt_mulai,
        "tmt_selesai": h.tmt_selesai,
        "keterangan": h.keterangan,
    }


def _orang(r: PenempatanTalenta) -> dict[str, Any]:
    return {
        "pegawai_id": r.pegawai_id,
        "nip": r.pegawai.nip,
        "nama": r.pegawai.nama,
        "jabatan": r.pegawai.jabatan.nama if r.pegawai.jabatan else None,
        "unit": r.unit.nama if r.unit else None,
        "opd": r.opd.nama if r.opd else None,
        "kinerja": r.kinerja,
        "potensial": r.potensial,
        "skor_potensial": r.skor_potensial,
        "dikecualikan": r.dikecualikan,
    }


@router.get("/karier/talenta", response={200: PetaOut, **ERRORS_404}, summary="Peta talenta (jumlah per kotak)")
def ninebox_peta(request: HttpRequest, q: Query[CakupanQuery]) -> Any:
    actor = actor_from_request(request)
    access.require_grid(actor)
    tahun, scope = _cakupan(q)
    qs = selectors.scoped(actor, tahun, scope)
    counts = selectors.counts(qs)
    return {
        "tahun": tahun,
        "cakupan": scope.level,
        "opd_id": scope.opd.pk if scope.opd else None,
        "unit_id": scope.unit.pk if scope.unit else None,
        "total": sum(c["n"] for c in counts.values()),
        "kotak": [
            {
                "kotak": box,
                "nama": nine_box_category(box),
                "kinerja": nine_box_levels(box)[0].value,
                "potensial": nine_box_levels(box)[1].value,
                "jumlah": c["n"],
                "dikecualikan": c["dikecualikan"],
            }
            for box, c in sorted(counts.items())
        ],
        "rincian": [
            {"id": r["id"], "nama": r["nama"], "jumlah": r["n"], "kotak_7_9": r["suksesi"]}
            for r in selectors.breakdown(qs, scope)
        ],
    }


@router.get(
    "/karier/talenta/kotak/{int:kotak}",
    response={200: Page[OrangKotakOut], **ERRORS_404},
    summary="Pegawai dalam satu kotak talenta",
)
def ninebox_kotak(
    request: HttpRequest,
    q: Query[CakupanQuery],
    page: Query[PageParams],
    kotak: int = Path(..., ge=1, le=9, description="Nomor kotak 1–9."),
) -> Any:
    actor = actor_from_request(request)
    access.require_grid(actor)
    tahun, scope = _cakupan(q)
    result = paginate(selectors.cell(selectors.scoped(actor, tahun, scope), kotak), page)
    result["items"] = [_orang(r) for r in result["items"]]
    return result


@router.get(
    "/karier/talenta/perpindahan",
    response={200: PerpindahanTahunOut, **ERRORS_404},
    summary="Perpindahan kotak dari tahun sebelumnya",
)
def ninebox_perpindahan(request: HttpRequest, q: Query[CakupanQuery]) -> Any:
    actor = actor_from_request(request)
    access.require_grid(actor)
    tahun, scope = _cakupan(q)
    t = selectors.transitions(actor, tahun, scope)
    return {
        "tahun": tahun,
        "dari_tahun": tahun - 1,
        "naik": t["naik"],
        "turun": t["turun"],
        "tetap": t["tetap"],
        "baru": t["baru"],
        "pindah": [{"dari": m["dari"], "ke": m["ke"], "jumlah": m["n"]} for m in t["pindah"]],
        "tabel": [row["ke"] for row in t["tabel"]],
    }


@router.get(
    "/karier/talenta/pegawai/{int:pegawai_id}",
    response={200: PenempatanPegawaiOut, **ERRORS_404},
    summary="Penempatan talenta seorang pegawai, dengan penjelasan dan riwayat",
)
def ninebox_pegawai(request: HttpRequest, q: Query[TahunQueryNinebox], pegawai_id: int = _id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    person = access.person_for_actor(actor, pegawai_id)
    return {"pegawai_id": person.pk, **selectors.person(actor, person, q.tahun)}


@router.get("/karier/talenta/aturan", response={200: list[AturanOut], **ERRORS_404}, summary="Aturan talenta")
def ninebox_aturan_list(request: HttpRequest) -> Any:
    access.require_read_admin(actor_from_request(request))
    return [_aturan(a) for a in selectors.rulesets()]


@router.post(
    "/karier/talenta/aturan/{int:aturan_id}/versi",
    response={201: AturanOut, **WRITE_ERRORS},
    summary="Tambah versi baru aturan talenta (admin BKD)",
)
def ninebox_aturan_versi(request: HttpRequest, body: AturanIn, aturan_id: int = _id("Id aturan dasar.")) -> Any:
    actor = actor_from_request(request)
    dasar = access.aturan_for_actor(actor, aturan_id)
    data = services.AturanData(**body.model_dump())
    return 201, _aturan(services.aturan_add_version(actor=actor, dasar=dasar, data=data))


@router.post(
    "/karier/talenta/aturan/{int:aturan_id}/aktifkan",
    response={200: AturanOut, **WRITE_ERRORS},
    summary="Aktifkan aturan talenta (admin BKD)",
)
def ninebox_aturan_aktifkan(request: HttpRequest, aturan_id: int = _id("Id aturan.")) -> Any:
    actor = actor_from_request(request)
    aturan = access.aturan_for_actor(actor, aturan_id)
    return _aturan(services.aturan_activate(actor=actor, aturan=aturan))


@router.get("/karier/hukuman-disiplin/jenis", response={200: list[JenisHukumanOut], **ERRORS}, summary="Jenis hukuman")
def ninebox_hukuman_jenis(request: HttpRequest) -> Any:
    return [{"id": k.id, "nama": k.nama, "tingkat": k.tingkat} for k in jenis.all_kinds().values()]


@router.get(
    "/karier/hukuman-disiplin",
    response={200: Page[HukumanOut], **ERRORS_404},
    summary="Hukuman disiplin (admin BKD, auditor; pegawai: miliknya)",
)
def ninebox_hukuman_list(request: HttpRequest, f: Query[HukumanQuery], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    rows = selectors.hukuman_rows(
        actor, opd_id=f.opd, tingkat=f.tingkat, jenis_id=f.jenis, tahun=f.tahun, q=f.q.strip(), pegawai_id=f.pegawai_id
    )
    result = paginate(rows, page)
    result["items"] = [_hukuman(h) for h in result["items"]]
    return result


@router.post(
    "/karier/hukuman-disiplin",
    response={201: HukumanOut, **WRITE_ERRORS},
    summary="Catat hukuman disiplin (admin BKD)",
)
def ninebox_hukuman_create(request: HttpRequest, body: HukumanIn) -> Any:
    actor = actor_from_request(request)
    person = access.person_for_actor(actor, body.pegawai_id)
    data = services.HukumanData(**body.model_dump(exclude={"pegawai_id"}))
    return 201, _hukuman(services.hukuman_record(actor=actor, pegawai=person, data=data))


@router.put(
    "/karier/hukuman-disiplin/{int:hukuman_id}",
    response={200: HukumanOut, **WRITE_ERRORS},
    summary="Ubah hukuman disiplin (admin BKD)",
)
def ninebox_hukuman_update(request: HttpRequest, body: HukumanUbahIn, hukuman_id: int = _id("Id hukuman.")) -> Any:
    actor = actor_from_request(request)
    row = access.hukuman_to_correct(actor, hukuman_id)
    data = services.HukumanData(**body.model_dump())
    return _hukuman(services.hukuman_update(actor=actor, hukuman=row, data=data))
