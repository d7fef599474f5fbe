"""JP ledger screens: my JP of the year, reporting self-development, the superior's verification
list, the JP recap per agency/unit with who is behind (and its Excel), and the BKD admin's JP
settings (default JP per method, targets per kind of ASN)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.development.catalogue import access, selectors, services
from karier.development.catalogue.forms import JpBawaanForm, MandiriForm, TargetForm, VerifikasiForm
from karier.development.catalogue.views import _errors_message
from karier.development.jp import ledger
from karier.development.models import JpBawaanMetode, MetodePengembangan
from karier.people.access import actor_from_request
from karier.people.models import Pegawai

PAGE_SIZE = 50
REKAP_PAGE_SIZE = 100


def _tahun(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    today = timezone.localdate().year
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= today + 1 else today


def _base_without(request: HttpRequest, param: str) -> str:
    """The current query string without one list's page parameter (so paging one list keeps the
    others where they are), ending in "&" for `_pagination_param.html`."""
    keep = request.GET.copy()
    keep.pop(param, None)
    encoded = keep.urlencode()
    return f"{encoded}&" if encoded else ""


@login_required
def jp_saya(request: HttpRequest) -> HttpResponse:
    """My JP of the year with its three lists — ledger rows, enrolments, self-development — each
    paginated on its own parameter (none is cut at a fixed length)."""
    actor = actor_from_request(request)
    tahun = _tahun(request)
    jp = catatan = None
    if actor.pegawai_id is not None:
        jp = selectors.jp_of(Pegawai.objects.get(pk=actor.pegawai_id), tahun, rows=False)
        catatan = page_for(request, selectors.catatan_of(actor.pegawai_id, tahun), PAGE_SIZE, "hal_catatan")
    lists = {
        "catatan": (catatan, "hal_catatan"),
        "pendaftaran": (
            page_for(request, selectors.my_enrolments(actor), PAGE_SIZE, "hal_daftar"),
            "hal_daftar",
        ),
        "mandiri": (
            page_for(request, selectors.mandiri_of(actor.pegawai_id), PAGE_SIZE, "hal_mandiri"),
            "hal_mandiri",
        ),
    }
    context: dict[str, object] = {"tahun": tahun, "jp": jp}
    for name, (page, param) in lists.items():
        context[name] = page
        context[f"{name}_base"] = _base_without(request, param)
    return render(request, "development/catalogue/jp_saya.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def jp_mandiri_baru(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = MandiriForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        data = ledger.MandiriData(
            judul=cd["judul"],
            metode=cd["metode"],
            penyelenggara=cd["penyelenggara"],
            mulai=cd["mulai"],
            selesai=cd["selesai"],
            jp=cd.get("jp") or None,
            menit=cd.get("menit"),
        )
        try:
            ledger.mandiri_report(actor=actor, data=data, sertifikat=cd.get("sertifikat"))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Laporan dikirim ke atasan untuk diverifikasi."))
            return redirect("development:jp_saya")
    return render(
        request,
        "development/catalogue/form.html",
        {
            "form": form,
            "title": _("Laporkan pengembangan mandiri"),
            "kembali": reverse("development:jp_saya"),
            "multipart": True,
        },
    )


@login_required
def jp_verifikasi(request: HttpRequest) -> HttpResponse:
    """Reports waiting for the actor as superior (the visible ones, filtered by the one rule)."""
    actor = actor_from_request(request)
    page = page_for(request, access.mandiri_to_verify(actor), PAGE_SIZE)
    return render(
        request,
        "development/catalogue/verifikasi.html",
        {"rows": page.object_list, "page_obj": page, "form": VerifikasiForm()},
    )


@login_required
@require_POST
def jp_verifikasi_putus(request: HttpRequest, mandiri_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.mandiri_for_actor(actor, mandiri_id)
    form = VerifikasiForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih verifikasi atau tolak."))
        return redirect("development:jp_verifikasi")
    try:
        ledger.mandiri_verify(
            actor=actor, mandiri=row, setuju=form.cleaned_data["setuju"], catatan=form.cleaned_data["catatan"]
        )
    except (ValidationError, PermissionDenied) as exc:
        _errors_message(request, exc)
    else:
        messages.success(request, _("Keputusan disimpan."))
    return redirect("development:jp_verifikasi")


def _rekap_args(request: HttpRequest) -> tuple[int, str, int | None]:
    per = "unit" if request.GET.get("per") == "unit" else "opd"
    raw = request.GET.get("unit", "")
    return _tahun(request), per, int(raw) if raw.isdigit() and len(raw) < 12 else None


@login_required
def jp_rekap(request: HttpRequest) -> HttpResponse:
    """Share of PNS (and PPPK) at their JP target per agency or unit, and who is behind."""
    actor = actor_from_request(request)
    tahun, per, unit_id = _rekap_args(request)
    # Per unit the table has thousands of rows: it is paged too (the Excel keeps every row).
    all_rows = selectors.rekap(actor, tahun, per=per)
    rows = page_for(request, all_rows, REKAP_PAGE_SIZE, "hal_rekap")
    behind = selectors.behind_page_source(actor, tahun, all_rows, unit_id=unit_id)
    page = page_for(request, behind, PAGE_SIZE)
    return render(
        request,
        "development/catalogue/jp_rekap.html",
        {
            "tahun": tahun,
            "per": per,
            "rows": rows,
            "rekap_base": _base_without(request, "hal_rekap"),
            "page_obj": page,
            "querystring_base": f"tahun={tahun}&per={per}&" + (f"unit={unit_id}&" if unit_id else ""),
        },
    )


@login_required
def jp_rekap_xlsx(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    tahun, per, unit_id = _rekap_args(request)
    if request.GET.get("tabel") == "rekap":  # the per-agency / per-unit table itself
        rows = selectors.rekap(actor, tahun, per=per)
        data = table_xlsx(
            sheet="Rekap JP",
            title=_("Rekap JP %(tahun)s") % {"tahun": tahun},
            header=[
                _("Unit kerja") if per == "unit" else _("Perangkat daerah"),
                _("PNS"),
                _("PNS ≥ target"),
                _("Persen PNS ≥ target"),
                _("PPPK"),
                _("PPPK ≥ target"),
                _("Belum mencapai"),
            ],
            rows=([r.nama, r.pns, r.pns_tercapai, r.persen_pns, r.pppk, r.pppk_tercapai, r.kurang] for r in rows),
        )
        return xlsx_attachment(data, f"rekap-jp-{tahun}")
    qs = selectors.ledger_people(actor, tahun, unit_id=unit_id, kurang=request.GET.get("kurang") == "1")
    data = table_xlsx(
        sheet="JP",
        title=_("JP pengembangan kompetensi %(tahun)s") % {"tahun": tahun},
        header=[
            _("NIP"),
            _("Nama"),
            _("Jenis ASN"),
            _("Unit kerja"),
            _("JP"),
            _("JP dihitung"),
            _("Target"),
            _("Tercapai"),
        ],
        rows=selectors.jp_rows_for_export(qs),
    )
    return xlsx_attachment(data, f"jp-{tahun}")


@login_required
@require_http_methods(["GET", "POST"])
def jp_pengaturan(request: HttpRequest) -> HttpResponse:
    """The BKD admin's JP settings: the default JP per method and the yearly targets."""
    actor = actor_from_request(request)
    if request.method == "POST" or not actor.sees_everyone:  # the auditor reads, only the admin writes
        access.require_manage(actor)
    bawaan_form = JpBawaanForm(request.POST if request.POST.get("form") == "bawaan" else None)
    target_form = TargetForm(request.POST if request.POST.get("form") == "target" else None)
    if request.method == "POST":
        form = bawaan_form if request.POST.get("form") == "bawaan" else target_form
        if form.is_valid():
            cd = form.cleaned_data
            try:
                if form is bawaan_form:
                    services.jp_bawaan_set(actor=actor, metode=cd["metode"], jp=cd["jp"])
                else:
                    services.target_jp_set(
                        actor=actor, jenis_asn=cd["jenis_asn"], target=cd["target"], batas=cd["batas"]
                    )
            except (ValidationError, PermissionDenied) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Pengaturan JP disimpan."))
                return redirect("development:jp_pengaturan")
    bawaan = dict(JpBawaanMetode.objects.values_list("metode", "jp"))
    return render(
        request,
        "development/catalogue/jp_pengaturan.html",
        {
            "bawaan": [(m.label, bawaan.get(m.value)) for m in MetodePengembangan],
            "targets": selectors.targets(),
            "bawaan_form": bawaan_form,
            "target_form": target_form,
            "boleh_kelola": actor.can_write_master_data,
        },
    )
