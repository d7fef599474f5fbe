"""SKP screens: my plans, a plan, the superior's page. Thin edges: access → service/selector → render.

Row edits are inline with HTMX (the form replaces the row; saving re-renders the results
section); every form also works without JavaScript (full page, redirect after success).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from karier.core.excel import xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.people.models import Pegawai
from karier.plans import access, exports, selectors, services, workflow
from karier.plans.choices import JenisDialog, JenisHasil, StatusSkp
from karier.plans.forms import (
    AlasanForm,
    BawahanFilterForm,
    DialogForm,
    EkspektasiForm,
    IkiForm,
    KomentarForm,
    LampiranForm,
    LinkForm,
    RhkAddForm,
    RhkForm,
    SetujuiForm,
    SkpCreateForm,
)
from karier.plans.models import Skp
from karier.plans.workflow import Aksi

PAGE_SIZE = 50


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


# ---------------------------------------------------------------------------- lists
def _bawahan_filter(request: HttpRequest) -> tuple[BawahanFilterForm, int, str]:
    """The year and status the subordinates table is filtered by (the screen and its Excel alike)."""
    form = BawahanFilterForm(request.GET or None)
    tahun = timezone.localdate().year
    status = ""
    if form.is_bound and form.is_valid():
        tahun = form.cleaned_data["tahun"] or tahun
        status = form.cleaned_data["status"] or ""
    return form, tahun, status


def _bawahan_context(request: HttpRequest, actor: Actor) -> dict[str, Any]:
    form, tahun, status = _bawahan_filter(request)
    qs = selectors.subordinates_with_plans(actor, tahun, status=status)
    page = page_for(request, qs, PAGE_SIZE, ada_unduhan=True)
    params = {k: str(v) for k, v in request.GET.items() if k not in {"page", "export"} and v}
    base = urlencode(params)
    return {
        "bawahan_export_query": urlencode({"tahun": str(tahun), "status": status, "export": "xlsx"}),
        "bawahan_form": form,
        "bawahan_tahun": tahun,
        "bawahan_status": status,
        "bawahan_rows": selectors.attach_plans(list(page.object_list)),
        "page_obj": page,
        "querystring_base": f"{base}&" if base else "",
        "status_choices": StatusSkp,
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    ctx: dict[str, Any] = {
        "plans": list(selectors.my_plans(actor)),
        "create_form": SkpCreateForm(),
        "can_create": actor.pegawai_id is not None and not actor.is_auditor,
    }
    if actor.has_subordinates:
        ctx.update(_bawahan_context(request, actor))
    return render(request, "plans/index.html", ctx)


@login_required
def bawahan(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.jabatan_ids:
        raise Http404(_("Halaman tidak ditemukan."))
    if request.GET.get("export") == "xlsx":
        _form, tahun, status = _bawahan_filter(request)
        data = exports.bawahan_xlsx(
            selectors.subordinates_with_plans(actor, tahun, status=status), tahun=tahun, status=status
        )
        return xlsx_attachment(data, f"skp-bawahan-{tahun}")
    ctx = _bawahan_context(request, actor)
    counts = selectors.subordinate_status_counts(actor, ctx["bawahan_tahun"])
    ctx["ringkasan"] = [
        (str(label), counts.get(value, 0), value)
        for value, label in [(selectors.BELUM, _("Belum membuat SKP")), *StatusSkp.choices]
    ]
    if _is_htmx(request):
        return render(request, "plans/_bawahan_table.html", ctx)
    return render(request, "plans/bawahan.html", ctx)


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = SkpCreateForm(request.POST)
    if form.is_valid():
        if actor.pegawai_id is None:
            form.add_error(None, _("Akun Anda tidak terhubung dengan data pegawai."))
        else:
            try:
                skp = services.skp_create(
                    actor=actor,
                    pegawai=Pegawai.objects.get(pk=actor.pegawai_id),
                    tahun=form.cleaned_data["tahun"],
                    sumber=form.cleaned_data["sumber"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("SKP dibuat. Lengkapi hasil kerja lalu ajukan ke pejabat penilai."))
                return redirect("plans:detail", skp.pk)
    ctx: dict[str, Any] = {"plans": list(selectors.my_plans(actor)), "create_form": form, "can_create": True}
    if actor.has_subordinates:
        ctx.update(_bawahan_context(request, actor))
    return render(request, "plans/index.html", ctx, status=422)


# ---------------------------------------------------------------------------- the plan
def _plan_context(request: HttpRequest, actor: Actor, skp_id: int, **forms: Any) -> dict[str, Any]:
    skp = selectors.skp_detail(skp_id)
    roles = access.peran(actor, skp)
    can_edit = access.can_edit(actor, skp, roles)
    options = list(selectors.superior_rhk_options(skp)) if can_edit else []
    rows = list(skp.rhk.all())
    sections = selectors.rhk_sections(skp)
    if can_edit:
        for r in [*sections[JenisHasil.UTAMA], *sections[JenisHasil.TAMBAHAN]]:
            r.link_form = LinkForm(  # type: ignore[attr-defined]
                options=options, initial={"rhk_atasan": r.rhk_atasan_id}, prefix=f"l{r.pk}"
            )
    ctx: dict[str, Any] = {
        "skp": skp,
        "is_owner": workflow.Peran.PEMILIK in roles,
        "is_penilai": workflow.Peran.PENILAI in roles,
        "can_edit": can_edit,
        "can_edit_ekspektasi": access.can_edit_ekspektasi(actor, skp, roles),
        "can_comment": access.can_comment(actor, skp, roles),
        "moves": [m.value for m in workflow.allowed(status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup)],
        "sections": [
            (JenisHasil.UTAMA.label, sections[JenisHasil.UTAMA]),
            (JenisHasil.TAMBAHAN.label, sections[JenisHasil.TAMBAHAN]),
        ],
        "is_jpt": selectors.is_jpt_plan(skp),
        "options": options,
        "warnings": selectors.warnings(skp),
        "problems": services.skp_submit_problems(rows) if can_edit else [],
        "add_form": RhkAddForm(options=options),
        "komentar_form": KomentarForm(),
        "setujui_form": SetujuiForm(),
        "alasan_form": AlasanForm(),
        "dialog_form": DialogForm(),
        "lampiran_form": LampiranForm(initial={f: getattr(skp, f) for f in services.LAMPIRAN}),
        "pdf_url": reverse("plans_insight:skp_pdf", args=[skp.pk]),
        "xlsx_url": reverse("plans_insight:skp_xlsx", args=[skp.pk]),
        "revisi": list(skp.revisi.all()),
        # A returned plan opens with the appraiser's latest note (it was at the bottom of a long page).
        "catatan_kembali": (
            next((d for d in reversed(list(skp.dialog.all())) if d.jenis == JenisDialog.PENGEMBALIAN), None)
            if skp.status == StatusSkp.DIKEMBALIKAN
            else None
        ),
    }
    ctx.update(forms)
    return ctx


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    access.skp_for_actor(actor, pk)
    return render(request, "plans/detail.html", _plan_context(request, actor, pk))


def _section(request: HttpRequest, actor: Actor, pk: int, *, status: int = 200, **forms: Any) -> HttpResponse:
    response = render(request, "plans/_hasil.html", _plan_context(request, actor, pk, **forms), status=status)
    response["HX-Retarget"] = "#hasil"
    response["HX-Reswap"] = "outerHTML"
    return response


def _done(request: HttpRequest, actor: Actor, pk: int, message: str) -> HttpResponse:
    if _is_htmx(request):
        return _section(request, actor, pk)
    messages.success(request, message)
    return HttpResponseRedirect(reverse("plans:detail", args=[pk]) + "#hasil")


def _iki_data(d: dict[str, Any]) -> services.IkiData:
    return services.IkiData(
        indikator=d["indikator"],
        aspek=d["aspek"],
        target_angka=d["target_angka"],
        satuan=d["satuan"],
        target_kualitatif=d["target_kualitatif"],
    )


def _rhk_data(d: dict[str, Any]) -> services.RhkData:
    return services.RhkData(teks=d["teks"], jenis=d["jenis"], dimensi=d["dimensi"], perspektif=d["perspektif"] or "")


@login_required
@require_POST
def rhk_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    skp = access.skp_for_actor(actor, pk)
    options = list(selectors.superior_rhk_options(skp))
    form = RhkAddForm(request.POST, options=options)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.rhk_add(
                actor=actor,
                skp=skp,
                data=_rhk_data(d),
                iki=_iki_data(d),
                rhk_atasan=access.rhk_atasan_by_id(d["rhk_atasan"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _done(request, actor, pk, _("Rencana hasil kerja ditambahkan."))
    if _is_htmx(request):
        return _section(request, actor, pk, add_form=form)
    return render(request, "plans/detail.html", _plan_context(request, actor, pk, add_form=form), status=422)


def _edit_view(
    request: HttpRequest,
    *,
    actor: Actor,
    skp: Skp,
    form: Any,
    title: str,
    tbody_id: str,
    save: Callable[[dict[str, Any]], object],
    done_message: str,
) -> HttpResponse:
    """GET shows the form (inline under HTMX); POST saves and re-renders the section."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _done(request, actor, skp.pk, done_message)
    ctx = {"skp": skp, "form": form, "title": title, "tbody_id": tbody_id, "action": request.path, "cols": 7}
    status = 422 if request.method == "POST" and not _is_htmx(request) else 200
    if _is_htmx(request):
        return render(request, "plans/_row_form.html", ctx)
    return render(request, "plans/form_page.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def rhk_edit(request: HttpRequest, pk: int, rhk_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rhk = access.rhk_for_actor(actor, pk, rhk_id)
    skp = rhk.skp
    access.require_edit(actor, skp)
    initial = {"jenis": rhk.jenis, "teks": rhk.teks, "dimensi": rhk.dimensi, "perspektif": rhk.perspektif}
    form = RhkForm(request.POST if request.method == "POST" else None, initial=initial, prefix="e")
    return _edit_view(
        request,
        actor=actor,
        skp=skp,
        form=form,
        title=_("Ubah rencana hasil kerja"),
        tbody_id=f"rhk-{rhk.pk}",
        done_message=_("Rencana hasil kerja disimpan."),
        save=lambda d: services.rhk_update(actor=actor, rhk=rhk, data=_rhk_data(d)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def iki_add(request: HttpRequest, pk: int, rhk_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rhk = access.rhk_for_actor(actor, pk, rhk_id)
    skp = rhk.skp
    access.require_edit(actor, skp)
    form = IkiForm(request.POST if request.method == "POST" else None, prefix="e")
    return _edit_view(
        request,
        actor=actor,
        skp=skp,
        form=form,
        title=_("Tambah indikator (IKI)"),
        tbody_id=f"rhk-{rhk.pk}",
        done_message=_("Indikator ditambahkan."),
        save=lambda d: services.iki_add(actor=actor, rhk=rhk, data=_iki_data(d)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def iki_edit(request: HttpRequest, pk: int, iki_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    iki = access.iki_for_actor(actor, pk, iki_id)
    skp = iki.rhk.skp
    access.require_edit(actor, skp)
    initial = {
        "aspek": iki.aspek,
        "indikator": iki.indikator,
        "satuan": iki.satuan,
        "target_kualitatif": iki.target_kualitatif,
        "target_angka": iki.target_angka,  # AngkaInput writes it the id-ID way ("1,125", "1.250,5")
    }
    form = IkiForm(request.POST if request.method == "POST" else None, initial=initial, prefix="e")
    return _edit_view(
        request,
        actor=actor,
        skp=skp,
        form=form,
        title=_("Ubah indikator (IKI)"),
        tbody_id=f"rhk-{iki.rhk_id}",
        done_message=_("Indikator disimpan."),
        save=lambda d: services.iki_update(actor=actor, iki=iki, data=_iki_data(d)),
    )


def _write(request: HttpRequest, pk: int, fn: Callable[[Actor], object], message: str) -> HttpResponse:
    """A one-click write (delete, link): `fn` looks the row up through `access` (404 when hidden) and
    calls the service; refusals come back as a message."""
    actor = actor_from_request(request)
    try:
        fn(actor)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        if _is_htmx(request):
            return _section(request, actor, pk, action_errors=exc.messages)
        return redirect("plans:detail", pk)
    return _done(request, actor, pk, message)


@login_required
@require_POST
def rhk_delete(request: HttpRequest, pk: int, rhk_id: int) -> HttpResponse:
    return _write(
        request,
        pk,
        lambda actor: services.rhk_delete(actor=actor, rhk=access.rhk_for_actor(actor, pk, rhk_id)),
        _("Rencana hasil kerja dihapus."),
    )


@login_required
@require_POST
def iki_delete(request: HttpRequest, pk: int, iki_id: int) -> HttpResponse:
    return _write(
        request,
        pk,
        lambda actor: services.iki_delete(actor=actor, iki=access.iki_for_actor(actor, pk, iki_id)),
        _("Indikator dihapus."),
    )


@login_required
@require_POST
def rhk_link(request: HttpRequest, pk: int, rhk_id: int) -> HttpResponse:
    def link(actor: Actor) -> object:
        rhk = access.rhk_for_actor(actor, pk, rhk_id)
        form = LinkForm(request.POST, options=list(selectors.superior_rhk_options(rhk.skp)), prefix=f"l{rhk.pk}")
        if not form.is_valid():
            raise ValidationError({"rhk_atasan": _("Pilih RHK atasan dari daftar.")})
        return services.rhk_link(
            actor=actor, rhk=rhk, rhk_atasan=access.rhk_atasan_by_id(form.cleaned_data["rhk_atasan"])
        )

    return _write(request, pk, link, _("Tautan ke RHK atasan disimpan."))


@login_required
@require_POST
def ekspektasi(request: HttpRequest, pk: int, ekspektasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    e = access.ekspektasi_for_actor(actor, pk, ekspektasi_id)
    form = EkspektasiForm(request.POST)
    if form.is_valid():
        try:
            services.ekspektasi_update(actor=actor, ekspektasi=e, teks=form.cleaned_data["ekspektasi_khusus"])
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("Ekspektasi khusus disimpan."))
    return HttpResponseRedirect(reverse("plans:detail", args=[pk]) + "#perilaku")


@login_required
@require_POST
def lampiran(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    skp = access.skp_for_actor(actor, pk)
    form = LampiranForm(request.POST)
    if form.is_valid():
        try:
            services.lampiran_update(actor=actor, skp=skp, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Lampiran disimpan."))
            return HttpResponseRedirect(reverse("plans:detail", args=[pk]) + "#lampiran")
    return render(request, "plans/detail.html", _plan_context(request, actor, pk, lampiran_form=form), status=422)


@login_required
@require_POST
def dialog(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    skp = access.skp_for_actor(actor, pk)
    form = DialogForm(request.POST)
    if form.is_valid():
        try:
            services.dialog_add(actor=actor, skp=skp, teks=form.cleaned_data["teks"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Catatan dialog kinerja disimpan."))
            return HttpResponseRedirect(reverse("plans:detail", args=[pk]) + "#dialog")
    return render(request, "plans/detail.html", _plan_context(request, actor, pk, dialog_form=form), status=422)


TRANSITION_FORMS: dict[str, tuple[type, str]] = {
    Aksi.AJUKAN: (SetujuiForm, "setujui_form"),  # an optional note, like an approval's
    Aksi.KEMBALIKAN: (KomentarForm, "komentar_form"),
    Aksi.SETUJUI: (SetujuiForm, "setujui_form"),
    Aksi.REVISI: (AlasanForm, "alasan_form"),
    Aksi.TARIK: (SetujuiForm, "setujui_form"),  # no input; the form only carries the refusal
}
DONE = {
    Aksi.AJUKAN: _l("SKP diajukan ke pejabat penilai."),
    Aksi.KEMBALIKAN: _l("SKP dikembalikan kepada pegawai untuk diperbaiki."),
    Aksi.SETUJUI: _l("SKP disetujui."),
    Aksi.REVISI: _l("SKP dibuka kembali untuk revisi (versi baru)."),
    Aksi.TARIK: _l("SKP ditarik kembali menjadi draf. Ajukan lagi setelah diperbaiki."),
}


@login_required
@require_POST
def transisi(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    actor = actor_from_request(request)
    skp = access.skp_for_actor(actor, pk)
    try:
        move = Aksi(aksi)
    except ValueError as exc:
        raise Http404(_("Halaman tidak ditemukan.")) from exc
    form_class, ctx_name = TRANSITION_FORMS[move]
    form = form_class(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if move == Aksi.AJUKAN:
                services.skp_submit(actor=actor, skp=skp, catatan=d.get("komentar", ""))
            elif move == Aksi.KEMBALIKAN:
                services.skp_return(actor=actor, skp=skp, komentar=d["komentar"])
            elif move == Aksi.SETUJUI:
                services.skp_approve(actor=actor, skp=skp, komentar=d.get("komentar", ""))
            elif move == Aksi.TARIK:
                services.skp_withdraw(actor=actor, skp=skp)
            else:
                services.skp_revise(actor=actor, skp=skp, alasan=d["alasan"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, DONE[move])
            return redirect("plans:detail", pk)
    ctx = _plan_context(request, actor, pk, **{ctx_name: form})
    ctx["failed_move"] = move.value
    # The refused action's own form is not drawn when the plan's state no longer offers it (a second
    # submit, a withdraw after the decision): the refusal is then shown above the actions instead.
    ctx["failed_errors"] = list(form.non_field_errors())
    return render(request, "plans/detail.html", ctx, status=422)
