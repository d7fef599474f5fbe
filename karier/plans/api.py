"""REST endpoints for plans (SKP): read and write under the same access rules as the screens.

A hidden plan is 404; a visible plan the actor may not act on is 403 with the reason; refused
input (or a plan in the wrong state) is 409 with `{"detail", "errors"}` from the service.
Path ids use the `int` converter so that "/skp/cakupan" and friends (insight router) still route.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.people.access import Actor, actor_from_request, pegawai_for_actor
from karier.plans import access, selectors, services, workflow
from karier.plans.choices import JenisHasil
from karier.plans.models import RencanaHasilKerja, Skp
from karier.plans.schemas import (
    WRITE_ERRORS,
    AlasanIn,
    EkspektasiIn,
    IkiIn,
    IkiPatch,
    KomentarIn,
    LampiranIn,
    LinkIn,
    RhkIn,
    RhkOptionOut,
    RhkPatch,
    SkpCreateIn,
    SkpDetail,
    SkpFilter,
    SkpListItem,
    TeksIn,
    orang,
)

_id = path_id

router = Router(tags=["SKP"])


# ---------------------------------------------------------------------------- shaping
def _rhk(r: RencanaHasilKerja) -> dict[str, Any]:
    a = r.rhk_atasan
    return {
        "id": r.pk,
        "jenis": r.jenis,
        "urutan": r.urutan,
        "teks": r.teks,
        "dimensi": r.dimensi,
        "perspektif": r.perspektif,
        "rhk_atasan": {"id": a.pk, "teks": a.teks, "skp_id": a.skp_id, "pegawai": a.skp.pegawai.nama_lengkap}
        if a
        else None,
        "iki": [
            {
                "id": i.pk,
                "urutan": i.urutan,
                "aspek": i.aspek,
                "indikator": i.indikator,
                "target_angka": i.target_angka,
                "satuan": i.satuan,
                "target_kualitatif": i.target_kualitatif,
            }
            for i in r.iki.all()
        ],
    }


def _detail(actor: Actor, skp_id: int) -> dict[str, Any]:
    skp = selectors.skp_detail(skp_id)
    roles = access.peran(actor, skp)
    sections = selectors.rhk_sections(skp)
    return {
        "id": skp.pk,
        "tahun": skp.tahun_id,
        "status": skp.status,
        "versi": skp.versi,
        "sumber": skp.sumber,
        "periode_mulai": skp.periode_mulai,
        "periode_selesai": skp.periode_selesai,
        "pegawai": orang(skp.pegawai),
        "jabatan": {"id": skp.jabatan.pk, "nama": skp.jabatan.nama},
        "unit": {"id": skp.unit.pk, "nama": skp.unit.nama},
        "penilai": orang(skp.penilai),
        "penilai_jabatan": {"id": skp.penilai_jabatan.pk, "nama": skp.penilai_jabatan.nama}
        if skp.penilai_jabatan
        else None,
        "diajukan_pada": skp.diajukan_pada,
        "disetujui_pada": skp.disetujui_pada,
        "hasil_utama": [_rhk(r) for r in sections[JenisHasil.UTAMA]],
        "hasil_tambahan": [_rhk(r) for r in sections[JenisHasil.TAMBAHAN]],
        "perilaku": [
            {
                "id": p.pk,
                "nilai": p.nilai_id,
                "nama": p.nilai.nama,
                "panduan": [g.teks for g in p.nilai.panduan.all()],
                "ekspektasi_khusus": p.ekspektasi_khusus,
            }
            for p in skp.perilaku.all()
        ],
        "lampiran": {f: getattr(skp, f) for f in services.LAMPIRAN},
        "dialog": [
            {
                "id": d.pk,
                "jenis": d.jenis,
                "teks": d.teks,
                "versi": d.versi,
                "dibuat_pada": d.dibuat_pada,
                "penulis": (
                    d.penulis.pegawai.nama_lengkap
                    if d.penulis and d.penulis.pegawai
                    else (d.penulis.get_username() if d.penulis else None)
                ),
            }
            for d in skp.dialog.all()
        ],
        "peringatan": selectors.warnings(skp),
        "tindakan": [
            m.value for m in workflow.allowed(status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup)
        ],
        "boleh_ubah": access.can_edit(actor, skp, roles),
    }


def _skp(request: HttpRequest, skp_id: int) -> tuple[Actor, Skp]:
    actor = actor_from_request(request)
    return actor, access.skp_for_actor(actor, skp_id)


def _iki_data(body: IkiIn) -> services.IkiData:
    return services.IkiData(
        indikator=body.indikator,
        aspek=body.aspek.value,
        target_angka=body.target_angka,
        satuan=body.satuan,
        target_kualitatif=body.target_kualitatif,
    )


# ---------------------------------------------------------------------------- lists
@router.get("/skp", response={200: Page[SkpListItem], **ERRORS}, summary="SKP saya")
def skp_mine(request: HttpRequest, filters: Query[SkpFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    base = Skp.objects.filter(pegawai_id=actor.pegawai_id) if actor.pegawai_id else Skp.objects.none()
    return paginate(selectors.skp_list(base, tahun=filters.tahun, status=filters.status or ""), page)


@router.get(
    "/skp/bawahan",
    response={200: Page[SkpListItem], **ERRORS},
    summary="SKP bawahan langsung (dari jabatan yang dipangku hari ini, termasuk Plt/Plh)",
)
def skp_bawahan(request: HttpRequest, filters: Query[SkpFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    return paginate(selectors.subordinate_plans(actor, filters.tahun, status=filters.status or ""), page)


@router.post(
    "/skp",
    response={201: SkpDetail, **WRITE_ERRORS},
    summary="Buat SKP: kosong, salin dari tahun lalu, atau dari standar jabatan",
)
def skp_create(request: HttpRequest, body: SkpCreateIn) -> Any:
    actor = actor_from_request(request)
    pegawai_id = body.pegawai_id or actor.pegawai_id
    if pegawai_id is None:
        return 403, {"detail": "Akun Anda tidak terhubung dengan data pegawai."}
    pegawai = pegawai_for_actor(actor, pegawai_id)  # 404 when hidden
    skp = services.skp_create(
        actor=actor,
        pegawai=pegawai,
        tahun=body.tahun,
        sumber=body.sumber.value,
        periode_mulai=body.periode_mulai,
    )
    return 201, _detail(actor, skp.pk)


# ---------------------------------------------------------------------------- one plan
@router.get("/skp/{int:skp_id}", response={200: SkpDetail, **ERRORS_404}, summary="SKP dengan semua barisnya")
def skp_detail(request: HttpRequest, skp_id: int = _id("Id SKP.")) -> dict[str, Any]:
    actor, skp = _skp(request, skp_id)
    return _detail(actor, skp.pk)


@router.get(
    "/skp/{int:skp_id}/rhk-atasan",
    response={200: list[RhkOptionOut], **ERRORS_404},
    summary="RHK pejabat penilai yang dapat diintervensi (untuk menautkan)",
)
def skp_rhk_atasan(request: HttpRequest, skp_id: int = _id("Id SKP.")) -> list[dict[str, Any]]:
    _, skp = _skp(request, skp_id)
    return [
        {"id": r.pk, "teks": r.teks, "jenis": r.jenis, "skp_id": r.skp_id, "status_skp": r.skp.status}
        for r in selectors.superior_rhk_options(skp)
    ]


@router.post("/skp/{int:skp_id}/rhk", response={201: SkpDetail, **WRITE_ERRORS}, summary="Tambah RHK")
def rhk_add(request: HttpRequest, body: RhkIn, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    services.rhk_add(
        actor=actor,
        skp=skp,
        data=services.RhkData(
            teks=body.teks,
            jenis=body.jenis.value,
            dimensi=body.dimensi.value,
            perspektif=body.perspektif.value if body.perspektif else "",
        ),
        iki=_iki_data(body.iki) if body.iki else None,
        rhk_atasan=access.rhk_atasan_by_id(body.rhk_atasan_id, field="rhk_atasan_id"),
    )
    return 201, _detail(actor, skp.pk)


@router.patch("/skp/{int:skp_id}/rhk/{int:rhk_id}", response={200: SkpDetail, **WRITE_ERRORS}, summary="Ubah RHK")
def rhk_update(request: HttpRequest, body: RhkPatch, skp_id: int = _id("Id SKP."), rhk_id: int = _id("Id RHK.")) -> Any:
    actor = actor_from_request(request)
    rhk = access.rhk_for_actor(actor, skp_id, rhk_id)
    skp = rhk.skp
    services.rhk_update(
        actor=actor,
        rhk=rhk,
        data=services.RhkData(
            teks=body.teks if body.teks is not None else rhk.teks,
            jenis=body.jenis.value if body.jenis else rhk.jenis,
            dimensi=body.dimensi.value if body.dimensi else rhk.dimensi,
            perspektif=body.perspektif.value if body.perspektif else rhk.perspektif,
        ),
    )
    return 200, _detail(actor, skp.pk)


@router.delete("/skp/{int:skp_id}/rhk/{int:rhk_id}", response={200: SkpDetail, **WRITE_ERRORS}, summary="Hapus RHK")
def rhk_delete(request: HttpRequest, skp_id: int = _id("Id SKP."), rhk_id: int = _id("Id RHK.")) -> Any:
    actor = actor_from_request(request)
    rhk = access.rhk_for_actor(actor, skp_id, rhk_id)
    skp = rhk.skp
    services.rhk_delete(actor=actor, rhk=rhk)
    return 200, _detail(actor, skp.pk)


@router.put(
    "/skp/{int:skp_id}/rhk/{int:rhk_id}/atasan",
    response={200: SkpDetail, **WRITE_ERRORS},
    summary="Tautkan RHK ke RHK atasan yang diintervensi (null: lepas)",
)
def rhk_link(request: HttpRequest, body: LinkIn, skp_id: int = _id("Id SKP."), rhk_id: int = _id("Id RHK.")) -> Any:
    actor = actor_from_request(request)
    rhk = access.rhk_for_actor(actor, skp_id, rhk_id)
    skp = rhk.skp
    services.rhk_link(
        actor=actor, rhk=rhk, rhk_atasan=access.rhk_atasan_by_id(body.rhk_atasan_id, field="rhk_atasan_id")
    )
    return 200, _detail(actor, skp.pk)


@router.post(
    "/skp/{int:skp_id}/rhk/{int:rhk_id}/iki", response={201: SkpDetail, **WRITE_ERRORS}, summary="Tambah IKI pada RHK"
)
def iki_add(request: HttpRequest, body: IkiIn, skp_id: int = _id("Id SKP."), rhk_id: int = _id("Id RHK.")) -> Any:
    actor = actor_from_request(request)
    rhk = access.rhk_for_actor(actor, skp_id, rhk_id)
    skp = rhk.skp
    services.iki_add(actor=actor, rhk=rhk, data=_iki_data(body))
    return 201, _detail(actor, skp.pk)


@router.patch("/skp/{int:skp_id}/iki/{int:iki_id}", response={200: SkpDetail, **WRITE_ERRORS}, summary="Ubah IKI")
def iki_update(request: HttpRequest, body: IkiPatch, skp_id: int = _id("Id SKP."), iki_id: int = _id("Id IKI.")) -> Any:
    actor = actor_from_request(request)
    iki = access.iki_for_actor(actor, skp_id, iki_id)
    skp = iki.rhk.skp
    sent = body.model_dump(exclude_unset=True)
    services.iki_update(
        actor=actor,
        iki=iki,
        data=services.IkiData(
            indikator=sent.get("indikator") or iki.indikator,
            aspek=(body.aspek.value if body.aspek else iki.aspek),
            target_angka=sent.get("target_angka", iki.target_angka),
            satuan=sent["satuan"] if sent.get("satuan") is not None else iki.satuan,
            target_kualitatif=(
                sent["target_kualitatif"] if sent.get("target_kualitatif") is not None else iki.target_kualitatif
            ),
        ),
    )
    return 200, _detail(actor, skp.pk)


@router.delete("/skp/{int:skp_id}/iki/{int:iki_id}", response={200: SkpDetail, **WRITE_ERRORS}, summary="Hapus IKI")
def iki_delete(request: HttpRequest, skp_id: int = _id("Id SKP."), iki_id: int = _id("Id IKI.")) -> Any:
    actor = actor_from_request(request)
    iki = access.iki_for_actor(actor, skp_id, iki_id)
    skp = iki.rhk.skp
    services.iki_delete(actor=actor, iki=iki)
    return 200, _detail(actor, skp.pk)


@router.patch(
    "/skp/{int:skp_id}/perilaku/{int:ekspektasi_id}",
    response={200: SkpDetail, **WRITE_ERRORS},
    summary="Ekspektasi khusus pimpinan untuk satu nilai BerAKHLAK (pejabat penilai)",
)
def ekspektasi_update(
    request: HttpRequest,
    body: EkspektasiIn,
    skp_id: int = _id("Id SKP."),
    ekspektasi_id: int = _id("Id baris perilaku."),
) -> Any:
    actor = actor_from_request(request)
    e = access.ekspektasi_for_actor(actor, skp_id, ekspektasi_id)
    skp = e.skp
    services.ekspektasi_update(actor=actor, ekspektasi=e, teks=body.ekspektasi_khusus)
    return 200, _detail(actor, skp.pk)


@router.patch("/skp/{int:skp_id}/lampiran", response={200: SkpDetail, **WRITE_ERRORS}, summary="Ubah lampiran SKP")
def lampiran_update(request: HttpRequest, body: LampiranIn, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    fields = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None}
    services.lampiran_update(actor=actor, skp=skp, **fields)
    return 200, _detail(actor, skp.pk)


# ---------------------------------------------------------------------------- workflow
@router.post(
    "/skp/{int:skp_id}/ajukan",
    response={200: SkpDetail, **WRITE_ERRORS},
    summary="Ajukan SKP ke pejabat penilai (pemilik)",
)
def skp_submit(request: HttpRequest, body: KomentarIn, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    return 200, _detail(actor, services.skp_submit(actor=actor, skp=skp, catatan=body.komentar).pk)


@router.post(
    "/skp/{int:skp_id}/tarik",
    response={200: SkpDetail, **WRITE_ERRORS},
    summary="Tarik kembali SKP yang diajukan menjadi draf (pemilik, sebelum penilai memutuskan)",
)
def skp_withdraw(request: HttpRequest, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    return 200, _detail(actor, services.skp_withdraw(actor=actor, skp=skp).pk)


@router.post(
    "/skp/{int:skp_id}/kembalikan",
    response={200: SkpDetail, **WRITE_ERRORS},
    summary="Kembalikan SKP dengan komentar (pejabat penilai)",
)
def skp_return(request: HttpRequest, body: KomentarIn, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    return 200, _detail(actor, services.skp_return(actor=actor, skp=skp, komentar=body.komentar).pk)


@router.post(
    "/skp/{int:skp_id}/setujui",
    response={200: SkpDetail, **WRITE_ERRORS},
    summary="Setujui SKP (pejabat penilai, atau Plt/Plh jabatannya)",
)
def skp_approve(request: HttpRequest, body: KomentarIn, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    return 200, _detail(actor, services.skp_approve(actor=actor, skp=skp, komentar=body.komentar).pk)


@router.post(
    "/skp/{int:skp_id}/revisi",
    response={200: SkpDetail, **WRITE_ERRORS},
    summary="Buka SKP yang disetujui untuk revisi (versi disimpan)",
)
def skp_revise(request: HttpRequest, body: AlasanIn, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    return 200, _detail(actor, services.skp_revise(actor=actor, skp=skp, alasan=body.alasan).pk)


@router.post(
    "/skp/{int:skp_id}/dialog", response={201: SkpDetail, **WRITE_ERRORS}, summary="Tambah catatan dialog kinerja"
)
def dialog_add(request: HttpRequest, body: TeksIn, skp_id: int = _id("Id SKP.")) -> Any:
    actor, skp = _skp(request, skp_id)
    services.dialog_add(actor=actor, skp=skp, teks=body.teks)
    return 201, _detail(actor, skp.pk)
