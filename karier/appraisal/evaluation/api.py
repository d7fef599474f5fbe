"""REST endpoints for periods, evaluations, realisation, evidence, feedback, dialog notes and ratings.

Same access rules and the same lookups as the screens (`access.evaluasi_for_actor` and the children
derived from it): a hidden evaluation is 404; a visible one the actor may not act on is 403 with the
service's reason (the shared handler in `karier/api/api.py`, no wrapper here); an input a rule
refuses (reason missing, locked evaluation, wrong file type…) is 409 `{"detail", "errors"}` from the
service through the shared handler (a bulk rating: errors keyed by evaluation id, nothing saved); a
request that breaks the schema is 422.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import JobOut, Page, PageParams
from karier.appraisal.choices import StatusPeriode
from karier.appraisal.evaluation import access, close, periods, selectors, services
from karier.appraisal.evaluation.schemas import (
    ERRORS,
    WRITE_ERRORS,
    BuktiOut,
    EvaluasiDetail,
    EvaluasiItem,
    EvTeksIn,
    KalenderIn,
    PeriodeFilter,
    PeriodeIn,
    PeriodeJobOut,
    PeriodeOut,
    PeriodeStatusIn,
    RatingBulkIn,
    RatingBulkOut,
    RatingIn,
    RealisasiIn,
    SubordinateFilter,
)
from karier.appraisal.evaluation.views_evidence import serve_bukti
from karier.appraisal.models import BuktiDukung, Evaluasi, PeriodePenilaian
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_dict, job_for_actor
from karier.people.access import Actor, actor_from_request

_id = path_id

router = Router(tags=["Penilaian kinerja"])


def _periode(p: PeriodePenilaian) -> dict[str, Any]:
    return {
        "id": p.pk,
        "tahun": p.tahun_id,
        "jenis": p.jenis,
        "nomor": p.nomor,
        "nama": p.nama,
        "mulai": p.mulai,
        "selesai": p.selesai,
        "dibuka_pada": p.dibuka_pada,
        "batas_pengisian": p.batas_pengisian,
        "status": p.status,
    }


def _orang(p: Any) -> dict[str, Any] | None:
    return {"id": p.pk, "nama": p.nama_lengkap, "nip": p.nip} if p is not None else None


def _item(ev: Evaluasi) -> dict[str, Any]:
    return {
        "id": ev.pk,
        "periode": _periode(ev.periode),
        "pegawai": _orang(ev.pegawai),
        "penilai": _orang(ev.penilai),
        "skp_id": ev.skp_id,
        "status": ev.status,
        "rating_hasil_kerja": ev.rating_hasil_kerja,
        "rating_perilaku": ev.rating_perilaku,
        "predikat": ev.predikat,
        "predikat_akhir": ev.predikat_akhir,
        "n_iki": getattr(ev, "n_iki", 0),
        "n_realisasi": getattr(ev, "n_realisasi", 0),
        "n_bukti": getattr(ev, "n_bukti", 0),
    }


def _bukti(b: BuktiDukung) -> dict[str, Any]:
    return {
        "id": b.pk,
        "nama_asli": b.nama_asli,
        "jenis_konten": b.jenis_konten,
        "ukuran": b.ukuran,
        "sha256": b.sha256,
        "diunggah_pada": b.diunggah_pada,
        "url": reverse("appraisal:bukti", args=[b.pk]),
    }


def _note(n: Any) -> dict[str, Any]:
    who = n.penulis
    name = who.pegawai.nama_lengkap if who and who.pegawai else (who.get_username() if who else None)
    return {"id": n.pk, "teks": n.teks, "penulis": name, "dibuat_pada": n.dibuat_pada}


def _detail(actor: Actor, ev: Evaluasi) -> dict[str, Any]:
    data = selectors.evaluasi_detail(ev)
    rows = []
    for block in (*data["utama"], *data["tambahan"]):
        rows.append(
            {
                "id": block.rhk.pk,
                "jenis": block.rhk.jenis,
                "teks": block.rhk.teks,
                "umpan_balik": [_note(u) for u in block.umpan_balik],
                "iki": [
                    {
                        "id": it.iki.pk,
                        "aspek": it.iki.aspek,
                        "indikator": it.iki.indikator,
                        "target_angka": it.iki.target_angka,
                        "satuan": it.iki.satuan,
                        "target_kualitatif": it.iki.target_kualitatif,
                        "realisasi_angka": it.r.realisasi_angka if it.r else None,
                        "realisasi_uraian": it.r.realisasi_uraian if it.r else "",
                        "bukti": [_bukti(b) for b in it.r.bukti.all()] if it.r else [],
                    }
                    for it in block.iki
                ],
            }
        )
    return {
        **_item(ev),
        "alasan_hasil_kerja": ev.alasan_hasil_kerja,
        "alasan_perilaku": ev.alasan_perilaku,
        "rating_hasil_kerja_wajib": data["wajib_hasil_kerja"],
        "hasil_kerja": rows,
        "dialog": [_note(d) for d in data["dialog"]],
        "boleh_isi": access.can_record(actor, ev),
        "boleh_menilai": access.can_rate(actor, ev),
        "terkunci": ev.terkunci,
    }


def _ev(request: HttpRequest, evaluasi_id: int) -> tuple[Actor, Evaluasi]:
    actor = actor_from_request(request)
    return actor, access.evaluasi_for_actor(actor, evaluasi_id)


def _fresh(actor: Actor, evaluasi_id: int) -> dict[str, Any]:
    return _detail(actor, access.evaluasi_for_actor(actor, evaluasi_id))


# ---------------------------------------------------------------------------- periods
@router.get("/penilaian/periode", response={200: list[PeriodeOut], **ERRORS}, summary="Periode penilaian")
def penilaian_periode_list(request: HttpRequest, filters: Query[PeriodeFilter]) -> Any:
    qs = PeriodePenilaian.objects.order_by("tahun", "selesai", "-mulai", "jenis", "nomor")
    if filters.tahun:
        qs = qs.filter(tahun_id=filters.tahun)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return [_periode(p) for p in qs[:500]]


@router.post(
    "/penilaian/kalender",
    response={200: list[PeriodeOut], **WRITE_ERRORS},
    summary="Atur kalender tahun (admin BKD): frekuensi, pengingat; membuat periode",
)
def penilaian_kalender_set(request: HttpRequest, body: KalenderIn) -> Any:
    periods.kalender_set(
        actor=actor_from_request(request),
        tahun=body.tahun,
        frekuensi=body.frekuensi.value,
        hari_pengingat=body.hari_pengingat,
        jendela_keberatan_hari=body.jendela_keberatan_hari,
    )
    return [_periode(p) for p in periods.periods_for_year(body.tahun)]


@router.patch(
    "/penilaian/periode/{int:periode_id}",
    response={200: PeriodeOut, **WRITE_ERRORS},
    summary="Ubah nama/tanggal dibuka/batas sebuah periode (admin BKD)",
)
def penilaian_periode_update(request: HttpRequest, body: PeriodeIn, periode_id: int = _id("Id periode.")) -> Any:
    periode = get_object_or_404(PeriodePenilaian.objects.select_related("tahun"), pk=periode_id)
    actor = actor_from_request(request)
    return _periode(periods.periode_update(actor=actor, periode=periode, **body.dict(exclude_none=True)))


@router.post(
    "/penilaian/periode/{int:periode_id}/status",
    response={202: PeriodeJobOut, **WRITE_ERRORS},
    summary="Buka atau tutup periode (admin BKD), sebagai tugas latar",
    description="DIBUKA membuat evaluasi setiap SKP yang disetujui, bertahap, lalu membuka periode; DITUTUP "
    "menjalankan penutupan periode seluruh provinsi. Jawaban 202 memuat tugasnya; pantau di `url`.",
)
def penilaian_periode_status(request: HttpRequest, body: PeriodeStatusIn, periode_id: int = _id("Id periode.")) -> Any:
    actor = actor_from_request(request)
    periode = get_object_or_404(PeriodePenilaian.objects.select_related("tahun"), pk=periode_id)
    if body.status == StatusPeriode.DIBUKA:
        job = periods.periode_open_start(actor=actor, periode=periode)
        url = reverse("api:periode_buka_status", kwargs={"job_id": job.pk})
    elif body.status == StatusPeriode.DITUTUP:
        job = close.periode_close_start(actor=actor, periode_id=periode.pk, require_open=True)
        url = reverse("api:periode_tutup_status", kwargs={"job_id": job.pk})
    else:
        raise ValidationError({"status": _("Pilih DIBUKA atau DITUTUP.")})
    job.refresh_from_db()
    return Status(202, {**job_dict(job), "url": url})


@router.get(
    "/penilaian/buka/{job_id}",
    response={200: JobOut, **ERRORS},
    url_name="periode_buka_status",
    summary="Status pembukaan periode",
)
def penilaian_periode_open_status(request: HttpRequest, job_id: int = _id("Id tugas")) -> dict[str, Any]:
    return job_dict(job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.BUKA_PERIODE))


# ---------------------------------------------------------------------------- evaluations
@router.get("/penilaian/saya", response={200: Page[EvaluasiItem], **ERRORS}, summary="Evaluasi saya")
def penilaian_my_list(request: HttpRequest, page: Query[PageParams]) -> Any:
    data = paginate(selectors.my_evaluations(actor_from_request(request)).select_related("pegawai"), page)
    data["items"] = [_item(e) for e in data["items"]]
    return data


@router.get(
    "/penilaian/periode/{int:periode_id}/bawahan",
    response={200: Page[EvaluasiItem], **ERRORS},
    summary="Evaluasi bawahan yang saya nilai pada sebuah periode",
)
def penilaian_subordinates(
    request: HttpRequest,
    filters: Query[SubordinateFilter],
    page: Query[PageParams],
    periode_id: int = _id("Id periode."),
) -> Any:
    periode = get_object_or_404(PeriodePenilaian, pk=periode_id)
    qs = selectors.subordinate_evaluations(
        actor_from_request(request), periode, status=filters.status.value if filters.status else ""
    )
    data = paginate(qs.select_related("penilai"), page)
    data["items"] = [_item(e) for e in data["items"]]
    return data


@router.get(
    "/penilaian/{int:evaluasi_id}",
    response={200: EvaluasiDetail, **ERRORS},
    summary="Satu evaluasi: realisasi, bukti, umpan balik, dialog, rating",
)
def penilaian_detail(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi.")) -> Any:
    actor, ev = _ev(request, evaluasi_id)
    return _detail(actor, ev)


@router.put(
    "/penilaian/{int:evaluasi_id}/iki/{int:iki_id}/realisasi",
    response={200: EvaluasiDetail, **WRITE_ERRORS},
    summary="Isi realisasi sebuah IKI (pegawai yang dinilai)",
)
def penilaian_realisasi(
    request: HttpRequest, body: RealisasiIn, evaluasi_id: int = _id("Id evaluasi."), iki_id: int = _id("Id IKI.")
) -> Any:
    actor, ev = _ev(request, evaluasi_id)
    iki = access.iki_of_evaluasi(ev, iki_id)
    services.realisasi_set(actor=actor, evaluasi=ev, iki=iki, angka=body.realisasi_angka, uraian=body.realisasi_uraian)
    return _fresh(actor, evaluasi_id)


@router.post(
    "/penilaian/{int:evaluasi_id}/iki/{int:iki_id}/bukti",
    response={201: BuktiOut, **WRITE_ERRORS},
    summary="Unggah bukti dukung (multipart, field `berkas`)",
)
def penilaian_bukti_upload(
    request: HttpRequest,
    berkas: File[UploadedFile],
    evaluasi_id: int = _id("Id evaluasi."),
    iki_id: int = _id("Id IKI."),
) -> Any:
    actor, ev = _ev(request, evaluasi_id)
    iki = access.iki_of_evaluasi(ev, iki_id)
    return 201, _bukti(services.bukti_upload_for_iki(actor=actor, evaluasi=ev, iki=iki, uploaded_file=berkas))


@router.get(
    "/penilaian/{int:evaluasi_id}/bukti",
    response={200: list[BuktiOut], **ERRORS},
    summary="Daftar bukti dukung sebuah evaluasi",
)
def penilaian_bukti_list(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi.")) -> Any:
    _actor, ev = _ev(request, evaluasi_id)
    return [_bukti(b) for b in access.bukti_of_evaluasi(ev)]


@router.get("/penilaian/bukti/{int:bukti_id}", response={200: None, **ERRORS}, summary="Unduh bukti dukung")
def penilaian_bukti_download(request: HttpRequest, bukti_id: int = _id("Id bukti.")) -> Any:
    return serve_bukti(access.bukti_for_actor(actor_from_request(request), bukti_id))


@router.delete("/penilaian/bukti/{int:bukti_id}", response={204: None, **WRITE_ERRORS}, summary="Hapus bukti dukung")
def penilaian_bukti_delete(request: HttpRequest, bukti_id: int = _id("Id bukti.")) -> Any:
    actor = actor_from_request(request)
    services.bukti_delete(actor=actor, bukti=access.bukti_for_actor(actor, bukti_id))
    return 204, None


@router.post(
    "/penilaian/{int:evaluasi_id}/rhk/{int:rhk_id}/umpan-balik",
    response={201: EvaluasiDetail, **WRITE_ERRORS},
    summary="Umpan balik berkelanjutan atas sebuah RHK (pejabat penilai)",
)
def penilaian_umpan_balik(
    request: HttpRequest, body: EvTeksIn, evaluasi_id: int = _id("Id evaluasi."), rhk_id: int = _id("Id RHK.")
) -> Any:
    actor, ev = _ev(request, evaluasi_id)
    services.umpan_balik_add(actor=actor, evaluasi=ev, rhk=access.rhk_of_evaluasi(ev, rhk_id), teks=body.teks)
    return 201, _fresh(actor, evaluasi_id)


@router.post(
    "/penilaian/{int:evaluasi_id}/catatan",
    response={201: EvaluasiDetail, **WRITE_ERRORS},
    summary="Catatan dialog kinerja (pegawai atau pejabat penilai)",
)
def penilaian_catatan(request: HttpRequest, body: EvTeksIn, evaluasi_id: int = _id("Id evaluasi.")) -> Any:
    actor, ev = _ev(request, evaluasi_id)
    services.catatan_add(actor=actor, evaluasi=ev, teks=body.teks)
    return 201, _fresh(actor, evaluasi_id)


@router.put(
    "/penilaian/{int:evaluasi_id}/rating",
    response={200: EvaluasiDetail, **WRITE_ERRORS},
    summary="Rating hasil kerja dan perilaku dengan alasan (pejabat penilai); predikat dihitung",
)
def penilaian_rating(request: HttpRequest, body: RatingIn, evaluasi_id: int = _id("Id evaluasi.")) -> Any:
    actor, ev = _ev(request, evaluasi_id)
    services.rating_set(
        actor=actor,
        evaluasi=ev,
        rating_hasil_kerja=body.rating_hasil_kerja.value,
        alasan_hasil_kerja=body.alasan_hasil_kerja,
        rating_perilaku=body.rating_perilaku.value,
        alasan_perilaku=body.alasan_perilaku,
    )
    return _fresh(actor, evaluasi_id)


@router.post(
    "/penilaian/periode/{int:periode_id}/rating",
    response={200: RatingBulkOut, **WRITE_ERRORS},
    summary="Rating massal: semua baris disimpan, atau tidak ada (galat per id evaluasi)",
)
def penilaian_rating_bulk(request: HttpRequest, body: RatingBulkIn, periode_id: int = _id("Id periode.")) -> Any:
    periode = get_object_or_404(PeriodePenilaian, pk=periode_id)
    rows = {
        r.evaluasi_id: {
            "rating_hasil_kerja": r.rating_hasil_kerja.value,
            "alasan_hasil_kerja": r.alasan_hasil_kerja,
            "rating_perilaku": r.rating_perilaku.value,
            "alasan_perilaku": r.alasan_perilaku,
        }
        for r in body.rows
    }
    return {"disimpan": services.rating_bulk_set(actor=actor_from_request(request), periode=periode, rows=rows)}
