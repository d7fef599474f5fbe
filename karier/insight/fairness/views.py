"""The fairness screen under /wawasan/keadilan/ (issue #13 item 2) and its Excel download. Edges only:
the actor's role (403), the agency through `access.agency_for_fairness` (404 when hidden), one selector."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from karier.core.excel import xlsx_attachment
from karier.insight.fairness import access, selectors
from karier.insight.fairness.charts import appraisers_figure
from karier.insight.fairness.exports import fairness_xlsx
from karier.insight.fairness.findings import flag_explanations, flag_labels, section_explanations
from karier.people.access import Actor, actor_from_request
from karier.people.models import UnitKerja
from karier.rules.fairness import MIN_KELOMPOK

MIN_TAHUN, MAX_TAHUN = 2000, 2100


def _int(value: str | None) -> int | None:
    """An id or year from the query string; anything that is not a plain number is no such record."""
    if value in (None, ""):
        return None
    assert value is not None
    if not value.isdigit() or len(value) > 18:
        raise Http404(_("Perangkat daerah tidak ditemukan."))
    return int(value)


def _chosen(request: HttpRequest, actor: Actor) -> tuple[UnitKerja | None, int | None, list[int]]:
    """The agency (hidden: 404; none asked: the first the actor sees) and the year (default: newest)."""
    access.ensure_fairness(actor)
    opd_id = _int(request.GET.get("opd"))
    if opd_id is not None:
        opd: UnitKerja | None = access.agency_for_fairness(actor, opd_id)
    else:
        opd = access.fairness_agencies(actor).first()
    years = selectors.years()
    tahun = _int(request.GET.get("tahun")) or (years[0] if years else None)
    if tahun is not None and not MIN_TAHUN <= tahun <= MAX_TAHUN:
        raise Http404(_("Tahun tidak ditemukan."))
    return opd, tahun, years


@login_required
@require_GET
def keadilan(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    opd, tahun, years = _chosen(request, actor)
    report = selectors.fairness_report(opd, tahun) if opd is not None and tahun is not None else None
    context: dict[str, Any] = {
        "report": report,
        "opd": opd,
        "tahun": tahun,
        "years": years,
        "agencies": list(access.fairness_agencies(actor)),
        "kolom": selectors.PREDIKAT_COLUMNS,
        "rating_kolom": selectors.RATING_COLUMNS,
        "dimensi": selectors.dimension_labels(),
        "tanda": flag_labels(),
        "tanda_penjelasan": flag_explanations(),
        "penjelasan": section_explanations(),
        "minimum": MIN_KELOMPOK,
        "figure": appraisers_figure(report) if report else None,
    }
    return render(request, "insight/fairness/keadilan.html", context)


@login_required
@require_GET
def keadilan_xlsx(request: HttpRequest) -> HttpResponse:
    """The same tables as the screen, with the same access and suppression."""
    actor = actor_from_request(request)
    opd, tahun, _years = _chosen(request, actor)
    if opd is None or tahun is None:
        raise Http404(_("Perangkat daerah tidak ditemukan."))
    return xlsx_attachment(fairness_xlsx(selectors.fairness_report(opd, tahun)), f"keadilan-{opd.pk}-{tahun}")
