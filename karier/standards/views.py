"""Standards screens: the province's plan, agencies' Renstra and agreements, position standards.

Thin edges: parse, fetch through `access`, call one service or selector, render. Writes answer 403
(with the reason) to people who may read but not change; the pages show them no edit controls.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from karier.core.forms import apply_errors
from karier.people.access import actor_from_request
from karier.people.models import Jabatan
from karier.standards import access, charts, exports, selectors, services, workflow
from karier.standards.choices import StatusPerjanjian
from karier.standards.forms import (
    HasilForm,
    JabatanFilter,
    NilaiForm,
    PerilakuForm,
    PerjanjianFilter,
    PkRowForm,
    RenstraFilter,
    ReopenForm,
    StandarForm,
)
from karier.standards.models import Indikator, NilaiIndikator, PerjanjianKinerja, StandarHasil

PAGE_SIZE = 25
COPY_PAGE_SIZE = 50

View = Callable[..., HttpResponse]


def forbidden_as_page(view: View) -> View:
    """A refused write shows why (403), in the site's layout."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return render(
                request, "standards/forbidden.html", {"message": str(exc) or access.MSG_READ_ONLY}, status=403
            )

    return wrapper


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def _query(request: HttpRequest) -> tuple[str, str]:
    """(querystring base for pagination links, query for the Excel link) keeping the filters."""
    params = {k: str(v) for k, v in request.GET.items() if k not in {"page", "export"} and v}
    base = urlencode(params)
    return (f"{base}&" if base else ""), urlencode({**params, "export": "xlsx"})


def _num(value: Any) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def _nilai_rows(indikator: Indikator, values: list[NilaiIndikator]) -> list[list[Any]]:
    return [
        [indikator.kode, indikator.nama, indikator.satuan, v.tahun, v.target, v.realisasi, v.metode, v.sumber]
        for v in values
    ]


NILAI_HEADER = ["Kode", "Indikator", "Satuan", "Tahun", "Target", "Realisasi", "Seri/metode", "Sumber"]


# ---------------------------------------------------------------------------- RPJMD overview
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    rpjmd = selectors.rpjmd_current()
    ctx: dict[str, Any] = {"rpjmd": rpjmd, "can_edit": access.can_edit_rpjmd(actor)}
    if rpjmd is None:
        return render(request, "standards/overview.html", ctx)
    iku = list(selectors.rpjmd_indikator(rpjmd))
    if _wants_xlsx(request):
        return exports.xlsx_response(
            "iku-rpjmd",
            [
                (
                    "IKU RPJMD",
                    ["Sasaran", *NILAI_HEADER],
                    (
                        [i.sasaran.teks if i.sasaran else "", *row]
                        for i in iku
                        for row in _nilai_rows(i, list(i.nilai.all()))
                    ),
                ),
            ],
        )
    for i in iku:
        vals = list(i.nilai.all())
        i.terakhir = next((v for v in reversed(vals) if v.realisasi is not None), None)  # type: ignore[attr-defined]
        i.target_akhir = next((v for v in vals if v.tahun == rpjmd.tahun_selesai), None)  # type: ignore[attr-defined]
    headline = next((i for i in iku if i.nilai.all()), None)
    if headline is not None:
        series = selectors.split_series(headline.nilai.all())
        ctx.update(headline=headline, series=series, figure=charts.indikator_figure(headline, series))
    years = list(range(rpjmd.tahun_mulai, rpjmd.tahun_selesai + 1))
    ctx.update(tree=selectors.rpjmd_tree(rpjmd), iku=iku, years=years, coverage=selectors.standar_coverage())
    return render(request, "standards/overview.html", ctx)


