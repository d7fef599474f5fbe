"""Screens for the cascade, coverage, bulk creation and the SKP documents (issue #4, parts 3, 5, 6).

Thin edges: parse the query, build the actor, call one selector or service, render.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from karier.core.choices import JenisTugasLatar
from karier.core.forms import apply_errors
from karier.core.jobs import job_for_actor, job_progress_context
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.people.models import UnitKerja
from karier.plans import cascade, cascade_coverage, documents
from karier.plans.access import skp_for_actor
from karier.plans.bulk import (
    REASON_LABELS,
    bulk_roots,
    skp_bulk_preview,
    skp_bulk_start,
)

PAGE_SIZE = 25
MAX_ID = 2**63 - 1


# ---------------------------------------------------------------------------- helpers
def _int(request: HttpRequest, name: str, lo: int = 1, hi: int = MAX_ID) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 19 or not (lo <= int(raw) <= hi):
        raise Http404(_("Parameter tidak valid."))
    return int(raw)


def _tahun(request: HttpRequest) -> int:
    return _int(request, "tahun", 2000, 2100) or timezone.localdate().year


def _scope(request: HttpRequest, actor: Actor) -> cascade.CascadeFilter:
    return cascade.coverage_scope(
        actor, tahun=_tahun(request), opd_id=_int(request, "opd"), unit_id=_int(request, "unit")
    )


def _filter_context(actor: Actor, f: cascade.CascadeFilter) -> dict[str, Any]:
    """Choices for the filter bar: the agencies the actor may pick, and the chosen agency's units."""
    opds = UnitKerja.objects.filter(parent__isnull=True, aktif=True)
    if not actor.sees_everyone:
        opds = opds.filter(pk__in=cascade.allowed_opd_ids(actor))
    units = (
        list(
            UnitKerja.objects.filter(opd_id=f.opd, aktif=True)
            .exclude(pk=f.opd)
            .order_by("path")
            .only("pk", "nama", "depth")
        )
        if f.opd
        else []
    )
    year = timezone.localdate().year
    return {
        "f": f,
        "opds": list(opds.order_by("nama").only("pk", "nama")),
        "units": units,
        "tahun_pilihan": list(range(year + 1, year - 5, -1)),
        "province_allowed": actor.sees_everyone,
    }


def _query(f: cascade.CascadeFilter, **extra: Any) -> str:
    params: dict[str, Any] = {"tahun": f.tahun}
    if f.unit is not None:
        params["unit"] = f.unit.pk
    elif f.opd_id:
        params["opd"] = f.opd_id
    params.update({k: v for k, v in extra.items() if v not in (None, "")})
    return urlencode(params)


