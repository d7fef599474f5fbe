"""The bulk-rating screen: all the subordinates an appraiser rates in a period, on one page; one POST
saves every touched row or none (`services.rating_bulk_set`).

Issue #10 §4 (a screen that takes minutes): "Sesuai Ekspektasi untuk semua yang belum dinilai" fills the
empty choices — in the browser (static/karier/rating.js), or without JavaScript as a POST (`aksi=isi-sesuai`)
that saves the filled rows through the same service, all or nothing; a reason only where the rating
is not Sesuai; suggested reasons per row; the table as Excel (`bulk_xlsx`)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from karier.appraisal.choices import RatingChoice, StatusEvaluasi, StatusPeriode
from karier.appraisal.evaluation import selectors, services
from karier.appraisal.evaluation.bulk_export import bulk_xlsx
from karier.appraisal.evaluation.views import CSS, _qs_base
from karier.appraisal.models import PeriodePenilaian
from karier.core.paging import page_for
from karier.people.access import actor_from_request

BULK_PAGE_SIZE = 100
ISI_SESUAI = "isi-sesuai"


def _posted_rows(request: HttpRequest, ids: set[int]) -> dict[int, dict[str, str]]:
    """Rows the user touched: {evaluasi_id: {field: value}} (a row with nothing chosen or written is skipped)."""
    rows: dict[int, dict[str, str]] = {}
    for ev_id in ids:
        data = {
            "rating_hasil_kerja": request.POST.get(f"hk-{ev_id}", "").strip(),
            "alasan_hasil_kerja": request.POST.get(f"ahk-{ev_id}", "").strip(),
            "rating_perilaku": request.POST.get(f"pk-{ev_id}", "").strip(),
            "alasan_perilaku": request.POST.get(f"apk-{ev_id}", "").strip(),
        }
        if f"hk-{ev_id}" in request.POST and any(data.values()):
            rows[ev_id] = data
    return rows


def _with_sesuai(request: HttpRequest, ids: set[int], rows: dict[int, dict[str, str]]) -> dict[int, dict[str, str]]:
    """The no-JavaScript "Sesuai Ekspektasi untuk semua yang belum dinilai": every empty rating of the
    rateable rows on the form (those posting `hk-<id>`) becomes Sesuai; what the user chose stays."""
    out = {k: dict(v) for k, v in rows.items()}
    for ev_id in ids:
        if f"hk-{ev_id}" not in request.POST:
            continue
        row = out.setdefault(
            ev_id,
            {"rating_hasil_kerja": "", "alasan_hasil_kerja": "", "rating_perilaku": "", "alasan_perilaku": ""},
        )
        for f in ("rating_hasil_kerja", "rating_perilaku"):
            row[f] = row[f] or RatingChoice.SESUAI.value
    return out


@login_required
@require_http_methods(["GET", "POST"])
def bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """All my subordinates of a period on one screen; one POST saves every touched row or none."""
    actor = actor_from_request(request)
    periode = get_object_or_404(PeriodePenilaian.objects.select_related("tahun"), pk=pk)
    posted: dict[int, dict[str, str]] = {}
    errors: dict[int, dict[str, str]] = {}
    status = 200
    if request.method == "POST":
        ids = {int(x) for x in request.POST.getlist("ev") if x.isdigit()}
        posted = _posted_rows(request, ids)
        if request.POST.get("aksi") == ISI_SESUAI:
            posted = _with_sesuai(request, ids, posted)
        if not posted:
            messages.info(request, _("Tidak ada rating yang diisi."))
            return redirect("appraisal:bulk", periode.pk)
        try:
            n = services.rating_bulk_set(actor=actor, periode=periode, rows=posted)
        except services.BulkRatingError as exc:
            errors, status = exc.rows, 422
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 422
        else:
            messages.success(request, _("%(n)s rating disimpan.") % {"n": n})
            return redirect(f"{reverse('appraisal:bulk', args=[periode.pk])}?{request.GET.urlencode()}")
    rows = selectors.bulk_rows(actor, periode, posted, errors)
    if not rows and not (actor.has_subordinates or actor.sees_everyone):
        raise Http404(_("Halaman tidak ditemukan."))
    filt = request.GET.get("status", "")
    if filt == "belum":
        rows = [r for r in rows if r.evaluasi.status in (StatusEvaluasi.DRAFT, StatusEvaluasi.DIBUKA_ULANG)]
    elif filt == "sudah":
        rows = [r for r in rows if r.evaluasi.status in (StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL)]
    page = page_for(request, rows, BULK_PAGE_SIZE)
    other_errors = {k: v for k, v in errors.items() if k not in {r.evaluasi.pk for r in rows}}
    return render(
        request,
        "appraisal/bulk.html",
        {
            "periode": periode,
            "rows": list(page.object_list),
            "page_obj": page,
            "querystring_base": _qs_base(request),
            "n_errors": len(errors),
            "other_errors": other_errors,
            "rating_choices": RatingChoice.choices,
            # the predikat of every pair of ratings (karier.rules), for the screen's live preview
            "predikat_json": json.dumps(
                {f"{a}|{b}": services.predikat_for(a, b) for a in RatingChoice.values for b in RatingChoice.values}
            ),
            # (value, label, reason required, warn without realisation): the screen's hints come from
            # the same functions as the service's rule and the server-side warning
            "rating_options": [
                (v, label, services.alasan_wajib(v), selectors.warns_without_realisation(v))
                for v, label in RatingChoice.choices
            ],
            "status_filter": filt,
            "sisa_hari": selectors.deadline_days(periode),
            "css": CSS,
            "can_rate_period": periode.status == StatusPeriode.DIBUKA,
            "total": len(rows),
            "nominasi": _nominations(rows),
            "n_belum": sum(1 for r in page.object_list if r.belum_dinilai and not r.ditolak),
            "isi_sesuai": ISI_SESUAI,
            "nilai_sesuai": RatingChoice.SESUAI.value,
        },
        status=status,
    )


def _nominations(rows: list[selectors.BulkRow]) -> dict[str, int]:
    """The team's nominations a rating would close: people concerned and nominations waiting."""
    return {
        "pegawai": sum(1 for r in rows if r.nominasi_terbuka),
        "nominasi": sum(r.nominasi_terbuka for r in rows),
    }


@login_required
@require_http_methods(["GET"])
def bulk_excel(request: HttpRequest, pk: int) -> HttpResponse:
    """The bulk-rating table as Excel: the same rows (and the same refusal) as the screen."""
    actor = actor_from_request(request)
    periode = get_object_or_404(PeriodePenilaian.objects.select_related("tahun"), pk=pk)
    rows = selectors.bulk_rows(actor, periode)
    if not rows and not (actor.has_subordinates or actor.sees_everyone):
        raise Http404(_("Halaman tidak ditemukan."))
    judul = _("Rating bawahan — %(n)s %(t)s") % {"n": periode.nama, "t": periode.tahun_id}
    response = HttpResponse(
        bulk_xlsx(rows, judul), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="rating-bawahan-{periode.tahun_id}-{periode.pk}.xlsx"'
    return response
