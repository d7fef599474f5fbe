"""REST endpoints of issue #5 parts 5–8 (tag "Penilaian: kalibrasi, finalisasi, keberatan, penutupan").

Same rules as the screens: a unit the caller may not see, an evaluation whose appraisee is hidden
and someone else's job answer 404; a visible thing the caller may not act on answers 403 with the
reason; a well-formed write a rule refuses (e.g. a broken curve, a locked evaluation) answers 409 with the
messages by field (both by the API's one handler, `karier/api/api.py`);
422 is only for requests that do not match the schema (docs/contributing.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from karier.api.helpers import binary_response
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, MAX_ID, ErrorOut, JobOut, Page
from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration import finalise, objection
from karier.appraisal.calibration import selectors as sel
from karier.appraisal.calibration.schemas import (
    EvaluasiStatusOut,
    FinalisasiIn,
    FinalisasiOut,
    HasilUnitIn,
    HasilUnitOut,
    KalibrasiAlasanIn,
    KalibrasiOut,
    KeberatanOut,
    KeberatanParams,
    KeberatanPutusanIn,
    PindahIn,
    TandaTanganOut,
    TutupIn,
)
from karier.appraisal.calibration.services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.evaluation import close as close_svc
from karier.appraisal.evaluation import documents
from karier.appraisal.evaluation.access import evaluasi_for_actor
from karier.appraisal.models import Evaluasi, Keberatan, PredikatOrganisasiUnit
from karier.core.jobs import job_dict
from karier.people.access import actor_from_request

router = Router(tags=["Penilaian: kalibrasi, finalisasi, keberatan, penutupan"])


READ: dict[int, Any] = ERRORS_404
# 400: a body that is not JSON at all (ninja's parse error).
WRITE: dict[int, Any] = {**ERRORS, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _id(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description)


def _ev(e: Evaluasi) -> dict[str, Any]:
    return {
        "id": e.pk,
        "status": e.status,
        "versi": e.versi,
        "predikat": e.predikat,
        "predikat_akhir": e.predikat_akhir,
        "ditandatangani_penilai_pada": e.ditandatangani_penilai_pada,
        "ditandatangani_atasan_pada": e.ditandatangani_atasan_pada,
        "final_pada": e.final_pada,
    }


def _keberatan(k: Keberatan) -> dict[str, Any]:
    return {
        "id": k.pk,
        "evaluasi_id": k.evaluasi_id,
        "pegawai": k.evaluasi.pegawai.nama_lengkap,
        "periode": f"{k.evaluasi.periode.nama} {k.evaluasi.periode.tahun_id}",
        "alasan": k.alasan,
        "status": k.status,
        "diajukan_pada": k.diajukan_pada,
        "keputusan": k.keputusan,
        "predikat_baru": k.predikat_baru,
        "diputus_pada": k.diputus_pada,
    }


UNIT = "/penilaian/kalibrasi/{periode_id}/unit/{unit_id}"


# ---------------------------------------------------------------------------- unit result
@router.get(
    UNIT + "/hasil",
    response={200: HasilUnitOut, **READ},
    url_name="kalibrasi_hasil",
    summary="Predikat kinerja organisasi unit (404 bila belum ditetapkan)",
)
def unit_result_get(
    request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> dict[str, Any]:
    periode, unit = ca.unit_periode_for_calibration(actor_from_request(request), periode_id, unit_id)
    row = PredikatOrganisasiUnit.objects.filter(unit=unit, periode=periode).first()
    if row is None:
        raise Http404(_("Predikat kinerja organisasi belum ditetapkan."))
    return {
        "unit_id": unit.pk,
        "periode_id": periode.pk,
        "predikat": row.predikat,
        "alasan": row.alasan,
        "ditetapkan_pada": row.ditetapkan_pada,
    }


@router.put(
    UNIT + "/hasil",
    response={200: HasilUnitOut, **WRITE},
    url_name="kalibrasi_hasil_set",
    summary="Tetapkan predikat kinerja organisasi unit",
    description="Oleh pimpinan di atas unit (pemegang jabatan atasan kepala unit, juga Plt/Plh). Rating "
    "hasil kerja kepala unit mengikuti. Ditolak setelah unit difinalisasi.",
)
def unit_result_set(
    request: HttpRequest, body: HasilUnitIn, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> Any:
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    row = predikat_organisasi_set(
        actor=actor, unit=unit, periode=periode, predikat=str(body.predikat), alasan=body.alasan
    )
    return {
        "unit_id": unit.pk,
        "periode_id": periode.pk,
        "predikat": row.predikat,
        "alasan": row.alasan,
        "ditetapkan_pada": row.ditetapkan_pada,
    }


# ---------------------------------------------------------------------------- calibration
@router.get(
    UNIT,
    response={200: KalibrasiOut, **READ},
    url_name="kalibrasi_unit",
    summary="Kalibrasi unit: distribusi predikat terhadap kurva, pelanggaran, pegawai",
)
def calibration_get(
    request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> dict[str, Any]:
    periode, unit = ca.unit_periode_for_calibration(actor_from_request(request), periode_id, unit_id)
    cal = sel.unit_calibration(unit, periode)
    return {
        "unit_id": unit.pk,
        "periode_id": periode.pk,
        "predikat_organisasi": cal.organisasi.predikat if cal.organisasi else None,
        "final": cal.final,
        "jumlah": cal.counts,
        "batas": [lim.description for lim in cal.limits],
        "pelanggaran": cal.pesan_pelanggaran,
        "pegawai": [
            {
                "evaluasi_id": e.pk,
                "pegawai_id": e.pegawai_id,
                "nama": e.pegawai.nama_lengkap,
                "jabatan": e.jabatan.nama,
                "rating_hasil_kerja": e.rating_hasil_kerja,
                "rating_perilaku": e.rating_perilaku,
                "predikat": e.predikat,
                "predikat_akhir": e.predikat_akhir,
                "status": e.status,
            }
            for e in cal.evaluasi
        ],
    }


@router.post(
    UNIT + "/pindah",
    response={200: EvaluasiStatusOut, **WRITE},
    url_name="kalibrasi_pindah",
    summary="Pindahkan satu pegawai ke kategori predikat lain (dengan alasan)",
)
def calibration_move(
    request: HttpRequest, body: PindahIn, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> Any:
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    ev = ca.unit_evaluasi_for_calibration(actor, unit, periode, body.evaluasi_id)
    kalibrasi_move(actor=actor, evaluasi=ev, unit=unit, ke=str(body.ke), alasan=body.alasan)
    ev.refresh_from_db()
    return _ev(ev)


@router.post(
    UNIT + "/finalisasi",
    response={200: FinalisasiOut, **WRITE},
    url_name="kalibrasi_finalisasi",
    summary="Finalisasi unit (penilai yang memfinalisasi ikut menandatangani evaluasi yang ia nilai)",
    description="Ditolak bila ada yang belum dinilai, predikat organisasi belum ada, atau kurva dilanggar "
    "tanpa justifikasi yang diizinkan kebijakan.",
)
def unit_finalise(
    request: HttpRequest, body: FinalisasiIn, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> Any:
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    fin = finalise.unit_finalise(actor=actor, unit=unit, periode=periode, justifikasi=body.justifikasi)
    return {
        "unit_id": unit.pk,
        "periode_id": periode.pk,
        "status": fin.status,
        "pelanggaran_kurva": fin.pelanggaran_kurva,
        "justifikasi": fin.justifikasi,
        "pada": fin.pada,
    }


@router.post(
    UNIT + "/tanda-tangan",
    response={200: TandaTanganOut, **WRITE},
    url_name="kalibrasi_ttd_unit",
    summary="Atasan pejabat penilai menandatangani evaluasi unit (menjadi final)",
)
def unit_sign(request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")) -> Any:
    return _sign_unit(request, periode_id, unit_id, finalise.tanda_tangan_atasan_add)


@router.post(
    UNIT + "/tanda-tangan-penilai",
    response={200: TandaTanganOut, **WRITE},
    url_name="kalibrasi_ttd_penilai_unit",
    summary="Pejabat penilai menandatangani evaluasi unit yang ia nilai (setelah finalisasi)",
)
def unit_sign_penilai(
    request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> Any:
    return _sign_unit(request, periode_id, unit_id, finalise.tanda_tangan_penilai_add)


def _sign_unit(request: HttpRequest, periode_id: int, unit_id: int, sign: Callable[..., int]) -> Any:
    """`sign` (a `finalise.tanda_tangan_*_add` service) over the unit's evaluations: how many were signed."""
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    return {"ditandatangani": sign(actor=actor, periode=periode, unit=unit)}


