"""Writes of the reports area (issue #13 item 4): starting the bulk zip of a unit, running it, and
handing out the finished zip — each audited (the start, the finished run, every download)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.choices import JenisTugasLatar
from karier.core.downloads import job_file
from karier.core.jobs import Progress, job_start
from karier.core.models import TugasLatar
from karier.core.numbers import angka
from karier.insight.reports import access
from karier.insight.reports.bulk import build_zip
from karier.people.access import Actor
from karier.people.models import UnitKerja

TAHUN_MIN, TAHUN_MAX = 2000, 2100


def _valid_year(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ValidationError({"tahun": _("Tahun harus antara %(a)s dan %(b)s.") % {"a": TAHUN_MIN, "b": TAHUN_MAX}})


def laporan_unit_start(*, actor: Actor, unit_id: int, tahun: int) -> TugasLatar:
    """Start collecting every official PDF of the unit's people (and its sub-units') for `tahun` into
    one zip. A unit the actor may not see is 404 (`access.unit_for_laporan`); an auditor is 403."""
    from karier.insight.reports.tasks import laporan_massal_task

    unit = access.unit_for_laporan(actor, unit_id)
    access.require_bulk(actor, unit)
    _valid_year(tahun)
    job = job_start(
        actor=actor,
        jenis=JenisTugasLatar.LAPORAN_MASSAL,
        parameter={"unit_id": unit.pk, "tahun": tahun},
        task=laporan_massal_task,
    )
    audit.record(
        actor=actor,
        action="laporan.massal.mulai",
        obj=job,
        summary=f"Pengumpulan dokumen resmi {unit.nama} tahun {tahun} dimulai",
        changes={"unit_id": [None, unit.pk], "tahun": [None, tahun]},
    )
    return job


def laporan_massal_run(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
    """The job's work: re-check the starter's rights now, build the zip, audit the outcome."""
    from karier.people.access import job_starter

    actor = job_starter(job)
    param = job.parameter or {}
    unit_id, tahun = param.get("unit_id"), param.get("tahun")
    if not isinstance(unit_id, int) or not isinstance(tahun, int):
        raise ValidationError({"parameter": _("Unit atau tahun pengumpulan dokumen tidak valid.")})
    _valid_year(tahun)
    unit = UnitKerja.objects.filter(pk=unit_id).first()
    if unit is None:
        raise ValidationError({"unit_id": _("Unit kerja tidak ditemukan.")})
    access.require_bulk(actor, unit)
    hasil = build_zip(actor=actor, unit=unit, tahun=tahun, job_id=job.pk, progress=progress)
    audit.record(
        actor=actor,
        action="laporan.massal.selesai",
        obj=job,
        summary=f"Dokumen resmi {unit.nama} tahun {tahun}: {hasil.dokumen} berkas, {hasil.pegawai} pegawai",
        changes={"dokumen": [None, hasil.dokumen], "berkas": [None, hasil.berkas]},
    )
    summary = _("%(d)s dokumen dari %(p)s pegawai dikumpulkan.") % {
        "d": angka(hasil.dokumen),
        "p": angka(hasil.pegawai),
    }
    return summary, {
        "berkas": hasil.berkas,
        "nama": hasil.nama,
        "pegawai": hasil.pegawai,
        "dokumen": hasil.dokumen,
        "per_jenis": hasil.per_jenis,
    }


def laporan_massal_berkas(*, actor: Actor, job: TugasLatar) -> tuple[Any, str]:
    """The finished zip of a job the actor may read (resolved by `access.laporan_job_for_actor`), as an
    open file and its download name; 404 while it is not ready or when the file is gone. Audited:
    a zip of many people's documents leaves Karier."""
    return job_file(actor=actor, job=job, default_name="dokumen.zip", action="laporan.massal.unduh")
