"""Appraisal screens (issue #5 parts 1, 2, 4): my evaluations, one evaluation (realisation, evidence,
feedback, dialog, rating), the bulk-rating screen, the admin's calendar, reminders, evidence download.

Thin edges: access → service/selector → render. Hidden = 404. Refusals are shown next to the
fields (or above the form) and the user's input is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from karier.appraisal.choices import Frekuensi, StatusPeriode
from karier.appraisal.evaluation import access, close, evidence, periods, reminders, selectors, services
from karier.appraisal.evaluation.forms import (
    KalenderForm,
    PeriodeForm,
    RatingForm,
    RealisasiForm,
    TeksForm,
)
from karier.appraisal.feedback import views as feedback
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.core import jobs
from karier.core.choices import JenisTugasLatar
from karier.core.forms import apply_errors
from karier.core.models import TugasLatar
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.plans.models import Skp

PAGE_SIZE = 50
CSS = "appraisal/penilaian.css"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _ev(request: HttpRequest, pk: int) -> tuple[Actor, Evaluasi]:
    actor = actor_from_request(request)
    return actor, access.evaluasi_for_actor(actor, pk)


def _qs_base(request: HttpRequest) -> str:
    params = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    base = urlencode(params)
    return f"{base}&" if base else ""


# ---------------------------------------------------------------------------- lists
@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = page_for(request, selectors.my_evaluations(actor), PAGE_SIZE)
    return render(
        request,
        "appraisal/index.html",
        {
            "page_obj": page,
            "evaluasi": list(page.object_list),
            "querystring_base": _qs_base(request),
            "missing": selectors.my_missing(actor),
            "penilai_periode": selectors.appraisal_periods(actor),
            "is_admin": access.can_manage_calendar(actor),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def mulai(request: HttpRequest) -> HttpResponse:
    """Start my evaluation for an open period (the plan was approved after the period opened)."""
    actor = actor_from_request(request)
    try:
        skp = get_object_or_404(Skp, pk=int(request.POST.get("skp", "0")), pegawai_id=actor.pegawai_id)
        periode = get_object_or_404(
            PeriodePenilaian, pk=int(request.POST.get("periode", "0")), status=StatusPeriode.DIBUKA
        )
    except ValueError as exc:
        raise Http404 from exc
    if actor.pegawai_id is None or actor.is_auditor:
        raise Http404
    try:
        ev = periods.evaluasi_get_or_create(skp=skp, periode=periode)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("appraisal:index")
    return redirect("appraisal:detail", ev.pk)


# ---------------------------------------------------------------------------- one evaluation
DIALOG_PER_PAGE = 30


def _detail_context(request: HttpRequest, actor: Actor, ev: Evaluasi, **extra: Any) -> dict[str, Any]:
    raw = request.GET.get("dialog", "")
    data = selectors.evaluasi_detail(
        ev, dialog_per_page=DIALOG_PER_PAGE, dialog_page=int(raw) if raw.isdigit() and len(raw) < 7 else None
    )
    appraiser = access.is_appraiser(actor, ev)
    rating_form = extra.pop("rating_form", None)
    if rating_form is None:
        rating_form = RatingForm(
            initial={
                "rating_hasil_kerja": ev.rating_hasil_kerja or data["wajib_hasil_kerja"] or "",
                "alasan_hasil_kerja": ev.alasan_hasil_kerja,
                "rating_perilaku": ev.rating_perilaku,
                "alasan_perilaku": ev.alasan_perilaku,
            }
        )
    hk = rating_form["rating_hasil_kerja"].value() or ""
    pk = rating_form["rating_perilaku"].value() or ""
    ctx = {
        "ev": ev,
        **data,
        "is_appraisee": access.is_appraisee(actor, ev),
        "is_appraiser": appraiser,
        "can_record": access.can_record(actor, ev),
        "can_rate": appraiser and access.can_rate(actor, ev),
        "can_comment": access.can_comment(actor, ev),
        "can_feedback": appraiser and not ev.terkunci,
        "rating_form": rating_form,
        "predikat_preview": services.predikat_for(hk, pk),
        "dialog_form": extra.pop("dialog_form", None) or TeksForm(),
        "bukti_accept": evidence.ACCEPT,
        "sisa_hari": selectors.deadline_days(ev.periode),
        "css": CSS,
    }
    iki_errors, iki_values = extra.pop("iki_errors", {}), extra.pop("iki_values", {})
    fb_errors, fb_values = extra.pop("feedback_errors", {}), extra.pop("feedback_values", {})
    for block in (*data["utama"], *data["tambahan"]):
        block.feedback_errors = fb_errors.get(block.rhk.pk, [])
        block.feedback_value = fb_values.get(block.rhk.pk, "")
        for item in block.iki:
            errs = dict(iki_errors.get(item.iki.pk, {}))
            if "__all__" in errs:  # templates cannot read a key starting with "_"
                errs["umum"] = errs.pop("__all__")
            item.errors = errs
            item.values = iki_values.get(item.iki.pk)
    ctx.update(feedback.ringkasan_context(ev, request))
    ctx.update(extra)
    return ctx


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor, ev = _ev(request, pk)
    return render(request, "appraisal/detail.html", _detail_context(request, actor, ev))


@login_required
@require_POST
def realisasi(request: HttpRequest, pk: int, iki_id: int) -> HttpResponse:
    actor, ev = _ev(request, pk)
    iki = access.iki_of_evaluasi(ev, iki_id)
    form = RealisasiForm(request.POST)
    errors: dict[str, list[str]] = {}
    if form.is_valid():
        try:
            services.realisasi_set(
                actor=actor,
                evaluasi=ev,
                iki=iki,
                angka=form.cleaned_data["realisasi_angka"],
                uraian=form.cleaned_data["realisasi_uraian"],
            )
        except PermissionDenied as exc:
            errors = {"__all__": [str(exc)]}
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    else:
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
    if not errors and not _is_htmx(request):
        messages.success(request, _("Realisasi disimpan."))
        return redirect(f"{reverse('appraisal:detail', args=[ev.pk])}#iki-{iki.pk}")
    values = (
        {iki.pk: {"angka": request.POST.get("realisasi_angka", ""), "uraian": request.POST.get("realisasi_uraian", "")}}
        if errors
        else {}
    )
    ctx = _detail_context(request, actor, ev, iki_errors={iki.pk: errors}, iki_values=values)
    if _is_htmx(request):
        item = next(t for sec in ("utama", "tambahan") for b in ctx[sec] for t in b.iki if t.iki.pk == iki.pk)
        return render(request, "appraisal/_iki.html", {**ctx, "item": item, "saved": not errors})
    return render(request, "appraisal/detail.html", ctx, status=422)


@login_required
@require_POST
def umpan_balik(request: HttpRequest, pk: int, rhk_id: int) -> HttpResponse:
    actor, ev = _ev(request, pk)
    rhk = access.rhk_of_evaluasi(ev, rhk_id)
    try:
        services.umpan_balik_add(actor=actor, evaluasi=ev, rhk=rhk, teks=request.POST.get("teks", ""))
    except (PermissionDenied, ValidationError) as exc:
        msgs = getattr(exc, "messages", [str(exc)])
        ctx = _detail_context(
            request, actor, ev, feedback_errors={rhk.pk: msgs}, feedback_values={rhk.pk: request.POST.get("teks", "")}
        )
        return render(request, "appraisal/detail.html", ctx, status=422)
    messages.success(request, _("Umpan balik disimpan."))
    return redirect(f"{reverse('appraisal:detail', args=[ev.pk])}#rhk-{rhk.pk}")


@login_required
@require_POST
def catatan(request: HttpRequest, pk: int) -> HttpResponse:
    actor, ev = _ev(request, pk)
    form = TeksForm(request.POST)
    if form.is_valid():
        try:
            services.catatan_add(actor=actor, evaluasi=ev, teks=form.cleaned_data["teks"])
        except (PermissionDenied, ValidationError) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Catatan dialog kinerja disimpan."))
            return redirect(f"{reverse('appraisal:detail', args=[ev.pk])}#dialog")
    return render(request, "appraisal/detail.html", _detail_context(request, actor, ev, dialog_form=form), status=422)


@login_required
@require_POST
def rating(request: HttpRequest, pk: int) -> HttpResponse:
    actor, ev = _ev(request, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rating_set(actor=actor, evaluasi=ev, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Rating disimpan. Predikat: %(p)s.") % {"p": ev.predikat})
            return redirect("appraisal:detail", ev.pk)
    return render(request, "appraisal/detail.html", _detail_context(request, actor, ev, rating_form=form), status=422)


_ROW = re.compile(r"^(hk|pk)-(\d+)$")


@login_required
@require_GET
def predikat_preview(request: HttpRequest) -> HttpResponse:
    """The predikat two ratings give (karier.rules), for the live preview (HTMX)."""
    hk: str = request.GET.get("rating_hasil_kerja", "")
    pk: str = request.GET.get("rating_perilaku", "")
    for key in request.GET:
        value = request.GET.get(key, "")
        m = _ROW.match(key)
        if m and m.group(1) == "hk":
            hk = value
        elif m:
            pk = value
    return render(request, "appraisal/_predikat.html", {"predikat": services.predikat_for(hk, pk)})


# ---------------------------------------------------------------------------- calendar (admin)
def _admin(request: HttpRequest) -> Actor:
    actor = actor_from_request(request)
    if not (access.can_manage_calendar(actor) or actor.is_auditor):
        raise Http404(_("Halaman tidak ditemukan."))
    return actor


@login_required
@require_http_methods(["GET", "POST"])
def kalender(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    try:
        tahun = int(request.GET.get("tahun") or request.POST.get("tahun") or timezone.localdate().year)
    except ValueError:
        tahun = timezone.localdate().year
    kal = periods.kalender_of(tahun)
    form = KalenderForm(
        initial={
            "tahun": tahun,
            "frekuensi": kal.frekuensi if kal else Frekuensi.TRIWULAN,
            "hari_pengingat": kal.hari_pengingat if kal else 7,
            "jendela_keberatan_hari": kal.jendela_keberatan_hari if kal else 14,
        }
    )
    status = 200
    if request.method == "POST":
        form = KalenderForm(request.POST)
        if form.is_valid():
            try:
                periods.kalender_set(actor=actor, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Kalender penilaian %(t)s disimpan.") % {"t": form.cleaned_data["tahun"]})
                return redirect(f"{reverse('appraisal:kalender')}?tahun={form.cleaned_data['tahun']}")
        status = 422
    opening = dict(periods.pending_openings().values_list("parameter__periode_id", "pk"))
    rows = [
        (
            p,
            PeriodeForm(
                prefix=f"p{p.pk}",
                initial={"nama": p.nama, "dibuka_pada": p.dibuka_pada, "batas_pengisian": p.batas_pengisian},
            ),
            opening.get(p.pk),
        )
        for p in selectors.periods_admin(tahun)
    ]
    return render(
        request,
        "appraisal/kalender.html",
        {
            "form": form,
            "tahun": tahun,
            "kal": kal,
            "rows": rows,
            "can_write": access.can_manage_calendar(actor),
            "years": [tahun - 1, tahun, tahun + 1],
            "css": CSS,
        },
        status=status,
    )


@login_required
@require_POST
def periode_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    periode = get_object_or_404(PeriodePenilaian.objects.select_related("tahun"), pk=pk)
    form = PeriodeForm(request.POST, prefix=f"p{periode.pk}")
    url = f"{reverse('appraisal:kalender')}?tahun={periode.tahun_id}"
    if not form.is_valid():
        messages.error(request, _("%(n)s: periksa tanggal yang diisi.") % {"n": periode.nama})
        return redirect(url)
    try:
        periods.periode_update(actor=actor, periode=periode, **form.cleaned_data)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, f"{periode.nama}: " + " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("%(n)s disimpan.") % {"n": periode.nama})
    return redirect(url)


@login_required
@require_POST
def periode_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The calendar's "Buka"/"Tutup": start the opening or the close job and answer with its progress."""
    actor = _admin(request)
    periode = get_object_or_404(PeriodePenilaian.objects.select_related("tahun"), pk=pk)
    aksi = request.POST.get("aksi")
    if aksi not in ("buka", "tutup"):
        raise Http404
    try:
        if aksi == "buka":
            job = periods.periode_open_start(actor=actor, periode=periode)
        else:
            job = close.periode_close_start(actor=actor, periode_id=periode.pk, require_open=True)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(f"{reverse('appraisal:kalender')}?tahun={periode.tahun_id}")
    if aksi == "tutup":
        return redirect("appraisal_calibration:close_job", pk=job.pk)
    if request.headers.get("HX-Request") == "true":
        return _open_job(request, job)
    return redirect("appraisal:periode_open_job", pk=job.pk)