# ---------------------------------------------------------------------------- one evaluation
EV = "/penilaian/evaluasi/{evaluasi_id}"


@router.post(
    EV + "/tanda-tangan-penilai",
    response={200: EvaluasiStatusOut, **WRITE},
    url_name="evaluasi_ttd_penilai",
    summary="Pejabat penilai menandatangani satu evaluasi",
)
def sign_one_penilai(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    return _sign_one(request, evaluasi_id, finalise.tanda_tangan_penilai_add)


@router.post(
    EV + "/tanda-tangan",
    response={200: EvaluasiStatusOut, **WRITE},
    url_name="evaluasi_ttd_atasan",
    summary="Atasan pejabat penilai menandatangani satu evaluasi",
)
def sign_one(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    return _sign_one(request, evaluasi_id, finalise.tanda_tangan_atasan_add)


def _sign_one(request: HttpRequest, evaluasi_id: int, sign: Callable[..., int]) -> Any:
    """`sign` (a `finalise.tanda_tangan_*_add` service) on one evaluation: its status afterwards."""
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    sign(actor=actor, periode=ev.periode, evaluasi=ev)
    return _ev(ev)


@router.post(
    EV + "/buka-ulang",
    response={200: EvaluasiStatusOut, **WRITE},
    url_name="evaluasi_buka_ulang",
    summary="Buka ulang evaluasi final (admin BKD atau penanda tangan; versi lama disimpan)",
)
def reopen(request: HttpRequest, body: KalibrasiAlasanIn, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    return _ev(finalise.evaluasi_reopen(actor=actor, evaluasi=ev, alasan=body.alasan))


@router.post(
    EV + "/keberatan",
    response={201: KeberatanOut, **WRITE},
    url_name="evaluasi_keberatan",
    summary="Ajukan keberatan atas evaluasi final (pegawai yang dinilai, dalam jangka waktu)",
)
def objection_file(request: HttpRequest, body: KalibrasiAlasanIn, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    row = objection.keberatan_submit(actor=actor, evaluasi=ev, alasan=body.alasan)
    return Status(
        201, _keberatan(Keberatan.objects.select_related("evaluasi__pegawai", "evaluasi__periode").get(pk=row.pk))
    )


@router.get(
    "/penilaian/keberatan",
    response={200: Page[KeberatanOut], **ERRORS},
    url_name="keberatan_daftar",
    summary="Daftar keberatan: yang menunggu keputusan Anda, atau milik Anda",
)
def objections(request: HttpRequest, params: Query[KeberatanParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    qs = sel.objections_to_decide(actor) if params.peran == "putus" else sel.objections_of(actor)
    out = paginate(
        qs.select_related("evaluasi__pegawai", "evaluasi__periode").order_by("-diajukan_pada", "-pk"), params
    )
    out["items"] = [_keberatan(k) for k in out["items"]]
    return out


@router.post(
    "/penilaian/keberatan/{keberatan_id}/putusan",
    response={200: KeberatanOut, **WRITE},
    url_name="keberatan_putus",
    summary="Putuskan keberatan (atasan pejabat penilai)",
)
def objection_decide(request: HttpRequest, body: KeberatanPutusanIn, keberatan_id: int = _id("Id keberatan")) -> Any:
    actor = actor_from_request(request)
    row = ca.keberatan_for_actor(actor, keberatan_id)
    objection.keberatan_decide(
        actor=actor,
        keberatan=row,
        diterima=body.diterima,
        keputusan=body.keputusan,
        predikat_baru=str(body.predikat_baru) if body.predikat_baru else None,
    )
    return _keberatan(row)


# ---------------------------------------------------------------------------- period close
@router.post(
    "/penilaian/tutup",
    response={202: JobOut, **WRITE},
    url_name="periode_tutup_mulai",
    summary="Mulai penutupan periode (latar)",
    description="Admin BKD: seluruh provinsi atau satu perangkat daerah; kepala perangkat daerah: "
    "perangkat daerahnya. Pantau dengan `GET /penilaian/tutup/{job_id}`.",
)
def close_start(request: HttpRequest, body: TutupIn) -> Any:
    actor = actor_from_request(request)
    job = close_svc.periode_close_start(actor=actor, periode_id=body.periode_id, opd_id=body.opd_id)
    job.refresh_from_db()
    return Status(202, job_dict(job))


@router.get(
    "/penilaian/tutup/{job_id}",
    response={200: JobOut, **READ},
    url_name="periode_tutup_status",
    summary="Status penutupan periode",
)
def close_status(request: HttpRequest, job_id: int = _id("Id tugas")) -> dict[str, Any]:
    return job_dict(close_svc.close_job_for_actor(actor_from_request(request), job_id))


# ---------------------------------------------------------------------------- documents


@router.get(
    EV + "/pdf",
    response=READ,
    url_name="evaluasi_pdf",
    summary="Dokumen Evaluasi Kinerja (PDF)",
    openapi_extra=binary_response(documents.PDF, "Berkas PDF A4"),
)
def evaluasi_pdf(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi")) -> HttpResponse:
    ev = evaluasi_for_actor(actor_from_request(request), evaluasi_id)
    doc = documents.evaluasi_document(ev.pk)
    response = HttpResponse(documents.evaluasi_pdf(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename_stem}.pdf"'
    return response


def _unit_doc(request: HttpRequest, periode_id: int, unit_id: int) -> documents.PenetapanDocument:
    periode, unit = ca.unit_documents_for_actor(actor_from_request(request), periode_id, unit_id)
    return documents.penetapan_document(unit, periode)


@router.get(
    UNIT + "/penetapan.pdf",
    response=READ,
    url_name="penetapan_pdf",
    summary="Penetapan Predikat Kinerja unit (PDF)",
    openapi_extra=binary_response(documents.PDF, "Berkas PDF A4"),
)
def penetapan_pdf(
    request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> HttpResponse:
    doc = _unit_doc(request, periode_id, unit_id)
    response = HttpResponse(documents.penetapan_pdf(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename_stem}.pdf"'
    return response


@router.get(
    UNIT + "/rekap.xlsx",
    response=READ,
    url_name="rekap_xlsx",
    summary="Rekap predikat unit (Excel)",
    openapi_extra=binary_response(documents.XLSX, "Berkas Excel"),
)
def rekap_xlsx(
    request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> HttpResponse:
    doc = _unit_doc(request, periode_id, unit_id)
    response = HttpResponse(documents.rekap_xlsx(doc), content_type=documents.XLSX)
    stem = doc.filename_stem.replace("Penetapan-Predikat", "Rekap-Predikat")
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response
