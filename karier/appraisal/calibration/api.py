"""REST endpoints of issue #5 parts 5–8 (tag "Penilaian: kalibrasi, finalisasi, keberatan, penutupan").

Same rules as the screens: a unit the caller may not see, an evaluation whose appraisee is hidden
and someone else's job answer 404; a visible thing the caller may not act on answers 403 with the
reason; a well-formed write a rule refuses (e.g. a broken curve, a locked evaluation) answers 409 with the
messages by field; 422 is only for requests that do not match the schema (docs/contributing.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status

from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, MAX_ID, ErrorOut, In, Page, PageParams
from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration import finalise, objection
from karier.appraisal.calibration import selectors as sel
from karier.appraisal.calibration.services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.choices import PredikatChoice, PredikatOrganisasiChoice
from karier.appraisal.evaluation import close as close_svc
from karier.appraisal.evaluation import documents
from karier.appraisal.evaluation.access import evaluasi_for_actor
from karier.appraisal.models import Evaluasi, Keberatan, PeriodePenilaian, PredikatOrganisasiUnit
from karier.people.access import actor_from_request
from karier.plans.models import TugasLatar

router = Router(tags=["Penilaian: kalibrasi, finalisasi, keberatan, penutupan"])
TEKS_MAX = 4000


READ: dict[int, Any] = ERRORS_404
# 400: a body that is not JSON at all (ninja's parse error).
WRITE: dict[int, Any] = {**ERRORS, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _id(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description)


def _forbidden(fn: Callable[[], Any]) -> Any:
    """Run a service; a PermissionDenied becomes 403 with its reason."""
    try:
        return fn()
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc) or "Anda tidak berwenang melakukan ini."})


# ---------------------------------------------------------------------------- shapes
class HasilUnitIn(In):
    predikat: PredikatOrganisasiChoice = Field(..., description="Predikat kinerja organisasi unit.")
    alasan: str = Field(..., min_length=1, max_length=TEKS_MAX)


class HasilUnitOut(Schema):
    unit_id: int
    periode_id: int
    predikat: str
    alasan: str
    ditetapkan_pada: dt.datetime


class PindahIn(In):
    evaluasi_id: int = Field(..., ge=1, le=MAX_ID)
    ke: PredikatChoice = Field(..., description="Predikat tujuan.")
    alasan: str = Field(..., min_length=1, max_length=TEKS_MAX)


class FinalisasiIn(In):
    justifikasi: str = Field(
        "",
        max_length=TEKS_MAX,
        description="Wajib bila kurva dilanggar dan kebijakan tahun itu mengizinkan finalisasi dengan justifikasi.",
    )


class KalibrasiAlasanIn(In):
    alasan: str = Field(..., min_length=1, max_length=TEKS_MAX)


class KeberatanPutusanIn(In):
    diterima: bool
    keputusan: str = Field(..., min_length=1, max_length=TEKS_MAX)
    predikat_baru: PredikatChoice | None = Field(None, description="Wajib bila diterima.")


class TutupIn(In):
    periode_id: int = Field(..., ge=1, le=MAX_ID)
    opd_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Perangkat daerah; tanpa ini seluruh provinsi (hanya admin BKD)."
    )


class OrangKalibrasiOut(Schema):
    evaluasi_id: int
    pegawai_id: int
    nama: str
    jabatan: str
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    predikat_akhir: str
    status: str


class KalibrasiOut(Schema):
    unit_id: int
    periode_id: int
    predikat_organisasi: str | None
    final: bool
    jumlah: dict[str, int] = Field(..., description='Per predikat akhir; kunci "" = belum dinilai.')
    batas: list[str]
    pelanggaran: list[str]
    pegawai: list[OrangKalibrasiOut]


class FinalisasiOut(Schema):
    unit_id: int
    periode_id: int
    status: str
    pelanggaran_kurva: list[str]
    justifikasi: str
    pada: dt.datetime | None


class EvaluasiStatusOut(Schema):
    id: int
    status: str
    versi: int
    predikat: str
    predikat_akhir: str
    ditandatangani_penilai_pada: dt.datetime | None
    ditandatangani_atasan_pada: dt.datetime | None
    final_pada: dt.datetime | None


class TandaTanganOut(Schema):
    ditandatangani: int


class KeberatanOut(Schema):
    id: int
    evaluasi_id: int
    pegawai: str
    periode: str
    alasan: str
    status: str
    diajukan_pada: dt.datetime
    keputusan: str
    predikat_baru: str
    diputus_pada: dt.datetime | None


class KeberatanParams(PageParams):
    peran: str = Field(
        "putus",
        pattern="^(putus|saya)$",
        description="`putus`: keberatan yang menunggu keputusan Anda; `saya`: keberatan Anda.",
    )


class TutupJobOut(Schema):
    id: int
    jenis: str
    status: str
    parameter: dict[str, Any]
    total: int
    diproses: int
    persen: int
    pesan: str
    hasil: dict[str, Any]
    dibuat_pada: dt.datetime
    dimulai_pada: dt.datetime | None
    selesai_pada: dt.datetime | None


def _job(job: TugasLatar) -> dict[str, Any]:
    return {
        "id": job.pk,
        "jenis": job.jenis,
        "status": job.status,
        "parameter": job.parameter,
        "total": job.total,
        "diproses": job.diproses,
        "persen": job.persen,
        "pesan": job.pesan,
        "hasil": job.hasil,
        "dibuat_pada": job.dibuat_pada,
        "dimulai_pada": job.dimulai_pada,
        "selesai_pada": job.selesai_pada,
    }


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


def _unit(request: HttpRequest, periode_id: int, unit_id: int) -> tuple[Any, PeriodePenilaian, Any]:
    actor = actor_from_request(request)
    unit = ca.unit_for_calibration(actor, unit_id)
    periode = get_object_or_404(PeriodePenilaian, pk=periode_id)
    return actor, periode, unit


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
    _, periode, unit = _unit(request, periode_id, unit_id)
    row = PredikatOrganisasiUnit.objects.filter(unit=unit, periode=periode).first()
    if row is None:
        raise Http404("Predikat kinerja organisasi belum ditetapkan.")
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
    _, periode, unit = _unit(request, periode_id, unit_id)

    def run() -> dict[str, Any]:
        row = predikat_organisasi_set(
            actor=request.user, unit=unit, periode=periode, predikat=str(body.predikat), alasan=body.alasan
        )
        return {
            "unit_id": unit.pk,
            "periode_id": periode.pk,
            "predikat": row.predikat,
            "alasan": row.alasan,
            "ditetapkan_pada": row.ditetapkan_pada,
        }

    return _forbidden(run)


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
    _, periode, unit = _unit(request, periode_id, unit_id)
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
    _, periode, unit = _unit(request, periode_id, unit_id)
    ev = sel.unit_evaluations(unit, periode).filter(pk=body.evaluasi_id).select_related("periode", "pegawai").first()
    if ev is None:
        raise Http404("Evaluasi tidak ditemukan.")

    def run() -> dict[str, Any]:
        kalibrasi_move(actor=request.user, evaluasi=ev, unit=unit, ke=str(body.ke), alasan=body.alasan)
        ev.refresh_from_db()
        return _ev(ev)

    return _forbidden(run)


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
    _, periode, unit = _unit(request, periode_id, unit_id)

    def run() -> dict[str, Any]:
        fin = finalise.unit_finalise(actor=request.user, unit=unit, periode=periode, justifikasi=body.justifikasi)
        return {
            "unit_id": unit.pk,
            "periode_id": periode.pk,
            "status": fin.status,
            "pelanggaran_kurva": fin.pelanggaran_kurva,
            "justifikasi": fin.justifikasi,
            "pada": fin.pada,
        }

    return _forbidden(run)


@router.post(
    UNIT + "/tanda-tangan",
    response={200: TandaTanganOut, **WRITE},
    url_name="kalibrasi_ttd_unit",
    summary="Atasan pejabat penilai menandatangani evaluasi unit (menjadi final)",
)
def unit_sign(request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")) -> Any:
    return _sign_unit(request, periode_id, unit_id, finalise.evaluasi_sign_atasan)


@router.post(
    UNIT + "/tanda-tangan-penilai",
    response={200: TandaTanganOut, **WRITE},
    url_name="kalibrasi_ttd_penilai_unit",
    summary="Pejabat penilai menandatangani evaluasi unit yang ia nilai (setelah finalisasi)",
)
def unit_sign_penilai(
    request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> Any:
    return _sign_unit(request, periode_id, unit_id, finalise.evaluasi_sign_penilai)


def _sign_unit(request: HttpRequest, periode_id: int, unit_id: int, sign: Callable[..., int]) -> Any:
    """`sign` (a `finalise.evaluasi_sign_*` service) over the unit's evaluations: how many were signed."""
    _, periode, unit = _unit(request, periode_id, unit_id)
    return _forbidden(lambda: {"ditandatangani": sign(actor=request.user, periode=periode, unit=unit)})