# ---------------------------------------------------------------------------- indicator
@login_required
@forbidden_as_page
def indikator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    indikator = access.indikator_for_actor(actor, pk)
    can_edit = access.can_edit_indikator(actor, indikator)
    form = NilaiForm(request.POST or None)
    if request.method == "POST":
        access.require_indikator_write(actor, indikator)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.nilai_indikator_set(
                    actor=request.user,
                    indikator=indikator,
                    tahun=d["tahun"],
                    target=d["target"],
                    realisasi=d["realisasi"],
                    metode=d["metode"],
                    sumber=d["sumber"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Nilai tahun %(tahun)s disimpan.") % {"tahun": d["tahun"]})
                return redirect("standards:indikator", pk=indikator.pk)
    indikator = selectors.indikator_detail(indikator.pk)
    values = list(indikator.nilai.all())
    if _wants_xlsx(request):
        return exports.xlsx_response(
            f"indikator-{indikator.pk}", [("Nilai", NILAI_HEADER, _nilai_rows(indikator, values))]
        )
    series = selectors.split_series(values)
    return render(
        request,
        "standards/indikator_detail.html",
        {
            "i": indikator,
            "values": values,
            "series": series,
            "figure": charts.indikator_figure(indikator, series) if values else None,
            "turunan": list(indikator.turunan.all()),
            "can_edit": can_edit,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------- Renstra
@login_required
def renstra_list(request: HttpRequest) -> HttpResponse:
    form = RenstraFilter(request.GET or None)
    opd = form.cleaned_data["opd"].pk if form.is_valid() and form.cleaned_data["opd"] else None
    qs = selectors.renstra_list(opd=opd) if not form.errors else selectors.renstra_list().none()
    if _wants_xlsx(request):
        return exports.xlsx_response(
            "renstra",
            [
                (
                    "Renstra",
                    ["Perangkat daerah", "Periode", "RPJMD", "Sasaran", "Indikator"],
                    (
                        [r.opd.nama, f"{r.tahun_mulai}–{r.tahun_selesai}", str(r.rpjmd), r.n_sasaran, r.n_indikator]  # type: ignore[attr-defined]
                        for r in qs
                    ),
                )
            ],
        )
    base, export = _query(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/renstra_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": base,
            "export_query": export,
        },
    )


@login_required
def renstra_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    renstra = access.renstra_for_actor(actor, pk)
    sasaran = selectors.renstra_sasaran(renstra)
    if _wants_xlsx(request):
        rows = []
        for s in sasaran:
            for i in s.indikator.all():
                for v in i.nilai.all() or [None]:
                    rows.append(
                        [
                            s.nomor,
                            s.teks,
                            s.sasaran_rpjmd.teks,
                            i.kode,
                            i.nama,
                            i.satuan,
                            i.induk.nama if i.induk else "",
                            v.tahun if v else "",
                            v.target if v else None,
                            v.realisasi if v else None,
                        ]
                    )
        return exports.xlsx_response(
            f"renstra-{renstra.pk}",
            [
                (
                    "Renstra",
                    [
                        "No",
                        "Sasaran",
                        "Mendukung sasaran RPJMD",
                        "Kode",
                        "Indikator",
                        "Satuan",
                        "Mendukung IKU",
                        "Tahun",
                        "Target",
                        "Realisasi",
                    ],
                    rows,
                )
            ],
        )
    years = list(range(renstra.tahun_mulai, renstra.tahun_selesai + 1))
    for s in sasaran:
        for i in s.indikator.all():
            by_year = {v.tahun: v for v in i.nilai.all()}
            i.per_tahun = [by_year.get(y) for y in years]  # type: ignore[attr-defined]
    return render(
        request,
        "standards/renstra_detail.html",
        {
            "renstra": renstra,
            "sasaran": sasaran,
            "years": years,
            "can_edit": access.can_edit_opd(actor, renstra.opd_id),
        },
    )


# ---------------------------------------------------------------------------- Perjanjian Kinerja
@login_required
def perjanjian_list(request: HttpRequest) -> HttpResponse:
    form = PerjanjianFilter(request.GET or None)
    qs: QuerySet[PerjanjianKinerja]
    if form.is_bound and not form.is_valid():
        qs = selectors.perjanjian_list().none()
    else:
        d = form.cleaned_data if form.is_bound else {}
        qs = selectors.perjanjian_list(
            opd=d["opd"].pk if d.get("opd") else None, tahun=d.get("tahun"), status=d.get("status") or None
        )
    if _wants_xlsx(request):
        return exports.xlsx_response(
            "perjanjian-kinerja",
            [
                (
                    "Perjanjian kinerja",
                    ["Perangkat daerah", "Tahun", "Status", "Tanggal tanda tangan", "Jumlah sasaran"],
                    (
                        [p.opd.nama, p.tahun, p.get_status_display(), p.ditandatangani_pada, p.n_rows]  # type: ignore[attr-defined]
                        for p in qs
                    ),
                )
            ],
        )
    base, export = _query(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/perjanjian_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_base": base,
            "export_query": export,
        },
    )


@login_required
@forbidden_as_page
def perjanjian_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_from_request(request)
    pk_obj = access.perjanjian_for_actor(actor, pk)
    can_edit = access.can_edit_opd(actor, pk_obj.opd_id)
    indikator_qs = selectors.perjanjian_indikator_choices(pk_obj)
    row_form = PkRowForm(indikator_qs=indikator_qs)
    reopen_form = ReopenForm()
    status = 200
    if request.method == "POST":
        access.require_opd_write(actor, pk_obj.opd_id)
        aksi = request.POST.get("aksi", "")
        try:
            if aksi == "tambah":
                row_form = PkRowForm(request.POST, indikator_qs=indikator_qs)
                if row_form.is_valid():
                    d = row_form.cleaned_data
                    services.perjanjian_row_add(
                        actor=request.user,
                        perjanjian=pk_obj,
                        sasaran=d["indikator"].sasaran_renstra,
                        indikator=d["indikator"],
                        target=d["target"],
                        target_kualitatif=d["target_kualitatif"],
                        perspektif=d["perspektif"],
                    )
                    return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            elif aksi == "hapus":
                row = access.perjanjian_row_for_actor(actor, _int(request.POST.get("baris")))
                if row.perjanjian_id != pk_obj.pk:
                    raise ValidationError({"__all__": _("Baris tidak termasuk perjanjian ini.")})
                services.perjanjian_row_delete(actor=request.user, row=row)
                return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            elif aksi == workflow.SIGN:
                services.perjanjian_sign(actor=request.user, perjanjian=pk_obj)
                messages.success(request, _("Perjanjian kinerja ditandatangani."))
                return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            elif aksi == workflow.REOPEN:
                reopen_form = ReopenForm(request.POST)
                if reopen_form.is_valid():
                    services.perjanjian_reopen(
                        actor=request.user, perjanjian=pk_obj, alasan=reopen_form.cleaned_data["alasan"]
                    )
                    messages.success(request, _("Perjanjian kinerja dibuka kembali."))
                    return redirect("standards:perjanjian_detail", pk=pk_obj.pk)
            else:
                raise ValidationError({"__all__": _("Aksi tidak dikenal.")})
        except ValidationError as exc:
            apply_errors(reopen_form if aksi == workflow.REOPEN else row_form, exc)
        status = 400
    rows = list(selectors.perjanjian_rows(pk_obj))
    if _wants_xlsx(request):
        return exports.xlsx_response(
            f"perjanjian-{pk_obj.pk}",
            [
                (
                    "Perjanjian kinerja",
                    [
                        "No",
                        "Sasaran",
                        "Indikator",
                        "Satuan",
                        "Target",
                        "Target (uraian)",
                        "Perspektif",
                        "Mendukung IKU",
                    ],
                    (
                        [
                            r.urutan,
                            r.sasaran.teks,
                            r.indikator.nama,
                            r.indikator.satuan,
                            r.target,
                            r.target_kualitatif,
                            r.get_perspektif_display(),
                            r.indikator.induk.nama if r.indikator.induk else "",
                        ]
                        for r in rows
                    ),
                )
            ],
        )
    return render(
        request,
        "standards/perjanjian_detail.html",
        {
            "pk": pk_obj,
            "rows": rows,
            "can_edit": can_edit,
            "editable": workflow.editable(pk_obj.status),
            "signed": pk_obj.status == StatusPerjanjian.DITANDATANGANI,
            "row_form": row_form,
            "reopen_form": reopen_form,
            "has_indikator": indikator_qs.exists() if can_edit else False,
        },
        status=status,
    )


def _int(value: Any) -> int:
    text = str(value or "")
    if not text.isdigit() or len(text) > 18:
        raise ValidationError({"__all__": _("Data yang dikirim tidak valid.")})
    return int(text)


# ---------------------------------------------------------------------------- position standards
@login_required
def jabatan_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = JabatanFilter(request.GET or None)
    base_qs = Jabatan.objects.all() if actor.user_id else Jabatan.objects.none()
    if form.is_bound and not form.is_valid():
        qs = base_qs.none()
    else:
        d = form.cleaned_data if form.is_bound else {}
        ada = {"ya": True, "tidak": False}.get(d.get("ada") or "")
        qs = selectors.jabatan_standar_list(
            base_qs, opd=d["opd"].pk if d.get("opd") else None, ada=ada, q=d.get("q") or "", jenis=d.get("jenis") or ""
        )
    if _wants_xlsx(request):
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
    base, export = _query(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
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
        access.require_standar_write(actor, jabatan)
        return _standar_post(request, jabatan)
    if _wants_xlsx(request):
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


def _standar_post(request: HttpRequest, jabatan: Jabatan) -> HttpResponse:
    aksi = request.POST.get("aksi", "")
    user = request.user
    extra: dict[str, Any] = {}
    try:
        if aksi == "standar":
            form = StandarForm(request.POST)
            extra["standar_form"] = form
            if form.is_valid():
                services.standar_jabatan_set(actor=user, jabatan=jabatan, **form.cleaned_data)
                messages.success(request, _("Standar jabatan disimpan."))
                return redirect("standards:jabatan_standar", jabatan_id=jabatan.pk)
        elif aksi == "tambah_hasil":
            hasil_form = HasilForm(request.POST)
            extra["hasil_form"] = hasil_form
            if hasil_form.is_valid():
                try:
                    with transaction.atomic():  # no empty standard left behind by a refused result
                        standar = _ensure_standar(user, jabatan)
                        services.standar_hasil_add(
                            actor=user, standar=standar, data=services.HasilData(**hasil_form.cleaned_data)
                        )
                except ValidationError as exc:
                    apply_errors(hasil_form, exc)
                else:
                    if _is_htmx(request):
                        return _hasil_partial(request, jabatan)
                    return redirect(reverse("standards:jabatan_standar", args=[jabatan.pk]) + "#hasil")
        elif aksi == "hapus_hasil":
            hasil = StandarHasil.objects.filter(pk=_int(request.POST.get("hasil")), standar__jabatan=jabatan).first()
            if hasil is None:
                raise ValidationError({"__all__": _("Hasil kerja tidak ditemukan pada jabatan ini.")})
            services.standar_hasil_delete(actor=user, hasil=hasil)
            if _is_htmx(request):
                return _hasil_partial(request, jabatan)
            return redirect(reverse("standards:jabatan_standar", args=[jabatan.pk]) + "#hasil")
        elif aksi == "perilaku":
            nilai = selectors.berakhlak()
            pform = PerilakuForm(request.POST, nilai=nilai)
            extra["perilaku_form"] = pform
            if pform.is_valid():
                standar = _ensure_standar(user, jabatan)
                kept = {p.nilai_id: p for p in standar.perilaku.all()}  # keep their explanations
                services.standar_perilaku_set(
                    actor=user,
                    standar=standar,
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
    ctx = _standar_context(request, jabatan, True, **extra)
    if _is_htmx(request) and aksi in {"tambah_hasil", "hapus_hasil"}:
        return render(request, "standards/_hasil.html", ctx, status=200)
    return render(request, "standards/jabatan_standar.html", ctx, status=400)


def _ensure_standar(user: Any, jabatan: Jabatan) -> Any:
    standar = getattr(jabatan, "standar", None)
    if standar is None:
        standar = services.standar_jabatan_set(actor=user, jabatan=jabatan)
    return standar


def _hasil_partial(request: HttpRequest, jabatan: Jabatan) -> HttpResponse:
    jabatan = Jabatan.objects.select_related("unit", "unit__opd", "atasan").get(pk=jabatan.pk)
    return render(request, "standards/_hasil.html", _standar_context(request, jabatan, True))


@login_required
@forbidden_as_page
def jabatan_terapkan(request: HttpRequest, jabatan_id: int) -> HttpResponse:
    """Apply this position's standard to other positions of the same kind the actor may edit."""
    actor = actor_from_request(request)
    jabatan = access.jabatan_for_standar(actor, jabatan_id)
    standar = getattr(jabatan, "standar", None)
    candidates = (
        access.editable_jabatan(actor)
        .filter(services.same_kind_q(jabatan))
        .select_related("unit", "unit__opd")
        .order_by("unit__path", "nama", "id")
    )
    error = ""
    if request.method == "POST":
        if not access.editable_jabatan(actor).exists():
            raise PermissionDenied(access.MSG_JABATAN)
        raw = request.POST.getlist("jabatan_ids")
        try:
            ids = [_int(v) for v in raw]
            allowed = set(candidates.filter(pk__in=ids).values_list("pk", flat=True))
            refused = [i for i in ids if i not in allowed]
            if refused:
                raise PermissionDenied(access.MSG_JABATAN)
            if standar is None:
                raise ValidationError({"__all__": _("Jabatan ini belum mempunyai standar untuk diterapkan.")})
            n = services.standar_copy_to(actor=request.user, source=standar, jabatan_ids=ids)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Standar diterapkan ke %(n)s jabatan.") % {"n": n})
            return redirect("standards:jabatan_standar", jabatan_id=jabatan.pk)
    page = Paginator(candidates, COPY_PAGE_SIZE).get_page(request.GET.get("page"))
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
