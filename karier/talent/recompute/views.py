"""The career recomputation screen (/karier/hitung/): start it for a year (BKD admin), watch its progress,
read the runs so far. Views only translate HTTP; the service checks and refuses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from karier.core.choices import JenisTugasLatar
from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.jobs import job_for_actor, job_progress_context
from karier.core.models import TugasLatar
from karier.people.access import actor_from_request
from karier.talent import access
from karier.talent.recompute import compute

RUNS_SHOWN = 20
JUDUL = "Perhitungan karier dan talenta"


def _card(job: TugasLatar) -> dict[str, Any]:
    return job_progress_context(
        job,
        poll_url=reverse("talent:hitung_tugas", args=[job.pk]),
        judul=str(_(JUDUL)),
        satuan=str(_("pegawai")),
        detail_template="talent/recompute/_selesai.html",
    )


def _runs() -> list[TugasLatar]:
    """The latest runs (the screen is the BKD's: every run, whoever started it)."""
    return list(TugasLatar.objects.filter(jenis=JenisTugasLatar.KARIER).order_by("-pk")[:RUNS_SHOWN])


@login_required
@require_http_methods(["GET", "POST"])
def hitung(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    access.require_bkd_screen(actor)
    error = ""
    tahun_default = compute.default_year()
    if request.method == "POST":
        raw = (request.POST.get("tahun") or "").strip()
        try:
            if not (raw.isdigit() and len(raw) == 4):
                raise ValidationError(
                    {"tahun": _("Tahun harus berupa empat angka, misalnya %(t)s.") % {"t": tahun_default}}
                )
            compute.karier_hitung_start(actor=actor, tahun=int(raw))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Perhitungan dimulai; kemajuannya tampil di halaman ini."))
            return redirect("talent:hitung")
    runs = _runs()
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet=_("Perhitungan"),
            title=_("Riwayat perhitungan karier dan talenta"),
            header=[_("Tahun"), _("Dimulai"), _("Selesai"), _("Status"), _("Pegawai")],
            rows=(
                [
                    (r.parameter or {}).get("tahun", ""),
                    r.dibuat_pada,
                    r.selesai_pada or "",
                    r.get_status_display(),
                    r.total,
                ]
                for r in runs
            ),
        )
        return xlsx_attachment(data, "perhitungan-karier")
    ctx = {
        "runs": runs,
        "tugas": _card(runs[0]) if runs else {},
        "error": error,
        "boleh": access.is_bkd(actor),
        "tahun_default": tahun_default,
    }
    return render(request, "talent/recompute/hitung.html", ctx, status=409 if error else 200)


@login_required
@require_GET
def hitung_tugas(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's card: the partial under HTMX (polled until done), else a small page."""
    job = job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.KARIER)
    ctx = _card(job)
    if request.headers.get("HX-Request") == "true":
        return render(request, "core/_job_progress.html", ctx)
    return render(request, "talent/recompute/tugas.html", {"tugas": ctx})
