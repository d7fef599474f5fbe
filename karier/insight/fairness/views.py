"""The fairness screen under /wawasan/keadilan/ (issue #13 item 2) and its Excel download. Edges only:
the actor's role (403), the agency through `access.agency_for_fairness` (404 when hidden), one selector.
The screen lists the agencies once (the filter and the default); the Excel reads the years only when no
year is asked for."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from karier.appraisal.calibration.selectors import PREDIKAT_COLUMNS
from karier.core.excel import xlsx_attachment
from karier.insight.fairness import access, selectors
from karier.insight.fairness.charts import appraisers_figure
from karier.insight.fairness.exports import fairness_xlsx
from karier.insight.fairness.findings import flag_explanations, section_explanations
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


def _opd(request: HttpRequest, actor: Actor, agencies: list[UnitKerja] | None = None) -> UnitKerja | None:
    """The agency asked for (hidden: 404) or, none asked, the first the actor sees (from `agencies` when
    the caller has already listed them)."""
    access.ensure_fairness(actor)
    opd_id = _int(request.GET.get("opd"))
    if opd_id is not None:
        return access.agency_for_fairness(actor, opd_id)
    if agencies is None:
        return access.fairness_agencies(actor).first()
    return agencies[0] if agencies else None


def _tahun(request: HttpRequest, years: list[int] | None = None) -> int | None:
    """The year asked for or, none asked, the newest with an annual period (read only then, unless the
    caller has the list)."""
    tahun = _int(request.GET.get("tahun"))
    if tahun is None:
        years = selectors.years() if years is None else years
        tahun = years[0] if years else None
    if tahun is not None and not MIN_TAHUN <= tahun <= MAX_TAHUN:
        raise Http404(_("Tahun tidak ditemukan."))
    return tahun


@login_required
@require_GET
def keadilan(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    agencies = list(access.fairness_agencies(actor))  # once: the filter and the default agency
    opd = _opd(request, actor, agencies)
    years = selectors.years()
    tahun = _tahun(request, years)
    report = selectors.fairness_report(opd, tahun) if opd is not None and tahun is not None else None
    present = set(report.flags_present) if report else set()
    context: dict[str, Any] = {
        "report": report,
        "opd": opd,
        "tahun": tahun,
        "years": years,
        "agencies": agencies,
        "kolom": PREDIKAT_COLUMNS,
        "rating_kolom": selectors.RATING_COLUMNS,
        "tanda_penjelasan": [e for k, e in flag_explanations().items() if k in present],
        "penjelasan": section_explanations(),
        "minimum": MIN_KELOMPOK,
        "figure": appraisers_figure(report) if report else None,
        "xlsx_url": f"{reverse('insight:keadilan_xlsx')}?opd={opd.pk}&tahun={tahun}" if opd and tahun else "",
    }
    return render(request, "insight/fairness/keadilan.html", context)


@login_required
@require_GET
def keadilan_xlsx(request: HttpRequest) -> HttpResponse:
    """The same tables as the screen, every row, with the same access and suppression."""
    actor = actor_from_request(request)
    opd = _opd(request, actor)
    tahun = _tahun(request)
    if opd is None or tahun is None:
        raise Http404(_("Perangkat daerah tidak ditemukan."))
    return xlsx_attachment(fairness_xlsx(selectors.fairness_report(opd, tahun)), f"keadilan-{opd.pk}-{tahun}")
