"""REST endpoints of the SKM, under the same rules as the screens: a period of a unit the caller
may not read answers 404; a visible one the caller may not change (auditors) answers 403; a
refused input answers 409 with the reasons by field (the API's own handlers).

The one unauthenticated endpoint submits a questionnaire by the period's public token: the
answers are refused with a message per element (409), the address limits of the public form
apply (429); there is no device cookie here, so "once per device per day" does not.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, ErrorOut, Page, PageParams
from karier.appraisal.public import services as public_services
from karier.appraisal.public.skm import access, selectors, services
from karier.appraisal.public.skm.choices import PROFIL_FIELDS, UNSUR_FIELDS
from karier.appraisal.public.skm.models import PeriodeSkm, TindakLanjutSkm
from karier.appraisal.public.skm.schemas import (
    SkmHasilOut,
    SkmIkmFilter,
    SkmIkmOut,
    SkmPeriodeFilter,
    SkmPeriodeIn,
    SkmPeriodeOut,
    SkmResponIn,
    SkmResponOut,
    SkmTindakLanjutIn,
    SkmTindakLanjutOut,
    SkmTindakLanjutPatch,
)
from karier.appraisal.public.skm.views import _periode_by_token
from karier.core.clientip import client_ip
from karier.people.access import actor_from_request, pegawai_for_actor
from karier.plans.schemas import WRITE_ERRORS

router = Router(tags=["Survei Kepuasan Masyarakat"])


# ---------------------------------------------------------------------------- shaping
def _periode(request: HttpRequest, p: PeriodeSkm, n: int | None = None) -> dict[str, Any]:
    return {
        "id": p.pk,
        "nama": p.nama,
        "unit": {"id": p.unit_id, "nama": p.unit.nama},
        "mulai": p.mulai,
        "selesai": p.selesai,
        "status": p.status,
        "respondents": n if n is not None else getattr(p, "n_respons", 0),
        "url_publik": request.build_absolute_uri(reverse("public_feedback:skm_form", args=[p.token])),
    }


def _tindak_lanjut(t: TindakLanjutSkm) -> dict[str, Any]:
    return {
        "id": t.pk,
        "unsur": t.unsur,
        "tindakan": t.tindakan,
        "penanggung_jawab": t.penanggung_jawab,
        "pegawai_id": t.pegawai_id,
        "pegawai_nama": t.pegawai.nama_lengkap if t.pegawai else None,
        "batas_waktu": t.batas_waktu,
        "status": t.status,
    }


# ---------------------------------------------------------------------------- periods
@router.get(
    "/skm/periode", response={200: Page[SkmPeriodeOut], **ERRORS_404}, summary="Periode SKM yang dapat saya lihat"
)
def skm_periode_list(request: HttpRequest, filters: Query[SkmPeriodeFilter], page: Query[PageParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    if filters.unit_id is not None:
        access.unit_skm_for_actor(actor, filters.unit_id)
    result = paginate(selectors.periods_for_actor(actor, unit_id=filters.unit_id), page)
    result["items"] = [_periode(request, p) for p in result["items"]]
    return result


@router.post("/skm/periode", response={201: SkmPeriodeOut, **WRITE_ERRORS}, summary="Buat periode SKM (draf)")
def skm_periode_create(request: HttpRequest, body: SkmPeriodeIn) -> Any:
    actor = actor_from_request(request)
    unit = access.unit_skm_for_actor(actor, body.unit_id)
    p = services.skm_periode_create(actor=actor, unit=unit, nama=body.nama, mulai=body.mulai, selesai=body.selesai)
    return 201, _periode(request, p, 0)


@router.get(
    "/skm/periode/{int:periode_id}", response={200: SkmHasilOut, **ERRORS_404}, summary="Hasil SKM satu periode"
)
def skm_periode_hasil(request: HttpRequest, periode_id: int = path_id("Id periode SKM.")) -> dict[str, Any]:
    p = access.periode_for_actor(actor_from_request(request), periode_id)
    h = selectors.hasil_periode(p)
    return {
        "periode": _periode(request, p, h.n),
        "respondents": h.n,
        "ikm": h.ikm,
        "mutu": h.mutu,
        "mutu_label": h.mutu_label,
        "unsur": [
            {
                "kode": u.code,
                "label": u.label,
                "rata_rata": u.rata,
                "indeks": u.indeks,
                "mutu": u.mutu,
                "terlemah": u.terlemah,
                "kebutuhan_pengembangan": u.kebutuhan,
            }
            for u in h.unsur
        ],
        "terlemah": [u.code for u in h.terlemah],
        "profil": {
            k: [{"nilai": r.value, "label": r.label, "jumlah": r.n, "persen": r.persen} for r in rows]
            for k, rows in h.profil.items()
        },
        "tindak_lanjut": [_tindak_lanjut(t) for t in h.tindak_lanjut],
    }


@router.post(
    "/skm/periode/{int:periode_id}/buka", response={200: SkmPeriodeOut, **WRITE_ERRORS}, summary="Buka periode"
)
def skm_periode_buka(request: HttpRequest, periode_id: int = path_id("Id periode SKM.")) -> Any:
    actor = actor_from_request(request)
    p = services.skm_periode_open(actor=actor, periode=access.periode_for_actor(actor, periode_id))
    return 200, _periode(request, p, p.respons.count())


@router.post(
    "/skm/periode/{int:periode_id}/tutup", response={200: SkmPeriodeOut, **WRITE_ERRORS}, summary="Tutup periode"
)
def skm_periode_tutup(request: HttpRequest, periode_id: int = path_id("Id periode SKM.")) -> Any:
    actor = actor_from_request(request)
    p = services.skm_periode_close(actor=actor, periode=access.periode_for_actor(actor, periode_id))
    return 200, _periode(request, p, p.respons.count())


# ---------------------------------------------------------------------------- follow-up actions
@router.post(
    "/skm/periode/{int:periode_id}/tindak-lanjut",
    response={201: SkmTindakLanjutOut, **WRITE_ERRORS},
    summary="Tambah rencana tindak lanjut",
)
def skm_tindak_lanjut_create(
    request: HttpRequest, body: SkmTindakLanjutIn, periode_id: int = path_id("Id periode SKM.")
) -> Any:
    actor = actor_from_request(request)
    p = access.periode_for_actor(actor, periode_id)
    pegawai = pegawai_for_actor(actor, body.pegawai_id) if body.pegawai_id else None
    t = services.skm_tindak_lanjut_add(
        actor=actor,
        periode=p,
        unsur=body.unsur,
        tindakan=body.tindakan,
        penanggung_jawab=body.penanggung_jawab,
        pegawai=pegawai,
        batas_waktu=body.batas_waktu,
    )
    return 201, _tindak_lanjut(t)


@router.patch(
    "/skm/tindak-lanjut/{int:tindak_lanjut_id}",
    response={200: SkmTindakLanjutOut, **WRITE_ERRORS},
    summary="Ubah status (dan isi) tindak lanjut",
)
def skm_tindak_lanjut_patch(
    request: HttpRequest, body: SkmTindakLanjutPatch, tindak_lanjut_id: int = path_id("Id tindak lanjut.")
) -> Any:
    actor = actor_from_request(request)
    t = access.tindak_lanjut_for_actor(actor, tindak_lanjut_id)
    t = services.skm_tindak_lanjut_update(
        actor=actor,
        tindak_lanjut=t,
        status=body.status,
        tindakan=body.tindakan,
        penanggung_jawab=body.penanggung_jawab,
        batas_waktu=body.batas_waktu,
    )
    return 200, _tindak_lanjut(t)


# ---------------------------------------------------------------------------- IKM per unit
@router.get("/skm/ikm", response={200: list[SkmIkmOut], **ERRORS}, summary="IKM per unit dan periode dalam satu tahun")
def skm_ikm(request: HttpRequest, filters: Query[SkmIkmFilter]) -> list[Any]:
    """BKD admins and auditors: every unit; an agency head: the agency's units; anyone else: none."""
    actor = actor_from_request(request)
    opd_ids = None if actor.sees_everyone else actor.opd_ids
    return [vars(r) for r in selectors.ikm_rows(tahun=filters.tahun, opd_ids=opd_ids)]


# ---------------------------------------------------------------------------- the public questionnaire
@router.post(
    "/skm/publik/{token}/respons",
    auth=None,
    response={
        201: SkmResponOut,
        400: ErrorOut,
        404: ErrorOut,
        409: WRITE_ERRORS[409],
        422: WRITE_ERRORS[422],
        429: ErrorOut,
    },
    summary="Kirim jawaban survei (tanpa akun)",
)
def skm_respons_publik(
    request: HttpRequest,
    body: SkmResponIn,
    token: str = Path(..., min_length=1, max_length=64, description="Token tautan survei."),
) -> Any:
    p = _periode_by_token(token)  # 404 for a malformed, unknown or draft link
    data = body.dict()
    try:
        row = services.skm_respons_submit(
            periode=p,
            jawaban={k: data[k] for k in UNSUR_FIELDS},
            profil={k: data[k] for k in PROFIL_FIELDS},
            saran=data["saran"],
            perangkat_id=None,
            alamat=client_ip(request),
        )
    except public_services.TerlaluBanyak as exc:
        return 429, {"detail": exc.messages[0]}
    return 201, {"id": row.pk, "detail": _("Terima kasih, jawaban survei Anda sudah kami terima.")}
