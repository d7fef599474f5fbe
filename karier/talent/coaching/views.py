"""Coaching screens under /karier/bimbingan/ (issue #12 §6): the superior's list with the mid-year early
warning, all plans (BKD, agency, auditors) with filters and Excel, a plan's page (the person sees it as
"Rencana dukungan kinerja Anda"), open/edit forms, meetings and actions (HTMX), close.
Edges only: access → service/selector → render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from karier.core.excel import Tahun, table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request, visible_units
from karier.people.models import Pegawai
from karier.rules import career as rules
from karier.talent.access import person_for_actor
from karier.talent.coaching import access, selectors, services
from karier.talent.coaching.compute import tanpa_mentor
from karier.talent.coaching.forms import PertemuanForm, RencanaForm, TindakanForm, TutupForm, mentor_choices
from karier.talent.coaching.warning import early_warning
from karier.talent.models import JenisBimbingan, RencanaBimbingan, StatusBimbingan

PAGE_SIZE = 30


def _int(raw: str | None, lo: int = 1, hi: int = 2**62) -> int | None:
    return int(raw) if raw and raw.isdigit() and lo <= int(raw) <= hi else None


def _saring(request: HttpRequest, tim: bool = False) -> selectors.Saring:
    g = request.GET
    status = g.get("status", "")
    jenis = g.get("jenis", "")
    return selectors.Saring(
        status=status if status in StatusBimbingan.values else "",
        tahun=_int(g.get("tahun"), 2000, 2100),
        opd_id=_int(g.get("opd")),
        jenis=jenis if jenis in JenisBimbingan.values else "",
        q=g.get("q", "").strip()[:80].replace("\x00", ""),
        tim=tim,
        jatuh_tempo=g.get("jatuh_tempo") == "1",
    )


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


@login_required
def coaching_list(request: HttpRequest) -> HttpResponse:
    """The superior's (and mentor's) coaching list: team plans, running first, due follow-ups first;
    and from July the team members whose realisations trail ("perlu perhatian")."""
    actor = actor_from_request(request)
    today = timezone.localdate()
    f = _saring(request, tim=True)
    page = page_for(request, selectors.rencana_list(actor, f), PAGE_SIZE)
    return render(
        request,
        "talent/coaching/list.html",
        {
            "page_obj": page,
            "f": f,
            "status_pilihan": StatusBimbingan.choices,
            "peringatan": early_warning(actor, today),
            "pertengahan_tahun": rules.mid_year(today),
            "querystring_base": _querystring(request),
            "today": today,
        },
    )


def _opd_choices(actor: Actor) -> list[Any]:
    return list(visible_units(actor).filter(parent__isnull=True).order_by("nama").values_list("pk", "nama")[:300])


@login_required
def coaching_all(request: HttpRequest) -> HttpResponse:
    """Every plan the actor may see (BKD and auditors: all; an agency head: the agency), with filters,
    Excel and — for the BKD — the people who need a plan but have no official above ("tanpa mentor")."""
    actor = actor_from_request(request)
    f = _saring(request)
    page = page_for(request, selectors.rencana_list(actor, f), PAGE_SIZE)
    tahun = f.tahun or timezone.localdate().year
    return render(
        request,
        "talent/coaching/all.html",
        {
            "page_obj": page,
            "f": f,
            "status_pilihan": StatusBimbingan.choices,
            "jenis_pilihan": JenisBimbingan.choices,
            "opd_pilihan": _opd_choices(actor),
            "tanpa_mentor": tanpa_mentor(tahun, f.opd_id) if actor.sees_everyone else [],
            "tahun": tahun,
            "querystring_base": _querystring(request),
        },
    )


@login_required
def coaching_xlsx(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    f = _saring(request)
    rows = (
        (
            r.pegawai.nama,
            r.pegawai.nip,
            r.pegawai.jabatan.nama if r.pegawai.jabatan else "",
            r.pegawai.opd.nama if r.pegawai.opd else "",
            Tahun(r.tahun),
            r.get_jenis_display(),
            r.mentor.nama,
            r.tanggal_tindak_lanjut,
            r.tindakan_terbuka,  # type: ignore[attr-defined]
            r.get_status_display(),
            r.get_hasil_display() if r.hasil else "",
            "; ".join(r.pemicu or []),
        )
        for r in selectors.rencana_list(actor, f).iterator(chunk_size=2000)
    )
    header = [
        _("Nama"),
        _("NIP"),
        _("Jabatan"),
        _("Perangkat daerah"),
        _("Tahun"),
        _("Jenis"),
        _("Mentor"),
        _("Tanggal tindak lanjut"),
        _("Tindakan belum selesai"),
        _("Status"),
        _("Hasil"),
        _("Alasan"),
    ]
    data = table_xlsx(sheet=_("Rencana bimbingan"), title=_("Rencana bimbingan kinerja"), header=header, rows=rows)
    return xlsx_attachment(data, "rencana-bimbingan")


@login_required
def coaching_mine(request: HttpRequest) -> HttpResponse:
    """The person's own plan, in encouraging words; an explanation when there is none."""
    actor = actor_from_request(request)
    rencana = selectors.own_plan(actor.pegawai_id) if actor.pegawai_id else None
    if rencana is None:
        return render(request, "talent/coaching/mine.html", {"rencana": None})
    return _detail(request, actor, rencana)


