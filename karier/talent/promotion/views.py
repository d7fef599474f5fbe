"""Promotion screens: the BKD list for one promotion date (filters, pages, Excel, "Usulkan"), a
person's summary, the proposals and one proposal with its actions and history.
Edges only: access → service/selector → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from karier.api.schemas import MAX_ID
from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.models import AuditEvent
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.rules import is_promotion_date
from karier.rules._text import tanggal
from karier.talent.access import is_bkd, person_for_actor
from karier.talent.models import StatusUsulanPangkat, UsulanKenaikanPangkat
from karier.talent.promotion import access, selectors, services
from karier.talent.promotion.forms import TetapkanForm, TolakForm, UsulForm, VerifikasiForm
from karier.talent.promotion.workflow import allowed

PAGE_SIZE = 30
EVENT_LABELS = {
    "kenaikan_pangkat.usul": _l("Diusulkan"),
    "kenaikan_pangkat.verifikasi": _l("Diverifikasi"),
    "kenaikan_pangkat.tolak": _l("Ditolak"),
    "kenaikan_pangkat.tetapkan": _l("Ditetapkan"),
}


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) <= MAX_ID else None


def _date(raw: str | None) -> dt.date | None:
    try:
        d = dt.date.fromisoformat(raw or "")
    except ValueError:
        return None
    return d if services.TANGGAL_MIN <= d <= services.TANGGAL_MAX else None


def _filters(request: HttpRequest) -> dict[str, Any]:
    choices = selectors.date_choices()
    tmt = _date(request.GET.get("tmt"))
    if tmt is None or not is_promotion_date(tmt):
        tmt = choices[0]
    layak = request.GET.get("layak", "")
    if layak not in (selectors.LAYAK, selectors.BELUM, selectors.SEMUA):
        layak = selectors.LAYAK
    return {"tmt": tmt, "opd_id": _int(request.GET.get("opd")), "layak": layak, "choices": choices}


def _querystring(f: dict[str, Any]) -> str:
    opd = f"&opd={f['opd_id']}" if f["opd_id"] else ""
    return f"tmt={f['tmt'].isoformat()}&layak={f['layak']}{opd}"


@login_required
def promotion_list(request: HttpRequest) -> HttpResponse:
    """Who can be promoted on a promotion date: the stored eligibility rows, one page at a time."""
    actor = actor_from_request(request)
    f = _filters(request)
    qs = selectors.kelayakan_list(actor, tmt=f["tmt"], opd_id=f["opd_id"], layak=f["layak"])
    page = page_for(request, qs, PAGE_SIZE)
    rows = list(page.object_list)
    usulan = selectors.open_usulan_by_person([r.pegawai_id for r in rows])
    for r in rows:
        r.usulan = usulan.get(r.pegawai_id)  # type: ignore[attr-defined]
        r.layak_pada = selectors.layak_pada(r, f["tmt"])  # type: ignore[attr-defined]
        r.boleh_usul = (  # type: ignore[attr-defined]
            r.layak_pada and r.usulan is None and access.can_propose(actor, r.pegawai_id)  # type: ignore[attr-defined]
        )
    qs_base = _querystring(f)
    return render(
        request,
        "talent/promotion/list.html",
        {
            **f,
            "rows": rows,
            "page_obj": page,
            "agencies": selectors.agencies(),
            "querystring_base": qs_base + "&",
            "excel_query": qs_base,
            "bkd": is_bkd(actor),
        },
    )


@login_required
def promotion_xlsx(request: HttpRequest) -> HttpResponse:
    """The list for a date with the same filters, as Excel."""
    actor = actor_from_request(request)
    f = _filters(request)
    header, rows = selectors.excel_rows(actor, tmt=f["tmt"], opd_id=f["opd_id"], layak=f["layak"])
    data = table_xlsx(
        sheet=_("Kenaikan pangkat"),
        title=_("Kelayakan kenaikan pangkat TMT %(tmt)s") % {"tmt": tanggal(f["tmt"])},
        header=header,
        rows=rows,
    )
    return xlsx_attachment(data, f"kenaikan-pangkat-{f['tmt']:%Y-%m}")


@login_required
@require_POST
def promotion_usul(request: HttpRequest) -> HttpResponse:
    """Propose a person for a promotion date (BKD); on refusal, back with each reason."""
    actor = actor_from_request(request)
    form = UsulForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih pegawai dan TMT kenaikan pangkat yang valid."))
        return redirect("talent:promotion_list")
    pegawai = person_for_actor(actor, form.cleaned_data["pegawai_id"])
    try:
        usulan = services.usulan_create(
            actor=actor, pegawai=pegawai, tmt=form.cleaned_data["tmt"], catatan=form.cleaned_data["catatan"]
        )
    except ValidationError as exc:  # PermissionDenied goes through: 403 with the reason
        _errors(request, exc)
        back = reverse("talent:promotion_list") + f"?tmt={form.cleaned_data['tmt'].isoformat()}"
        return redirect(back)
    messages.success(request, _("Usulan kenaikan pangkat dibuat."))
    return redirect("talent:promotion_usulan_detail", usulan.pk)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for t in exc.messages:
        messages.error(request, t)


@login_required
def promotion_pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """One person's promotion summary (the partial the career page includes)."""
    actor = actor_from_request(request)
    pegawai = person_for_actor(actor, pegawai_id)
    ctx = selectors.promotion_for_person(actor, pegawai)
    return render(request, "talent/promotion/pegawai.html", {"kp": ctx, "choices": selectors.date_choices()})