# ---------------------------------------------------------------------------- one evaluation
EV = "/penilaian/evaluasi/{evaluasi_id}"


@router.post(
    EV + "/tanda-tangan-penilai",
    response={200: EvaluasiStatusOut, **WRITE},
    url_name="evaluasi_ttd_penilai",
    summary="Pejabat penilai menandatangani satu evaluasi",
)
def sign_one_penilai(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    return _sign_one(request, evaluasi_id, finalise.evaluasi_sign_penilai)


@router.post(
    EV + "/tanda-tangan",
    response={200: EvaluasiStatusOut, **WRITE},
    url_name="evaluasi_ttd_atasan",
    summary="Atasan pejabat penilai menandatangani satu evaluasi",
)
def sign_one(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    return _sign_one(request, evaluasi_id, finalise.evaluasi_sign_atasan)


def _sign_one(request: HttpRequest, evaluasi_id: int, sign: Callable[..., int]) -> Any:
    """`sign` (a `finalise.evaluasi_sign_*` service) on one evaluation: its status afterwards."""
    ev = evaluasi_for_actor(actor_from_request(request), evaluasi_id)

    def run() -> dict[str, Any]:
        sign(actor=request.user, periode=ev.periode, evaluasi=ev)
        return _ev(ev)

    return _forbidden(run)


@router.post(
    EV + "/buka-ulang",
    response={200: EvaluasiStatusOut, **WRITE},
    url_name="evaluasi_buka_ulang",
    summary="Buka ulang evaluasi final (admin BKD atau penanda tangan; versi lama disimpan)",
)
def reopen(request: HttpRequest, body: KalibrasiAlasanIn, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    ev = evaluasi_for_actor(actor_from_request(request), evaluasi_id)
    return _forbidden(lambda: _ev(finalise.evaluasi_reopen(actor=request.user, evaluasi=ev, alasan=body.alasan)))


@router.post(
    EV + "/keberatan",
    response={201: KeberatanOut, **WRITE},
    url_name="evaluasi_keberatan",
    summary="Ajukan keberatan atas evaluasi final (pegawai yang dinilai, dalam jangka waktu)",
)
def objection_file(request: HttpRequest, body: KalibrasiAlasanIn, evaluasi_id: int = _id("Id evaluasi")) -> Any:
    ev = evaluasi_for_actor(actor_from_request(request), evaluasi_id)

    def run() -> Any:
        row = objection.keberatan_ajukan(actor=request.user, evaluasi=ev, alasan=body.alasan)
        return Status(
            201, _keberatan(Keberatan.objects.select_related("evaluasi__pegawai", "evaluasi__periode").get(pk=row.pk))
        )

    return _forbidden(run)


@router.get(
    "/penilaian/keberatan",
    response={200: Page[KeberatanOut], **ERRORS},
    url_name="keberatan_daftar",
    summary="Daftar keberatan: yang menunggu keputusan Anda, atau milik Anda",
)
def objections(request: HttpRequest, params: Query[KeberatanParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    qs = objection.objections_to_decide(actor) if params.peran == "putus" else objection.objections_of(actor)
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
    row = objection.keberatan_for_actor(actor_from_request(request), keberatan_id)

    def run() -> dict[str, Any]:
        objection.keberatan_putus(
            actor=request.user,
            keberatan=row,
            diterima=body.diterima,
            keputusan=body.keputusan,
            predikat_baru=str(body.predikat_baru) if body.predikat_baru else None,
        )
        return _keberatan(row)

    return _forbidden(run)


# ---------------------------------------------------------------------------- period close
@router.post(
    "/penilaian/tutup",
    response={202: TutupJobOut, **WRITE},
    url_name="periode_tutup_mulai",
    summary="Mulai penutupan periode (latar)",
    description="Admin BKD: seluruh provinsi atau satu perangkat daerah; kepala perangkat daerah: "
    "perangkat daerahnya. Pantau dengan `GET /penilaian/tutup/{job_id}`.",
)
def close_start(request: HttpRequest, body: TutupIn) -> Any:
    actor = actor_from_request(request)

    def run() -> Any:
        job = close_svc.periode_close_start(
            actor=actor, user=request.user, periode_id=body.periode_id, opd_id=body.opd_id
        )
        job.refresh_from_db()
        return Status(202, _job(job))

    return _forbidden(run)


@router.get(
    "/penilaian/tutup/{job_id}",
    response={200: TutupJobOut, **READ},
    url_name="periode_tutup_status",
    summary="Status penutupan periode",
)
def close_status(request: HttpRequest, job_id: int = _id("Id tugas")) -> dict[str, Any]:
    return _job(close_svc.close_job_for_actor(actor_from_request(request), job_id))


# ---------------------------------------------------------------------------- documents
def _binary(content_type: str, description: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


@router.get(
    EV + "/pdf",
    response=READ,
    url_name="evaluasi_pdf",
    summary="Dokumen Evaluasi Kinerja (PDF)",
    openapi_extra=_binary(documents.PDF, "Berkas PDF A4"),
)
def evaluasi_pdf(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi")) -> HttpResponse:
    ev = evaluasi_for_actor(actor_from_request(request), evaluasi_id)
    doc = documents.evaluasi_document(ev.pk)
    response = HttpResponse(documents.evaluasi_pdf(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename_stem}.pdf"'
    return response


def _unit_doc(request: HttpRequest, periode_id: int, unit_id: int) -> documents.PenetapanDocument:
    actor, periode, unit = _unit(request, periode_id, unit_id)
    if not ca.can_read_unit_documents(actor, unit):
        raise Http404("Dokumen tidak ditemukan.")
    return documents.penetapan_document(unit, periode)


@router.get(
    UNIT + "/penetapan.pdf",
    response=READ,
    url_name="penetapan_pdf",
    summary="Penetapan Predikat Kinerja unit (PDF)",
    openapi_extra=_binary(documents.PDF, "Berkas PDF A4"),
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
    openapi_extra=_binary(documents.XLSX, "Berkas Excel"),
)
def rekap_xlsx(
    request: HttpRequest, periode_id: int = _id("Id periode"), unit_id: int = _id("Id unit kerja")
) -> HttpResponse:
    doc = _unit_doc(request, periode_id, unit_id)
    response = HttpResponse(documents.rekap_xlsx(doc), content_type=documents.XLSX)
    stem = doc.filename_stem.replace("Penetapan-Predikat", "Rekap-Predikat")
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response
