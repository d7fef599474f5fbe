"""Screens of "Laporan" (issue #13 item 4) under /wawasan/laporan/: the index (my documents, the bulk
zip of a unit, the agencies' yearly reports), a person's official documents, the bulk job with its
progress and download, and the agency's yearly report PDF. Views only translate HTTP: access
functions resolve ids (404 when hidden), one selector or service does the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from karier.core.downloads import private_download
from karier.core.jobs import job_progress_context
from karier.insight.reports import access, selectors, services
from karier.insight.reports.agency import agency_report
from karier.insight.reports.report_pdf import PDF, filename_stem, report_pdf
from karier.people.access import actor_from_request

ZIP = "application/zip"


def _tahun(raw: str | None) -> int:
    """The year asked for (?tahun=), this year when absent or not a plausible year."""
    if raw and raw.isdigit() and services.TAHUN_MIN <= int(raw) <= services.TAHUN_MAX:
        return int(raw)
    return selectors.default_year()


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    tahun = _tahun(request.GET.get("tahun"))
    raw_opd = request.GET.get("opd", "")
    opd = int(raw_opd) if raw_opd.isdigit() and len(raw_opd) < 12 else None
    return render(
        request,
        "insight/reports/index.html",
        {
            "tahun": tahun,
            "opd": opd,
            "pilih_opd": actor.is_admin,
            "years": selectors.years(),
            "units": selectors.unit_choices(actor, opd),
            "agencies": list(selectors.agency_choices(actor)),
            "pegawai_id": actor.pegawai_id,
        },
    )


@login_required
@require_GET
def pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    person = access.pegawai_for_laporan(actor, pegawai_id)
    tahun = _tahun(request.GET.get("tahun"))
    return render(
        request,
        "insight/reports/pegawai.html",
        {"d": selectors.person_documents(actor, person, tahun), "years": selectors.years()},
    )


@login_required
@require_POST
def massal_mulai(request: HttpRequest) -> HttpResponse:
    """Start the bulk zip of the unit chosen on the index; a hidden unit is 404 and an auditor 403
    (both raised by the service, answered by Django's handlers)."""
    actor = actor_from_request(request)
    unit_raw, tahun_raw = request.POST.get("unit", ""), request.POST.get("tahun", "")
    if not unit_raw.isdigit() or not tahun_raw.isdigit():
        messages.error(request, _("Pilih unit kerja dan tahun."))
        return redirect("insight:laporan_index")
    try:
        job = services.laporan_unit_start(actor=actor, unit_id=int(unit_raw), tahun=int(tahun_raw))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("insight:laporan_index")
    return redirect("insight:laporan_massal", job_id=job.pk)


@login_required
@require_GET
def massal(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access.laporan_job_for_actor(actor_from_request(request), job_id)
    ctx = job_progress_context(
        job,
        poll_url=reverse("insight:laporan_massal", args=[job.pk]),
        judul=_("tahun %(tahun)s") % {"tahun": job.parameter.get("tahun", "")},
        satuan=str(_("pegawai")),
        detail_template="insight/reports/_massal_hasil.html",
        unduh_url=reverse("insight:laporan_massal_unduh", args=[job.pk]),
    )
    partial = request.headers.get("HX-Request") == "true"
    return render(request, "core/_job_progress.html" if partial else "insight/reports/massal.html", ctx)


@login_required
@require_GET
def massal_unduh(request: HttpRequest, job_id: int) -> FileResponse:
    actor = actor_from_request(request)
    job = access.laporan_job_for_actor(actor, job_id)
    handle, name = services.laporan_massal_berkas(actor=actor, job=job)
    return private_download(handle, name, ZIP)


@login_required
@require_GET
def opd_pdf(request: HttpRequest, opd_id: int) -> HttpResponse:
    opd = access.opd_for_laporan(actor_from_request(request), opd_id)
    rep = agency_report(opd, _tahun(request.GET.get("tahun")))
    response = HttpResponse(report_pdf(rep), content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="{filename_stem(rep)}.pdf"'
    return response
