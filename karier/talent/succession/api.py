"""REST endpoints of succession (issue #12 item 5): key positions, their candidates, positions at risk,
nominations and the talent committee's decisions. Same access as the screens (hidden is 404, a
refusal 403 with the reason, a rule 409); the services decide."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Status

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS_404, Page, PageParams
from karier.people.access import actor_from_request, jabatan_for_actor
from karier.plans.schemas import WRITE_ERRORS
from karier.talent.access import person_for_actor
from karier.talent.models import JabatanKritikal, KandidatSuksesi, NominasiSuksesi
from karier.talent.succession import access, selectors, services
from karier.talent.succession.schemas import (
    KandidatOut,
    KeputusanIn,
    KritikalFilter,
    KritikalIn,
    KritikalOut,
    NominasiSuccessionOut,
    NominasiSuksesiIn,
    OpdFilter,
    SyaratIn,
)

router = Router(tags=["Suksesi dan kelompok talenta"])


def _syarat(body: SyaratIn) -> services.SyaratData:
    return services.SyaratData(
        jenis_jabatan=[str(j) for j in body.jenis_jabatan],
        jenjang_minimal=str(body.jenjang_minimal or ""),
        golongan_minimal_id=body.golongan_minimal_id,
        pendidikan_minimal=str(body.pendidikan_minimal or ""),
        masa_kerja_minimal=body.masa_kerja_minimal,
        kompetensi={k.kompetensi_id: k.level for k in body.kompetensi},
        catatan=body.catatan,
    )


def _kritikal(b: selectors.BarisKritikal) -> dict[str, Any]:
    k = b.kritikal
    p = b.pemangku
    return {
        "id": k.pk,
        "jabatan_id": k.jabatan_id,
        "jabatan": k.jabatan.nama,
        "unit": k.jabatan.unit.nama,
        "opd_id": k.jabatan.unit.opd_id,
        "aktif": k.aktif,
        "jenis_jabatan": list(k.jenis_jabatan),
        "jenjang_minimal": k.jenjang_minimal,
        "golongan_minimal_id": k.golongan_minimal_id,
        "pendidikan_minimal": k.pendidikan_minimal,
        "masa_kerja_minimal": k.masa_kerja_minimal,
        "kompetensi": [
            {"kompetensi_id": s.kompetensi_id, "kode": s.kompetensi.kode, "nama": s.kompetensi.nama, "level": s.level}
            for s in k.syarat_kompetensi.all()
        ],
        "catatan": k.catatan,
        "jumlah_kandidat": k.n_kandidat,
        "siap_sekarang": k.n_siap,
        "siap_1_2_tahun": k.n_siap_1_2,
        "pemangku": (
            {
                "pegawai_id": p.pegawai.pk,
                "nama": p.pegawai.nama_lengkap,
                "jenis": p.jenis,
                "usia_bup": p.usia_bup,
                "tanggal_pensiun": p.pensiun,
            }
            if p
            else None
        ),
        "berisiko": b.berisiko,
    }


def _with_syarat(qs: Any) -> Any:
    return qs.prefetch_related("syarat_kompetensi__kompetensi")


def _one(request: HttpRequest, pk: int) -> dict[str, Any]:
    actor = actor_from_request(request)
    qs = _with_syarat(selectors.kritikal_list(actor, aktif=None))
    return _kritikal(selectors.rows([qs.get(pk=pk)])[0])


def _kandidat(k: KandidatSuksesi) -> dict[str, Any]:
    return {
        "peringkat": k.peringkat,
        "pegawai_id": k.pegawai_id,
        "nip": k.pegawai.nip,
        "nama": k.pegawai.nama_lengkap,
        "jabatan": k.pegawai.jabatan.nama if k.pegawai.jabatan else "",
        "kotak": k.kotak,
        "persen_kesesuaian": k.persen_kesesuaian,
        "kesiapan": k.kesiapan,
        "memenuhi_syarat": k.memenuhi_syarat,
        "alasan": list(k.alasan),
        "kesenjangan": list(k.kesenjangan),
        "rekomendasi_url": reverse("development:rekomendasi_pegawai", args=[k.pegawai_id]),
        "dihitung_pada": k.dihitung_pada,
    }


def _nominasi(n: NominasiSuksesi) -> dict[str, Any]:
    return {
        "id": n.pk,
        "jabatan_kritikal_id": n.jabatan_kritikal_id,
        "pegawai_id": n.pegawai_id,
        "nama": n.pegawai.nama_lengkap,
        "status": n.status,
        "alasan": n.alasan,
        "diusulkan_pada": n.diusulkan_pada,
        "nomor_berita_acara": n.nomor_berita_acara,
        "catatan_komite": n.catatan_komite,
        "diputuskan_pada": n.diputuskan_pada,
    }


@router.get(
    "/karier/suksesi/jabatan",
    response={200: Page[KritikalOut], **ERRORS_404},
    summary="Jabatan kritikal dengan pemangku, tanggal pensiun dan kekuatan bangku cadangan",
)
def suksesi_jabatan_list(request: HttpRequest, f: Query[KritikalFilter], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    access.require_see_any(actor)
    data = paginate(_with_syarat(selectors.kritikal_list(actor, opd_id=f.opd_id, q=f.q, aktif=f.aktif)), page)
    data["items"] = [_kritikal(b) for b in selectors.rows(data["items"])]
    return data


@router.post(
    "/karier/suksesi/jabatan",
    response={201: KritikalOut, **WRITE_ERRORS},
    summary="Tandai jabatan kritikal beserta syaratnya (admin BKD); kandidat langsung dihitung",
)
def suksesi_jabatan_create(request: HttpRequest, body: KritikalIn) -> Any:
    actor = actor_from_request(request)
    access.require_manage(actor)
    jabatan = jabatan_for_actor(actor, body.jabatan_id)
    jk = services.jabatan_kritikal_set(actor=actor, jabatan=jabatan, data=_syarat(body))
    return Status(201, _one(request, jk.pk))


@router.put(
    "/karier/suksesi/jabatan/{int:kritikal_id}",
    response={200: KritikalOut, **WRITE_ERRORS},
    summary="Ubah syarat jabatan kritikal (admin BKD)",
)
def suksesi_jabatan_update(
    request: HttpRequest, body: SyaratIn, kritikal_id: int = path_id("Id jabatan kritikal.")
) -> Any:
    actor = actor_from_request(request)
    jk: JabatanKritikal = access.kritikal_for_actor(actor, kritikal_id)
    services.jabatan_kritikal_set(actor=actor, jabatan=jk.jabatan, data=_syarat(body))
    return _one(request, jk.pk)


@router.get(
    "/karier/suksesi/jabatan/{int:kritikal_id}/kandidat",
    response={200: Page[KandidatOut], **ERRORS_404},
    summary="Kandidat suksesi satu jabatan kritikal, berperingkat, dengan kesiapan dan kesenjangan",
)
def suksesi_kandidat_list(
    request: HttpRequest, page: Query[PageParams], kritikal_id: int = path_id("Id jabatan kritikal.")
) -> Any:
    jk = access.kritikal_for_actor(actor_from_request(request), kritikal_id)
    data = paginate(selectors.kandidat_qs(jk), page)
    data["items"] = [_kandidat(k) for k in data["items"]]
    return data


@router.get(
    "/karier/suksesi/berisiko",
    response={200: Page[KritikalOut], **ERRORS_404},
    summary="Jabatan kritikal berisiko: tanpa kandidat siap sekarang dan pemangku pensiun dalam 2 tahun",
)
def suksesi_berisiko(request: HttpRequest, f: Query[OpdFilter], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    access.require_see_any(actor)
    rows = selectors.berisiko(actor, opd_id=f.opd_id)
    out = paginate(rows, page)
    return {**out, "items": [_kritikal(b) for b in out["items"]]}


@router.get(
    "/karier/suksesi/jabatan/{int:kritikal_id}/nominasi",
    response={200: Page[NominasiSuccessionOut], **ERRORS_404},
    summary="Nominasi suksesi satu jabatan kritikal dan keputusan komite talenta",
)
def suksesi_nominasi_list(
    request: HttpRequest, page: Query[PageParams], kritikal_id: int = path_id("Id jabatan kritikal.")
) -> Any:
    jk = access.kritikal_for_actor(actor_from_request(request), kritikal_id)
    data = paginate(selectors.nominasi_qs(jk), page)
    data["items"] = [_nominasi(n) for n in data["items"]]
    return data


@router.post(
    "/karier/suksesi/jabatan/{int:kritikal_id}/nominasi",
    response={201: NominasiSuccessionOut, **WRITE_ERRORS},
    summary="Usulkan kandidat kepada komite talenta (admin BKD atau kepala perangkat daerah jabatan ini)",
)
def suksesi_nominasi_create(
    request: HttpRequest, body: NominasiSuksesiIn, kritikal_id: int = path_id("Id jabatan kritikal.")
) -> Any:
    actor = actor_from_request(request)
    jk = access.kritikal_for_actor(actor, kritikal_id)
    pegawai = person_for_actor(actor, body.pegawai_id)
    n = services.nominasi_create(actor=actor, jabatan_kritikal=jk, pegawai=pegawai, alasan=body.alasan)
    return Status(201, _nominasi(n))


@router.post(
    "/karier/suksesi/nominasi/{int:nominasi_id}/keputusan",
    response={200: NominasiSuccessionOut, **WRITE_ERRORS},
    summary="Catat keputusan komite talenta atas nominasi (admin BKD), dengan nomor berita acara",
)
def suksesi_nominasi_decide(request: HttpRequest, body: KeputusanIn, nominasi_id: int = path_id("Id nominasi.")) -> Any:
    actor = actor_from_request(request)
    n = access.nominasi_for_actor(actor, nominasi_id)
    n = services.nominasi_decide(
        actor=actor, nominasi=n, setuju=body.setuju, nomor_berita_acara=body.nomor_berita_acara, catatan=body.catatan
    )
    return _nominasi(n)