@login_required
@require_GET
def periode_open_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The opening job's page; under HTMX its progress card, polled until the job is done."""
    return _open_job(request, jobs.job_for_actor(actor_from_request(request), pk, jenis=JenisTugasLatar.BUKA_PERIODE))


def _open_job(request: HttpRequest, job: TugasLatar) -> HttpResponse:
    periode = PeriodePenilaian.objects.filter(pk=job.parameter.get("periode_id")).first()
    context = jobs.job_progress_context(
        job,
        poll_url=reverse("appraisal:periode_open_job", args=[job.pk]),
        judul=_("Pembukaan %(p)s") % {"p": periode} if periode else "",
        satuan=_("evaluasi"),
        detail_template="appraisal/open_job_detail.html",
        periode=periode,
    )
    partial = request.headers.get("HX-Request") == "true"
    return render(request, "core/_job_progress.html" if partial else "appraisal/open_job.html", context)


# ---------------------------------------------------------------------------- reminders
@login_required
@require_http_methods(["GET", "POST"])
def pengingat(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method == "POST":
        reminders.pengingat_mark_read(actor=actor)
        return HttpResponseRedirect(reverse("appraisal:pengingat"))
    page = page_for(request, selectors.pengingat_for(actor), PAGE_SIZE)
    return render(
        request,
        "appraisal/pengingat.html",
        {"page_obj": page, "items": list(page.object_list), "querystring_base": _qs_base(request)},
    )


__all__ = ["dt"]
