"""What the two-phase file imports share (competency assessments, SIASN history, predikat history):
upload → a per-row report kept in a table → apply all or nothing as a background job. One copy of
the checks before applying, of the report page and of the API endpoints' bodies, so every import
refuses and reports alike on screen and over the API."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.forms import apply_errors
from karier.core.jobs import Progress, job_dict, job_progress_context, job_run
from karier.core.models import TugasLatar
from karier.core.paging import page_for
from karier.people.access import Actor, as_actor

KESALAHAN_PER_PAGE = 100  # a 20,000-row file may carry as many mistakes
MSG_GAGAL = "Terjadi kesalahan sistem; tidak ada riwayat yang disimpan. Jalankan ulang impor."


class Impor(Protocol):
    """A checked file: its clean rows (or raw rows when any is wrong), its per-row mistakes, status."""

    pk: Any
    baris: Any
    kesalahan: Any
    status: Any
    nama_berkas: str

    def refresh_from_db(self) -> None: ...


def record_checked(
    model: type[Any], *, actor: Actor, berkas: Any, rows: list[Any], baris: list[Any], errors: list[Any], action: str
) -> Any:
    """Phase one's only write: the report (`baris` are the clean rows, or the rows as read when any is
    wrong) and its audit entry, in one transaction."""
    name = os.path.basename(str(getattr(berkas, "name", "") or ""))[:255]
    with transaction.atomic():
        impor = model.objects.create(baris=baris, kesalahan=errors, nama_berkas=name, dibuat_oleh_id=actor.user_id)
        audit.record(
            actor=actor, action=action, obj=impor, summary=f"{name}: {len(rows)} baris, {len(errors)} kesalahan"
        )
    return impor


def ensure_applicable(impor: Impor, *, checked: str) -> None:
    """Only a file without mistakes, and only once (`checked` is the import's "checked" status)."""
    if impor.kesalahan:
        raise ValidationError(
            {"berkas": _("Perbaiki semua kesalahan di berkas lalu unggah lagi; tidak ada yang disimpan.")}
        )
    if impor.status != checked:
        raise ValidationError({"berkas": _("Impor ini sudah diterapkan.")})


def ensure_not_own(actor: Actor, impor: Impor, message: str) -> None:
    """Nobody records about themselves: not even by applying a file another admin checked."""
    if actor.pegawai_id is not None and any(r.get("pegawai_id") == actor.pegawai_id for r in impor.baris):
        raise PermissionDenied(message)


def latest_job(jenis: str, impor: Impor) -> TugasLatar | None:
    """The latest job that applies this import (for its progress on the report page)."""
    return TugasLatar.objects.filter(jenis=jenis, parameter__impor_id=impor.pk).order_by("-pk").first()


def report_page(
    request: HttpRequest,
    *,
    impor: Impor,
    start: Callable[[], object],
    job: Callable[[], TugasLatar | None],
    url_name: str,
    satuan: str,
    template: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The per-row report; on POST phase two (`start`) when the file is clean. Under HTMX the page's
    job card polls here for its progress."""
    error = ""
    if request.method == "POST":
        try:
            start()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except PermissionDenied as exc:
            error = str(exc)
        else:
            return redirect(url_name, impor.pk)
    impor.refresh_from_db()
    tugas = job()
    job_ctx = (
        job_progress_context(tugas, poll_url=reverse(url_name, args=[impor.pk]), judul=impor.nama_berkas, satuan=satuan)
        if tugas
        else {}
    )
    if tugas is not None and request.headers.get("HX-Request") == "true":
        return render(request, "core/_job_progress.html", job_ctx)
    page_obj = page_for(request, impor.kesalahan, KESALAHAN_PER_PAGE)
    ctx = {"impor": impor, "error": error, "jumlah": len(impor.baris), "tugas": job_ctx, "page_obj": page_obj}
    return render(request, template, ctx | (extra or {}), status=409 if error else 200)


def upload_page(
    request: HttpRequest,
    *,
    form: Any,
    check: Callable[[Any], Impor],
    report_url_name: str,
    template: str,
    kolom: Any,
) -> HttpResponse:
    """Phase one's screen: upload, check (`check` gets the file), then the report page."""
    if request.method == "POST" and form.is_valid():
        try:
            result = check(form.cleaned_data["berkas"])
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            return redirect(report_url_name, result.pk)
    ctx = {"form": form, "kolom": kolom}
    return render(request, template, ctx, status=400 if form.errors else 200)


def api_report(impor: Impor, job: TugasLatar | None) -> dict[str, Any]:
    """The API's per-row report of an import (its schema: id, nama_berkas, status, jumlah_baris,
    kesalahan, tugas), with the job that applies it when one was started."""
    return {
        "id": impor.pk,
        "nama_berkas": impor.nama_berkas,
        "status": impor.status,
        "jumlah_baris": len(impor.baris),
        "kesalahan": impor.kesalahan,
        "tugas": job_dict(job) if job else None,
    }


def api_check(
    actor: Actor,
    berkas: Any,
    *,
    require: Callable[[Actor], None],
    check: Callable[..., Impor],
    job: Callable[[Any], TugasLatar | None],
) -> tuple[int, dict[str, Any]]:
    """`POST …/impor` (phase one): refuse non-importers first (403), then a missing file (422)."""
    require(actor)
    if berkas is None:
        raise ValidationError({"berkas": _("Pilih berkas Excel (.xlsx) atau CSV.")})
    impor = check(actor=actor, berkas=berkas)
    return 201, api_report(impor, job(impor))


def api_apply(actor: Actor, impor: Impor, *, start: Callable[..., TugasLatar]) -> tuple[int, dict[str, Any]]:
    """`POST …/impor/{id}/terapkan` (phase two): starts the background job, answers it (202)."""
    tugas = start(actor=actor, impor=impor)
    tugas.refresh_from_db()
    return 202, job_dict(tugas)


def apply_task(
    job_id: int,
    *,
    model: type[Any],
    apply: Callable[..., int],
    done: Callable[[int], str],
    failed: str = MSG_GAGAL,
) -> dict[str, Any]:
    """Phase two's background task body: the import named in the job, applied (`apply`, all or
    nothing) as the user who started it; `done` words the result from the number of rows saved."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=job.dibuat_oleh_id).first() if job.dibuat_oleh_id else None
        if user is None:
            raise ValidationError({"__all__": _("Pengguna tidak ditemukan.")})
        impor_id = (job.parameter or {}).get("impor_id")
        impor = model.objects.filter(pk=int(impor_id)).first() if isinstance(impor_id, int) else None
        if impor is None:
            raise ValidationError({"__all__": _("Impor tidak ditemukan.")})
        n = apply(actor=as_actor(user), impor=impor, progress=progress)
        return done(n), {"impor_id": impor.pk, "disimpan": n}

    return job_run(job_id, work, failed=failed)
