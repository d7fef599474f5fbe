"""The directory's Excel export as a background job (issue #14): `JenisTugasLatar.EKSPOR_PEGAWAI`.

Writing 40.000 people took 7–12 s inside the request (21–23 s under load, near gunicorn's 30 s
timeout), 95 % of it openpyxl. Up to `exports.INLINE_MAX` people the file is still written inside
the request; a bigger list is this job:

- start (`ekspor_pegawai_start`): the filter's fields go into the job — never a queryset or a list of
  ids —, one export per user at a time;
- run (`ekspor_pegawai_run`): the starter is re-read (`job_starter`: rights may have changed), their
  visible people and the same filter are applied again, and the same writer as the inline export
  (`exports.write_directory`) writes the sheet in write-only mode, `exports.CHUNK` rows per round
  trip with progress after each chunk (constant memory), into a temporary file saved in Django's
  default storage (MEDIA, outside the web root, like the bulk zip of documents) at
  `ekspor/pegawai/<job id>/<name>.xlsx`;
- download (`ekspor_pegawai_berkas`): the starter only — the file holds the people *they* see, so
  not even a BKD admin opens someone else's (404, like any hidden record);
- clean-up (`prune_old_exports`): files older than `KEEP` are deleted by the daily tasks.
Start, finished run and every download are audited: a list of many people leaves Karier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.choices import JenisTugasLatar
from karier.core.downloads import job_file
from karier.core.jobs import Progress, job_mark, job_start, jobs_running
from karier.core.models import TugasLatar
from karier.core.numbers import angka
from karier.people import exports, selectors
from karier.people.access import Actor, export_job_for_actor, visible_pegawai
from karier.people.choices import JenisJabatan
from karier.people.models import Golongan, UnitKerja
from karier.people.selectors import DirectoryFilter

JENIS = JenisTugasLatar.EKSPOR_PEGAWAI
KEEP = dt.timedelta(days=7)  # a finished file is kept this long, then the daily tasks delete it
STALE = dt.timedelta(hours=1)  # a job "running" longer than this died with its worker: no longer blocks
MAX_Q = 100  # as the directory form's search field


def storage_path(job_id: int, name: str) -> str:
    return f"ekspor/pegawai/{job_id}/{name}"


def _checked(f: DirectoryFilter) -> DirectoryFilter:
    """The filter as the job will apply it, or a ValidationError naming each bad field. Screens send
    form-checked values and the API schema-checked ones; this holds for a job's stored parameters
    and for ids that no longer exist (unknown ids are 409 in the API, never a silent empty file)."""
    errors: dict[str, str] = {}

    def an_id(value: object) -> bool:
        return value is None or (type(value) is int and value > 0)

    if not isinstance(f.q, str) or len(f.q) > MAX_Q or any(ord(c) < 32 for c in f.q):
        errors["q"] = _("Kata kunci pencarian tidak valid (paling panjang %(n)s karakter).") % {"n": MAX_Q}
    if not isinstance(f.jenis_jabatan, str) or (f.jenis_jabatan and f.jenis_jabatan not in JenisJabatan.values):
        errors["jenis_jabatan"] = _("Jenis jabatan tidak dikenal.")
    if not an_id(f.opd) or (f.opd and not UnitKerja.objects.filter(pk=f.opd, parent__isnull=True).exists()):
        errors["opd"] = _("Perangkat daerah tidak ditemukan.")
    if not an_id(f.unit) or (f.unit and not UnitKerja.objects.filter(pk=f.unit).exists()):
        errors["unit"] = _("Unit kerja tidak ditemukan.")
    if not an_id(f.golongan) or (f.golongan and not Golongan.objects.filter(pk=f.golongan).exists()):
        errors["golongan"] = _("Golongan tidak ditemukan.")
    if errors:
        raise ValidationError(errors)
    return dataclasses.replace(f, q=f.q.strip())


def _from_parameter(parameter: dict[str, Any] | None) -> DirectoryFilter:
    p = parameter or {}
    names = {fl.name for fl in dataclasses.fields(DirectoryFilter)}
    if set(p) - names:
        raise ValidationError({"parameter": _("Saringan ekspor tidak valid.")})
    return _checked(
        DirectoryFilter(
            q=p.get("q", ""),
            opd=p.get("opd"),
            unit=p.get("unit"),
            golongan=p.get("golongan"),
            jenis_jabatan=p.get("jenis_jabatan", ""),
        )
    )


def ekspor_running(actor: Actor) -> TugasLatar | None:
    """The actor's export still waiting or running, if any."""
    if actor.user_id is None:
        return None
    return jobs_running(JENIS, STALE).filter(dibuat_oleh_id=actor.user_id).first()


