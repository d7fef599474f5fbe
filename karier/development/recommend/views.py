"""Recommendation screens (issue #11 item 5): mine, a person's, my team's, and the computation job.

Views only translate HTTP: the person through the one lookup (hidden is 404), the job through
`job_for_actor`, the start through the service (its refusal shown on the page). Every table has
`?export=xlsx`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from karier.api.schemas import MAX_ID
from karier.core.choices import JenisTugasLatar
from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.jobs import job_for_actor, job_progress_context
from karier.core.models import TugasLatar
from karier.development.recommend import access, compute, selectors
from karier.people.access import Actor, actor_from_request
from karier.people.models import Pegawai, UnitKerja

RUNS_SHOWN = 20


def _saran_xlsx(pegawai: Pegawai, rows: list[selectors.BarisSaran]) -> HttpResponse:
    data = table_xlsx(
        sheet=_("Rekomendasi"),
        title=_("Rekomendasi pengembangan: %(n)s") % {"n": pegawai.nama_lengkap},
        header=[_("Peringkat"), _("Kegiatan"), _("Kode"), _("JP"), _("Skor"), _("Alasan"), _("Sesi terdekat")],
        rows=(
            [
                b.saran.peringkat,
                b.kegiatan.nama,
                b.kegiatan.kode,
                b.saran.jp,
                b.saran.skor,
                b.alasan,
                b.sesi[0].mulai if b.sesi else "",
            ]
            for b in rows
        ),
    )
    return xlsx_attachment(data, "rekomendasi-pengembangan")


def _pegawai_page(request: HttpRequest, actor: Actor, pegawai: Pegawai) -> HttpResponse:
    sendiri = actor.pegawai_id == pegawai.pk
    hasil = selectors.hasil_for([pegawai.pk])
    rows = selectors.baris(hasil.saran.get(pegawai.pk, []), sendiri=sendiri)
    if request.GET.get("export") == "xlsx":
        return _saran_xlsx(pegawai, rows)
    ctx = {
        "pegawai": pegawai,
        "rows": rows,
        "sendiri": sendiri,
        "dihitung_pada": hasil.dihitung_pada,
        "langsung": bool(hasil.langsung),
    }
    return render(request, "development/recommend/pegawai.html", ctx)


@login_required
@require_GET
def rekomendasi_saya(request: HttpRequest) -> HttpResponse:
    """My recommended activities, best first, each with its reason."""
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise Http404(_("Akun Anda tidak terhubung dengan data pegawai."))
    return _pegawai_page(request, actor, access.rekomendasi_pegawai_for_actor(actor, actor.pegawai_id))


@login_required
@require_GET
def rekomendasi_pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """A person's recommendations, to whoever may see the person (hidden: 404)."""
    actor = actor_from_request(request)
    return _pegawai_page(request, actor, access.rekomendasi_pegawai_for_actor(actor, pegawai_id))


@login_required
@require_GET
def rekomendasi_tim(request: HttpRequest) -> HttpResponse:
    """The superior's team: its top needs with counts and the upcoming sessions that fit them."""
    actor = actor_from_request(request)
    data = selectors.tim(access.team(actor))
    export = request.GET.get("export")
    if export == "xlsx":
        xlsx = table_xlsx(
            sheet=_("Kebutuhan tim"),
            title=_("Kebutuhan pengembangan tim"),
            header=[_("Kebutuhan"), _("Jumlah pegawai"), _("Dari pegawai")],
            rows=([k.judul, k.jumlah, len(data.anggota)] for k in data.kebutuhan),
        )
        return xlsx_attachment(xlsx, "kebutuhan-tim")
    if export == "sesi-xlsx":
        xlsx = table_xlsx(
            sheet=_("Sesi yang cocok"),
            title=_("Sesi yang cocok untuk tim"),
            header=[
                _("Kegiatan"),
                _("Sesi"),
                _("Mulai"),
                _("Selesai"),
                _("Kursi tersisa"),
                _("Direkomendasikan untuk"),
            ],
            rows=(
                [
                    s.sesi.kegiatan.nama,
                    s.sesi.nama,
                    s.sesi.mulai,
                    s.sesi.selesai,
                    s.sesi.kapasitas - s.sesi.terisi,
                    s.jumlah,
                ]
                for s in data.sesi
            ),
        )
        return xlsx_attachment(xlsx, "sesi-untuk-tim")
    return render(request, "development/recommend/tim.html", {"tim": data})


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("development:rekomendasi_hitung")


