"""Screens for multi-rater feedback: "Penilai rekan & bawahan" (the appraisee nominates, the
appraiser approves), "Permintaan penilaian" (the rater's inbox and form) and the anonymous
aggregate panel. Thin edges: access → service/selector → render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karier.appraisal.calibration.access import own_conflict_notes
from karier.appraisal.choices import JenisRater
from karier.appraisal.evaluation.access import evaluasi_for_actor
from karier.appraisal.feedback import selectors as sel
from karier.appraisal.feedback import services
from karier.appraisal.feedback.access import (
    is_appraisee,
    is_appraiser,
    kandidat_for_actor,
    nominasi_for_actor,
    nominasi_for_rater,
    sees_rater_status,
)
from karier.appraisal.feedback.forms import JawabanForm, KandidatFilterForm, NominasiForm, PutusanForm
from karier.appraisal.models import Evaluasi
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import actor_from_request

PAGE_SIZE = 30


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


def _page_url(evaluasi: Evaluasi) -> str:
    return reverse("appraisal_feedback:nominasi", args=[evaluasi.pk])


def ringkasan_context(evaluasi: Evaluasi, request: HttpRequest) -> dict[str, Any]:
    """Context for `appraisal/feedback/_ringkasan.html` (for A's evaluation page: call this and
    `{% include "appraisal/feedback/_ringkasan.html" %}`)."""
    from karier.appraisal.feedback.access import can_read_summary
    from karier.appraisal.public import selectors as public_selectors

    actor = actor_from_request(request)
    publik = None
    if can_read_summary(actor, pegawai=evaluasi.pegawai):
        publik = public_selectors.ringkasan_publik(
            pegawai=evaluasi.pegawai, rentang=public_selectors.rentang_for(evaluasi.periode)
        )
    return {
        "ringkasan": sel.ringkasan_perilaku(evaluasi, actor),
        "ringkasan_evaluasi": evaluasi,
        "ringkasan_publik": publik,
    }


@login_required
def saya(request: HttpRequest) -> HttpResponse:
    """Entry page: my evaluations (to nominate raters), my inbox and approvals waiting for me."""
    actor = actor_from_request(request)
    return render(
        request,
        "appraisal/feedback/saya.html",
        {
            "evaluasi": list(sel.my_evaluations(actor)),
            "n_permintaan": sel.inbox(actor).filter(status="DISETUJUI").count(),
            "n_persetujuan": sel.pending_approvals(actor).count() if actor.jabatan_ids else 0,
        },
    )


@login_required
def nominasi(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    pemilik, penilai = is_appraisee(actor, ev), is_appraiser(actor, ev)
    show_answers = sees_rater_status(actor, ev)
    rows = [(n, sel.public_status(n, show_answers)) for n in sel.nominasi_list(ev)]
    ctx: dict[str, Any] = {
        "ev": ev,
        "pemilik": pemilik,
        "penilai": penilai,
        "rows": rows,
        "state": sel.nominasi_state(ev),
        "terbuka": sel.is_open(ev),
        "jenis_choices": JenisRater.choices,
        **ringkasan_context(ev, request),
        "konflik": own_conflict_notes(actor, ev)[:1] if pemilik else [],  # who decides instead (issue #8 §2)
    }
    if pemilik and ctx["terbuka"]:
        form = KandidatFilterForm(request.GET or None)
        jenis, q = JenisRater.REKAN, ""
        if form.is_valid():
            jenis = form.cleaned_data["jenis"] or JenisRater.REKAN
            q = form.cleaned_data["q"]
        page = page_for(request, sel.candidates(ev, jenis, q), PAGE_SIZE)
        base = urlencode({"jenis": jenis, "q": q})
        ctx.update(
            {
                "filter_form": form,
                "jenis": jenis,
                "q": q,
                "page_obj": page,
                "querystring_base": f"{base}&",
                "n_bawahan": sel.subordinate_pool(ev).count(),
            }
        )
    return render(request, "appraisal/feedback/nominasi.html", ctx)


@login_required
@require_POST
def nominasi_tambah(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    form = NominasiForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih pegawai dan jenis penilai."))
        return redirect(_page_url(ev))
    # The child id through the actor's allowed set: hidden, missing or ineligible → the same 404.
    orang = kandidat_for_actor(actor, ev, form.cleaned_data["penilai_rekan"], form.cleaned_data["jenis"])
    try:
        services.nominasi_add(actor=actor, evaluasi=ev, penilai_rekan=orang, jenis=form.cleaned_data["jenis"])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("%(nama)s diusulkan. Pejabat penilai akan memutuskan usulan Anda.") % {"nama": orang.nama_lengkap},
        )
    back = urlencode({"jenis": form.cleaned_data["jenis"], "q": request.POST.get("q", "")[:100]})
    return redirect(f"{_page_url(ev)}?{back}")


@login_required
@require_POST
def nominasi_tarik(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    nom = nominasi_for_actor(actor, pk)
    try:
        services.nominasi_remove(actor=actor, nominasi=nom)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Usulan ditarik."))
    return redirect(_page_url(nom.evaluasi))


@login_required
@require_POST
def nominasi_putuskan(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    nom = nominasi_for_actor(actor, pk)
    form = PutusanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih Setujui atau Tolak."))
    else:
        try:
            services.nominasi_decide(actor=actor, nominasi=nom, setuju=form.cleaned_data["setuju"])
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Usulan disetujui.") if form.cleaned_data["setuju"] else _("Usulan ditolak."))
    nxt = request.POST.get("next", "")
    if nxt == "persetujuan":
        return redirect("appraisal_feedback:persetujuan")
    return redirect(_page_url(nom.evaluasi))


@login_required
@require_POST
def nominasi_setujui_semua(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    try:
        n = services.nominasi_approve_all(actor=actor, evaluasi=ev)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("%(n)d usulan disetujui.") % {"n": n})
    if request.POST.get("next", "") == "persetujuan":
        return redirect("appraisal_feedback:persetujuan")
    return redirect(_page_url(ev))


@login_required
def persetujuan(request: HttpRequest) -> HttpResponse:
    """The appraiser's list of proposals waiting, grouped by appraisee."""
    actor = actor_from_request(request)
    page = page_for(request, sel.pending_approvals(actor), 50)
    groups: dict[int, dict[str, Any]] = {}
    for n in page.object_list:
        groups.setdefault(n.evaluasi_id, {"ev": n.evaluasi, "rows": []})["rows"].append(n)
    return render(
        request,
        "appraisal/feedback/persetujuan.html",
        {"groups": list(groups.values()), "page_obj": page, "querystring_base": ""},
    )


