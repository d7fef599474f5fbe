"""Angka kredit screens (issue #12 §3): a person's credit page, the BKD forms (konversi, uji
kompetensi, PAK), the PAK download, the formasi list and form, and the Excel of the ledger and of
the formasi. Edges only: access → service/selector → render."""

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
from django.views.decorators.http import require_http_methods

from karier.core.excel import Tahun, table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.people.models import Pegawai
from karier.rules import credit_display, nip_as_printed
from karier.talent.access import is_bkd, person_for_actor, require_bkd
from karier.talent.credit import documents, selectors, services
from karier.talent.credit.access import pak_for_actor
from karier.talent.credit.forms import (
    FormasiFilter,
    FormasiForm,
    KonversiForm,
    PakForm,
    StatusFilter,
    UjiKompetensiForm,
)
from karier.talent.credit.ledger import credit_text

PAGE_SIZE = 30


def _person(actor: Actor, pegawai_id: int) -> Pegawai:
    return person_for_actor(actor, pegawai_id)


@login_required
def kredit_pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """A person's credit page: ledger, accumulated, used, remainder, needs, projection, conditions."""
    actor = actor_from_request(request)
    pegawai = _person(actor, pegawai_id)
    kredit = selectors.credit_for_person(actor, pegawai)
    return render(request, "talent/credit/pegawai.html", {"pegawai": pegawai, "kredit": kredit})


