"""Competency screens (issue #11 items 1–3): the dictionary, a position's standard, a person's
profile with their needs, the assessment import, and the training-needs analysis.

Views only translate HTTP: the person or position through the one lookup (`pegawai_for_actor`,
`jabatan_for_actor`: hidden is 404), the service for every write (its refusal shown on the form).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from karier.appraisal.public.skm.loop import skm_development_needs
from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.numbers import angka
from karier.core.paging import page_for
from karier.development import two_phase
from karier.development.competency import access, gaps, imports, selectors, self_assessment, services
from karier.development.competency.forms import (
    ImporForm,
    MandiriForm,
    PenilaianForm,
    PutusanMandiriForm,
    StandarForm,
    TeknisForm,
    TnaForm,
    sumber_for,
)
from karier.development.recommend import access as recommend_access
from karier.development.recommend import tna as recommend_tna
from karier.development.recommend import views as recommend_views
from karier.people.access import Actor, actor_from_request, jabatan_for_actor
from karier.people.models import Pegawai
from karier.rules import SKM_NEED_THRESHOLD


@login_required
@require_http_methods(["GET", "POST"])
def kamus(request: HttpRequest) -> HttpResponse:
    """The dictionary, every level with its plain meaning; BKD admins add technical competencies."""
    actor = actor_from_request(request)
    form = TeknisForm(request.POST or None)
    if request.method == "POST":
        if not access.may_manage(actor):
            raise PermissionDenied(_("Hanya admin BKD yang dapat mengelola kamus dan standar kompetensi."))
        if form.is_valid():
            d = form.cleaned_data
            try:
                k = services.kompetensi_teknis_save(
                    actor=actor,
                    kode=d["kode"],
                    nama=d["nama"],
                    definisi=d["definisi"],
                    levels={i: d[f"level{i}"] for i in range(1, 6)},
                )
            except (ValidationError, PermissionDenied) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Kompetensi teknis %(k)s disimpan.") % {"k": k.nama})
                return redirect("development:kompetensi_kamus")
    status = 400 if form.errors else 200
    ctx = {"kamus": selectors.kamus(), "form": form, "may_manage": access.may_manage(actor)}
    return render(request, "development/competency/kamus.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def standar(request: HttpRequest, jabatan_id: int) -> HttpResponse:
    """A position's required levels; BKD admins change them (empty = the default table)."""
    actor = actor_from_request(request)
    jabatan = jabatan_for_actor(actor, jabatan_id)
    rows = selectors.standar_jabatan(jabatan)
    teknis = list(selectors.kompetensi_teknis().filter(aktif=True))
    can_edit = access.may_manage(actor)
    form = StandarForm(request.POST or None, rows=rows, teknis=teknis)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("Hanya admin BKD yang dapat mengelola kamus dan standar kompetensi."))
        if form.is_valid():
            levels = {int(name[1:]): value for name, value in form.cleaned_data.items()}
            try:
                services.standar_kompetensi_update(actor=actor, jabatan=jabatan, levels=levels)
            except (ValidationError, PermissionDenied) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Standar kompetensi jabatan disimpan."))
                return redirect("development:kompetensi_standar", jabatan.pk)
    ctx = {"jabatan": jabatan, "rows": rows, "form": form, "can_edit": can_edit}
    return render(request, "development/competency/standar.html", ctx, status=400 if form.errors else 200)


def _profil_context(
    actor: Actor, pegawai: Pegawai, form: PenilaianForm | None = None, mandiri_form: MandiriForm | None = None
) -> dict[str, Any]:
    is_superior = access.is_superior(actor, pegawai)
    is_admin = access.may_manage(actor) and actor.pegawai_id != pegawai.pk
    sumber = sumber_for(is_superior, is_admin)
    sendiri = actor.pegawai_id == pegawai.pk
    return {
        "pegawai": pegawai,
        "profil": selectors.profil(pegawai),
        "kebutuhan": gaps.needs_for([pegawai.pk]).get(pegawai.pk, []),
        "form": form or (PenilaianForm(sumber=sumber) if sumber else None),
        "sendiri": sendiri,
        "mandiri_form": mandiri_form or (MandiriForm() if sendiri else None),
        "usulan": list(selectors.usulan_terbuka(pegawai)),
        "boleh_putus": is_superior,
    }


UNIT_PER_PAGE = 50  # agencies or units per page of the analysis (a province has hundreds of units)


