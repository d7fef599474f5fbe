"""Screens of the directory's Excel export as a job (issue #14): start it (POST, from the directory
when the list is too big to write inside the request), watch its progress, download the file.
Only HTTP here: `export_jobs` checks, starts, resolves (404 for anyone but the starter) and serves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from karier.core.downloads import private_download
from karier.core.jobs import job_progress_context
from karier.people import export_jobs
from karier.people.access import actor_from_request, export_job_for_actor
from karier.people.exports import XLSX
from karier.people.forms import DirectoryForm

FILTER_FIELDS = ("q", "opd", "unit", "golongan", "jenis_jabatan")


@login_required
@require_POST
def ekspor_mulai(request: HttpRequest) -> HttpResponse:
    """Start the export of the directory list the form describes; a bad filter or a refusal goes back
    to the directory (same filter) with the reason."""
    form = DirectoryForm(request.POST)
    params = {k: v for k in FILTER_FIELDS if (v := request.POST.get(k, ""))}
    back = reverse("people:directory") + (f"?{urlencode(params)}" if params else "")
    if not form.is_valid():
        messages.error(request, _("Saringan tidak valid; ekspor tidak dimulai. Periksa kembali isian saringan."))
        return redirect(back)
    try:
        job = export_jobs.ekspor_pegawai_start(actor=actor_from_request(request), f=form.directory_filter())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    return redirect("people:ekspor", job_id=job.pk)


@login_required
@require_GET
def ekspor(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's page; under HTMX only the progress card (polled every second until done)."""
    job = export_job_for_actor(actor_from_request(request), job_id)
    ctx = job_progress_context(
        job,
        poll_url=reverse("people:ekspor", args=[job.pk]),
        satuan=str(_("pegawai")),
        detail_template="people/_ekspor_hasil.html",
        unduh_url=reverse("people:ekspor_unduh", args=[job.pk]),
        simpan_hari=export_jobs.KEEP.days,
    )
    partial = request.headers.get("HX-Request") == "true"
    return render(request, "core/_job_progress.html" if partial else "people/ekspor.html", ctx)


@login_required
@require_GET
def ekspor_unduh(request: HttpRequest, job_id: int) -> FileResponse:
    actor = actor_from_request(request)
    handle, name = export_jobs.ekspor_pegawai_berkas(actor=actor, job_id=job_id)
    return private_download(handle, name, XLSX)
