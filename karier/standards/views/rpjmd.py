"""The province's plan on screen: the RPJMD overview with its IKU, and one indicator's values."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from karier.core.forms import apply_errors
from karier.people.access import actor_from_request
from karier.standards import access, charts, exports, selectors
from karier.standards.forms import NilaiForm
from karier.standards.services import indikator as services
from karier.standards.views.common import NILAI_HEADER, forbidden_as_page, nilai_rows, wants_xlsx


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    rpjmd = selectors.rpjmd_current()
    ctx: dict[str, Any] = {"rpjmd": rpjmd, "can_edit": access.can_edit_rpjmd(actor)}
    if rpjmd is None:
        return render(request, "standards/overview.html", ctx)
    if wants_xlsx(request):
        iku = list(selectors.rpjmd_indikator(rpjmd))
        return exports.xlsx_response(
            "iku-rpjmd",
            [
                (
                    "IKU RPJMD",
                    ["Sasaran", *NILAI_HEADER],
                    (
                        [i.sasaran.teks if i.sasaran else "", *row]
                        for i in iku
                        for row in nilai_rows(i, list(i.nilai.all()))
                    ),
                ),
            ],
        )
    tree = selectors.rpjmd_tree(rpjmd)
    iku = selectors.tree_indikator(tree)
    for i in iku:
        vals = list(i.nilai.all())
        i.terakhir = next((v for v in reversed(vals) if v.realisasi is not None), None)  # type: ignore[attr-defined]
        i.target_akhir = next((v for v in vals if v.tahun == rpjmd.tahun_selesai), None)  # type: ignore[attr-defined]
    headline = next((i for i in iku if i.nilai.all()), None)
    if headline is not None:
        series = selectors.split_series(headline.nilai.all())
        ctx.update(headline=headline, series=series, figure=charts.indikator_figure(headline, series))
    years = list(range(rpjmd.tahun_mulai, rpjmd.tahun_selesai + 1))
    ctx.update(tree=tree, iku=iku, years=years, coverage=selectors.standar_coverage())
    return render(request, "standards/overview.html", ctx)


@login_required
@forbidden_as_page
def indikator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    indikator = access.indikator_for_actor(actor, pk)
    form = NilaiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.nilai_indikator_set(
                actor=actor,
                indikator=indikator,
                tahun=d["tahun"],
                target=d["target"],
                realisasi=d["realisasi"],
                metode=d["metode"],
                sumber=d["sumber"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Nilai tahun %(tahun)s disimpan.") % {"tahun": d["tahun"]})
            return redirect("standards:indikator", pk=indikator.pk)
    can_edit = access.can_edit_indikator(actor, indikator)
    indikator = selectors.indikator_detail(indikator.pk)
    values = list(indikator.nilai.all())
    if wants_xlsx(request):
        return exports.xlsx_response(
            f"indikator-{indikator.pk}", [("Nilai", NILAI_HEADER, nilai_rows(indikator, values))]
        )
    series = selectors.split_series(values)
    return render(
        request,
        "standards/indikator_detail.html",
        {
            "i": indikator,
            "values": values,
            "series": series,
            "figure": charts.indikator_figure(indikator, series) if values else None,
            "turunan": list(indikator.turunan.all()),
            "can_edit": can_edit,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