@login_required
def kredit_pegawai_xlsx(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    pegawai = _person(actor, pegawai_id)
    kredit = selectors.credit_for_person(actor, pegawai) or {}
    rows = [
        [
            Tahun(r["entri"].tahun),
            r["entri"].get_jenis_display(),
            r["entri"].predikat,
            r["entri"].bulan,
            r["entri"].jenjang,
            r["entri"].golongan.kode,
            credit_display(r["nilai_desimal"]),
            r["pecahan"],
            r["entri"].keterangan,
        ]
        for r in kredit.get("rows", [])
    ]
    data = table_xlsx(
        sheet=_("Angka kredit"),
        title=_("Riwayat angka kredit %(nama)s (NIP %(nip)s)")
        % {"nama": pegawai.nama_lengkap, "nip": nip_as_printed(pegawai.nip)},
        header=[
            _("Tahun"),
            _("Jenis"),
            _("Predikat"),
            _("Bulan"),
            _("Jenjang"),
            _("Golongan"),
            _("Angka kredit"),
            _("Nilai pasti (pecahan)"),
            _("Keterangan"),
        ],
        rows=rows,
    )
    return xlsx_attachment(data, f"angka-kredit-{pegawai.nip}")


def _form_page(request: HttpRequest, pegawai: Pegawai, form: Any, title: str, **extra: Any) -> HttpResponse:
    return render(
        request,
        "talent/credit/form.html",
        {
            "form": form,
            "title": title,
            "pegawai": pegawai,
            "kembali": reverse("talent:credit_pegawai", args=[pegawai.pk]),
            **extra,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def konversi_baru(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    pegawai = _person(actor, pegawai_id)
    form = KonversiForm(request.POST or None, initial={"tahun": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.konversi_record(actor=actor, pegawai=pegawai, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Angka kredit konversi tersimpan."))
            return redirect("talent:credit_pegawai", pegawai.pk)
    return _form_page(request, pegawai, form, _("Angka kredit konversi"))


@login_required
@require_http_methods(["GET", "POST"])
def uji_kompetensi_baru(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    pegawai = _person(actor, pegawai_id)
    form = UjiKompetensiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.uji_kompetensi_record(actor=actor, pegawai=pegawai, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Hasil uji kompetensi tersimpan."))
            return redirect("talent:credit_pegawai", pegawai.pk)
    return _form_page(request, pegawai, form, _("Uji kompetensi"))


@login_required
@require_http_methods(["GET", "POST"])
def pak_terbit(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    pegawai = _person(actor, pegawai_id)
    today = timezone.localdate()
    form = PakForm(request.POST or None, initial={"tahun": today.year - 1, "tanggal": today})
    if request.method == "POST" and form.is_valid():
        try:
            pak = services.pak_issue(actor=actor, pegawai=pegawai, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("PAK nomor %(n)s ditetapkan.") % {"n": pak.nomor})
            return redirect("talent:credit_pegawai", pegawai.pk)
    return _form_page(
        request,
        pegawai,
        form,
        _("Tetapkan PAK"),
        keterangan=_("Isi PAK dibekukan saat ditetapkan, beserta kode keasliannya; PAK tidak dapat diubah lagi."),
    )


@login_required
def pak_pdf(request: HttpRequest, pak_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    pak = pak_for_actor(actor, pak_id)
    response = HttpResponse(documents.pak_pdf(pak), content_type=documents.PDF)
    response["Content-Disposition"] = f'attachment; filename="{documents.pak_filename(pak)}.pdf"'
    return response


def _formasi_filters(request: HttpRequest) -> tuple[FormasiFilter, dict[str, Any]]:
    form = FormasiFilter(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {"opd_id": d["opd"].pk if d["opd"] else None, "jenjang": d["jenjang"], "q": d["q"]}
    return form, filters


@login_required
def formasi_daftar(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form, filters = _formasi_filters(request)
    page = page_for(request, selectors.formasi_list(**filters), PAGE_SIZE)
    raw: dict[str, str] = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "talent/credit/formasi.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": urlencode(raw) + "&" if raw else "",
            "boleh_kelola": is_bkd(actor),
            "excel_query": urlencode(raw),
        },
    )


@login_required
def formasi_xlsx(request: HttpRequest) -> HttpResponse:
    actor_from_request(request)
    _form, filters = _formasi_filters(request)
    rows = (
        [f.opd.nama, f.jabatan_fungsional.nama, f.get_jenjang_display(), f.jumlah, f.nomor_dokumen]
        for f in selectors.formasi_list(**filters).iterator(chunk_size=2000)
    )
    data = table_xlsx(
        sheet=_("Formasi"),
        title=_("Formasi jabatan fungsional per jenjang"),
        header=[_("Perangkat daerah"), _("Jabatan fungsional"), _("Jenjang"), _("Jumlah formasi"), _("Nomor")],
        rows=rows,
    )
    return xlsx_attachment(data, "formasi-jenjang")


@login_required
@require_http_methods(["GET", "POST"])
def formasi_ubah(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    require_bkd(actor)
    form = FormasiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.formasi_set(actor=actor, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Formasi tersimpan."))
            return redirect("talent:credit_formasi")
    return render(
        request,
        "talent/credit/form.html",
        {"form": form, "title": _("Tetapkan formasi jenjang"), "kembali": reverse("talent:credit_formasi")},
    )


def _status_filters(request: HttpRequest) -> tuple[StatusFilter, dict[str, Any]]:
    form = StatusFilter(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {"opd_id": d["opd"].pk if d["opd"] else None, "jenjang": d["jenjang"], "memenuhi": d["memenuhi"]}
    return form, filters


@login_required
def status_daftar(request: HttpRequest) -> HttpResponse:
    """The computed credit status of the functional employees one may see (BKD: everyone)."""
    actor = actor_from_request(request)
    form, filters = _status_filters(request)
    page = page_for(request, selectors.status_list(actor, **filters), PAGE_SIZE)
    for s in page.object_list:  # two places, ROUND_HALF_UP, as on the PAK (credit_text)
        s.saldo_tampil = credit_text(s.saldo)  # type: ignore[attr-defined]
        s.kekurangan_tampil = credit_text(s.kekurangan)  # type: ignore[attr-defined]
    raw: dict[str, str] = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "talent/credit/daftar.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": urlencode(raw) + "&" if raw else "",
            "excel_query": urlencode(raw),
        },
    )


@login_required
def status_xlsx(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    _form, filters = _status_filters(request)
    rows = (
        [
            s.pegawai.nama_lengkap,
            nip_as_printed(s.pegawai.nip),
            s.pegawai.opd.nama if s.pegawai.opd else "",
            s.jenjang,
            s.golongan.kode,
            credit_display(s.saldo),
            credit_display(s.total),
            s.golongan_berikut.kode if s.golongan_berikut else "",
            credit_display(s.kebutuhan) if s.kebutuhan is not None else None,
            credit_display(s.kekurangan) if s.kekurangan is not None else None,
            s.proyeksi_bulan,
        ]
        for s in selectors.status_list(actor, **filters).iterator(chunk_size=2000)
    )
    data = table_xlsx(
        sheet=_("Angka kredit"),
        title=_("Status angka kredit pejabat fungsional"),
        header=[
            _("Nama"),
            _("NIP"),
            _("Perangkat daerah"),
            _("Jenjang"),
            _("Golongan"),
            _("Angka kredit tersedia"),
            _("Angka kredit kumulatif"),
            _("Langkah berikut"),
            _("Kebutuhan"),
            _("Kekurangan"),
            _("Proyeksi terpenuhi"),
        ],
        rows=rows,
    )
    return xlsx_attachment(data, "status-angka-kredit")
