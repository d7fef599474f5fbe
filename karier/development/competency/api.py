"""REST endpoints for competency standards, assessments, needs and the training-needs analysis.

Same access as the screens: a hidden person or position is 404, a visible one the actor may not act on
is 403 with the reason, refused input 409 (`karier/api/api.py` handles the services' exceptions).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS_404, Page, PageParams
from karier.development.competency import access, gaps, selectors, services
from karier.development.competency.schemas import (
    AnalisisKebutuhanFilter,
    AnalisisKebutuhanOut,
    KamusKompetensiOut,
    KebutuhanPegawaiOut,
    PenilaianKompetensiIn,
    PenilaianKompetensiOut,
    ProfilKompetensiOut,
    StandarKompetensiIn,
    StandarKompetensiOut,
)
from karier.development.models import Kompetensi, PenilaianKompetensi
from karier.development.recommend import tna as recommend_tna
from karier.people.access import actor_from_request, jabatan_for_actor
from karier.plans.schemas import WRITE_ERRORS

router = Router(tags=["Kompetensi"])
_id = path_id


def _kompetensi(k: Kompetensi) -> dict[str, Any]:
    return {
        "id": k.pk,
        "kode": k.kode,
        "nama": k.nama,
        "jenis": k.jenis,
        "definisi": k.definisi,
        "levels": [
            {"level": lv.level, "deskripsi": lv.deskripsi, "indikator": lv.indikator_list, "arti": lv.arti}
            for lv in k.levels.all()
        ],
    }


def _penilaian(p: PenilaianKompetensi) -> dict[str, Any]:
    return {
        "id": p.pk,
        "kompetensi_id": p.kompetensi_id,
        "kompetensi": p.kompetensi.nama,
        "level": p.level,
        "tanggal": p.tanggal,
        "sumber": p.sumber,
        "asesor": p.asesor,
        "catatan": p.catatan,
        "ada_bukti": bool(p.berkas),
    }


@router.get(
    "/pengembangan/kompetensi", response={200: list[KamusKompetensiOut], **ERRORS_404}, summary="Kamus kompetensi"
)
def kompetensi_list(request: HttpRequest) -> Any:
    return [_kompetensi(k) for k in selectors.kamus()]


@router.get(
    "/pengembangan/jabatan/{int:jabatan_id}/standar-kompetensi",
    response={200: list[StandarKompetensiOut], **ERRORS_404},
    summary="Standar kompetensi jabatan (level yang disyaratkan)",
)
def kompetensi_standar_get(request: HttpRequest, jabatan_id: int = _id("Id jabatan.")) -> Any:
    jabatan = jabatan_for_actor(actor_from_request(request), jabatan_id)
    return [_standar(r) for r in selectors.standar_jabatan(jabatan)]


def _standar(r: selectors.BarisStandar) -> dict[str, Any]:
    return {
        "kompetensi_id": r.kompetensi.pk,
        "kode": r.kompetensi.kode,
        "nama": r.kompetensi.nama,
        "jenis": r.kompetensi.jenis,
        "level": r.level,
        "bawaan": r.bawaan,
        "deskripsi": r.level_obj.deskripsi if r.level_obj else "",
        "arti": r.level_obj.arti if r.level_obj else "",
    }


@router.put(
    "/pengembangan/jabatan/{int:jabatan_id}/standar-kompetensi",
    response={200: list[StandarKompetensiOut], **WRITE_ERRORS},
    summary="Ubah level yang disyaratkan satu kompetensi (admin BKD)",
)
def kompetensi_standar_set(
    request: HttpRequest, body: StandarKompetensiIn, jabatan_id: int = _id("Id jabatan.")
) -> Any:
    actor = actor_from_request(request)
    jabatan = jabatan_for_actor(actor, jabatan_id)
    kompetensi = selectors.kompetensi_for_id(body.kompetensi_id)
    services.standar_kompetensi_set(actor=actor, jabatan=jabatan, kompetensi=kompetensi, level=body.level)
    return [_standar(r) for r in selectors.standar_jabatan(jabatan)]


@router.get(
    "/pengembangan/pegawai/{int:pegawai_id}/kompetensi",
    response={200: ProfilKompetensiOut, **ERRORS_404},
    summary="Profil kompetensi pegawai: disyaratkan dan dinilai",
)
def kompetensi_profil(request: HttpRequest, pegawai_id: int = _id("Id pegawai.")) -> Any:
    pegawai = access.competency_pegawai_for_actor(actor_from_request(request), pegawai_id)
    profil = selectors.profil(pegawai)
    pot = profil.potensi
    return {
        "pegawai_id": pegawai.pk,
        "nama": pegawai.nama_lengkap,
        "jabatan": pegawai.jabatan.nama if pegawai.jabatan else "",
        "kompetensi": [
            {
                "kompetensi_id": b.kompetensi.pk,
                "kode": b.kompetensi.kode,
                "nama": b.kompetensi.nama,
                "disyaratkan": b.disyaratkan,
                "dinilai": b.dinilai.level if b.dinilai else None,
                "tanggal": b.dinilai.tanggal if b.dinilai else None,
                "sumber": b.dinilai.sumber if b.dinilai else "",
                "kesenjangan": b.kesenjangan,
                "arti_disyaratkan": b.arti_disyaratkan,
            }
            for b in profil.baris
        ],
        "potensi": {"jpm": float(pot.jpm), "tanggal": pot.tanggal, "komponen": pot.komponen} if pot else None,
    }


@router.get(
    "/pengembangan/pegawai/{int:pegawai_id}/penilaian-kompetensi",
    response={200: Page[PenilaianKompetensiOut], **ERRORS_404},
    summary="Riwayat penilaian kompetensi pegawai",
)
def kompetensi_penilaian_list(
    request: HttpRequest, page: Query[PageParams], pegawai_id: int = _id("Id pegawai.")
) -> Any:
    pegawai = access.competency_pegawai_for_actor(actor_from_request(request), pegawai_id)
    qs = PenilaianKompetensi.objects.filter(pegawai=pegawai).select_related("kompetensi").order_by("-tanggal", "-pk")
    result = paginate(qs, page)
    result["items"] = [_penilaian(p) for p in result["items"]]
    return result


@router.post(
    "/pengembangan/pegawai/{int:pegawai_id}/penilaian-kompetensi",
    response={201: PenilaianKompetensiOut, **WRITE_ERRORS},
    summary="Catat penilaian kompetensi (atasan: observasi/penilaian mandiri; admin BKD: assessment center/uji)",
)
def kompetensi_penilaian_create(
    request: HttpRequest, body: PenilaianKompetensiIn, pegawai_id: int = _id("Id pegawai.")
) -> Any:
    actor = actor_from_request(request)
    pegawai = access.competency_pegawai_for_actor(actor, pegawai_id)
    row = services.penilaian_record(
        actor=actor,
        pegawai=pegawai,
        kompetensi=selectors.kompetensi_for_id(body.kompetensi_id),
        level=body.level,
        tanggal=body.tanggal,
        sumber=body.sumber.value,
        asesor=body.asesor,
        catatan=body.catatan,
    )
    return 201, _penilaian(row)


@router.get(
    "/pengembangan/pegawai/{int:pegawai_id}/kebutuhan",
    response={200: KebutuhanPegawaiOut, **ERRORS_404},
    summary="Kebutuhan pengembangan pegawai: kesenjangan kompetensi dan sinyal kinerja, berurutan",
)
def kompetensi_kebutuhan(request: HttpRequest, pegawai_id: int = _id("Id pegawai.")) -> Any:
    pegawai = access.competency_pegawai_for_actor(actor_from_request(request), pegawai_id)
    needs = gaps.needs_for([pegawai.pk]).get(pegawai.pk, [])
    return {"pegawai_id": pegawai.pk, "kebutuhan": [n.as_dict() for n in needs]}


@router.get(
    "/pengembangan/analisis-kebutuhan",
    response={200: AnalisisKebutuhanOut, **ERRORS_404},
    summary="Analisis kebutuhan pengembangan kompetensi (per perangkat daerah atau unit)",
)
def kompetensi_analisis(request: HttpRequest, filters: Query[AnalisisKebutuhanFilter]) -> Any:
    actor = actor_from_request(request)
    scope = selectors.tna_scope(actor, opd_id=filters.opd_id, unit_id=filters.unit_id)
    hasil = recommend_tna.analisis(scope, by=filters.per.value, belum_dinilai=filters.belum_dinilai)
    result = hasil.tna

    def rows(items: list[gaps.BarisTna]) -> list[dict[str, Any]]:
        return [
            {"kode": b.kode, "jenis": b.jenis, "judul": b.judul, "jumlah": b.jumlah, "persen": b.persen} for b in items
        ]

    return {
        "jumlah_pegawai": result.jumlah_pegawai,
        "sumber": hasil.sumber,
        "dihitung_pada": hasil.run.selesai_pada if hasil.run else None,
        "kebutuhan": rows(result.total),
        "per_unit": [{"nama": n, "jumlah_pegawai": h, "kebutuhan": rows(items)} for n, h, items in result.per_unit],
    }
