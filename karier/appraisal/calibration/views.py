"""Screens of issue #5 parts 5–8: unit result and calibration, finalisation and signatures, reopening,
objections, period close (with its progress bar) and the documents. Thin edges: parse, fetch the
permitted object, call one service or selector, render. Hidden = 404; refusals are shown as messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration import exports, finalise, objection
from karier.appraisal.calibration import selectors as sel
from karier.appraisal.calibration.forms import CloseForm, DecideForm, FinaliseForm, MoveForm, ReasonForm, UnitResultForm
from karier.appraisal.calibration.services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.choices import PredikatChoice, StatusEvaluasi, StatusKeberatan
from karier.appraisal.evaluation import close as close_svc
from karier.appraisal.evaluation import documents
from karier.appraisal.evaluation.access import evaluasi_for_actor, is_appraisee, is_appraiser
from karier.appraisal.models import PeriodePenilaian
from karier.core import jobs
from karier.core.excel import xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.people.models import UnitKerja

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 25


def _errors(exc: ValidationError | PermissionDenied) -> list[str]:
    return exc.messages if isinstance(exc, ValidationError) else [str(exc)]


# ---------------------------------------------------------------------------- index
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Periods and the units the actor sets results for, calibrates or heads."""
    actor = actor_from_request(request)
    periods = list(PeriodePenilaian.objects.order_by("-tahun", "-selesai")[:12])
    units: list[UnitKerja] = []
    if actor.jabatan_ids:
        led = list(UnitKerja.objects.filter(jabatan__pk__in=actor.jabatan_ids, jabatan__adalah_kepala_unit=True))
        below = UnitKerja.objects.filter(jabatan__adalah_kepala_unit=True, jabatan__atasan_id__in=actor.jabatan_ids)
        units = sorted({*led, *below}, key=lambda u: u.path)
    agencies = (
        UnitKerja.objects.filter(parent__isnull=True).order_by("nama")
        if actor.sees_everyone
        else UnitKerja.objects.filter(pk__in=actor.opd_ids)
    )
    return render(
        request,
        "appraisal/calibration_index.html",
        {
            "periods": periods,
            "units": units,
            "agencies": list(agencies),
            "may_close": close_svc.close_allowed(actor, actor.opd_ids[0] if actor.opd_ids else None),
        },
    )


# ---------------------------------------------------------------------------- calibration
def _unit_context(
    request: HttpRequest, actor: Actor, unit: UnitKerja, periode: PeriodePenilaian, **extra: Any
) -> dict[str, Any]:
    cal = sel.unit_calibration(unit, periode)
    may_calibrate = ca.can_calibrate(actor, unit)
    # Conflict of interest (docs/calibration.md): the screen names who decides instead.
    own = next((e for e in cal.evaluasi if e.pegawai_id == actor.pegawai_id), None)
    move_conflict = ca.move_conflict(actor, own, unit) if may_calibrate and own is not None else ""
    finalise_conflict = ca.finalise_conflict(actor, unit, periode) if may_calibrate and own is not None else ""
    result_conflict = ca.unit_result_conflict(actor, unit, periode)
    return {
        "cal": cal,
        "unit": unit,
        "periode": periode,
        "may_set_result": ca.can_set_unit_result(actor, unit, periode) and not cal.final,
        "may_calibrate": may_calibrate and not cal.final,
        "may_finalise": may_calibrate and not cal.final and not finalise_conflict,
        "konflik": [m for m in (result_conflict, move_conflict, finalise_conflict) if m],
        "own_evaluasi_id": own.pk if own is not None else None,
        "may_sign": any(e.ditandatangani_penilai_pada and not e.ditandatangani_atasan_pada for e in cal.evaluasi),
        # The one appraiser rule (evaluation.access.is_appraiser); it stops at the first evaluation found.
        "may_sign_penilai": cal.final
        and any(not e.ditandatangani_penilai_pada and is_appraiser(actor, e) for e in cal.evaluasi),
        "result_form": extra.pop("result_form", None)
        or UnitResultForm(initial={"predikat": cal.organisasi.predikat if cal.organisasi else "", "alasan": ""}),
        "finalise_form": extra.pop("finalise_form", None) or FinaliseForm(),
        "predikat_choices": PredikatChoice.choices,
        "may_docs": ca.can_read_unit_documents(actor, unit),
        **extra,
    }


