"""API of the career recomputation: start it (202) and read its job."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Status

from karier.api.helpers import path_id
from karier.api.schemas import ERRORS_404, In, JobOut
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_dict, job_for_actor
from karier.people.access import actor_from_request
from karier.plans.schemas import WRITE_ERRORS
from karier.talent.recompute import compute

router = Router()


class HitungKarierIn(In):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Tahun kinerja; kosong: tahun final terakhir.")


@router.post(
    "/karier/hitung",
    response={202: JobOut, **WRITE_ERRORS},
    summary="Mulai perhitungan karier dan talenta (admin BKD)",
    description="Berjalan di latar; pantau dengan `GET /karier/hitung/{job_id}`.",
)
def karier_hitung_mulai(request: HttpRequest, body: HitungKarierIn) -> Any:
    job = compute.karier_hitung_start(actor=actor_from_request(request), tahun=body.tahun)
    job.refresh_from_db()
    return Status(202, job_dict(job))


@router.get(
    "/karier/hitung/{int:job_id}",
    response={200: JobOut, **ERRORS_404},
    summary="Status perhitungan karier dan talenta",
)
def karier_hitung_status(request: HttpRequest, job_id: int = path_id("Id tugas.")) -> Any:
    return job_dict(job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.KARIER))
