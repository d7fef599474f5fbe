"""Catalogue screens: list with filters, an activity with its sessions, a session with its
participants, enrolment, the organiser's attendance list, completion with a certificate, and the
BKD admin's create/edit forms. Edges only: access → service/selector → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.development.catalogue import access, enrolment, selectors, services
from karier.development.catalogue.forms import KatalogFilterForm, KegiatanForm, SertifikatForm, SesiForm
from karier.development.models import EvaluasiKegiatan, KegiatanKompetensi, Kompetensi, StatusPendaftaran
from karier.development.outcomes import certificate_pdf, feedback
from karier.people.access import actor_from_request, pegawai_for_actor

PAGE_SIZE = 30


def _errors_message(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    texts = [str(exc)] if isinstance(exc, PermissionDenied) else exc.messages
    for t in texts:
        messages.error(request, t)


@login_required
def katalog(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = KatalogFilterForm(request.GET or None)
    filters: dict[str, str] = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    qs = selectors.kegiatan_list(actor, **filters)
    page = page_for(request, qs, PAGE_SIZE)
    return render(
        request,
        "development/catalogue/katalog.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": urlencode(filters) + "&" if filters else "",
            "boleh_kelola": actor.can_write_master_data,
        },
    )


def _levels(text: str) -> dict[int, int]:
    """ "M.3=3" lines → {competency id: level}; a line that names no known code or level is a form error."""
    wanted: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            code, _sep, level = line.partition("=")
            wanted[code.strip()] = level.strip()
    ids = dict(Kompetensi.objects.filter(kode__in=list(wanted)).values_list("kode", "pk"))
    out: dict[int, int] = {}
    for code, level in wanted.items():
        if code not in ids or not level.isdigit() or len(level) > 1:
            raise ValidationError(
                {
                    "kompetensi": _('Baris "%(baris)s" tidak dikenali: tulis kode=level, misalnya M.3=3.')
                    % {"baris": f"{code}={level}"}
                }
            )
        out[ids[code]] = int(level)
    return out


def _levels_text(kegiatan_id: int) -> str:
    rows = KegiatanKompetensi.objects.filter(kegiatan_id=kegiatan_id).select_related("kompetensi")
    return "\n".join(f"{r.kompetensi.kode}={r.sampai_level}" for r in rows)


def _kegiatan_data(cd: dict[str, Any]) -> services.KegiatanData:
    return services.KegiatanData(
        kompetensi=_levels(cd.get("kompetensi") or ""),
        kode=cd["kode"],
        nama=cd["nama"],
        jenis=cd["jenis"],
        metode=cd["metode"],
        penyelenggara=cd["penyelenggara"],
        jp=cd.get("jp") or None,
        uraian=cd.get("uraian") or "",
        jenis_kursus_siasn=cd.get("jenis_kursus_siasn") or "",
        aktif=bool(cd.get("aktif")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def katalog_baru(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    access.require_manage(actor)
    form = KegiatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kegiatan = services.kegiatan_create(actor=actor, data=_kegiatan_data(form.cleaned_data))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Kegiatan ditambahkan ke katalog."))
            return redirect("development:katalog_detail", kegiatan.pk)
    return render(
        request,
        "development/catalogue/form.html",
        {"form": form, "title": _("Kegiatan baru"), "kembali": reverse("development:katalog")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def katalog_ubah(request: HttpRequest, kegiatan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    kegiatan = access.kegiatan_for_actor(actor, kegiatan_id)
    access.require_manage(actor)
    initial = {f: getattr(kegiatan, f) for f in KegiatanForm.base_fields if f != "kompetensi"}
    initial["kompetensi"] = _levels_text(kegiatan.pk)
    form = KegiatanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.kegiatan_update(actor=actor, kegiatan=kegiatan, data=_kegiatan_data(form.cleaned_data))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Kegiatan disimpan."))
            return redirect("development:katalog_detail", kegiatan.pk)
    back = reverse("development:katalog_detail", args=[kegiatan.pk])
    return render(request, "development/catalogue/form.html", {"form": form, "title": kegiatan.nama, "kembali": back})


@login_required
def katalog_detail(request: HttpRequest, kegiatan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    kegiatan = access.kegiatan_for_actor(actor, kegiatan_id)
    kompetensi = KegiatanKompetensi.objects.filter(kegiatan=kegiatan).select_related("kompetensi")
    return render(
        request,
        "development/catalogue/detail.html",
        {
            "kegiatan": kegiatan,
            "kompetensi": kompetensi,
            "sesi_list": selectors.sesi_of(kegiatan),
            "today": timezone.localdate(),
            "boleh_kelola": actor.can_write_master_data,
            # Organisers (BKD admins) and auditors see the participants' evaluation, anonymous below 3.
            "rekap": feedback.evaluasi_rekap(actor, kegiatan) if actor.sees_everyone else None,
            "ambang": feedback.AMBANG,
        },
    )


def _sesi_data(cd: dict[str, Any]) -> services.SesiData:
    return services.SesiData(
        nama=cd.get("nama") or "",
        mulai=cd["mulai"],
        selesai=cd["selesai"],
        tempat=cd.get("tempat") or "",
        tautan=cd.get("tautan") or "",
        kapasitas=cd["kapasitas"],
        biaya=cd.get("biaya") or "0",
    )


@login_required
@require_http_methods(["GET", "POST"])
def katalog_sesi_baru(request: HttpRequest, kegiatan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    kegiatan = access.kegiatan_for_actor(actor, kegiatan_id)
    access.require_manage(actor)
    form = SesiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sesi = services.sesi_create(actor=actor, kegiatan=kegiatan, data=_sesi_data(form.cleaned_data))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Sesi ditambahkan."))
            return redirect("development:sesi_detail", sesi.pk)
    back = reverse("development:katalog_detail", args=[kegiatan.pk])
    return render(
        request,
        "development/catalogue/form.html",
        {"form": form, "title": _("Sesi baru: %(nama)s") % {"nama": kegiatan.nama}, "kembali": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sesi_ubah(request: HttpRequest, sesi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    access.require_manage(actor)
    initial = {f: getattr(sesi, f) for f in SesiForm.base_fields}
    form = SesiForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sesi_update(actor=actor, sesi=sesi, data=_sesi_data(form.cleaned_data))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Sesi disimpan."))
            return redirect("development:sesi_detail", sesi.pk)
    back = reverse("development:sesi_detail", args=[sesi.pk])
    return render(
        request, "development/catalogue/form.html", {"form": form, "title": str(sesi.kegiatan), "kembali": back}
    )


@login_required
def sesi_detail(request: HttpRequest, sesi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    peserta = selectors.peserta(actor, sesi)
    page = page_for(request, peserta, PAGE_SIZE)
    mine = peserta.filter(pegawai_id=actor.pegawai_id).first() if actor.pegawai_id is not None else None
    if mine is not None:
        mine.sesi = sesi  # already read with its activity
    return render(
        request,
        "development/catalogue/sesi.html",
        {
            "sesi": sesi,
            "kegiatan": sesi.kegiatan,
            "peserta": page.object_list,
            "page_obj": page,
            "saya": mine,
            "boleh_evaluasi": mine is not None
            and feedback.may_evaluate(actor, mine)
            and not EvaluasiKegiatan.objects.filter(pendaftaran=mine).exists(),
            "ada_sertifikat": mine is not None and certificate_pdf.has_certificate(mine),
            "berakhir": sesi.selesai < timezone.localdate(),
            "boleh_kelola": actor.can_write_master_data,
            "boleh_daftar": actor.pegawai_id is not None and not actor.is_auditor,
        },
    )


@login_required
@require_POST
def sesi_daftar(request: HttpRequest, sesi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    raw = request.POST.get("pegawai", "")
    pid = int(raw) if raw.isdigit() else actor.pegawai_id
    if pid is None:
        raise PermissionDenied(_("Akun ini tidak terhubung dengan data pegawai."))
    pegawai = pegawai_for_actor(actor, pid)
    try:
        row = enrolment.pendaftaran_create(actor=actor, sesi=sesi, pegawai=pegawai)
    except (ValidationError, PermissionDenied) as exc:
        _errors_message(request, exc)
    else:
        if row.status == StatusPendaftaran.TERDAFTAR:
            messages.success(request, _("Terdaftar di sesi ini."))
        else:
            messages.warning(request, _("Kursi sudah penuh: masuk daftar tunggu."))
    return redirect("development:sesi_detail", sesi.pk)


@login_required
@require_POST
def pendaftaran_batal(request: HttpRequest, pendaftaran_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    try:
        enrolment.pendaftaran_cancel(actor=actor, pendaftaran=row)
    except (ValidationError, PermissionDenied) as exc:
        _errors_message(request, exc)
    else:
        messages.success(request, _("Pendaftaran dibatalkan."))
    return redirect("development:sesi_detail", row.sesi_id)


@login_required
@require_http_methods(["GET", "POST"])
def sesi_kehadiran(request: HttpRequest, sesi_id: int) -> HttpResponse:
    """The organiser's bulk attendance list: one checkbox per seated participant."""
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    access.require_manage(actor)
    rows = [p for p in selectors.peserta(actor, sesi) if p.status == StatusPendaftaran.TERDAFTAR]
    errors: list[str] = []
    if request.method == "POST":
        present = set(request.POST.getlist("hadir"))
        try:
            n = enrolment.kehadiran_record(actor=actor, sesi=sesi, hadir={p.pk: str(p.pk) in present for p in rows})
        except (ValidationError, PermissionDenied) as exc:
            errors = [str(exc)] if isinstance(exc, PermissionDenied) else exc.messages
        else:
            messages.success(request, _("Kehadiran %(n)s peserta dicatat.") % {"n": n})
            return redirect("development:sesi_detail", sesi.pk)
    return render(request, "development/catalogue/kehadiran.html", {"sesi": sesi, "rows": rows, "errors": errors})


@login_required
@require_http_methods(["GET", "POST"])
def pendaftaran_selesai(request: HttpRequest, pendaftaran_id: int) -> HttpResponse:
    """Completion: the participant uploads the certificate; the JP enters the ledger."""
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    form = SertifikatForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment.pendaftaran_complete(actor=actor, pendaftaran=row, sertifikat=form.cleaned_data.get("sertifikat"))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Kegiatan selesai; JP-nya sudah dihitung."))
            return redirect("development:jp_saya")
    return render(request, "development/catalogue/selesai.html", {"form": form, "row": row})
