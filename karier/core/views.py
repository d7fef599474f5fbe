"""Home page per role, the audit log and the glossary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karier.core import audit_export, integrity
from karier.core import home as home_registry
from karier.core.glossary import all_terms
from karier.core.models import AuditEvent
from karier.core.numbers import angka, baca_angka
from karier.core.paging import page_for
from karier.people.access import actor_from_request


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What to do next, per role: the cards the domain apps register (`karier.core.home`)."""
    actor = actor_from_request(request)
    today = timezone.localdate()
    langkah = home_registry.next_step(actor, today)
    ctx: dict[str, object] = {
        "today": today,
        "langkah": langkah,
        "langkah_sisa": (langkah.batas - today).days if langkah and langkah.batas else None,
        "sections": home_registry.sections_for(actor, today),
        "tanpa_pegawai": actor.pegawai_id is None and not actor.sees_everyone,
    }
    if actor.sees_everyone:
        # The last integrity check (daily): a break is the first thing a BKD admin or auditor sees.
        last = integrity.last_result()
        ctx["integritas_rusak"] = last if last is not None and not last.utuh else None
    return render(request, "core/home.html", ctx)


def _audit_events(request: HttpRequest) -> tuple[QuerySet[AuditEvent], str]:
    """The trail for BKD admins and auditors (404 for everyone else), filtered by action prefix."""
    if not actor_from_request(request).sees_everyone:
        raise Http404(_("Halaman tidak ditemukan."))
    qs = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    action = request.GET.get("aksi", "").strip()
    if action:
        qs = qs.filter(action__startswith=action)
    return qs, action


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    qs, action = _audit_events(request)
    page = page_for(request, qs, 50)
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
        raise Http404(_("Halaman tidak ditemukan."))
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
