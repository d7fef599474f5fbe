"""Agencies' Perjanjian Kinerja on screen: the list, and one agreement with its rows, where the
agency adds and removes rows, signs, and reopens with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import actor_from_request
from karier.standards import access, documents, exports, selectors, workflow
from karier.standards.choices import StatusPerjanjian
from karier.standards.forms import PerjanjianFilter, PkRowForm, ReopenForm
from karier.standards.models import PerjanjianKinerja
from karier.standards.services import perjanjian as services
from karier.standards.views.common import PAGE_SIZE, forbidden_as_page, posted_id, query, wants_xlsx


@login_required
def perjanjian_list(request: HttpRequest) -> HttpResponse:
    form = PerjanjianFilter(request.GET or None)
    qs: QuerySet[PerjanjianKinerja]
    if form.is_bound and not form.is_valid():
        qs = selectors.perjanjian_list().none()
    else:
        d = form.cleaned_data if form.is_bound else {}
        qs = selectors.perjanjian_list(
            opd=d["opd"].pk if d.get("opd") else None, tahun=d.get("tahun"), status=d.get("status") or None
        )
    if wants_xlsx(request):
        return exports.xlsx_response(
            "perjanjian-kinerja",
            [
                (
                    "Perjanjian kinerja",
                    ["Perangkat daerah", "Tahun", "Status", "Tanggal tanda tangan", "Jumlah sasaran"],
                    (
                        [p.opd.nama, p.tahun, p.get_status_display(), p.ditandatangani_pada, p.n_rows]  # type: ignore[attr-defined]
                        for p in qs
                    ),
                )
            ],
        )
    base, export = query(request)
    page = page_for(request, qs, PAGE_SIZE)
    return render(
        request,
        "standards/perjanjian_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": base,
            "export_query": export,
        },
    )


@login_required
@forbidden_as_page
def perjanjian_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    pk_obj = access.perjanjian_for_actor(actor, pk)
    can_edit = access.can_edit_opd(actor, pk_obj.opd_id)
    indikator_qs = selectors.perjanjian_indikator_choices(pk_obj)
    row_form = PkRowForm(indikator_qs=indikator_qs)
    reopen_form = ReopenForm()
    status = 200
    if request.method == "POST":
        aksi = request.POST.get("aksi", "")
        try:
            if aksi == "tambah":
                row_form = PkRowForm(request.POST, indikator_qs=indikator_qs)
                if row_form.is_valid():
                    d = row_form.cleaned_data
                    services.perjanjian_baris_add(
                        actor=actor,
                        perjanjian=pk_obj,
                        sasaran=d["indikator"].sasaran_renstra,
                        indikator=d["indikator"],
                        target=d["target"],
                        target_kualitatif=d["target_kualitatif"],
                        perspektif=d["perspektif"],
                    )
                    return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            elif aksi == "hapus":
                row = access.perjanjian_row_for_actor(actor, posted_id(request.POST.get("baris")))
                if row.perjanjian_id != pk_obj.pk:
                    raise ValidationError({"__all__": _("Baris tidak termasuk perjanjian ini.")})
                services.perjanjian_baris_delete(actor=actor, row=row)
                return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            elif aksi == workflow.SIGN:
                services.perjanjian_sign(actor=actor, perjanjian=pk_obj)
                messages.success(request, _("Perjanjian kinerja ditandatangani."))
                return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            elif aksi == workflow.REOPEN:
                reopen_form = ReopenForm(request.POST)
                if reopen_form.is_valid():
                    services.perjanjian_reopen(
                        actor=actor, perjanjian=pk_obj, alasan=reopen_form.cleaned_data["alasan"]
                    )
                    messages.success(request, _("Perjanjian kinerja dibuka kembali."))
                    return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            else:
                raise ValidationError({"__all__": _("Aksi tidak dikenal.")})
        except ValidationError as exc:
            apply_errors(reopen_form if aksi == workflow.REOPEN else row_form, exc)
        status = 400
    rows = list(selectors.perjanjian_rows(pk_obj))
    if wants_xlsx(request):
        return exports.xlsx_response(
            f"perjanjian-{pk_obj.pk}",
            [
                (
                    "Perjanjian kinerja",
                    [
                        "No",
                        "Sasaran",
                        "Indikator",
                        "Satuan",
                        "Target",
                        "Target (uraian)",
                        "Perspektif",
                        "Mendukung IKU",
                    ],
                    (
                        [
                            r.urutan,
                            r.sasaran.teks,
                            r.indikator.nama,
                            r.indikator.satuan,
                            r.target,
                            r.target_kualitatif,
                            r.get_perspektif_display(),
                            r.indikator.induk.nama if r.indikator.induk else "",
                        ]
                        for r in rows
                    ),
                )
            ],
        )
    return render(
        request,
        "standards/perjanjian_detail.html",
        {
            "pk": pk_obj,
            "rows": rows,
            "can_edit": can_edit,
            "editable": workflow.editable(pk_obj.status),
            "signed": pk_obj.status == StatusPerjanjian.DITANDATANGANI,
            "row_form": row_form,
            "reopen_form": reopen_form,
            "has_indikator": indikator_qs.exists() if can_edit else False,
        },
        status=status,
    )


@login_required
def perjanjian_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement as the official PDF; whoever may read the agreement may read its PDF."""
    doc = documents.perjanjian_document(access.perjanjian_for_actor(actor_from_request(request), pk))
    response = HttpResponse(documents.perjanjian_pdf(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'inline; filename="{doc.filename_stem}.pdf"'
    return response
