"""The dashboards' screens under /wawasan/dasbor/ (issue #13 item 1). Views only translate HTTP: the
access module checks the role and the filters (404 for an agency or unit the viewer may not see), the
selectors read, the refresh service starts the job."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from karier.core.choices import JenisTugasLatar
from karier.core.excel import xlsx_attachment
from karier.core.jobs import job_for_actor, job_progress_context
from karier.core.models import TugasLatar
from karier.development.catalogue.selectors import targets
from karier.insight.dashboards import access, people, refresh, selectors
from karier.insight.dashboards.access import Lingkup
from karier.insight.dashboards.exports import panels_xlsx
from karier.insight.dashboards.panels import Panel, panels, ringkasan
from karier.insight.dashboards.team_panels import saya_panels, team_panels
from karier.people.access import Actor, actor_from_request

JUDUL_TUGAS = "Penyegaran data dasbor"


def _int(request: HttpRequest, name: str) -> int | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        raise Http404(_("Saringan tidak dikenal."))
    return int(raw)


def _tahun(request: HttpRequest, years: list[int]) -> int:
    tahun = _int(request, "tahun")
    if tahun is None:
        return years[0] if years else timezone.localdate().year
    if not 2000 <= tahun <= 2100:
        raise Http404(_("Tahun tidak dikenal."))
    return tahun


def _card(job: TugasLatar) -> dict[str, Any]:
    return job_progress_context(
        job,
        poll_url=reverse("insight:dasbor_segarkan_tugas", args=[job.pk]),
        judul=str(_(JUDUL_TUGAS)),
        satuan=str(_("perangkat daerah")),
    )


def _xlsx(request: HttpRequest, items: list[Panel], title: str, stem: str) -> HttpResponse | None:
    """The Excel download when asked for: one panel (`bagian`), or all of them."""
    if request.GET.get("export") == "xlsx":
        bagian = request.GET.get("bagian") or ""
        if bagian:
            items = [p for p in items if p.kunci == bagian]
            if not items:
                raise Http404(_("Bagian dasbor tidak dikenal."))
        return xlsx_attachment(panels_xlsx(items, title), f"{stem}-{bagian}" if bagian else stem)
    return None


def _query(lingkup: Lingkup) -> str:
    q: dict[str, Any] = {"tahun": lingkup.tahun}
    if lingkup.opd is not None:
        q["opd"] = lingkup.opd.pk
    if lingkup.unit is not None:
        q["unit"] = lingkup.unit.pk
    return urlencode(q)


def _title(kind: str, lingkup: Lingkup) -> str:
    parts = [_("Dasbor provinsi") if kind == access.PROVINSI else _("Dasbor perangkat daerah"), str(lingkup.tahun)]
    if lingkup.opd is not None:
        parts.append(lingkup.opd.nama)
    if lingkup.unit is not None:
        parts.append(lingkup.unit.nama)
    return " — ".join(parts)


@login_required
@require_GET
def dasbor(request: HttpRequest) -> HttpResponse:
    """/wawasan/dasbor/: the widest dashboard the viewer has."""
    home = access.home_of(actor_from_request(request))
    if home is None:
        raise PermissionDenied(_("Akun ini belum mempunyai dasbor."))
    return redirect(f"insight:dasbor_{home}")


def _ringkasan(request: HttpRequest, actor: Actor, kind: str, lingkup: Lingkup, years: list[int]) -> HttpResponse:
    angka = selectors.angka_dasbor(lingkup)
    items = panels(angka)
    title = _title(kind, lingkup)
    download = _xlsx(request, items, title, f"dasbor-{kind}")
    if download is not None:
        return download
    running = refresh.running_job() if access.sees_province(actor) else None
    ctx = {
        "kind": kind,
        "judul": title,
        "lingkup": lingkup,
        "angka": angka,
        "panels": items,
        "ringkasan": ringkasan(angka),
        "years": years or [lingkup.tahun],
        "agencies": selectors.agencies() if access.sees_province(actor) else None,
        "units": selectors.units_of(lingkup.opd) if lingkup.opd is not None else [],
        "query": _query(lingkup),
        "boleh_segarkan": access.can_refresh(actor),
        "tugas": _card(running) if running is not None else None,
    }
    return render(request, "insight/dashboards/ringkasan.html", ctx)


@login_required
@require_GET
def dasbor_provinsi(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    access.require_province(actor)
    years = selectors.tahun_list()
    lingkup = access.lingkup_for_actor(
        actor, tahun=_tahun(request, years), opd_id=_int(request, "opd"), unit_id=_int(request, "unit")
    )
    return _ringkasan(request, actor, access.PROVINSI, lingkup, years)


@login_required
@require_GET
def dasbor_opd(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    access.require_agency(actor)
    years = selectors.tahun_list()
    lingkup = access.lingkup_for_actor(
        actor,
        tahun=_tahun(request, years),
        opd_id=_int(request, "opd"),
        unit_id=_int(request, "unit"),
        default_opd=True,
    )
    if lingkup.opd is None:
        raise Http404(_("Perangkat daerah tidak ditemukan."))
    return _ringkasan(request, actor, access.OPD, lingkup, years)


@login_required
@require_GET
def dasbor_tim(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    access.require_team(actor)
    tahun = _tahun(request, [])
    rows = people.team(actor, tahun)
    goal = targets()
    items = team_panels(rows, goal)
    download = _xlsx(request, items, _("Dasbor tim %(t)s") % {"t": tahun}, "dasbor-tim")
    if download is not None:
        return download
    ctx = {
        "tahun": tahun,
        "rows": rows,
        "ringkasan": people.team_summary(rows, goal),
        "panels": items,
        "query": urlencode({"tahun": tahun}),
    }
    return render(request, "insight/dashboards/tim.html", ctx)


@login_required
@require_GET
def dasbor_saya(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    access.require_employee(actor)
    tahun = _tahun(request, [])
    data = people.saya(actor, tahun)
    items = saya_panels(data)
    download = _xlsx(request, items, _("Dasbor saya %(t)s") % {"t": tahun}, "dasbor-saya")
    if download is not None:
        return download
    ctx = {
        "tahun": tahun,
        "saya": data,
        "panels": items,
        "query": urlencode({"tahun": tahun}),
    }
    return render(request, "insight/dashboards/saya.html", ctx)


@login_required
@require_POST
def dasbor_segarkan(request: HttpRequest) -> HttpResponse:
    """Start the refresh (BKD admin); refused while one runs."""
    actor = actor_from_request(request)
    try:
        refresh.dasbor_refresh_start(actor=actor)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Penyegaran data dasbor dimulai; kemajuannya tampil di halaman ini."))
    return redirect("insight:dasbor_provinsi")


@login_required
@require_GET
def dasbor_segarkan_tugas(request: HttpRequest, job_id: int) -> HttpResponse:
    """The refresh job's card: the partial under HTMX (polled until done), else a small page."""
    job = job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.DASBOR)
    ctx = _card(job)
    if request.headers.get("HX-Request") == "true":
        return render(request, "core/_job_progress.html", ctx)
    return render(request, "insight/dashboards/tugas.html", {"tugas": ctx})
