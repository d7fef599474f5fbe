"""Home page per role, the audit log and the glossary."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karier.core import audit_export, integrity
from karier.core.glossary import all_terms
from karier.core.models import AuditEvent
from karier.core.numbers import angka, baca_angka
from karier.people import selectors
from karier.people.access import actor_from_request
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    today = timezone.localdate()
    ctx: dict[str, object] = {"today": today}
    if actor.pegawai_id:
        ctx["me"] = selectors.pegawai_profile(actor.pegawai_id)
        ctx["appraiser"] = selectors.appraiser_on(actor.pegawai_id, today)
    if actor.has_subordinates:
        subs = selectors.direct_subordinates_on(actor.jabatan_ids, today)
        ctx["subordinates"] = list(subs[:50])
        ctx["subordinate_count"] = subs.count()
    if actor.opd_ids:
        ctx.update(
            cache.get_or_set(
                f"karier:home:opd:{today}:{actor.opd_ids}", lambda: _agency_stats(actor.opd_ids, today), STATS_TTL
            )
            or {}
        )
    if actor.sees_everyone:
        # The last integrity check (daily): a break is the first thing a BKD admin or auditor sees.
        last = integrity.last_result()
        ctx["integritas_rusak"] = last if last is not None and not last.utuh else None
        ctx.update(cache.get_or_set(f"karier:home:province:{today}", lambda: _province_stats(today), STATS_TTL) or {})
    return render(request, "core/home.html", ctx)


# Headcounts over a whole province change slowly; recomputing them on every visit of a home page
# costs ~1 s at a million employees, so they are kept for a few minutes.
STATS_TTL = 300


def _agency_stats(opd_ids: tuple[int, ...], today: dt.date) -> dict[str, object]:
    agency = Pegawai.objects.filter(opd_id__in=opd_ids, aktif=True)
    by_jenis = selectors.headcount_by(agency, "jabatan__jenis")
    return {
        "agency_total": sum(int(str(r["n"])) for r in by_jenis),
        "agency_by_jenis": _jenis_labels(by_jenis),
        "agency_vacant": list(selectors.vacant_managerial_positions(today, opd_ids)[:20]),
    }


def _province_stats(today: dt.date) -> dict[str, object]:
    everyone = Pegawai.objects.filter(aktif=True)
    by_golongan = selectors.headcount_by(everyone, "golongan__kode")
    vacant = selectors.vacant_managerial_positions(today)
    return {
        "total": sum(int(str(r["n"])) for r in by_golongan),
        "by_golongan": by_golongan,
        "by_jenis": _jenis_labels(selectors.headcount_by(everyone, "jabatan__jenis")),
        "vacant_count": vacant.count(),
        "vacant": list(vacant[:20]),
        "without_position": everyone.filter(jabatan__isnull=True).count(),
    }


def _jenis_labels(rows: list[dict[str, object]]) -> list[tuple[str, object]]:
    labels = dict(JenisJabatan.choices)
    return [(str(labels.get(str(r["jabatan__jenis"]), _("Tanpa jabatan"))), r["n"]) for r in rows]


def _audit_events(request: HttpRequest) -> tuple[QuerySet[AuditEvent], str]:
    """The trail for BKD admins and auditors (404 for everyone else), filtered by action prefix."""
    if not actor_from_request(request).sees_everyone:
        raise Http404("Halaman tidak ditemukan.")
    qs = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    action = request.GET.get("aksi", "").strip()
    if action:
        qs = qs.filter(action__startswith=action)
    return qs, action


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    qs, action = _audit_events(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {
            "page_obj": page,
            "aksi": action,
            "querystring_base": f"aksi={action}&" if action else "",
            # The last stored check (daily task or the button): re-hashing the whole trail per view is too slow.
            "integritas": integrity.last_result(),
            "boleh_periksa": actor.is_admin,
        },
    )


@login_required
@require_POST
def audit_check(request: HttpRequest) -> HttpResponse:
    """Run the integrity checks now (BKD admin; an auditor reads the stored result and writes nothing)."""
    actor = actor_from_request(request)
    if not actor.sees_everyone:
        raise Http404("Halaman tidak ditemukan.")
    if not actor.is_admin:
        raise PermissionDenied(_("Hanya admin BKD yang menjalankan pemeriksaan."))
    row, _breaks = integrity.run_and_store(actor=actor)
    if row.utuh:
        messages.success(request, _("Rantai audit utuh."))
    else:
        messages.error(request, _("%(n)s kerusakan ditemukan pada jejak audit.") % {"n": row.jumlah_kerusakan})
    return redirect("core:audit_log")


def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "core/glossary.html", {"terms": sorted(all_terms().items(), key=lambda kv: str(kv[1][0]))})


@login_required
def angka_pratinjau(request: HttpRequest) -> HttpResponse:
    """What a number field will store, read by the one parser while the person types (HTMX, from
    `karier.core.forms.AngkaInput`): the field's value is the request's only parameter."""
    text = str(next(iter(request.GET.values()), "")).strip()
    if not text:
        return HttpResponse("")
    try:
        value = baca_angka(text)
    except ValueError:
        return HttpResponse(
            format_html('<span class="error-text">{}</span>', _("Bukan angka: tulis misalnya 1.250 atau 99,5."))
        )
    return HttpResponse(format_html("{} <strong>{}</strong>", _("Akan disimpan sebagai"), angka(value.normalize())))


@login_required
def audit_xlsx(request: HttpRequest) -> HttpResponse:
    qs, _action = _audit_events(request)
    response = HttpResponse(
        audit_export.audit_xlsx(qs), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="jejak-audit-{timezone.localdate().isoformat()}.xlsx"'
    return response
