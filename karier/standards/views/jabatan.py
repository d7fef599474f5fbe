"""Position standards on screen: the list of positions, one position's standard (with its edit
forms and HTMX add/remove of results), and applying it to positions of the same kind."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.people.models import Jabatan
from karier.standards import access, exports, selectors
from karier.standards.forms import HasilForm, JabatanFilter, PerilakuForm, StandarForm
from karier.standards.services import standar as services
from karier.standards.views.common import (
    COPY_PAGE_SIZE,
    PAGE_SIZE,
    forbidden_as_page,
    is_htmx,
    posted_id,
    query,
    wants_xlsx,
)


@login_required
def jabatan_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = JabatanFilter(request.GET or None)
    base_qs = Jabatan.objects.all() if actor.user_id else Jabatan.objects.none()
    if form.is_bound and not form.is_valid():
        base_qs = base_qs.none()
        filters: dict[str, Any] = {}
    else:
        d = form.cleaned_data if form.is_bound else {}
        filters = {
            "opd": d["opd"].pk if d.get("opd") else None,
            "ada": {"ya": True, "tidak": False}.get(d.get("ada") or ""),
            "q": d.get("q") or "",
            "jenis": d.get("jenis") or "",
        }
    if wants_xlsx(request):
        qs = selectors.jabatan_standar_list(base_qs, **filters)
        return exports.xlsx_response(
            "standar-jabatan",
            [
                (
                    "Standar jabatan",
                    ["Jabatan", "Jenis", "Jenjang", "Unit kerja", "Perangkat daerah", "Standar", "Jumlah hasil"],
                    (
                        [
                            j.nama,
                            j.get_jenis_display(),
                            j.jenjang,
                            j.unit.nama,
                            j.unit.opd.nama if j.unit.opd else "",
                            "ada" if j.ada_standar else "belum",  # type: ignore[attr-defined]
                            j.n_hasil,  # type: ignore[attr-defined]
                        ]
                        for j in qs.iterator(chunk_size=2000)
                    ),
                )
            ],
        )
    base, export = query(request)
    # The page first (count + 25 rows on plain columns), then the figures of those 25 positions only.
    page = page_for(request, selectors.jabatan_standar_rows(base_qs, **filters), PAGE_SIZE, ada_unduhan=True)
    page.object_list = selectors.with_standar_figures(page.object_list)
    return render(
        request,
        "standards/jabatan_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": base,
            "export_query": export,
            "coverage": selectors.standar_coverage(),
        },
    )


def _standar_context(request: HttpRequest, jabatan: Jabatan, can_edit: bool, **extra: Any) -> dict[str, Any]:
    view = selectors.standar_for_jabatan(jabatan)
    ctx: dict[str, Any] = {"v": view, "jabatan": jabatan, "can_edit": can_edit}
    if can_edit:
        s = view.standar
        ctx["standar_form"] = extra.pop("standar_form", None) or StandarForm(
            initial={
                "ringkasan": s.ringkasan if s else "",
                "penjelasan": s.penjelasan if s else "",
                "contoh": s.contoh if s else "",
            }
        )
        ctx["hasil_form"] = extra.pop("hasil_form", None) or HasilForm()
        ctx["perilaku_form"] = extra.pop("perilaku_form", None) or PerilakuForm(
            nilai=[r.nilai for r in view.perilaku],
            initial_text={r.nilai.kode: r.ekspektasi.ekspektasi for r in view.perilaku if r.ekspektasi},
        )
        ctx["perilaku_fields"] = [(r, ctx["perilaku_form"][f"e_{r.nilai.kode}"]) for r in view.perilaku]
    ctx.update(extra)
    return ctx


@login_required
@forbidden_as_page
def jabatan_standar(request: HttpRequest, jabatan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    can_edit = access.can_edit_standar(actor, jabatan)
    if request.method == "POST":
        return _standar_post(request, actor, jabatan, can_edit)
    if wants_xlsx(request):
        view = selectors.standar_for_jabatan(jabatan)
        return exports.xlsx_response(
            f"standar-jabatan-{jabatan.pk}",
            [
                (
                    "Hasil kerja",
                    [
                        "Dimensi",
                        "Urutan",
                        "RHK",
                        "Aspek",
                        "Indikator (IKI)",
                        "Target",
                        "Satuan",
                        "Target (uraian)",
                        "Apa artinya bagi Anda",
                        "Contoh",
                    ],
                    (
                        [
                            g.label,
                            h.urutan,
                            h.rhk,
                            h.get_aspek_display(),
                            h.indikator,
                            h.target_angka,
                            h.satuan,
                            h.target_kualitatif,
                            h.penjelasan,
                            h.contoh,
                        ]
                        for g in view.groups
                        for h in g.hasil
                    ),
                ),
                (
                    "Perilaku BerAKHLAK",
                    ["Nilai", "Panduan perilaku", "Ekspektasi jabatan ini"],
                    (
                        [
                            r.nilai.nama,
                            " | ".join(p.teks for p in r.panduan),
                            r.ekspektasi.ekspektasi if r.ekspektasi else "",
                        ]
                        for r in view.perilaku
                    ),
                ),
            ],
        )
    return render(request, "standards/jabatan_standar.html", _standar_context(request, jabatan, can_edit))


def _standar_post(request: HttpRequest, actor: Actor, jabatan: Jabatan, can_edit: bool) -> HttpResponse:
    """One form of the page; the services refuse (403) whoever may not change this standard."""
    aksi = request.POST.get("aksi", "")
    extra: dict[str, Any] = {}
    try:
        if aksi == "standar":
            form = StandarForm(request.POST)
            extra["standar_form"] = form
            if form.is_valid():
                services.standar_jabatan_set(actor=actor, jabatan=jabatan, **form.cleaned_data)
                messages.success(request, _("Standar jabatan disimpan."))
                return redirect("standards:jabatan_standar", jabatan_id=jabatan.pk)
        elif aksi == "tambah_hasil":
            hasil_form = HasilForm(request.POST)
            extra["hasil_form"] = hasil_form
            if hasil_form.is_valid():
                try:
                    services.standar_hasil_add(
                        actor=actor, jabatan=jabatan, data=services.HasilData(**hasil_form.cleaned_data)
                    )
                except ValidationError as exc:
                    apply_errors(hasil_form, exc)
                else:
                    if is_htmx(request):
                        return _hasil_partial(request, jabatan)
                    return redirect(reverse("standards:jabatan_standar", args=[jabatan.pk]) + "#hasil")
        elif aksi == "hapus_hasil":
            hasil = access.hasil_for_actor(actor, posted_id(request.POST.get("hasil")))
            if hasil.standar.jabatan_id != jabatan.pk:
                raise ValidationError({"__all__": _("Hasil kerja tidak ditemukan pada jabatan ini.")})
            services.standar_hasil_delete(actor=actor, hasil=hasil)
            if is_htmx(request):
                return _hasil_partial(request, jabatan)
            return redirect(reverse("standards:jabatan_standar", args=[jabatan.pk]) + "#hasil")
        elif aksi == "perilaku":
            nilai = selectors.berakhlak()
            pform = PerilakuForm(request.POST, nilai=nilai)
            extra["perilaku_form"] = pform
            if pform.is_valid():
                kept = selectors.perilaku_by_nilai(jabatan)  # keep their explanations
                services.standar_perilaku_set(
                    actor=actor,
                    jabatan=jabatan,
                    items=[
                        services.PerilakuData(
                            nilai=n.kode,
                            ekspektasi=pform.cleaned_data[f"e_{n.kode}"],
                            penjelasan=kept[n.kode].penjelasan if n.kode in kept else "",
                            contoh=kept[n.kode].contoh if n.kode in kept else "",
                        )
                        for n in nilai
                    ],
                )
                messages.success(request, _("Ekspektasi perilaku disimpan."))
                return redirect(reverse("standards:jabatan_standar", args=[jabatan.pk]) + "#perilaku")
        else:
            raise ValidationError({"__all__": _("Aksi tidak dikenal.")})
    except ValidationError as exc:
        extra["errors"] = exc.messages
    ctx = _standar_context(request, jabatan, can_edit, **extra)
    if is_htmx(request) and aksi in {"tambah_hasil", "hapus_hasil"}:
        return render(request, "standards/_hasil.html", ctx, status=200)
    return render(request, "standards/jabatan_standar.html", ctx, status=400)


def _hasil_partial(request: HttpRequest, jabatan: Jabatan) -> HttpResponse:
    jabatan = access.jabatan_for_standar(actor_from_request(request), jabatan.pk)  # its standard, fresh
    return render(request, "standards/_hasil.html", _standar_context(request, jabatan, True))


@login_required
@forbidden_as_page
def jabatan_terapkan(request: HttpRequest, jabatan_id: int) -> HttpResponse:
    """Apply this position's standard to other positions of the same kind the actor may edit."""
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    standar = getattr(jabatan, "standar", None)
    candidates = (
        selectors.copy_candidates(access.editable_jabatan(actor), jabatan)
        .select_related("unit", "unit__opd")
        .order_by("unit__path", "nama", "id")
    )
    error = ""
    if request.method == "POST":
        try:
            ids = [posted_id(v) for v in request.POST.getlist("jabatan_ids")]
            n = services.standar_copy(actor=actor, jabatan=jabatan, jabatan_ids=ids)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Standar diterapkan ke %(n)s jabatan.") % {"n": n})
            return redirect("standards:jabatan_standar", jabatan_id=jabatan.pk)
    page = page_for(request, candidates, COPY_PAGE_SIZE)
    return render(
        request,
        "standards/jabatan_terapkan.html",
        {
            "jabatan": jabatan,
            "standar": standar,
            "page_obj": page,
            "querystring_base": "",
            "error": error,
        },
        status=400 if error else 200,
    )
