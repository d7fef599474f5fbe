"""Directory, profile and unit-tree screens. Every read goes through access.py and selectors.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from karier.core.paging import page_for
from karier.people import exports, selectors
from karier.people.access import (
    actor_from_request,
    pegawai_for_actor,
    unit_for_actor,
    visible_pegawai,
    visible_units,
)
from karier.people.forms import DirectoryForm
from karier.people.models import Jabatan, UnitKerja

PAGE_SIZE = 25


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = DirectoryForm(request.GET or None)
    qs = selectors.directory(visible_pegawai(actor), form.directory_filter())
    ekspor_latar = False  # the list is too big for the request: the page offers the background export
    if request.GET.get("export") == "xlsx":
        if form.is_bound and not form.is_valid():
            messages.error(
                request, _("Saringan tidak valid; berkas Excel tidak dibuat. Periksa kembali isian saringan.")
            )
        elif exports.fits_inline(qs):
            return exports.directory_xlsx(qs)
        else:
            ekspor_latar = True
    page = page_for(request, qs, PAGE_SIZE, ada_unduhan=True)
    params = {k: str(v) for k, v in request.GET.items() if k not in {"page", "export"} and v}
    base = urlencode(params)
    return render(
        request,
        "people/directory.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": f"{base}&" if base else "",
            "export_query": urlencode({**params, "export": "xlsx"}),
            "ekspor_latar": ekspor_latar,
            "ekspor_batas": exports.INLINE_MAX,
            "filtered": bool(params),
        },
    )


@login_required
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    pegawai_for_actor(actor, pk)
    pegawai = selectors.pegawai_profile(pk)
    today = timezone.localdate()
    golongan, penugasan = selectors.pegawai_history(pegawai)
    return render(
        request,
        "people/profile.html",
        {
            "p": pegawai,
            "riwayat_golongan": golongan,
            "riwayat_jabatan": penugasan,
            "appraiser": selectors.appraiser_on(pegawai.pk, today),
            "is_self": actor.pegawai_id == pegawai.pk,
        },
    )


@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    """Top-level units; children load on demand (HTMX) so the page stays small at any size."""
    actor = actor_from_request(request)
    parent_id = request.GET.get("parent")
    units = visible_units(actor).filter(aktif=True)
    if parent_id and parent_id.isdigit():
        units = units.filter(parent_id=int(parent_id))
    else:
        units = units.filter(parent__isnull=True)
    rows = selectors.units_with_counts(units)
    is_htmx = request.headers.get("HX-Request") == "true"
    template = "people/_unit_children.html" if is_htmx else "people/unit_tree.html"
    return render(request, template, {"units": rows})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    unit: UnitKerja = unit_for_actor(actor, pk)
    today = timezone.localdate()
    positions = selectors.unit_positions(unit, today)
    members = visible_pegawai(actor).filter(unit=unit).select_related("golongan", "jabatan").order_by("nama", "id")
    page = page_for(request, members, PAGE_SIZE)
    head: Jabatan | None = next((p.jabatan for p in positions if p.jabatan.adalah_kepala_unit), None)
    holder_ids = [row.holder.pk for row in positions if row.holder is not None]
    visible_ids = set(visible_pegawai(actor).filter(pk__in=holder_ids).values_list("pk", flat=True))
    return render(
        request,
        "people/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": selectors.units_with_counts(UnitKerja.objects.filter(parent=unit, aktif=True)),
            "positions": [
                (
                    row,
                    row.holder if row.holder and (row.jabatan.is_managerial or row.holder.pk in visible_ids) else None,
                    bool(row.holder and row.holder.pk in visible_ids),
                )
                for row in positions
            ],
            "head": head,
            "page_obj": page,
            "querystring_base": "",
        },
    )