@login_required
def unit_calibration(request: HttpRequest, periode_id: int, unit_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    ctx = _unit_context(request, actor, unit, periode)
    if request.headers.get("HX-Request") == "true":
        return render(request, "appraisal/calibration_board.html", ctx)
    return render(request, "appraisal/calibration_unit.html", ctx)


@login_required
@require_POST
def unit_result(request: HttpRequest, periode_id: int, unit_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    form = UnitResultForm(request.POST)
    if form.is_valid():
        try:
            predikat_organisasi_set(actor=actor, unit=unit, periode=periode, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Predikat kinerja organisasi disimpan."))
            return redirect("appraisal_calibration:unit", periode_id=periode.pk, unit_id=unit.pk)
    return render(
        request,
        "appraisal/calibration_unit.html",
        _unit_context(request, actor, unit, periode, result_form=form),
        status=422,
    )


@login_required
@require_POST
def move(request: HttpRequest, periode_id: int, unit_id: int, evaluasi_id: int) -> HttpResponse:
    """HTMX: move one person and answer the refreshed board (with the error next to the person)."""
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    ev = ca.unit_evaluasi_for_calibration(actor, unit, periode, evaluasi_id)
    form = MoveForm(request.POST)
    move_errors: dict[int, list[str]] = {}
    if form.is_valid():
        try:
            kalibrasi_move(actor=actor, evaluasi=ev, unit=unit, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            move_errors[ev.pk] = _errors(exc)
    else:
        move_errors[ev.pk] = [str(e) for errs in form.errors.values() for e in errs]
    ctx = _unit_context(request, actor, unit, periode, move_errors=move_errors)
    status = 422 if move_errors else 200
    if request.headers.get("HX-Request") == "true":
        return render(request, "appraisal/calibration_board.html", ctx, status=status)
    if not move_errors:
        return redirect("appraisal_calibration:unit", periode_id=periode.pk, unit_id=unit.pk)
    return render(request, "appraisal/calibration_unit.html", ctx, status=status)


@login_required
@require_POST
def unit_finalise(request: HttpRequest, periode_id: int, unit_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    form = FinaliseForm(request.POST)
    if form.is_valid():
        try:
            finalise.unit_finalise(actor=actor, unit=unit, periode=periode, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Unit difinalisasi; evaluasi yang Anda nilai sendiri ikut Anda tandatangani "
                    "sebagai pejabat penilai."
                ),
            )
            return redirect("appraisal_calibration:unit", periode_id=periode.pk, unit_id=unit.pk)
    return render(
        request,
        "appraisal/calibration_unit.html",
        _unit_context(request, actor, unit, periode, finalise_form=form),
        status=422,
    )


def _sign_unit(
    request: HttpRequest, periode_id: int, unit_id: int, sign: Callable[..., int], done: StrOrPromise
) -> HttpResponse:
    """One signature over the unit's evaluations: `sign` is a `finalise.tanda_tangan_*_add` service,
    `done` the success message with `%(n)s` for the number signed; refusals become messages."""
    actor = actor_from_request(request)
    periode, unit = ca.unit_periode_for_calibration(actor, periode_id, unit_id)
    try:
        n = sign(actor=actor, periode=periode, unit=unit)
    except (ValidationError, PermissionDenied) as exc:
        for m in _errors(exc):
            messages.error(request, m)
    else:
        messages.success(request, done % {"n": n})
    return redirect("appraisal_calibration:unit", periode_id=periode.pk, unit_id=unit.pk)


@login_required
@require_POST
def unit_sign(request: HttpRequest, periode_id: int, unit_id: int) -> HttpResponse:
    return _sign_unit(
        request, periode_id, unit_id, finalise.tanda_tangan_atasan_add, _("%(n)s evaluasi ditandatangani dan final.")
    )


@login_required
@require_POST
def unit_sign_penilai(request: HttpRequest, periode_id: int, unit_id: int) -> HttpResponse:
    """The appraiser's own signature on the unit's evaluations he appraises (issue #8 §3)."""
    return _sign_unit(
        request,
        periode_id,
        unit_id,
        finalise.tanda_tangan_penilai_add,
        _("%(n)s evaluasi ditandatangani sebagai pejabat penilai."),
    )


@login_required
@require_POST
def sign_one_penilai(request: HttpRequest, pk: int) -> HttpResponse:
    return _sign_one(
        request, pk, finalise.tanda_tangan_penilai_add, _("Evaluasi ditandatangani sebagai pejabat penilai.")
    )


@login_required
def agency(request: HttpRequest, periode_id: int, opd_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    periode = get_object_or_404(PeriodePenilaian, pk=periode_id)
    opd = ca.agency_for_calibration(actor, opd_id)
    data = sel.agency_calibration(opd, periode)
    page = page_for(request, data.rows, PAGE_SIZE)
    return render(
        request,
        "appraisal/calibration_agency.html",
        {"data": data, "periode": periode, "opd": opd, "page_obj": page, "kolom": sel.PREDIKAT_COLUMNS},
    )


@login_required
def agency_xlsx(request: HttpRequest, periode_id: int, opd_id: int) -> HttpResponse:
    """The agency recap as Excel: the same access and the same figures as the screen."""
    actor = actor_from_request(request)
    periode = get_object_or_404(PeriodePenilaian, pk=periode_id)
    opd = ca.agency_for_calibration(actor, opd_id)
    data = exports.agency_xlsx(sel.agency_calibration(opd, periode))
    return xlsx_attachment(data, f"rekap-kalibrasi-{opd.pk}-{periode.tahun_id}")


# ---------------------------------------------------------------------------- one evaluation
@login_required
@require_POST
def sign_one(request: HttpRequest, pk: int) -> HttpResponse:
    return _sign_one(request, pk, finalise.tanda_tangan_atasan_add, _("Evaluasi ditandatangani dan final."))


def _sign_one(request: HttpRequest, pk: int, sign: Callable[..., int], done: StrOrPromise) -> HttpResponse:
    """One signature on one evaluation (`sign`: a `finalise.tanda_tangan_*_add` service); back to its status page."""
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, pk)
    try:
        sign(actor=actor, periode=ev.periode, evaluasi=ev)
    except (ValidationError, PermissionDenied) as exc:
        for m in _errors(exc):
            messages.error(request, m)
    else:
        messages.success(request, done)
    return redirect("appraisal_calibration:finalise_status", pk=ev.pk)


@login_required
def finalise_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Signatures, versions, reopening and objections of one evaluation."""
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, pk)
    riwayat = list(ev.riwayat.order_by("-versi"))
    keberatan = list(ev.keberatan.order_by("-diajukan_pada"))
    return render(
        request,
        "appraisal/finalise_status.html",
        {
            "ev": ev,
            "riwayat": riwayat,
            "keberatan": keberatan,
            "konflik": ca.own_conflict_notes(actor, ev),
            "may_reopen": ev.status == StatusEvaluasi.FINAL and finalise.can_reopen(actor, ev),
            "may_sign": (
                ev.ditandatangani_penilai_pada is not None
                and ev.ditandatangani_atasan_pada is None
                and ca.is_atasan_penilai(actor, ev)
            ),
            "may_sign_penilai": (
                ev.ditandatangani_penilai_pada is None and ev.status != StatusEvaluasi.FINAL and is_appraiser(actor, ev)
            ),
            "may_object": (
                is_appraisee(actor, ev)
                and ev.status == StatusEvaluasi.FINAL
                and not any(k.status == StatusKeberatan.DIAJUKAN for k in keberatan)
            ),
            "batas": objection.batas_keberatan(ev),
            "reopen_form": ReasonForm(),
            "object_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Alasan pembukaan ulang wajib diisi."))
        finalise.evaluasi_reopen(actor=actor, evaluasi=ev, alasan=form.cleaned_data["alasan"])
    except (ValidationError, PermissionDenied) as exc:
        for m in _errors(exc):
            messages.error(request, m)
    else:
        messages.success(request, _("Evaluasi dibuka ulang; versi sebelumnya tersimpan di riwayat."))
    return redirect("appraisal_calibration:finalise_status", pk=ev.pk)


# ---------------------------------------------------------------------------- objections
@login_required
@require_POST
def objection_file(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Alasan keberatan wajib diisi."))
        objection.keberatan_submit(actor=actor, evaluasi=ev, alasan=form.cleaned_data["alasan"])
    except (ValidationError, PermissionDenied) as exc:
        for m in _errors(exc):
            messages.error(request, m)
    else:
        messages.success(request, _("Keberatan diajukan; atasan pejabat penilai akan memutusnya."))
    return redirect("appraisal_calibration:finalise_status", pk=ev.pk)


@login_required
def objections(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    to_decide = Paginator(sel.objections_to_decide(actor).order_by("diajukan_pada"), PAGE_SIZE)
    return render(
        request,
        "appraisal/objection_list.html",
        {
            "page_obj": to_decide.get_page(request.GET.get("page")),
            "mine": list(sel.objections_of(actor).order_by("-diajukan_pada")[:50]),
        },
    )


@login_required
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = ca.keberatan_for_actor(actor, pk)
    may_decide = row.status == StatusKeberatan.DIAJUKAN and ca.can_decide_objection(actor, row)
    form = DecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_decide:
            raise Http404(_("Keberatan tidak ditemukan."))
        if form.is_valid():
            try:
                objection.keberatan_decide(
                    actor=actor,
                    keberatan=row,
                    diterima=form.cleaned_data["diterima"],
                    keputusan=form.cleaned_data["keputusan"],
                    predikat_baru=form.cleaned_data["predikat_baru"] or None,
                )
            except (ValidationError, PermissionDenied) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Keputusan keberatan dicatat."))
                return redirect("appraisal_calibration:objections")
    return render(
        request,
        "appraisal/objection_decide.html",
        {"row": row, "form": form, "may_decide": may_decide},
        status=422 if form.errors else 200,
    )


# ---------------------------------------------------------------------------- period close
@login_required
def close(request: HttpRequest, periode_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    if not (actor.is_admin or actor.opd_ids) or (actor.is_auditor and not actor.is_admin):
        raise Http404(_("Halaman tidak ditemukan."))
    periode = get_object_or_404(PeriodePenilaian, pk=periode_id)
    form = CloseForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        opd_id = int(form.cleaned_data["opd"]) if form.cleaned_data.get("opd") else None
        try:
            job = close_svc.periode_close_start(actor=actor, periode_id=periode.pk, opd_id=opd_id)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            return redirect("appraisal_calibration:close_job", pk=job.pk)
    return render(
        request, "appraisal/close.html", {"periode": periode, "form": form}, status=422 if form.errors else 200
    )


@login_required
def close_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A close job's page; under HTMX the shared progress card (`core/_job_progress.html`), polled until done."""
    job = close_svc.close_job_for_actor(actor_from_request(request), pk)
    periode = PeriodePenilaian.objects.filter(pk=job.parameter.get("periode_id")).first()
    context = jobs.job_progress_context(
        job,
        poll_url=reverse("appraisal_calibration:close_job", args=[job.pk]),
        detail_template="appraisal/close_job_detail.html",
        periode=periode,
    )
    partial = request.headers.get("HX-Request") == "true"
    return render(request, "core/_job_progress.html" if partial else "appraisal/close_job.html", context)


# ---------------------------------------------------------------------------- documents
@login_required
def evaluasi_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    ev = evaluasi_for_actor(actor_from_request(request), pk)
    doc = documents.evaluasi_document(ev.pk)
    response = HttpResponse(documents.evaluasi_pdf(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'inline; filename="{doc.filename_stem}.pdf"'
    return response


def _unit_doc(request: HttpRequest, periode_id: int, unit_id: int) -> documents.PenetapanDocument:
    periode, unit = ca.unit_documents_for_actor(actor_from_request(request), periode_id, unit_id)
    return documents.penetapan_document(unit, periode)


@login_required
def penetapan_pdf(request: HttpRequest, periode_id: int, unit_id: int) -> HttpResponse:
    doc = _unit_doc(request, periode_id, unit_id)
    response = HttpResponse(documents.penetapan_pdf(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'inline; filename="{doc.filename_stem}.pdf"'
    return response


@login_required
def rekap_xlsx(request: HttpRequest, periode_id: int, unit_id: int) -> HttpResponse:
    doc = _unit_doc(request, periode_id, unit_id)
    response = HttpResponse(documents.rekap_xlsx(doc), content_type=documents.XLSX)
    stem = doc.filename_stem.replace("Penetapan-Predikat", "Rekap-Predikat")
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


def unit_url(periode: PeriodePenilaian | int, unit: UnitKerja | int) -> str:
    return reverse(
        "appraisal_calibration:unit",
        kwargs={
            "periode_id": periode if isinstance(periode, int) else periode.pk,
            "unit_id": unit if isinstance(unit, int) else unit.pk,
        },
    )
