"""Screens of the predikat history under /karier/riwayat-kinerja/ (issue #12 item 1): the imports
(upload → per-row report → apply with progress, and their history), the template, and a person's
predikat by year. Views only translate HTTP; the rules are in `imports` and `access`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.paging import page_for
from karier.development import two_phase
from karier.people.access import actor_from_request
from karier.talent.access import is_bkd, person_for_actor
from karier.talent.choices import StatusImporRiwayat
from karier.talent.history import access, imports, selectors
from karier.talent.history.forms import ImporForm
from karier.talent.history.reader import KOLOM, template_xlsx
from karier.talent.models import SumberPredikat

PAGE_SIZE = 50


@login_required
@require_GET
def impor_daftar(request: HttpRequest) -> HttpResponse:
    """The history of imports: BKD admins and auditors (anyone else is told whose screen it is)."""
    actor = actor_from_request(request)
    access.require_see_imports(actor)
    status = request.GET.get("status", "")
    status = status if status in StatusImporRiwayat.values else ""
    qs = selectors.impor_list(actor, status=status)
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet="Impor riwayat",
            title=_("Impor riwayat predikat dan angka kredit"),
            header=[_("Nomor"), _("Berkas"), _("Status"), _("Kesalahan"), _("Diunggah")],
            rows=([i.pk, i.nama_berkas, i.get_status_display(), len(i.kesalahan), i.dibuat_pada.date()] for i in qs),
        )
        return xlsx_attachment(data, "impor-riwayat-kinerja")
    page = page_for(request, qs, PAGE_SIZE)
    ctx = {
        "page_obj": page,
        "rows": page.object_list,
        "status": status,
        "statuses": StatusImporRiwayat.choices,
        "boleh_impor": is_bkd(actor),
        "querystring_base": f"status={status}&" if status else "",
    }
    return render(request, "talent/history/impor_daftar.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def impor(request: HttpRequest) -> HttpResponse:
    """Phase one: upload and check (BKD admins)."""
    actor = actor_from_request(request)
    access.require_import(actor)
    return two_phase.upload_page(
        request,
        form=ImporForm(request.POST or None, request.FILES or None),
        check=lambda berkas: imports.riwayat_impor_periksa(actor=actor, berkas=berkas),
        report_url_name="talent:history_impor_laporan",
        template="talent/history/impor.html",
        kolom=[k.replace("_", " ") for k in KOLOM],
    )


@login_required
@require_http_methods(["GET", "POST"])
def impor_laporan(request: HttpRequest, impor_id: int) -> HttpResponse:
    """The per-row report; phase two (all or nothing, a background job with progress) when clean."""
    actor = actor_from_request(request)
    found = access.impor_for_actor(actor, impor_id)
    return two_phase.report_page(
        request,
        impor=found,
        start=lambda: imports.riwayat_impor_start(actor=actor, impor=found),
        job=lambda: imports.impor_job(found),
        url_name="talent:history_impor_laporan",
        satuan=str(_("predikat")),
        template="talent/history/impor_laporan.html",
        extra={"boleh_impor": is_bkd(actor)},
    )


@login_required
@require_GET
def templat(request: HttpRequest) -> HttpResponse:
    """The file to fill in: the header row and one example row (NIP formatted as text)."""
    access.require_import(actor_from_request(request))
    return xlsx_attachment(template_xlsx(), "templat-riwayat-kinerja")


@login_required
@require_GET
def pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """A person's predikat by year, with where each year came from."""
    actor = actor_from_request(request)
    person = person_for_actor(actor, pegawai_id)
    sumber = request.GET.get("sumber", "")
    sumber = sumber if sumber in SumberPredikat.values else ""
    qs = selectors.predikat_list(actor, person.pk, sumber=sumber)
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet="Predikat",
            title=_("Riwayat predikat kinerja %(nama)s (%(nip)s)") % {"nama": person.nama, "nip": person.nip},
            header=[_("Tahun"), _("Predikat"), _("Rating hasil kerja"), _("Rating perilaku"), _("Bulan"), _("Sumber")],
            rows=(
                [
                    p.tahun,
                    p.get_predikat_display(),
                    p.get_rating_hasil_kerja_display(),
                    p.get_rating_perilaku_display(),
                    p.bulan,
                    p.get_sumber_display(),
                ]
                for p in qs
            ),
        )
        return xlsx_attachment(data, "riwayat-predikat")
    page = page_for(request, qs, PAGE_SIZE)
    ctx = {
        "pegawai": person,
        "page_obj": page,
        "rows": page.object_list,
        "sumber": sumber,
        "sumber_choices": SumberPredikat.choices,
        "querystring_base": f"sumber={sumber}&" if sumber else "",
    }
    return render(request, "talent/history/pegawai.html", ctx)