def _plan_context(actor: Actor, rencana: RencanaBimbingan, forms: dict[str, Any]) -> dict[str, Any]:
    """What the plan's page and its HTMX sections show; `forms` carries a bound form with its errors."""
    roles = access.peran(actor, rencana)
    aktif = rencana.status == StatusBimbingan.AKTIF
    today = timezone.localdate()
    tindakan = selectors.tindakan_of(rencana)
    return {
        "rencana": rencana,
        "pertemuan": selectors.pertemuan_of(rencana),
        "tindakan": tindakan,
        "tindakan_berikut": selectors.next_action(tindakan),
        "aktif": aktif,
        "boleh_ubah": aktif and bool(roles & access.COACHES),
        "boleh_centang": aktif and bool(roles),
        "today": today,
        "pertemuan_form": forms.get("pertemuan_form") or PertemuanForm(initial={"tanggal": today}),
        "tindakan_form": forms.get("tindakan_form") or TindakanForm(),
        "tutup_form": forms.get("tutup_form") or TutupForm(),
        "is_pegawai": access.Peran.PEGAWAI in roles,
    }


def _detail(request: HttpRequest, actor: Actor, rencana: RencanaBimbingan, **forms: Any) -> HttpResponse:
    ctx = _plan_context(actor, rencana, forms)
    return render(request, "talent/coaching/mine.html" if ctx["is_pegawai"] else "talent/coaching/detail.html", ctx)


