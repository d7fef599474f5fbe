"""Screens around and after a session (issue #11 §6, §9): the organiser's QR "kode kehadiran" and the
participant's scan, the participant's evaluation, the organisers' evaluation overview, the
superior's follow-ups, and the certificate PDF with its verification page. Edges only:
access → service/selector → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from karier.appraisal.public.qr import qr_svg_inline
from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.development.catalogue import access
from karier.development.catalogue.forms import EvaluasiKegiatanForm, TindakLanjutForm
from karier.development.models import ASPEK_EVALUASI, EvaluasiKegiatan, TindakLanjutAtasan
from karier.development.outcomes import attendance_qr, certificate_pdf, feedback
from karier.people.access import actor_from_request

PAGE_SIZE = 30


def _messages(exc: ValidationError | PermissionDenied) -> list[str]:
    return [str(exc)] if isinstance(exc, PermissionDenied) else exc.messages


# ---------------------------------------------------------------------------- QR attendance
@login_required
def kehadiran_kode(request: HttpRequest, sesi_id: int) -> HttpResponse:
    """The organiser's screen at the venue: a QR code renewed every few minutes (HTMX poll)."""
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    access.require_manage(actor)
    ctx: dict[str, object] = {"sesi": sesi, "rotasi": int(attendance_qr.ROTASI.total_seconds())}
    try:
        kode = attendance_qr.kode_make(actor=actor, sesi=sesi)
    except ValidationError as exc:
        ctx["errors"] = exc.messages
    else:
        url = request.build_absolute_uri(reverse("development:kehadiran_qr", args=[kode.kode]))
        ctx.update({"kode": kode, "url": url, "qr": qr_svg_inline(url, scale=8)})
    template = "development/catalogue/_kode_kehadiran.html" if request.headers.get("HX-Request") else None
    return render(request, template or "development/catalogue/kode_kehadiran.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def kehadiran_qr(request: HttpRequest, kode: str) -> HttpResponse:
    """The scanned link: the participant confirms ("Saya hadir") and is marked present."""
    actor = actor_from_request(request)
    errors: list[str] = []
    sesi = None
    try:
        sesi = attendance_qr.kode_session(kode)
    except ValidationError as exc:
        errors = exc.messages
    if request.method == "POST" and not errors:
        try:
            row, changed = attendance_qr.kehadiran_qr_record(actor=actor, kode=kode)
        except (ValidationError, PermissionDenied) as exc:
            errors = _messages(exc)
        else:
            if changed:
                messages.success(request, _("Kehadiran Anda hari ini tercatat."))
            else:
                messages.info(request, _("Kehadiran Anda hari ini sudah tercatat sebelumnya."))
            return redirect("development:sesi_detail", row.sesi_id)
    status = 400 if errors and sesi is None else 200
    return render(
        request, "development/catalogue/hadir_qr.html", {"sesi": sesi, "errors": errors, "kode": kode}, status=status
    )


# ---------------------------------------------------------------------------- evaluation
@login_required
@require_http_methods(["GET", "POST"])
def kegiatan_evaluasi(request: HttpRequest, pendaftaran_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    if actor.pegawai_id != row.pegawai_id:
        raise PermissionDenied(_("Hanya peserta sendiri yang dapat mengevaluasi kegiatan yang diikutinya."))
    done = EvaluasiKegiatan.objects.filter(pendaftaran=row).first()
    form = EvaluasiKegiatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            feedback.evaluasi_submit(
                actor=actor, pendaftaran=row, nilai={a: cd[a] for a in ASPEK_EVALUASI}, komentar=cd["komentar"]
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Terima kasih, evaluasi Anda tersimpan."))
            return redirect("development:sesi_detail", row.sesi_id)
    return render(
        request,
        "development/catalogue/evaluasi.html",
        {"row": row, "form": form, "done": done, "boleh": feedback.may_evaluate(actor, row)},
    )


@login_required
def kegiatan_evaluasi_rekap(request: HttpRequest) -> HttpResponse:
    """Every activity's evaluation figures (BKD admins and auditors), with Excel."""
    actor = actor_from_request(request)
    rows = feedback.evaluasi_rekap_semua(actor)
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet="Evaluasi kegiatan",
            title=_("Evaluasi kegiatan oleh peserta (rata-rata hanya dari %(n)s jawaban atau lebih)")
            % {"n": feedback.AMBANG},
            header=[
                _("Kegiatan"),
                _("Jumlah evaluasi"),
                _("Relevansi"),
                _("Materi"),
                _("Fasilitator"),
                _("Manfaat"),
                _("Rata-rata"),
            ],
            rows=(
                [r.nama, r.jumlah, *[r.rata.get(a) for a in ASPEK_EVALUASI], r.rata_umum]
                if r.cukup
                else [r.nama, r.jumlah, *[_("kurang dari 3 jawaban")] * 5]
                for r in rows
            ),
        )
        return xlsx_attachment(data, "evaluasi-kegiatan")
    page = page_for(request, rows, PAGE_SIZE)
    return render(
        request,
        "development/catalogue/evaluasi_rekap.html",
        {"page_obj": page, "rows": page.object_list, "ambang": feedback.AMBANG},
    )


# ---------------------------------------------------------------------------- the superior's follow-up
@login_required
def tindak_lanjut_daftar(request: HttpRequest) -> HttpResponse:
    """The follow-ups the signed-in superior owes, with Excel."""
    actor = actor_from_request(request)
    due = feedback.tindak_lanjut_due(actor)
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet="Tindak lanjut",
            title=_("Tindak lanjut atasan yang belum diisi"),
            header=[_("NIP"), _("Nama"), _("Kegiatan"), _("Tanggal sesi"), _("Diselesaikan")],
            rows=(
                [r.pegawai.nip, r.pegawai.nama, r.sesi.kegiatan.nama, r.sesi.selesai, r.selesai_pada.date()]
                for r in due
                if r.selesai_pada is not None
            ),
        )
        return xlsx_attachment(data, "tindak-lanjut")
    page = page_for(request, due, PAGE_SIZE)
    return render(request, "development/catalogue/tindak_lanjut.html", {"page_obj": page, "rows": page.object_list})


@login_required
@require_http_methods(["GET", "POST"])
def tindak_lanjut_isi(request: HttpRequest, pendaftaran_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    done = TindakLanjutAtasan.objects.filter(pendaftaran=row).select_related("atasan").first()
    form = TindakLanjutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback.tindak_lanjut_submit(
                actor=actor, pendaftaran=row, hasil=form.cleaned_data["hasil"], catatan=form.cleaned_data["catatan"]
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Tindak lanjut tersimpan."))
            return redirect("development:tindak_lanjut_daftar")
    return render(request, "development/catalogue/tindak_lanjut_isi.html", {"row": row, "form": form, "done": done})


# ---------------------------------------------------------------------------- certificate
def verification_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("development:sertifikat_verifikasi", args=[code]))


@login_required
def sertifikat_pdf(request: HttpRequest, pendaftaran_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    try:
        certificate_pdf.require_certificate(row)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("development:sesi_detail", row.sesi_id)
    doc = certificate_pdf.sertifikat_document(row, verification_url(request, certificate_pdf.verification_code(row)))
    response = HttpResponse(certificate_pdf.sertifikat_pdf(doc), content_type=certificate_pdf.PDF)
    response["Content-Disposition"] = f'inline; filename="{doc.filename_stem}.pdf"'
    return response


@login_required
def sertifikat_verifikasi(request: HttpRequest, kode: str) -> HttpResponse:
    """Whether a certificate code was issued by Karier (any signed-in user who holds the code)."""
    actor_from_request(request)
    row = certificate_pdf.row_for_code(kode)
    return render(
        request,
        "development/catalogue/sertifikat_verifikasi.html",
        {"row": row, "kode": kode[:40]},
        status=200 if row is not None else 404,
    )
