"""SKM screens: the managers' list, a unit's periods, a period's report (with chart, Excel and
PDF), the QR code, and the anonymous questionnaire at /umpan-balik/skm/<token>/ (no account).

The anonymous questionnaire works like the short public form (`karier.appraisal.public.views`):
device cookie, signed form token, honeypot, address limits; a refusal re-renders the form with
what was typed and a message per element.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from karier.appraisal.public import services as public_services
from karier.appraisal.public.qr import qr_png_file, qr_svg_file, qr_svg_inline
from karier.appraisal.public.skm import access, exports, selectors, services
from karier.appraisal.public.skm.charts import unsur_figure
from karier.appraisal.public.skm.choices import PROFIL_FIELDS, UNSUR_FIELDS, StatusSkm, StatusTindakLanjut
from karier.appraisal.public.skm.documents import filename_stem, skm_report, skm_report_pdf
from karier.appraisal.public.skm.forms import PeriodeForm, SkmForm, TindakLanjutForm
from karier.appraisal.public.skm.models import PeriodeSkm
from karier.appraisal.public.views import _device, anonymous_form_page
from karier.core.clientip import client_ip
from karier.core.excel import xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import actor_from_request

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{10,32}$")


def public_url(request: HttpRequest, periode: PeriodeSkm) -> str:
    return request.build_absolute_uri(reverse("public_feedback:skm_form", args=[periode.token]))


# ---------------------------------------------------------------------------- signed-in screens
@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    """The periods of every unit the actor manages (or reads, for auditors), newest first."""
    actor = actor_from_request(request)
    page = page_for(request, selectors.periods_for_actor(actor), 50)
    return render(request, "appraisal/skm/daftar.html", {"page_obj": page, "querystring_base": ""})


@login_required
@require_http_methods(["GET", "POST"])
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's periods, and a form to add one (managers)."""
    actor = actor_from_request(request)
    u = access.unit_skm_for_actor(actor, unit_id)
    boleh_ubah = access.can_manage_skm(actor, u)
    form = PeriodeForm(request.POST or None)
    if request.method == "POST":
        if not boleh_ubah:
            raise PermissionDenied(_("Anda tidak berwenang mengelola SKM unit ini."))
        if form.is_valid():
            try:
                periode = services.skm_periode_create(actor=actor, unit=u, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Periode SKM dibuat sebagai draf. Buka periode agar survei dapat diisi."))
                return redirect("public_feedback:skm_kelola_periode", periode_id=periode.pk)
    periods = list(selectors.periods_for_actor(actor, unit_id=u.pk))
    return render(
        request,
        "appraisal/skm/unit.html",
        {"unit": u, "periods": periods, "form": form, "boleh_ubah": boleh_ubah},
        status=400 if form.errors else 200,
    )


@login_required
def periode(request: HttpRequest, periode_id: int) -> HttpResponse:
    """The report: per-element table and chart, weakest elements, profile, follow-up actions."""
    actor = actor_from_request(request)
    p = access.periode_for_actor(actor, periode_id)
    hasil = selectors.hasil_periode(p)
    url = public_url(request, p)
    boleh_ubah = access.can_manage_skm(actor, p.unit)
    return render(
        request,
        "appraisal/skm/periode.html",
        {
            "periode": p,
            "hasil": hasil,
            "figure": unsur_figure(hasil) if hasil.n else None,
            "url": url,
            "qr": qr_svg_inline(url, scale=5) if p.status == StatusSkm.BUKA else "",
            "boleh_ubah": boleh_ubah,
            "boleh_tutup": boleh_ubah and access.may_close_now(actor, p),
            "tl_form": TindakLanjutForm(initial={"unsur": hasil.terlemah[0].code if hasil.terlemah else "U1"}),
            "status_tindak_lanjut": StatusTindakLanjut.choices,
        },
    )


@login_required
@require_POST
def periode_status(request: HttpRequest, periode_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    p = access.periode_for_actor(actor, periode_id)
    action = request.POST.get("aksi", "")
    try:
        if action == "buka":
            services.skm_periode_open(actor=actor, periode=p)
            messages.success(request, _("Periode dibuka: tautan dan kode QR survei dapat dipakai."))
        elif action == "tutup":
            services.skm_periode_close(actor=actor, periode=p)
            messages.success(request, _("Periode ditutup: hasil survei sudah final."))
        else:
            messages.error(request, _("Aksi tidak dikenal."))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("public_feedback:skm_kelola_periode", periode_id=p.pk)


@login_required
@require_POST
def tindak_lanjut_tambah(request: HttpRequest, periode_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    p = access.periode_for_actor(actor, periode_id)
    if not access.can_manage_skm(actor, p.unit):
        raise PermissionDenied(_("Anda tidak berwenang mengelola SKM unit ini."))
    form = TindakLanjutForm(request.POST)
    if form.is_valid():
        try:
            services.skm_tindak_lanjut_add(actor=actor, periode=p, **form.cleaned_data)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("Tindak lanjut ditambahkan."))
    else:
        for field, errors in form.errors.items():
            for e in errors:
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, _("%(field)s: %(error)s") % {"field": label, "error": e} if label else str(e))
    return redirect(reverse("public_feedback:skm_kelola_periode", args=[p.pk]) + "#tindak-lanjut")


@login_required
@require_POST
def tindak_lanjut_status(request: HttpRequest, tindak_lanjut_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.tindak_lanjut_for_actor(actor, tindak_lanjut_id)
    try:
        services.skm_tindak_lanjut_update(actor=actor, tindak_lanjut=row, status=request.POST.get("status", ""))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Status tindak lanjut diperbarui."))
    return redirect(reverse("public_feedback:skm_kelola_periode", args=[row.periode_id]) + "#tindak-lanjut")


@login_required
def periode_xlsx(request: HttpRequest, periode_id: int) -> HttpResponse:
    p = access.periode_for_actor(actor_from_request(request), periode_id)
    return xlsx_attachment(exports.hasil_xlsx(selectors.hasil_periode(p)), f"hasil-skm-{p.pk}")


@login_required
def periode_pdf(request: HttpRequest, periode_id: int) -> HttpResponse:
    p = access.periode_for_actor(actor_from_request(request), periode_id)
    response = HttpResponse(skm_report_pdf(p), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename_stem(p)}.pdf"'
    return response


@login_required
def periode_qr(request: HttpRequest, periode_id: int, fmt: str) -> HttpResponse:
    p = access.periode_for_actor(actor_from_request(request), periode_id)
    url = public_url(request, p)
    if fmt == "png":
        response = HttpResponse(qr_png_file(url), content_type="image/png")
    else:
        response = HttpResponse(qr_svg_file(url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="skm-{p.pk}.{fmt}"'
    return response


# ---------------------------------------------------------------------------- the anonymous questionnaire
def _periode_by_token(token: str) -> PeriodeSkm:
    """The period of a public link; a draft period's link does not exist yet for the public."""
    if not TOKEN_RE.match(token):
        raise Http404(_("Survei tidak ditemukan."))
    return get_object_or_404(PeriodeSkm.objects.select_related("unit").exclude(status=StatusSkm.DRAFT), token=token)


def _short_link(periode: PeriodeSkm) -> str | None:
    """The unit's short public-feedback form, when it has an active link (to offer both)."""
    from karier.appraisal.models import TautanPublik

    t = TautanPublik.objects.filter(unit_id=periode.unit_id, aktif=True).only("token").first()
    return reverse("public_feedback:form", args=[t.token]) if t else None


def _form_page(
    request: HttpRequest,
    p: PeriodeSkm,
    form: SkmForm,
    *,
    pesan: str = "",
    status: int = 200,
    device: str | None = None,
) -> HttpResponse:
    context = {
        "periode": p,
        "pesan": pesan,
        "terbuka": services.is_open(p),
        "maks_saran": services.MAKS_SARAN,
        "tautan_singkat": _short_link(p),
        "diumumkan": p.status == StatusSkm.TUTUP,
    }
    return anonymous_form_page(
        request, form, services.form_token(p), "appraisal/skm/form.html", context, status=status, device=device
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest, token: str) -> HttpResponse:
    p = _periode_by_token(token)
    device = _device(request)
    new_device = public_services.new_device_id() if device is None else None
    if request.method == "GET":
        return _form_page(request, p, SkmForm(), device=new_device)
    form = SkmForm(request.POST)
    form.is_valid()  # the fields only parse; the service checks the answers, the dates and the token
    alamat = client_ip(request)
    if device is None:
        return _form_page(
            request,
            p,
            form,
            status=400,
            device=new_device,
            pesan=_("Perangkat Anda belum dikenali (cookie). Isian Anda masih ada: tekan Kirim sekali lagi."),
        )
    if request.POST.get("website"):
        return _form_page(request, p, form, status=400, pesan=_(public_services.MSG_TOKEN))
    try:
        services.skm_respons_submit(
            periode=p,
            jawaban={k: request.POST.get(k) for k in UNSUR_FIELDS},
            profil={k: request.POST.get(k, "") for k in PROFIL_FIELDS},
            saran=request.POST.get("saran", ""),
            perangkat_id=device,
            alamat=alamat,
            form_token=request.POST.get("ft", ""),
        )
    except public_services.TerlaluBanyak as exc:
        return _form_page(request, p, form, pesan=exc.messages[0], status=429)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            apply_errors(form, exc)
            return _form_page(
                request, p, form, status=400, pesan=_("Periksa pertanyaan yang ditandai, lalu kirim lagi.")
            )
        code = getattr(exc, "code", None)
        return _form_page(request, p, form, pesan=exc.messages[0], status=409 if code in ("sudah", "tutup") else 400)
    return redirect("public_feedback:skm_terima_kasih", token=p.token)


@never_cache
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    p = _periode_by_token(token)
    return render(request, "appraisal/skm/terima_kasih.html", {"periode": p, "tautan_singkat": _short_link(p)})


# ---------------------------------------------------------------------------- the published result
def _published(token: str) -> PeriodeSkm:
    """A closed period's result is public (PermenPANRB 14/2017: the result is announced with its
    follow-up actions); before it closes its link shows no figure (404, as for an unknown link)."""
    p = _periode_by_token(token)
    if p.status != StatusSkm.TUTUP:
        raise Http404(_("Hasil survei ini belum diumumkan."))
    return p


@never_cache
def public_result(request: HttpRequest, token: str) -> HttpResponse:
    p = _published(token)
    response = render(request, "appraisal/skm/hasil_publik.html", {"periode": p, "doc": skm_report(p)})
    response["X-Robots-Tag"] = "noindex"
    return response


def public_result_pdf(request: HttpRequest, token: str) -> HttpResponse:
    p = _published(token)
    response = HttpResponse(skm_report_pdf(p), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename_stem(p)}.pdf"'
    return response
