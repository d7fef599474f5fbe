"""REST API of coaching plans (issue #12 §6, §9): list, detail, open, change, close, meetings, actions,
and the mid-year early warning for the actor's team. Same access and services as the screens: hidden
is 404, not yours 403, a rule's refusal (a plan without a mentor) 409 — the handlers in
`karier/api/api.py` make them."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.people.access import actor_from_request
from karier.people.models import Pegawai
from karier.plans.schemas import WRITE_ERRORS
from karier.talent.access import person_for_actor
from karier.talent.coaching import access, selectors, services
from karier.talent.coaching.schemas import (
    BimbinganDetailOut,
    BimbinganIn,
    BimbinganOut,
    BimbinganQuery,
    BimbinganTutupIn,
    BimbinganUpdateIn,
    PeringatanDiniOut,
    PertemuanBimbinganIn,
    PertemuanBimbinganOut,
    TindakanBimbinganIn,
    TindakanBimbinganOut,
    TindakanSelesaiIn,
)
from karier.talent.coaching.warning import early_warning
from karier.talent.models import RencanaBimbingan

router = Router(tags=["Bimbingan kinerja"])
BASE = "/karier/bimbingan"


def _orang(p: Pegawai) -> dict[str, Any]:
    return {"id": p.pk, "nama": p.nama, "nip": p.nip, "jabatan": p.jabatan.nama if p.jabatan_id and p.jabatan else ""}


def _rencana(r: RencanaBimbingan) -> dict[str, Any]:
    return {
        "id": r.pk,
        "pegawai": _orang(r.pegawai),
        "mentor": _orang(r.mentor),
        "tahun": r.tahun,
        "jenis": r.jenis,
        "status": r.status,
        "pemicu": list(r.pemicu or []),
        "tujuan": r.tujuan,
        "tanggal_tindak_lanjut": r.tanggal_tindak_lanjut,
        "hasil": r.hasil,
        "catatan_hasil": r.catatan_hasil,
        "dibuat_pada": r.dibuat_pada,
        "ditutup_pada": r.ditutup_pada,
        "tindakan_terbuka": getattr(r, "tindakan_terbuka", None),
    }


def _detail(r: RencanaBimbingan) -> dict[str, Any]:
    return {**_rencana(r), "pertemuan": selectors.pertemuan_of(r), "tindakan": selectors.tindakan_of(r)}


def _mentor(mentor_id: int | None) -> Pegawai | None:
    if mentor_id is None:
        return None
    found = Pegawai.objects.filter(pk=mentor_id).select_related("jabatan").first()
    if found is None:
        raise Http404(_("Mentor tidak ditemukan."))
    return found


@router.get(BASE, response={200: Page[BimbinganOut], **ERRORS}, summary="Rencana bimbingan kinerja")
def coaching_rencana_list(request: HttpRequest, q: Query[BimbinganQuery], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    f = selectors.Saring(
        status=q.status.value if q.status else "",
        tahun=q.tahun,
        opd_id=q.opd_id,
        jenis=q.jenis.value if q.jenis else "",
        q=q.q.strip(),
        tim=q.tim,
        jatuh_tempo=q.jatuh_tempo,
    )
    result = paginate(selectors.rencana_list(actor, f), page)
    result["items"] = [_rencana(r) for r in result["items"]]
    return result


@router.get(
    f"{BASE}/peringatan-dini",
    response={200: list[PeringatanDiniOut], **ERRORS},
    summary="Peringatan dini: anggota tim yang realisasinya tertinggal (mulai Juli)",
)
def coaching_peringatan_dini(request: HttpRequest) -> Any:
    rows = early_warning(actor_from_request(request), timezone.localdate())
    return [
        {
            "pegawai": _orang(w.pegawai),
            "indikator_tertinggal": w.tertinggal,
            "jumlah_indikator": w.dibandingkan,
            "rencana_id": w.rencana_id,
        }
        for w in rows
    ]


@router.post(BASE, response={201: BimbinganDetailOut, **WRITE_ERRORS}, summary="Buka rencana bimbingan")
def coaching_rencana_create(request: HttpRequest, body: BimbinganIn) -> Any:
    actor = actor_from_request(request)
    pegawai = person_for_actor(actor, body.pegawai_id)
    r = services.bimbingan_create(
        actor=actor,
        pegawai=pegawai,
        mentor=_mentor(body.mentor_id),
        jenis=body.jenis.value,
        tujuan=body.tujuan,
        tanggal_tindak_lanjut=body.tanggal_tindak_lanjut,
        tahun=body.tahun,
    )
    return 201, _detail(r)


@router.get(
    f"{BASE}/{{rencana_id}}", response={200: BimbinganDetailOut, **ERRORS_404}, summary="Rincian rencana bimbingan"
)
def coaching_rencana_get(request: HttpRequest, rencana_id: int = path_id("Id rencana bimbingan")) -> Any:
    return _detail(access.rencana_for_actor(actor_from_request(request), rencana_id))


@router.patch(
    f"{BASE}/{{rencana_id}}", response={200: BimbinganDetailOut, **WRITE_ERRORS}, summary="Ubah rencana bimbingan"
)
def coaching_rencana_update(
    request: HttpRequest, body: BimbinganUpdateIn, rencana_id: int = path_id("Id rencana bimbingan")
) -> Any:
    actor = actor_from_request(request)
    r = access.rencana_for_actor(actor, rencana_id)
    kwargs: dict[str, Any] = {
        "tujuan": body.tujuan,
        "tanggal_tindak_lanjut": body.tanggal_tindak_lanjut,
        "jenis": body.jenis.value if body.jenis else None,
    }
    if body.mentor_id is not None:
        kwargs["mentor"] = _mentor(body.mentor_id)
    return _detail(services.bimbingan_update(actor=actor, rencana=r, **kwargs))


@router.post(
    f"{BASE}/{{rencana_id}}/tutup",
    response={200: BimbinganDetailOut, **WRITE_ERRORS},
    summary="Tutup rencana bimbingan",
)
def coaching_rencana_close(
    request: HttpRequest, body: BimbinganTutupIn, rencana_id: int = path_id("Id rencana bimbingan")
) -> Any:
    actor = actor_from_request(request)
    r = access.rencana_for_actor(actor, rencana_id)
    return _detail(
        services.bimbingan_close(actor=actor, rencana=r, hasil=body.hasil.value, catatan_hasil=body.catatan_hasil)
    )


@router.post(
    f"{BASE}/{{rencana_id}}/pertemuan",
    response={201: PertemuanBimbinganOut, **WRITE_ERRORS},
    summary="Catat pertemuan bimbingan",
)
def coaching_pertemuan_add(
    request: HttpRequest, body: PertemuanBimbinganIn, rencana_id: int = path_id("Id rencana bimbingan")
) -> Any:
    actor = actor_from_request(request)
    r = access.rencana_for_actor(actor, rencana_id)
    return 201, services.pertemuan_add(actor=actor, rencana=r, tanggal=body.tanggal, catatan=body.catatan)


@router.post(
    f"{BASE}/{{rencana_id}}/tindakan",
    response={201: TindakanBimbinganOut, **WRITE_ERRORS},
    summary="Tambah tindakan yang disepakati",
)
def coaching_tindakan_add(
    request: HttpRequest, body: TindakanBimbinganIn, rencana_id: int = path_id("Id rencana bimbingan")
) -> Any:
    actor = actor_from_request(request)
    r = access.rencana_for_actor(actor, rencana_id)
    return 201, services.tindakan_add(actor=actor, rencana=r, uraian=body.uraian, batas=body.batas)


@router.post(
    f"{BASE}/{{rencana_id}}/tindakan/{{tindakan_id}}/selesai",
    response={200: TindakanBimbinganOut, **WRITE_ERRORS},
    summary="Tandai tindakan selesai (atau buka lagi)",
)
def coaching_tindakan_done(
    request: HttpRequest,
    body: TindakanSelesaiIn,
    rencana_id: int = path_id("Id rencana bimbingan"),
    tindakan_id: int = path_id("Id tindakan"),
) -> Any:
    actor = actor_from_request(request)
    t = access.tindakan_for_actor(actor, rencana_id, tindakan_id)
    return services.tindakan_done(actor=actor, tindakan=t, selesai=body.selesai)