def ekspor_pegawai_start(*, actor: Actor, f: DirectoryFilter) -> TugasLatar:
    """Start writing the directory list `f` (of the people the actor sees) into an Excel file in the
    background. Refused while the actor's previous export is still waiting or running: one person
    cannot fill the queue, and the second file would hold the same list."""
    from karier.people.export_tasks import ekspor_pegawai_task

    if actor.user_id is None:
        raise PermissionDenied(_("Ekspor daftar pegawai hanya untuk pengguna yang masuk."))
    f = _checked(f)
    with transaction.atomic():
        # One start at a time per user: the user's row is the lock, so two clicks cannot both pass.
        get_user_model().objects.select_for_update().filter(pk=actor.user_id).first()
        if ekspor_running(actor) is not None:
            raise ValidationError(
                _("Ekspor daftar pegawai Anda sebelumnya masih berjalan. Tunggu sampai selesai, lalu coba lagi.")
            )
        parameter = dataclasses.asdict(f)
        job = job_start(actor=actor, jenis=JENIS, parameter=parameter, task=ekspor_pegawai_task)
        audit.record(
            actor=actor,
            action="pegawai.ekspor.mulai",
            obj=job,
            summary="Ekspor daftar pegawai (Excel) dimulai",
            changes={k: [None, v] for k, v in parameter.items() if v},
        )
    return job


def ekspor_pegawai_run(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
    """The job's work: re-read the starter and the filter, write the file in chunks, store it."""
    from karier.people.access import job_starter

    if not job.dibuat_oleh_id:
        raise ValidationError({"parameter": _("Ekspor daftar pegawai harus dimulai oleh seorang pengguna.")})
    actor = job_starter(job)
    f = _from_parameter(job.parameter)
    qs = selectors.directory(visible_pegawai(actor), f)
    total = exports.export_count(qs)
    progress(0, total)
    name = exports.file_name()
    with tempfile.TemporaryFile(suffix=".xlsx") as tmp:
        n = exports.save_directory(qs, tmp, on_chunk=lambda done: progress(done, max(total, done)))
        tmp.seek(0)
        berkas = default_storage.save(storage_path(job.pk, name), File(tmp, name=name))
    progress(n, n)  # the list may have changed since it was counted: the bar ends full
    audit.record(
        actor=actor,
        action="pegawai.ekspor.selesai",
        obj=job,
        summary=f"Ekspor daftar pegawai: {n} pegawai",
        changes={"pegawai": [None, n], "berkas": [None, berkas]},
    )
    summary = _("%(n)s pegawai ditulis ke berkas Excel.") % {"n": angka(n)}
    return summary, {"berkas": berkas, "nama": name, "pegawai": n}


def ekspor_pegawai_berkas(*, actor: Actor, job_id: int) -> tuple[Any, str]:
    """The finished file of the actor's own export (`access.export_job_for_actor`: 404 for anyone
    else), open, with its download name; 404 while it is not ready or once it has been deleted. Audited."""
    job = export_job_for_actor(actor, job_id)
    return job_file(actor=actor, job=job, default_name="pegawai.xlsx", action="pegawai.ekspor.unduh")


def prune_old_exports(now: dt.datetime | None = None) -> int:
    """Delete export files finished more than `KEEP` ago (daily): a copy of many people's data does
    not stay on the server for ever. The job keeps its record and says the file is gone. Returns how
    many files went."""
    cutoff = (now or timezone.now()) - KEEP
    gone = 0
    old = TugasLatar.objects.filter(jenis=JENIS, selesai_pada__lt=cutoff, hasil__has_key="berkas").only("pk", "hasil")
    for job in old.iterator(chunk_size=500):
        path = str(job.hasil.get("berkas") or "")
        if path and default_storage.exists(path):
            default_storage.delete(path)
            gone += 1
        kept = {k: v for k, v in job.hasil.items() if k != "berkas"}
        job_mark(job.pk, hasil={**kept, "dihapus": True})
    return gone
