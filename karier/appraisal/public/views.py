"""Screens for public feedback: links and printable QR codes (signed-in), moderation, the
summary for the superior, and the anonymous form at /umpan-balik/<token>/ (no account).

The anonymous form is a browser form only (no API): it needs the CSRF cookie, the signed device
cookie and the signed form token that only this page hands out. Every refusal re-renders the
form with what was typed and a clear message; nothing is written.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from karier.appraisal.feedback.access import (
    can_manage_pegawai_link,
    can_manage_unit_link,
    can_read_summary,
    tautan_for_actor,
)
from karier.appraisal.feedback.forms import ModerasiFilterForm, PublikForm, RingkasanFilterForm
from karier.appraisal.models import PeriodePenilaian, TautanPublik
from karier.appraisal.public import exports, services
from karier.appraisal.public import selectors as sel
from karier.appraisal.public.qr import qr_png_file, qr_svg_file, qr_svg_inline
from karier.appraisal.public.skm.selectors import open_period_for_unit
from karier.core.clientip import client_ip
from karier.core.excel import xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import actor_from_request, pegawai_for_actor, unit_for_actor
from karier.people.models import Pegawai, UnitKerja

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{10,32}$")


def public_url(request: HttpRequest, tautan: TautanPublik) -> str:
    return request.build_absolute_uri(reverse("public_feedback:form", args=[tautan.token]))


def _short(url: str) -> str:
    return re.sub(r"^https?://", "", url)


# ---------------------------------------------------------------------------- signed-in: links
@login_required
def hub(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = page_for(request, sel.managed_links(actor), 50)
    return render(
        request,
        "appraisal/public/hub.html",
        {
            "page_obj": page,
            "querystring_base": "",
            "units": list(sel.headed_units(actor)),
            "n_moderasi": sel.moderation_queue(actor).count() if not actor.is_auditor else 0,
        },
    )


def _link_page(request: HttpRequest, *, pegawai: Pegawai | None, unit: UnitKerja | None) -> HttpResponse:
    actor = actor_from_request(request)
    allowed = (
        can_manage_pegawai_link(actor, pegawai)
        if pegawai is not None
        else (unit is not None and can_manage_unit_link(actor, unit))
    )
    if not allowed and not actor.is_auditor:
        raise Http404(_("Halaman tidak ditemukan."))
    if request.method == "POST":
        if not allowed:
            raise Http404(_("Halaman tidak ditemukan."))
        services.tautan_get_or_create(actor=actor, pegawai=pegawai, unit=unit)
        messages.success(request, _("Tautan umpan balik siap. Cetak kode QR dan tempel di meja layanan."))
        return redirect(request.path)
    links = list(sel.links_for_pegawai(pegawai) if pegawai is not None else sel.links_for_unit(unit))  # type: ignore[arg-type]
    active = next((t for t in links if t.aktif), None)
    url = public_url(request, active) if active else ""
    return render(
        request,
        "appraisal/public/qr.html",
        {
            "pegawai": pegawai,
            "unit": unit,
            "tautan": active,
            "links": links,
            "url": url,
            "short_url": _short(url),
            "qr": qr_svg_inline(url, scale=7) if active else "",
            "boleh_ubah": allowed,
            "ringkasan_url": reverse("appraisal_feedback:publik_ringkasan_pegawai", args=[pegawai.pk])
            if pegawai
            else reverse("appraisal_feedback:publik_ringkasan_unit", args=[unit.pk]),  # type: ignore[union-attr]
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pegawai_link(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    pegawai = pegawai_for_actor(actor, pegawai_id)
    pegawai = Pegawai.objects.select_related("jabatan", "unit").get(pk=pegawai.pk)
    return _link_page(request, pegawai=pegawai, unit=None)


@login_required
@require_http_methods(["GET", "POST"])
def unit_link(request: HttpRequest, unit_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    return _link_page(request, pegawai=None, unit=unit_for_actor(actor, unit_id))


def _back(tautan: TautanPublik) -> HttpResponse:
    if tautan.pegawai_id:
        return redirect("appraisal_feedback:publik_pegawai", pegawai_id=tautan.pegawai_id)
    return redirect("appraisal_feedback:publik_unit", unit_id=tautan.unit_id)


@login_required
@require_POST
def tautan_aktif(request: HttpRequest, tautan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    tautan = tautan_for_actor(actor, tautan_id)
    aktif = request.POST.get("aktif") == "1"
    services.tautan_set_aktif(actor=actor, tautan=tautan, aktif=aktif)
    messages.success(
        request, _("Tautan diaktifkan.") if aktif else _("Tautan dinonaktifkan: kode QR-nya tidak dapat dipakai lagi.")
    )
    return _back(tautan)


@login_required
@require_POST
def tautan_ganti(request: HttpRequest, tautan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    tautan = tautan_for_actor(actor, tautan_id)
    services.tautan_replace(actor=actor, tautan=tautan)
    messages.success(request, _("Tautan baru dibuat; tautan lama tidak berlaku lagi. Cetak ulang kode QR."))
    return _back(tautan)


@login_required
def tautan_qr(request: HttpRequest, tautan_id: int, fmt: str) -> HttpResponse:
    tautan = tautan_for_actor(actor_from_request(request), tautan_id)
    url = public_url(request, tautan)
    if fmt == "png":
        response = HttpResponse(qr_png_file(url), content_type="image/png")
    else:
        response = HttpResponse(qr_svg_file(url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="umpan-balik-{tautan.pk}.{fmt}"'
    return response


# ---------------------------------------------------------------------------- moderation
@login_required
@require_http_methods(["GET", "POST"])
def moderasi(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method == "POST":
        status = request.POST.get("status", "")
        ids = [int(x) for x in request.POST.getlist("ids") if x.isdigit() and len(x) < 19][:200]
        if not ids:
            messages.error(request, _("Pilih minimal satu umpan balik."))
        else:
            try:
                n = services.umpan_balik_moderate_many(actor=actor, ids=ids, status=status)
            except ValidationError as exc:
                for m in exc.messages:
                    messages.error(request, m)
            else:
                messages.success(request, _("%(n)d umpan balik diperbarui.") % {"n": n})
        back = request.POST.get("filter_status", "MENUNGGU")
        return redirect(f"{reverse('appraisal_feedback:publik_moderasi')}?{urlencode({'status': back[:10]})}")
    form = ModerasiFilterForm(request.GET or {"status": "MENUNGGU"})
    status = form.cleaned_data["status"] if form.is_valid() else "MENUNGGU"
    if request.GET.get("export") == "xlsx":
        return xlsx_attachment(exports.moderasi_xlsx(sel.moderation_queue(actor, status), status=status), "moderasi")
    page = page_for(request, sel.moderation_queue(actor, status), 50)
    return render(
        request,
        "appraisal/public/moderasi.html",
        {
            "form": form,
            "page_obj": page,
            "status": status,
            "querystring_base": f"{urlencode({'status': status})}&",
            "boleh_ubah": not actor.is_auditor,
        },
    )


# ---------------------------------------------------------------------------- summary
def _summary(request: HttpRequest, *, pegawai: Pegawai | None, unit: UnitKerja | None) -> HttpResponse:
    actor = actor_from_request(request)
    if not can_read_summary(actor, pegawai=pegawai, unit=unit):
        raise Http404(_("Halaman tidak ditemukan."))
    form = RingkasanFilterForm(request.GET or None)
    periode = None
    if form.is_valid() and form.cleaned_data["periode"]:
        periode = PeriodePenilaian.objects.filter(pk=form.cleaned_data["periode"]).first()
        if periode is None:
            form.add_error("periode", _("Periode tidak ditemukan."))
    elif not request.GET:
        periode = sel.current_period()
    rentang = sel.rentang_for(periode)
    return render(
        request,
        "appraisal/public/ringkasan.html",
        {
            "pegawai": pegawai,
            "unit": unit,
            "form": form,
            "periods": sel.recent_periods(),
            "ringkasan_publik": sel.ringkasan_publik(pegawai=pegawai, unit=unit, rentang=rentang),
            "periode": periode,
        },
    )


@login_required
def ringkasan_pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    return _summary(request, pegawai=pegawai_for_actor(actor_from_request(request), pegawai_id), unit=None)


@login_required
def ringkasan_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _summary(request, pegawai=None, unit=unit_for_actor(actor_from_request(request), unit_id))


# ---------------------------------------------------------------------------- anonymous form
def _active_link(token: str) -> TautanPublik:
    if not TOKEN_RE.match(token):
        raise Http404(_("Tautan tidak ditemukan."))
    return get_object_or_404(
        TautanPublik.objects.select_related("pegawai", "pegawai__jabatan", "pegawai__unit", "unit"),
        token=token,
        aktif=True,
    )


def _device(request: HttpRequest) -> str | None:
    value = request.get_signed_cookie(services.DEVICE_COOKIE, default=None, salt=services.DEVICE_SALT)
    return value if value and 16 <= len(value) <= 64 else None


def _set_device(request: HttpRequest, response: HttpResponse, device: str) -> None:
    from django.conf import settings

    response.set_signed_cookie(
        services.DEVICE_COOKIE,
        device,
        salt=services.DEVICE_SALT,
        max_age=services.DEVICE_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
    )


def anonymous_form_page(
    request: HttpRequest,
    form: Any,
    form_token: str,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    device: str | None = None,
) -> HttpResponse:
    """A public form without an account (the short form, the SKM questionnaire): a fresh form token
    every time, so that a refused form can be sent again once the person re-reads it; the honeypot
    emptied; the device cookie set when new; never cached, never indexed."""
    if form.is_bound:
        data = form.data.copy()  # a QueryDict
        data["ft"] = form_token
        data["website"] = ""
        form.data = data
    else:
        form.initial["ft"] = form_token
    response = render(request, template, {**context, "form": form}, status=status)
    if device is not None:
        _set_device(request, response, device)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _form_page(
    request: HttpRequest,
    tautan: TautanPublik,
    form: PublikForm,
    *,
    pesan: str = "",
    status: int = 200,
    device: str | None = None,
) -> HttpResponse:
    context = {
        "tautan": tautan,
        "pesan": pesan,
        "maks_komentar": services.MAKS_KOMENTAR,
        "skm": open_period_for_unit(tautan.unit_id or (tautan.pegawai.unit_id if tautan.pegawai else None)),
    }
    return anonymous_form_page(
        request, form, services.form_token(tautan), "appraisal/public/form.html", context, status=status, device=device
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest, token: str) -> HttpResponse:
    tautan = _active_link(token)
    device = _device(request)
    new_device = services.new_device_id() if device is None else None
    if request.method == "GET":
        return _form_page(request, tautan, PublikForm(), device=new_device)
    form = PublikForm(request.POST)
    alamat = client_ip(request)
    try:
        services.check_alamat_limit(alamat, tautan=tautan)
    except services.TerlaluBanyak as exc:
        return _form_page(request, tautan, form, pesan=exc.messages[0], status=429, device=new_device)
    if device is None:
        return _form_page(
            request,
            tautan,
            form,
            status=400,
            device=new_device,
            pesan=_("Perangkat Anda belum dikenali (cookie). Isian Anda masih ada: tekan Kirim sekali lagi."),
        )
    if request.POST.get("website"):
        return _form_page(request, tautan, form, status=400, pesan=_(services.MSG_TOKEN))
    try:
        services.check_form_token(request.POST.get("ft", ""), tautan)
    except ValidationError as exc:
        return _form_page(request, tautan, form, pesan=exc.messages[0], status=400)
    if not form.is_valid():
        return _form_page(request, tautan, form, status=400, pesan=_("Periksa isian yang ditandai, lalu kirim lagi."))
    try:
        services.umpan_balik_send(
            tautan=tautan,
            skor_layanan=form.cleaned_data["skor_layanan"],
            skor_perilaku=form.cleaned_data["skor_perilaku"],
            komentar=form.cleaned_data["komentar"],
            perangkat_id=device,
            alamat=alamat,
            form_token=request.POST.get("ft", ""),
        )
    except services.TerlaluBanyak as exc:
        return _form_page(request, tautan, form, pesan=exc.messages[0], status=429)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            apply_errors(form, exc)
            return _form_page(
                request, tautan, form, status=400, pesan=_("Periksa isian yang ditandai, lalu kirim lagi.")
            )
        used_token = getattr(exc, "code", None) == "token_dipakai"
        return _form_page(request, tautan, form, pesan=exc.messages[0], status=400 if used_token else 409)
    return redirect("public_feedback:terima_kasih", token=tautan.token)


@never_cache
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    tautan = _active_link(token)
    return render(request, "appraisal/public/terima_kasih.html", {"tautan": tautan})
