"""Screens of level changes proposed by completed activities: the superior's queue (confirm with a
level up to the activity's, or decline with a note) and the employee's own proposals."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from karier.core.paging import page_for
from karier.development.catalogue.views import _errors_message
from karier.development.competency.selectors import current_levels
from karier.development.outcomes import level_access, level_change
from karier.development.outcomes.level_access import RELATED
from karier.people.access import actor_from_request

PAGE_SIZE = 50


class PutusanLevelForm(forms.Form):
    setuju = forms.TypedChoiceField(
        label=_l("Keputusan"), choices=[("1", _l("Konfirmasi")), ("0", _l("Tolak"))], coerce=lambda v: v == "1"
    )
    level = forms.TypedChoiceField(
        label=_l("Level"), required=False, choices=[("", "")] + [(str(n), str(n)) for n in range(1, 6)], coerce=int
    )
    catatan = forms.CharField(label=_l("Catatan"), required=False, max_length=2000)


@login_required
def usulan_level(request: HttpRequest) -> HttpResponse:
    """The proposals waiting for the actor as superior, and the actor's own proposals."""
    actor = actor_from_request(request)
    antrean = page_for(request, level_access.usulan_level_to_decide(actor), PAGE_SIZE)
    rows = list(antrean.object_list)
    now = current_levels(list({u.pegawai_id for u in rows}))
    for u in rows:
        u.level_sekarang = now.get(u.pegawai_id, {}).get(u.kompetensi_id)  # type: ignore[attr-defined]
        u.pilihan = list(range((u.level_sekarang or 0) + 1, u.level_usulan + 1))  # type: ignore[attr-defined]
    saya = None
    if actor.pegawai_id is not None:
        mine = (
            level_access.visible_usulan_level(actor)
            .filter(pegawai_id=actor.pegawai_id)
            .select_related(*RELATED)
            .order_by("-dibuat_pada", "-pk")
        )
        saya = page_for(request, mine, PAGE_SIZE, "hal_saya")
    return render(
        request,
        "development/catalogue/usulan_level.html",
        {"rows": rows, "page_obj": antrean, "saya": saya, "querystring_base": ""},
    )


@login_required
@require_POST
def usulan_level_putus(request: HttpRequest, usulan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    usulan = level_access.usulan_level_for_actor(actor, usulan_id)
    form = PutusanLevelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih konfirmasi atau tolak, dan level 1–5 bila diisi."))
        return redirect("development:usulan_level")
    cd = form.cleaned_data
    try:
        level_change.usulan_level_decide(
            actor=actor, usulan=usulan, setuju=cd["setuju"], catatan=cd["catatan"], level=cd.get("level") or None
        )
    except (ValidationError, PermissionDenied) as exc:
        _errors_message(request, exc)
    else:
        messages.success(request, _("Keputusan kenaikan level disimpan."))
    return redirect("development:usulan_level")
