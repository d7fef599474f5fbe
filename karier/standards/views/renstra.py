"""Agencies' Renstra on screen: the list (filter, Excel) and one Renstra with its indicators by year."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from karier.core.paging import page_for
from karier.people.access import actor_from_request
from karier.standards import access, exports, selectors
from karier.standards.forms import RenstraFilter
from karier.standards.views.common import PAGE_SIZE, query, wants_xlsx


@login_required
def renstra_list(request: HttpRequest) -> HttpResponse:
    form = RenstraFilter(request.GET or None)
    opd = form.cleaned_data["opd"].pk if form.is_valid() and form.cleaned_data["opd"] else None
    qs = selectors.renstra_list(opd=opd) if not form.errors else selectors.renstra_list().none()
    if wants_xlsx(request):
        return exports.xlsx_response(
            "renstra",
            [
                (
                    "Renstra",
                    ["Perangkat daerah", "Periode", "RPJMD", "Sasaran", "Indikator"],
                    (
                        [r.opd.nama, f"{r.tahun_mulai}–{r.tahun_selesai}", str(r.rpjmd), r.n_sasaran, r.n_indikator]  # type: ignore[attr-defined]
                        for r in qs
                    ),
                )
            ],
        )
    base, export = query(request)
    page = page_for(request, qs, PAGE_SIZE)
    return render(
        request,
        "standards/renstra_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": base,
            "export_query": export,
        },
    )


@login_required
def renstra_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    renstra = access.renstra_for_actor(actor, pk)
    sasaran = selectors.renstra_sasaran(renstra)
    if wants_xlsx(request):
        rows = []
        for s in sasaran:
            for i in s.indikator.all():
                for v in i.nilai.all() or [None]:
                    rows.append(
                        [
                            s.nomor,
                            s.teks,
                            s.sasaran_rpjmd.teks,
                            i.kode,
                            i.nama,
                            i.satuan,
                            i.induk.nama if i.induk else "",
                            v.tahun if v else "",
                            v.target if v else None,
                            v.realisasi if v else None,
                        ]
                    )
        return exports.xlsx_response(
            f"renstra-{renstra.pk}",
            [
                (
                    "Renstra",
                    [
                        "No",
                        "Sasaran",
                        "Mendukung sasaran RPJMD",
                        "Kode",
                        "Indikator",
                        "Satuan",
                        "Mendukung IKU",
                        "Tahun",
                        "Target",
                        "Realisasi",
                    ],
                    rows,
                )
            ],
        )
    years = list(range(renstra.tahun_mulai, renstra.tahun_selesai + 1))
    for s in sasaran:
        for i in s.indikator.all():
            by_year = {v.tahun: v for v in i.nilai.all()}
            i.per_tahun = [by_year.get(y) for y in years]  # type: ignore[attr-defined]
    return render(
        request,
        "standards/renstra_detail.html",
        {
            "renstra": renstra,
            "sasaran": sasaran,
            "years": years,
            "can_edit": access.can_edit_opd(actor, renstra.opd_id),
        },
    )