@login_required
def promotion_usulan_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    status = request.GET.get("status", "")
    if status not in StatusUsulanPangkat.values:
        status = ""
    tmt = _date(request.GET.get("tmt"))
    opd_id = _int(request.GET.get("opd"))
    qs = selectors.usulan_list(actor, status=status or None, tmt=tmt, opd_id=opd_id)
    page = page_for(request, qs, PAGE_SIZE)
    base = f"status={status}" + (f"&tmt={tmt.isoformat()}" if tmt else "") + (f"&opd={opd_id}" if opd_id else "")
    return render(
        request,
        "talent/promotion/usulan_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": StatusUsulanPangkat.choices,
            "tmt": tmt,
            "opd_id": opd_id,
            "agencies": selectors.agencies(),
            "querystring_base": base + "&",
        },
    )


def _detail(
    request: HttpRequest, actor: Actor, usulan: UsulanKenaikanPangkat, forms: dict[str, Any] | None = None
) -> HttpResponse:
    roles = access.peran(actor, usulan)
    events = AuditEvent.objects.filter(
        object_type=UsulanKenaikanPangkat._meta.label_lower, object_id=str(usulan.pk)
    ).select_related("actor")
    ctx: dict[str, Any] = {
        "usulan": usulan,
        "aksi": [a.value for a in allowed(status=usulan.status, peran=roles)],
        "events": [(e, EVENT_LABELS.get(e.action, e.action)) for e in events.order_by("seq")],
        "verifikasi_form": VerifikasiForm(),
        "tolak_form": TolakForm(),
        "tetapkan_form": TetapkanForm(),
        **(forms or {}),
    }
    return render(request, "talent/promotion/usulan_detail.html", ctx, status=409 if forms else 200)


@login_required
def promotion_usulan_detail(request: HttpRequest, usulan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    return _detail(request, actor, access.usulan_for_actor(actor, usulan_id))


@login_required
@require_POST
def promotion_usulan_verifikasi(request: HttpRequest, usulan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    usulan = access.usulan_for_actor(actor, usulan_id)
    form = VerifikasiForm(request.POST)
    if form.is_valid():
        try:
            services.usulan_verify(actor=actor, usulan=usulan, catatan=form.cleaned_data["catatan"])
        except ValidationError as exc:  # PermissionDenied goes through: 403 with the reason
            apply_errors(form, exc)
    if form.errors:
        return _detail(request, actor, usulan, {"verifikasi_form": form})
    messages.success(request, _("Usulan diverifikasi."))
    return redirect("talent:promotion_usulan_detail", usulan_id)


@login_required
@require_POST
def promotion_usulan_tolak(request: HttpRequest, usulan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    usulan = access.usulan_for_actor(actor, usulan_id)
    form = TolakForm(request.POST)
    if form.is_valid():
        try:
            services.usulan_reject(actor=actor, usulan=usulan, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:  # PermissionDenied goes through: 403 with the reason
            apply_errors(form, exc)
    if form.errors:
        return _detail(request, actor, usulan, {"tolak_form": form})
    messages.success(request, _("Usulan ditolak."))
    return redirect("talent:promotion_usulan_detail", usulan_id)


@login_required
@require_POST
def promotion_usulan_tetapkan(request: HttpRequest, usulan_id: int) -> HttpResponse:
    """Decide with the SK number and date; a refusal is shown next to the form, nothing written."""
    actor = actor_from_request(request)
    usulan = access.usulan_for_actor(actor, usulan_id)
    form = TetapkanForm(request.POST)
    if form.is_valid():
        try:
            services.usulan_decide(
                actor=actor,
                usulan=usulan,
                nomor_sk=form.cleaned_data["nomor_sk"],
                tanggal_sk=form.cleaned_data["tanggal_sk"],
            )
        except ValidationError as exc:  # PermissionDenied goes through: 403 with the reason
            apply_errors(form, exc)
    if form.errors:
        return _detail(request, actor, usulan, {"tetapkan_form": form})
    messages.success(request, _("Kenaikan pangkat ditetapkan dan dicatat dalam riwayat golongan."))
    return redirect("talent:promotion_usulan_detail", usulan_id)