def latest_job() -> TugasLatar | None:
    return TugasLatar.objects.filter(jenis=JenisTugasLatar.REKOMENDASI).order_by("-pk").first()


def job_card(actor: Actor) -> dict[str, Any]:
    """The latest computation job as a polling card, for whoever may see it (else nothing)."""
    job = latest_job()
    if job is None or not (actor.sees_everyone or (actor.user_id and job.dibuat_oleh_id == actor.user_id)):
        return {}
    return job_progress_context(
        job,
        poll_url=reverse("development:rekomendasi_tugas", args=[job.pk]),
        judul=str(_("Perhitungan kebutuhan dan rekomendasi")),
        satuan=str(_("pegawai")),
        detail_template="development/recommend/_tugas_selesai.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def rekomendasi_hitung(request: HttpRequest) -> HttpResponse:
    """Start the computation (BKD admin: everyone or one agency; agency head: their agency) and list the
    runs so far."""
    actor = actor_from_request(request)
    if not (access.may_run_any(actor) or actor.is_auditor):
        raise PermissionDenied(_("Halaman ini untuk admin BKD dan kepala perangkat daerah."))
    error = ""
    if request.method == "POST":
        raw = (request.POST.get("opd") or "").strip()
        try:
            if raw and not (raw.isdigit() and 1 <= int(raw) <= MAX_ID):
                raise ValidationError({"opd_id": _("Perangkat daerah tidak dikenal.")})
            compute.rekomendasi_hitung_start(actor=actor, opd_id=int(raw) if raw else None)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Perhitungan dimulai; kemajuannya tampil di halaman ini."))
            return redirect(_next(request))
    runs = list(selectors.runs()[:RUNS_SHOWN])
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet=_("Perhitungan"),
            title=_("Riwayat perhitungan kebutuhan dan rekomendasi"),
            header=[_("Cakupan"), _("Dimulai"), _("Selesai"), _("Berlaku"), _("Pegawai"), _("Rekomendasi")],
            rows=(
                [
                    r.opd.nama if r.opd else _("Semua perangkat daerah"),
                    r.dibuat_pada,
                    r.selesai_pada or "",
                    _("ya") if r.aktif else _("tidak"),
                    r.jumlah_pegawai,
                    r.jumlah_rekomendasi,
                ]
                for r in runs
            ),
        )
        return xlsx_attachment(data, "perhitungan-rekomendasi")
    ctx = {
        "runs": runs,
        "tugas": job_card(actor),
        "error": error,
        "boleh": access.may_run_any(actor),
        "opd_pilihan": opd_choices(actor),
    }
    return render(request, "development/recommend/hitung.html", ctx, status=409 if error else 200)


def opd_choices(actor: Actor) -> list[UnitKerja]:
    qs = UnitKerja.objects.filter(parent__isnull=True).order_by("nama")
    if not access.may_run(actor, None):
        qs = qs.filter(pk__in=actor.opd_ids)
    return list(qs.only("pk", "nama"))


@login_required
@require_GET
def rekomendasi_tugas(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's card: the partial under HTMX (polled every second until done), else a small page."""
    job = job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.REKOMENDASI)
    ctx = job_progress_context(
        job,
        poll_url=reverse("development:rekomendasi_tugas", args=[job.pk]),
        judul=str(_("Perhitungan kebutuhan dan rekomendasi")),
        satuan=str(_("pegawai")),
        detail_template="development/recommend/_tugas_selesai.html",
    )
    if request.headers.get("HX-Request") == "true":
        return render(request, "core/_job_progress.html", ctx)
    return render(request, "development/recommend/tugas.html", {"tugas": ctx})