@login_required
def coaching_detail(request: HttpRequest, rencana_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    return _detail(request, actor, access.rencana_for_actor(actor, rencana_id))


def _mentor(raw: int | None) -> Pegawai | None:
    return Pegawai.objects.filter(pk=raw).select_related("jabatan").first() if raw else None


def _plan_form(
    request: HttpRequest,
    actor: Actor,
    pegawai: Pegawai,
    rencana: RencanaBimbingan | None,
    choices: list[tuple[str, str]],
    initial: dict[str, Any],
) -> HttpResponse:
    """Open (`rencana` None) or change a plan: the same form, the service decides."""
    form = RencanaForm(request.POST or None, mentor_choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        fields = {
            "mentor": _mentor(cd["mentor"]),
            "jenis": cd["jenis"],
            "tujuan": cd["tujuan"],
            "tanggal_tindak_lanjut": cd["tanggal_tindak_lanjut"],
        }
        try:
            if rencana is None:
                rencana = services.bimbingan_create(actor=actor, pegawai=pegawai, **fields)
                done = _("Rencana bimbingan dibuka.")
            else:
                services.bimbingan_update(actor=actor, rencana=rencana, **fields)
                done = _("Rencana bimbingan disimpan.")
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("talent:coaching_detail", rencana.pk)
    return render(request, "talent/coaching/form.html", {"form": form, "pegawai": pegawai, "rencana": rencana})


@login_required
@require_http_methods(["GET", "POST"])
def coaching_create(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """Open a plan for a team member (the superior) or anyone (BKD); the superior is the default mentor."""
    actor = actor_from_request(request)
    pegawai = person_for_actor(actor, pegawai_id)
    choices, default = mentor_choices(pegawai)
    return _plan_form(request, actor, pegawai, None, choices, {"mentor": default})


@login_required
@require_http_methods(["GET", "POST"])
def coaching_edit(request: HttpRequest, rencana_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rencana = access.rencana_for_actor(actor, rencana_id)
    access.require_coach(actor, rencana)
    choices, _default = mentor_choices(rencana.pegawai, rencana.mentor)
    initial = {
        "mentor": rencana.mentor_id,
        "jenis": rencana.jenis,
        "tujuan": rencana.tujuan,
        "tanggal_tindak_lanjut": rencana.tanggal_tindak_lanjut,
    }
    return _plan_form(request, actor, rencana.pegawai, rencana, choices, initial)


def _after(request: HttpRequest, actor: Actor, rencana: RencanaBimbingan, part: str, **forms: Any) -> HttpResponse:
    """HTMX: the changed section only; otherwise back to the plan's page (or the page with the errors)."""
    if getattr(request, "htmx", False):
        return render(request, f"talent/coaching/_{part}.html", _plan_context(actor, rencana, forms))
    if any(f is not None and f.errors for f in forms.values()):
        return _detail(request, actor, rencana, **forms)
    return redirect("talent:coaching_detail", rencana.pk)


def _add(
    request: HttpRequest, rencana_id: int, form_class: type[Form], add: Callable[..., Any], part: str
) -> HttpResponse:
    """A meeting or an agreed action: the form parses, the service decides, `_after` answers."""
    actor = actor_from_request(request)
    rencana = access.rencana_for_actor(actor, rencana_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            add(actor=actor, rencana=rencana, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            return _after(request, actor, rencana, part)
    return _after(request, actor, rencana, part, **{f"{part}_form": form})


@login_required
@require_POST
def coaching_meeting(request: HttpRequest, rencana_id: int) -> HttpResponse:
    return _add(request, rencana_id, PertemuanForm, services.pertemuan_add, "pertemuan")


@login_required
@require_POST
def coaching_action(request: HttpRequest, rencana_id: int) -> HttpResponse:
    return _add(request, rencana_id, TindakanForm, services.tindakan_add, "tindakan")


@login_required
@require_POST
def coaching_action_done(request: HttpRequest, rencana_id: int, tindakan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    tindakan = access.tindakan_for_actor(actor, rencana_id, tindakan_id)
    try:
        services.tindakan_done(actor=actor, tindakan=tindakan, selesai=request.POST.get("selesai", "1") == "1")
    except (ValidationError, PermissionDenied) as exc:
        for t in [str(exc)] if isinstance(exc, PermissionDenied) else exc.messages:
            messages.error(request, t)
    return _after(request, actor, tindakan.rencana, "tindakan")


@login_required
@require_POST
def coaching_close(request: HttpRequest, rencana_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rencana = access.rencana_for_actor(actor, rencana_id)
    form = TutupForm(request.POST)
    if form.is_valid():
        try:
            services.bimbingan_close(actor=actor, rencana=rencana, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Rencana bimbingan ditutup."))
            return redirect("talent:coaching_detail", rencana.pk)
    return _detail(request, actor, rencana, tutup_form=form)
