"""Evidence screens (bukti dukung): upload on the evaluation page, the access-checked download (also
served to the API) and removal. The evidence is reached only through its evaluation
(`access.evaluasi_for_actor` → `access.iki_of_evaluasi`) or `access.bukti_for_actor`: hidden = 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from karier.appraisal.evaluation import access, services
from karier.appraisal.evaluation.forms import BuktiForm
from karier.appraisal.evaluation.views import _detail_context, _ev
from karier.appraisal.models import BuktiDukung
from karier.people.access import actor_from_request


@login_required
@require_POST
def bukti_unggah(request: HttpRequest, pk: int, iki_id: int) -> HttpResponse:
    actor, ev = _ev(request, pk)
    iki = access.iki_of_evaluasi(ev, iki_id)
    form = BuktiForm(request.POST, request.FILES)
    form.is_valid()
    try:
        services.bukti_upload_for_iki(actor=actor, evaluasi=ev, iki=iki, uploaded_file=request.FILES.get("berkas"))
    except PermissionDenied as exc:
        errors = {"berkas": [str(exc)]}
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"berkas": exc.messages}
    else:
        messages.success(request, _("Bukti dukung diunggah."))
        return redirect(f"{reverse('appraisal:detail', args=[ev.pk])}#iki-{iki.pk}")
    ctx = _detail_context(request, actor, ev, iki_errors={iki.pk: errors})
    return render(request, "appraisal/detail.html", ctx, status=422)


@login_required
@require_GET
def bukti_unduh(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence only through this view: the appraisee and whoever may see them; 404 for others."""
    return serve_bukti(access.bukti_for_actor(actor_from_request(request), pk))


def serve_bukti(bukti: BuktiDukung) -> FileResponse:
    """An attachment, never rendered inline, never sniffed, never cached by shared caches."""
    if not default_storage.exists(bukti.berkas.name):
        raise Http404(_("Berkas tidak ditemukan."))
    response = FileResponse(
        default_storage.open(bukti.berkas.name, "rb"),
        as_attachment=True,
        filename=bukti.nama_asli,
        content_type=bukti.jenis_konten,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def bukti_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    bukti = access.bukti_for_actor(actor, pk)
    ev_id = bukti.realisasi.evaluasi_id
    try:
        services.bukti_delete(actor=actor, bukti=bukti)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Bukti dukung dihapus."))
    return redirect("appraisal:detail", ev_id)