@login_required
def permintaan(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = page_for(request, sel.inbox(actor), 50)
    rows = [(n, sel.is_open(n.evaluasi)) for n in page.object_list]
    return render(
        request, "appraisal/feedback/permintaan.html", {"rows": rows, "page_obj": page, "querystring_base": ""}
    )


@login_required
def jawab(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    nom = nominasi_for_rater(actor, pk)
    nilai = sel.nilai_with_panduan()
    existing = sel.answers_of(nom)
    initial: dict[str, Any] = {}
    for kode, j in existing.items():
        initial[f"skor_{kode}"] = str(j.skor)
        initial[f"komentar_{kode}"] = j.komentar
    form = JawabanForm(request.POST or None, nilai=nilai, initial=initial)
    terbuka = sel.is_open(nom.evaluasi) and nom.status in sel.ANSWERABLE
    if request.method == "POST":
        if not terbuka:
            form.add_error(None, services.MSG_TUTUP)
        elif form.is_valid():
            try:
                services.jawaban_submit(actor=actor, nominasi=nom, skor=form.skor(), komentar=form.komentar())
            except ValidationError as exc:
                apply_errors(form, exc)
            except PermissionDenied:
                raise
            else:
                messages.success(
                    request,
                    _(
                        "Terima kasih. Penilaian Anda tersimpan; nama Anda tidak ditampilkan "
                        "kepada pegawai yang dinilai."
                    ),
                )
                return redirect("appraisal_feedback:permintaan")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "appraisal/feedback/jawab.html",
        {"nom": nom, "form": form, "terbuka": terbuka, "sudah": bool(existing)},
        status=status,
    )


@login_required
def ringkasan(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    return render(request, "appraisal/feedback/ringkasan.html", {"ev": ev, **ringkasan_context(ev, request)})