@login_required
@require_GET
def profil_saya(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise Http404(_("Akun Anda tidak terhubung dengan data pegawai."))
    return redirect("development:kompetensi_profil", actor.pegawai_id)


@login_required
@require_http_methods(["GET", "POST"])
def profil(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """A person's profile (required vs assessed, history, needs); the superior records an observation
    or agrees a self-assessment, a BKD admin records assessment-centre results."""
    actor = actor_from_request(request)
    pegawai = access.competency_pegawai_for_actor(actor, pegawai_id)
    if request.method == "POST":
        sumber = sumber_for(access.is_superior(actor, pegawai), access.may_manage(actor))
        form = PenilaianForm(request.POST, request.FILES, sumber=sumber)
        if not sumber:
            raise PermissionDenied(_("Anda tidak dapat mencatat penilaian kompetensi pegawai ini."))
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.penilaian_record(
                    actor=actor,
                    pegawai=pegawai,
                    kompetensi=d["kompetensi"],
                    level=d["level"],
                    tanggal=d["tanggal"],
                    sumber=d["sumber"],
                    asesor=d["asesor"],
                    catatan=d["catatan"],
                    berkas=d["berkas"],
                )
            except (ValidationError, PermissionDenied) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Penilaian kompetensi dicatat."))
                return redirect("development:kompetensi_profil", pegawai.pk)
        return render(request, "development/competency/profil.html", _profil_context(actor, pegawai, form), status=400)
    return render(request, "development/competency/profil.html", _profil_context(actor, pegawai))


@login_required
@require_GET
def bukti(request: HttpRequest, penilaian_id: int) -> FileResponse:
    """An assessment's evidence, to whoever may see the person; an attachment, never inline."""
    row = access.penilaian_for_actor(actor_from_request(request), penilaian_id)
    if not row.berkas or not default_storage.exists(row.berkas.name):
        raise Http404(_("Berkas tidak ditemukan."))
    response = FileResponse(
        default_storage.open(row.berkas.name, "rb"),
        as_attachment=True,
        filename=row.nama_berkas,
        content_type=row.jenis_konten,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # as appraisal's serve_bukti
    return response


@login_required
@require_http_methods(["GET", "POST"])
def impor(request: HttpRequest) -> HttpResponse:
    """Phase one: upload and check (BKD admins)."""
    actor = actor_from_request(request)
    access.require_import(actor)
    return two_phase.upload_page(
        request,
        form=ImporForm(request.POST or None, request.FILES or None),
        check=lambda berkas: imports.penilaian_impor_periksa(actor=actor, berkas=berkas),
        report_url_name="development:kompetensi_impor_laporan",
        template="development/competency/impor.html",
        kolom=imports.KOLOM,
    )


@login_required
@require_http_methods(["GET", "POST"])
def impor_laporan(request: HttpRequest, impor_id: int) -> HttpResponse:
    """The per-row report; phase two (apply, all or nothing, as a background job) when it is clean."""
    actor = actor_from_request(request)
    found = access.impor_for_actor(actor, impor_id)
    return two_phase.report_page(
        request,
        impor=found,
        start=lambda: imports.penilaian_impor_start(actor=actor, impor=found),
        job=lambda: imports.impor_job(found),
        url_name="development:kompetensi_impor_laporan",
        satuan=str(_("penilaian")),
        template="development/competency/impor_laporan.html",
        extra=None,
    )


@login_required
@require_GET
def analisis(request: HttpRequest) -> HttpResponse:
    """The training-needs analysis of the people the actor sees; `?export=xlsx` downloads it."""
    actor = actor_from_request(request)
    form = TnaForm(request.GET or None)
    per, belum, opd = "opd", False, None
    if form.is_valid():
        per = form.cleaned_data["per"] or "opd"
        belum = form.cleaned_data["belum_dinilai"]
        opd = form.cleaned_data["opd"]
    hasil = recommend_tna.analisis(
        selectors.tna_scope(actor, opd_id=opd.pk if opd else None), by=per, belum_dinilai=belum
    )
    result = hasil.tna
    if request.GET.get("export") == "xlsx":
        title = _("Analisis kebutuhan pengembangan kompetensi")
        data = table_xlsx(
            sheet=_("Analisis kebutuhan"),
            title=f"{title}: {opd.nama}" if opd else title,
            header=[_("Unit"), _("Kebutuhan"), _("Jenis"), _("Jumlah pegawai"), _("Dari pegawai"), _("Persen")],
            rows=gaps.tna_rows(result),
        )
        return xlsx_attachment(data, "analisis-kebutuhan-kompetensi")
    units = page_for(request, [u for u in result.per_unit if u[2]], UNIT_PER_PAGE)
    params = urlencode({k: v for k, v in request.GET.items() if k not in {"page", "export"} and v})
    ctx = {
        "form": form,
        "tna": result,
        "hasil": hasil,
        "page_obj": units,
        "querystring_base": f"{params}&" if params else "",
        "tugas": recommend_views.job_card(actor),
        "boleh_hitung": recommend_access.may_run_any(actor),
        "opd_pilihan": recommend_views.opd_choices(actor),
        # Issue #13: low SKM scores on the staff elements (U6/U7) are a need of the unit.
        "kebutuhan_skm": skm_development_needs(actor=actor, opd_ids=[opd.pk] if opd else None),
        "batas_skm": angka(SKM_NEED_THRESHOLD, 2),
    }
    return render(request, "development/competency/analisis.html", ctx)


@login_required
@require_POST
def mandiri_ajukan(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """The employee proposes their own level (self-assessment)."""
    actor = actor_from_request(request)
    pegawai = access.competency_pegawai_for_actor(actor, pegawai_id)
    form = MandiriForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            self_assessment.penilaian_mandiri_submit(
                actor=actor, pegawai=pegawai, kompetensi=d["kompetensi"], level=d["level"], alasan=d["alasan"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Penilaian mandiri diajukan ke atasan Anda."))
            return redirect("development:kompetensi_profil", pegawai.pk)
    ctx = _profil_context(actor, pegawai, mandiri_form=form)
    return render(request, "development/competency/profil.html", ctx, status=400)


@login_required
@require_POST
def mandiri_putus(request: HttpRequest, usulan_id: int) -> HttpResponse:
    """The superior agrees or refuses a self-assessment."""
    actor = actor_from_request(request)
    usulan = access.usulan_for_actor(actor, usulan_id)
    form = PutusanMandiriForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
        return redirect("development:kompetensi_profil", usulan.pegawai_id)
    try:
        self_assessment.penilaian_mandiri_decide(
            actor=actor, usulan=usulan, setuju=form.cleaned_data["setuju"], catatan=form.cleaned_data["catatan"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Keputusan atas penilaian mandiri disimpan."))
    return redirect("development:kompetensi_profil", usulan.pegawai_id)