# ---------------------------------------------------------------------------- cascade
@login_required
def cascade_tree(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    f = _scope(request, actor)
    return render(
        request,
        "plans/cascade.html",
        {
            "roots": cascade.cascade_root(f),
            "query": _query(f),
            **_filter_context(actor, f),
        },
    )


@login_required
def cascade_node(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    f = _scope(request, actor)
    key = request.GET.get("node", "")
    children = cascade.cascade_children(actor, f, key, offset=_int(request, "offset", 0, 10**9) or 0)
    return render(request, "plans/cascade_node.html", {"children": children, "query": _query(f)})


# ---------------------------------------------------------------------------- coverage
@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    f = _scope(request, actor)
    gap = request.GET.get("celah") or cascade_coverage.GAP_TANPA_SKP
    if gap not in cascade_coverage.GAPS:
        raise Http404(_("Daftar tidak ditemukan."))
    # Read once: the indicator figure and the indicator gap list (its count and its page) share them.
    indicators = cascade_coverage.indicator_sets(f)
    qs: Any
    if gap == cascade_coverage.GAP_TANPA_SKP:
        qs = cascade_coverage.gap_tanpa_skp(actor, f)
    elif gap == cascade_coverage.GAP_RHK_YATIM:
        qs = cascade_coverage.gap_rhk_yatim(actor, f)
    else:
        qs = cascade_coverage.gap_indikator(f, indicators)
    if request.GET.get("export") == "xlsx":
        data = documents.gap_xlsx(gap, qs)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(data, content_type=documents.XLSX)
        response["Content-Disposition"] = f'attachment; filename="celah-{gap}-{f.tahun}-{stamp}.xlsx"'
        return response
    page = page_for(request, qs, PAGE_SIZE)
    base = _query(f, celah=gap)
    return render(
        request,
        "plans/coverage.html",
        {
            "cov": cascade_coverage.coverage(f, indicators),
            "gap": gap,
            "gaps": cascade_coverage.GAPS,
            "page_obj": page,
            "querystring_base": f"{base}&",
            "query": _query(f),
            "export_query": _query(f, celah=gap, export="xlsx"),
            **_filter_context(actor, f),
        },
    )


# ---------------------------------------------------------------------------- bulk
class BulkForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun kinerja"), min_value=2000, max_value=2100)
    unit = forms.ChoiceField(label=_("Lingkup"), required=False)

    def __init__(self, *args: Any, roots: list[UnitKerja] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = []
        if roots is None:
            choices.append(("", str(_("Seluruh Pemerintah Provinsi"))))
            units = UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama")
        else:
            q = Q(pk__in=[])
            for r in roots:
                q |= Q(path__subtree=r.path)
            units = UnitKerja.objects.filter(q, aktif=True).order_by("path")
        choices += [(str(u.pk), ("— " * u.depth) + u.nama) for u in units.only("pk", "nama", "depth")]
        field = self.fields["unit"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.required = roots is not None

    def scope(self) -> tuple[int, int | None]:
        d = self.cleaned_data
        return d["tahun"], int(d["unit"]) if d.get("unit") else None


@login_required
@require_http_methods(["GET", "POST"])
def bulk(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    roots = bulk_roots(actor)
    if roots == [] or (actor.is_auditor and not actor.is_admin):
        raise Http404(_("Halaman tidak ditemukan."))
    data = request.POST if request.method == "POST" else (request.GET if "tahun" in request.GET else None)
    form = BulkForm(data, roots=roots, initial={"tahun": timezone.localdate().year})
    preview = None
    if form.is_bound and form.is_valid():
        tahun, unit_id = form.scope()
        try:
            if request.method == "POST":
                job = skp_bulk_start(actor=actor, tahun=tahun, unit_id=unit_id)
                return redirect("plans_insight:bulk_job", pk=job.pk)
            preview = skp_bulk_preview(actor=actor, tahun=tahun, unit_id=unit_id)
        except ValidationError as exc:
            apply_errors(form, exc)
    template = "plans/bulk_preview.html" if request.headers.get("HX-Request") == "true" else "plans/bulk.html"
    return render(request, template, {"form": form, "preview": preview})


@login_required
def bulk_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_actor(actor_from_request(request), pk, jenis=JenisTugasLatar.SKP_MASSAL)
    partial = request.headers.get("HX-Request") == "true"
    ctx = job_progress_context(
        job,
        poll_url=reverse("plans_insight:bulk_job", args=[job.pk]),
        judul=_("tahun %(tahun)s") % {"tahun": job.parameter.get("tahun", "")},
        satuan=str(_("pegawai")),
        detail_template="plans/_bulk_reasons.html",
        reason_labels=REASON_LABELS,
    )
    return render(request, "core/_job_progress.html" if partial else "plans/bulk_job.html", ctx)


# ---------------------------------------------------------------------------- documents
@login_required
def skp_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    skp = skp_for_actor(actor_from_request(request), pk)
    doc = documents.skp_document(skp.pk)
    response = HttpResponse(documents.pdf_bytes(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'inline; filename="{doc.filename_stem}.pdf"'
    return response


@login_required
def skp_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    skp = skp_for_actor(actor_from_request(request), pk)
    doc = documents.skp_document(skp.pk)
    response = HttpResponse(documents.xlsx_bytes(doc), content_type=documents.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename_stem}.xlsx"'
    return response
