"""A job's file handed to the one person allowed to have it (the export, the unit's zip): an attachment
that no shared cache keeps, since the same URL gives nothing to anybody else."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.choices import StatusTugasLatar
from karier.core.models import TugasLatar


def job_file(*, actor: Any, job: TugasLatar, default_name: str, action: str) -> tuple[Any, str]:
    """The finished file of a job the actor may have (the caller resolved the job with its access
    check), open, with its download name; 404 while it is not ready or once it is gone. Audited
    (`action`): a file of many people's data leaves Karier."""
    path = str((job.hasil or {}).get("berkas") or "")
    if job.status != StatusTugasLatar.SELESAI or not path or not default_storage.exists(path):
        raise Http404(_("Berkas belum tersedia."))
    name = str(job.hasil.get("nama") or default_name)
    audit.record(actor=actor, action=action, obj=job, summary=f"Unduh {name}")
    return default_storage.open(path, "rb"), name


def private_download(handle: Any, name: str, content_type: str) -> FileResponse:
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
