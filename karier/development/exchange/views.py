"""SIASN exchange screens under /pengembangan/siasn/ (issue #11 item 8): the export page with its
filters and downloads, the import upload, and the per-row report with the apply job's progress.

Views only translate HTTP: the scope through `access.export_scope` (another agency is 403, a hidden
person 404), every write through the import services (their refusal shown on the page).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from karier.core.excel import xlsx_attachment
from karier.core.numbers import angka
from karier.development import two_phase
from karier.development.exchange import access, export, imports
from karier.development.exchange.forms import EksporForm, ImporForm
from karier.development.exchange.history import DIKLAT, KOLOM, KURSUS, Riwayat, history, split
from karier.people.access import Actor, actor_from_request, visible_pegawai
from karier.people.models import Pegawai

PRATINJAU = 20  # rows of each layout shown on the page; the files hold all
BATAS_HITUNG = 10_000  # the page counts up to this many rows (the province unfiltered: the files count)


def _preview(people: QuerySet[Pegawai], tahun: int | None) -> tuple[dict[str, list[Riwayat]], dict[str, int], bool]:
    """The first rows of each layout and how many there are, read lazily: the page stops counting at
    `BATAS_HITUNG` rows so that the province unfiltered does not read its whole history for a preview."""
    rows: dict[str, list[Riwayat]] = {KURSUS: [], DIKLAT: []}
    counts = {KURSUS: 0, DIKLAT: 0}
    for n, r in enumerate(history(people, tahun)):
        if n >= BATAS_HITUNG:
            return rows, counts, True
        counts[r.layout] += 1
        if len(rows[r.layout]) < PRATINJAU:
            rows[r.layout].append(r)
    return rows, counts, False


def _scope(actor: Actor, request: HttpRequest) -> tuple[EksporForm, QuerySet[Pegawai], int | None]:
    form = EksporForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, Pegawai.objects.none(), None
    d = form.cleaned_data if form.is_bound else {}
    pegawai_id = None
    if d.get("nip"):
        found = visible_pegawai(actor).filter(nip=d["nip"]).values_list("pk", flat=True).first()
        if found is None:
            raise Http404(_("Pegawai tidak ditemukan."))
        pegawai_id = found
    return form, access.export_scope(actor, opd=d.get("opd"), pegawai_id=pegawai_id), d.get("tahun")


def _display(values: list[Any]) -> list[str]:
    """A preview row as text: hours the Indonesian way ("2,5"), years without grouping."""
    return [angka(v) if isinstance(v, Decimal) else str(v) for v in values]


def _stem(layout: str = "") -> str:
    return f"riwayat-siasn{'-' + layout if layout else ''}"


@login_required
@require_GET
def ekspor(request: HttpRequest) -> HttpResponse:
    """The export page: filters, how many rows each layout holds, a preview, and the downloads."""
    actor = actor_from_request(request)
    form, people, tahun = _scope(actor, request)
    rows, jumlah, lebih = _preview(people, tahun) if not form.errors else ({KURSUS: [], DIKLAT: []}, {}, False)
    params = urlencode({k: v for k, v in request.GET.items() if k in {"opd", "nip", "tahun"} and v})
    ctx: dict[str, Any] = {
        "form": form,
        "kolom": KOLOM,
        "jumlah": jumlah,
        "lebih": lebih,
        "batas": BATAS_HITUNG,
        "kursus": [_display(r.values()) for r in rows[KURSUS]],
        "diklat": [_display(r.values()) for r in rows[DIKLAT]],
        "query": f"?{params}" if params else "",
        "may_import": access.may_import(actor),
    }
    return render(request, "development/exchange/ekspor.html", ctx, status=400 if form.errors else 200)


@login_required
@require_GET
def ekspor_xlsx(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form, people, tahun = _scope(actor, request)
    if form.errors:
        return HttpResponse(_("Saringan tidak valid."), status=400, content_type="text/plain; charset=utf-8")
    return xlsx_attachment(export.workbook(split(history(people, tahun))), _stem())


@login_required
@require_GET
def ekspor_csv(request: HttpRequest, layout: str) -> HttpResponse:
    if layout not in KOLOM:
        raise Http404(_("Tata letak tidak dikenal."))
    actor = actor_from_request(request)
    form, people, tahun = _scope(actor, request)
    if form.errors:
        return HttpResponse(_("Saringan tidak valid."), status=400, content_type="text/plain; charset=utf-8")
    text = export.csv_text(split(history(people, tahun))[layout], layout)
    response = HttpResponse(text, content_type=export.CSV)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{_stem(layout)}-{stamp}.csv"'
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
        check=lambda berkas: imports.siasn_impor_periksa(actor=actor, berkas=berkas),
        report_url_name="development:siasn_impor_laporan",
        template="development/exchange/impor.html",
        kolom=KOLOM,
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
        start=lambda: imports.siasn_impor_start(actor=actor, impor=found),
        job=lambda: imports.impor_job(found),
        url_name="development:siasn_impor_laporan",
        satuan=str(_("riwayat")),
        template="development/exchange/impor_laporan.html",
        extra={"may_apply": access.may_import(actor)},
    )
