"""REST endpoints for recommendations and the computation job (issue #11 item 5).

Same access as the screens: a hidden person is 404, starting the job is BKD's (or an agency head's for
their agency) and otherwise 403 with the reason; a job is seen by its starter, BKD admins and auditors.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from karier.api.helpers import path_id
from karier.api.schemas import ERRORS_404, JobOut
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_dict, job_for_actor
from karier.development.recommend import access, compute, selectors
from karier.development.recommend.schemas import HitungIn, RekomendasiPegawaiOut, RekomendasiTimOut
from karier.people.access import actor_from_request
from karier.people.models import Pegawai
from karier.plans.schemas import WRITE_ERRORS

router = Router(tags=["Rekomendasi pengembangan"])


def _sesi(s: Any) -> dict[str, Any]:
    return {"id": s.pk, "nama": s.nama, "mulai": s.mulai, "selesai": s.selesai, "kursi_tersisa": s.kapasitas - s.terisi}


def _pegawai(pegawai: Pegawai, sendiri: bool) -> dict[str, Any]:
    hasil = selectors.hasil_for([pegawai.pk])
    rows = selectors.baris(hasil.saran.get(pegawai.pk, []), sendiri=sendiri)
    return {
        "pegawai_id": pegawai.pk,
        "dihitung_pada": hasil.dihitung_pada,
        "dihitung_langsung": bool(hasil.langsung),
        "rekomendasi": [
            {
                "peringkat": b.saran.peringkat,
                "kegiatan_id": b.kegiatan.pk,
                "kegiatan": b.kegiatan.nama,
                "kode": b.kegiatan.kode,
                "jp": b.saran.jp,
                "skor": b.saran.skor,
                "kompetensi_kode": b.kompetensi_kode,
                "dari": b.saran.dari,
                "ke": b.saran.ke,
                "disyaratkan": b.saran.disyaratkan,
                "sinyal": b.saran.sinyal,
                "lainnya": b.saran.lainnya,
                "alasan": b.alasan,
                "sesi": [_sesi(s) for s in b.sesi],
            }
            for b in rows
        ],
    }


@router.get(
    "/pengembangan/rekomendasi/saya",
    response={200: RekomendasiPegawaiOut, **ERRORS_404},
    summary="Rekomendasi kegiatan pengembangan untuk saya, berurutan, dengan alasannya",
)
def rekomendasi_saya(request: HttpRequest) -> Any:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise Http404(_("Akun Anda tidak terhubung dengan data pegawai."))
    return _pegawai(access.rekomendasi_pegawai_for_actor(actor, actor.pegawai_id), True)


@router.get(
    "/pengembangan/rekomendasi/pegawai/{int:pegawai_id}",
    response={200: RekomendasiPegawaiOut, **ERRORS_404},
    summary="Rekomendasi kegiatan pengembangan untuk seorang pegawai",
)
def rekomendasi_pegawai(request: HttpRequest, pegawai_id: int = path_id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    pegawai = access.rekomendasi_pegawai_for_actor(actor, pegawai_id)
    return _pegawai(pegawai, actor.pegawai_id == pegawai.pk)


@router.get(
    "/pengembangan/rekomendasi/tim",
    response={200: RekomendasiTimOut, **ERRORS_404},
    summary="Kebutuhan teratas tim dan sesi yang cocok (atasan)",
)
def rekomendasi_tim(request: HttpRequest) -> Any:
    data = selectors.tim(access.team(actor_from_request(request)))
    return {
        "jumlah_anggota": len(data.anggota),
        "dihitung_pada": data.dihitung_pada,
        "kebutuhan": [{"kode": k.kode, "judul": k.judul, "jumlah": k.jumlah} for k in data.kebutuhan],
        "sesi": [
            {
                **_sesi(s.sesi),
                "kegiatan_id": s.sesi.kegiatan_id,
                "kegiatan": s.sesi.kegiatan.nama,
                "direkomendasikan_untuk": s.jumlah,
            }
            for s in data.sesi
        ],
    }


@router.post(
    "/pengembangan/rekomendasi/hitung",
    response={202: JobOut, **WRITE_ERRORS},
    summary="Mulai perhitungan kebutuhan dan rekomendasi untuk semua pegawai (admin BKD) atau satu perangkat daerah",
    description="Berjalan di latar; pantau dengan `GET /pengembangan/rekomendasi/hitung/{job_id}`.",
)
def rekomendasi_hitung_mulai(request: HttpRequest, body: HitungIn) -> Any:
    job = compute.rekomendasi_hitung_start(actor=actor_from_request(request), opd_id=body.opd_id)
    job.refresh_from_db()
    return Status(202, job_dict(job))


@router.get(
    "/pengembangan/rekomendasi/hitung/{int:job_id}",
    response={200: JobOut, **ERRORS_404},
    summary="Status perhitungan kebutuhan dan rekomendasi",
)
def rekomendasi_hitung_status(request: HttpRequest, job_id: int = path_id("Id tugas.")) -> Any:
    return job_dict(job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.REKOMENDASI))
