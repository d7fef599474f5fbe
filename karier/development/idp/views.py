"""Development-plan screens: my plan (a year switcher), a person's plan, items added, changed and
removed (HTMX), submit, the superior's queue with agree/return, enrolment and reporting from an
item, the PDF, the Excel of the plans one sees, and the recommendations' "add to my plan".
Edges only: access → service/selector → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from karier.core.excel import Tahun, table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.development.catalogue.access import visible_kegiatan
from karier.development.catalogue.forms import MandiriForm
from karier.development.idp import access, documents, selectors, services
from karier.development.idp.forms import AjukanForm, ItemForm, PutusanForm, TambahForm
from karier.development.idp.workflow import Peran, allowed
from karier.development.jp.ledger import MandiriData
from karier.development.models import ItemRencana, RencanaPengembangan, SesiKegiatan, StatusRencana
from karier.people.access import Actor, actor_from_request
from karier.people.models import Pegawai

PAGE_SIZE = 30


def _tahun(raw: str | None) -> int:
    this = timezone.localdate().year
    return int(raw) if raw and raw.isdigit() and 2000 <= int(raw) <= this + 1 else this


def _errors(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    for t in [str(exc)] if isinstance(exc, PermissionDenied) else exc.messages:
        messages.error(request, t)


def _detail(request: HttpRequest, actor: Actor, rencana: RencanaPengembangan | None, tahun: int) -> HttpResponse:
    ctx: dict[str, Any] = {"rencana": rencana, "tahun": tahun, "tahun_pilihan": _years(), "milik_saya": True}
    if rencana is not None:
        roles = access.peran(actor, rencana)
        items = selectors.items_of(rencana)
        today = timezone.localdate()
        sesi: dict[int, list[SesiKegiatan]] = {}
        if rencana.status == StatusRencana.DISETUJUI:
            ids = {i.kegiatan_id for i in items if i.kegiatan_id and i.hasil.kode in ("belum", "batal")}  # type: ignore[attr-defined]
            for s in SesiKegiatan.objects.filter(kegiatan_id__in=ids, selesai__gte=today).order_by("mulai", "pk"):
                sesi.setdefault(s.kegiatan_id, []).append(s)
        for i in items:
            i.sesi_pilihan = sesi.get(i.kegiatan_id or 0, [])  # type: ignore[attr-defined]
        ctx.update(
            items=items,
            milik_saya=Peran.PEMILIK in roles,
            boleh_ubah=access.can_edit(actor, rencana, roles),
            aksi=[a.value for a in allowed(status=rencana.status, peran=roles)],
            jp_rencana=sum((i.jp_rencana or 0 for i in items), 0),
            jp_selesai=selectors.jp_selesai(items),
            tanpa_kesenjangan=sum(1 for i in items if i.tanpa_kesenjangan),
            putusan_form=PutusanForm(),
            ajukan_form=AjukanForm(),
            pegawai=rencana.pegawai,
        )
    return render(request, "development/idp/rencana.html", ctx)


def _years() -> list[int]:
    this = timezone.localdate().year
    return [this + 1, this, this - 1, this - 2]


@login_required
def rencana_saya(request: HttpRequest) -> HttpResponse:
    """My plan of the year (the current one unless another is chosen)."""
    actor = actor_from_request(request)
    tahun = _tahun(request.GET.get("tahun"))
    rencana = None
    if actor.pegawai_id is not None:
        rencana = (
            RencanaPengembangan.objects.filter(pegawai_id=actor.pegawai_id, tahun=tahun)
            .select_related("pegawai__jabatan")
            .first()
        )
    return _detail(request, actor, rencana, tahun)


@login_required
def rencana_detail(request: HttpRequest, rencana_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rencana = access.rencana_for_actor(actor, rencana_id)
    return _detail(request, actor, rencana, rencana.tahun)


@login_required
@require_POST
def rencana_buat(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise PermissionDenied(_("Akun ini tidak terhubung dengan data pegawai."))
    tahun = _tahun(request.POST.get("tahun"))
    try:
        rencana = services.rencana_create(actor=actor, pegawai=Pegawai.objects.get(pk=actor.pegawai_id), tahun=tahun)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
        return redirect(f"{reverse('development:rencana_saya')}?tahun={tahun}")
    return redirect("development:rencana_detail", rencana.pk)


def _item_form(actor: Actor, rencana: RencanaPengembangan, data: Any = None, initial: Any = None) -> ItemForm:
    today = timezone.localdate()
    kegiatan = list(visible_kegiatan(actor).filter(aktif=True).order_by("nama", "pk").values_list("pk", "nama"))
    sesi = [
        (s.pk, f"{s.kegiatan.nama} — {date_filter(s.mulai, 'j M Y')}" + (f" ({s.tempat})" if s.tempat else ""))
        for s in SesiKegiatan.objects.filter(kegiatan__aktif=True, selesai__gte=today)
        .select_related("kegiatan")
        .order_by("kegiatan__nama", "mulai", "pk")
    ]
    seen: set[str] = set()
    kebutuhan = []
    for n in selectors.needs_of(rencana.pegawai_id):
        if n.kode not in seen:
            seen.add(n.kode)
            kebutuhan.append((n.kode, f"{n.judul} — {n.alasan}"[:200]))
    return ItemForm(data, initial=initial, kegiatan=kegiatan, sesi=sesi, kebutuhan=kebutuhan)


def _editable_or_redirect(request: HttpRequest, actor: Actor, rencana: RencanaPengembangan) -> HttpResponse | None:
    """403 for someone who may not change the plan; a locked own plan goes back with the reason."""
    try:
        access.require_edit(actor, rencana)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("development:rencana_detail", rencana.pk)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def rencana_item_baru(request: HttpRequest, rencana_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rencana = access.rencana_for_actor(actor, rencana_id)
    if (back := _editable_or_redirect(request, actor, rencana)) is not None:
        return back
    form = _item_form(actor, rencana, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_add(actor=actor, rencana=rencana, data=form.data_item())
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            if item.tanpa_kesenjangan:
                messages.warning(request, _("Kegiatan ditambahkan, tetapi tidak menutup kesenjangan yang tercatat."))
            else:
                messages.success(request, _("Kegiatan ditambahkan ke rencana."))
            return redirect("development:rencana_detail", rencana.pk)
    return render(
        request,
        "development/idp/item_form.html",
        {"form": form, "rencana": rencana, "title": _("Tambah kegiatan ke rencana")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rencana_item_ubah(request: HttpRequest, rencana_id: int, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    item = access.item_for_actor(actor, rencana_id, item_id)
    if (back := _editable_or_redirect(request, actor, item.rencana)) is not None:
        return back
    initial = {
        "kegiatan_id": item.kegiatan_id,
        "sesi_id": item.sesi_id,
        "judul": item.judul,
        "metode": item.metode,
        "penyelenggara": item.penyelenggara,
        "jp": item.jp_rencana if item.kegiatan_id is None else None,
        "kebutuhan_kode": item.kebutuhan_kode or (services.TANPA if item.tanpa_kesenjangan else ""),
        "target_bulan": item.target_bulan,
        "catatan": item.catatan,
    }
    form = _item_form(actor, item.rencana, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(actor=actor, item=item, data=form.data_item())
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("development:rencana_detail", item.rencana_id)
    return render(
        request,
        "development/idp/item_form.html",
        {"form": form, "rencana": item.rencana, "title": _("Ubah kegiatan dalam rencana")},
    )


@login_required
@require_POST
def rencana_item_hapus(request: HttpRequest, rencana_id: int, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    item = access.item_for_actor(actor, rencana_id, item_id)
    try:
        services.item_remove(actor=actor, item=item)
    except ValidationError as exc:
        if getattr(request, "htmx", False):
            return HttpResponse(" ".join(exc.messages), status=409)
        _errors(request, exc)
        return redirect("development:rencana_detail", rencana_id)
    if getattr(request, "htmx", False):
        return HttpResponse("")  # the row is swapped out
    messages.success(request, _("Kegiatan dihapus dari rencana."))
    return redirect("development:rencana_detail", rencana_id)


@login_required
@require_POST
def rencana_item_daftar(request: HttpRequest, rencana_id: int, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    item = access.item_for_actor(actor, rencana_id, item_id)
    raw = request.POST.get("sesi_id", "")
    sesi = None
    if raw.isdigit() and len(raw) < 12 and item.kegiatan_id is not None:
        sesi = SesiKegiatan.objects.filter(pk=int(raw), kegiatan_id=item.kegiatan_id).select_related("kegiatan").first()
    try:
        services.item_enrol(actor=actor, item=item, sesi=sesi)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        if item.pendaftaran is not None and item.pendaftaran.status == "MENUNGGU":
            messages.warning(request, _("Kursi sudah penuh: masuk daftar tunggu."))
        else:
            messages.success(request, _("Terdaftar di sesi ini."))
    return redirect("development:rencana_detail", rencana_id)


@login_required
@require_http_methods(["GET", "POST"])
def rencana_item_lapor(request: HttpRequest, rencana_id: int, item_id: int) -> HttpResponse:
    """Report a planned self-development through the JP ledger's form and service."""
    actor = actor_from_request(request)
    item = access.item_for_actor(actor, rencana_id, item_id)
    if actor.pegawai_id != item.rencana.pegawai_id:
        raise PermissionDenied(_("Hanya pegawai pemilik rencana yang dapat melaporkan pengembangan dirinya."))
    initial = {"judul": item.judul, "metode": item.metode, "penyelenggara": item.penyelenggara, "jp": item.jp_rencana}
    form = MandiriForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        data = MandiriData(
            judul=cd["judul"],
            metode=cd["metode"],
            penyelenggara=cd["penyelenggara"],
            mulai=cd["mulai"],
            selesai=cd["selesai"],
            jp=cd.get("jp") or None,
            menit=cd.get("menit"),
        )
        try:
            services.item_report(actor=actor, item=item, data=data, sertifikat=cd.get("sertifikat"))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Laporan dikirim ke atasan untuk diverifikasi."))
            return redirect("development:rencana_detail", rencana_id)
    return render(
        request,
        "development/catalogue/form.html",
        {
            "form": form,
            "title": _("Laporkan pengembangan mandiri"),
            "kembali": reverse("development:rencana_detail", args=[rencana_id]),
            "multipart": True,
        },
    )


@login_required
@require_POST
def rencana_ajukan(request: HttpRequest, rencana_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rencana = access.rencana_for_actor(actor, rencana_id)
    form = AjukanForm(request.POST)
    form.is_valid()
    try:
        services.rencana_submit(actor=actor, rencana=rencana, catatan=form.cleaned_data.get("catatan", ""))
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Rencana diajukan ke atasan."))
    return redirect("development:rencana_detail", rencana_id)


@login_required
@require_POST
def rencana_putusan(request: HttpRequest, rencana_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    rencana = access.rencana_for_actor(actor, rencana_id)
    form = PutusanForm(request.POST)
    back = request.POST.get("kembali") == "antrean"
    target = (
        reverse("development:rencana_persetujuan") if back else reverse("development:rencana_detail", args=[rencana_id])
    )
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau kembalikan."))
        return redirect(target)
    try:
        services.rencana_decide(
            actor=actor, rencana=rencana, setuju=form.cleaned_data["setuju"], catatan=form.cleaned_data["catatan"]
        )
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        messages.success(
            request, _("Rencana disetujui.") if form.cleaned_data["setuju"] else _("Rencana dikembalikan ke pegawai.")
        )
    return redirect(target)


@login_required
def rencana_persetujuan(request: HttpRequest) -> HttpResponse:
    """Plans of the actor's team waiting for her decision, with their items to read before deciding."""
    actor = actor_from_request(request)
    page = page_for(request, access.rencana_menunggu(actor), PAGE_SIZE)
    rows = list(page.object_list)
    items: dict[int, list[ItemRencana]] = {}
    for i in ItemRencana.objects.filter(rencana__in=[r.pk for r in rows]).select_related("kegiatan"):
        items.setdefault(i.rencana_id, []).append(i)
    for r in rows:
        r.daftar_item = items.get(r.pk, [])  # type: ignore[attr-defined]
        r.jumlah_tanpa = sum(1 for i in r.daftar_item if i.tanpa_kesenjangan)  # type: ignore[attr-defined]
    return render(
        request,
        "development/idp/persetujuan.html",
        {"rows": rows, "page_obj": page, "form": PutusanForm()},
    )


@login_required
def rencana_pdf(request: HttpRequest, rencana_id: int) -> HttpResponse:
    """The plan as the official PDF; whoever may read the plan may read its PDF."""
    doc = documents.rencana_document(access.rencana_for_actor(actor_from_request(request), rencana_id))
    response = HttpResponse(documents.rencana_pdf(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'inline; filename="{doc.filename_stem}.pdf"'
    return response


@login_required
def rencana_xlsx(request: HttpRequest) -> HttpResponse:
    """Every plan of the year the actor sees (her team, her agency, or the province), one row per item."""
    actor = actor_from_request(request)
    tahun = _tahun(request.GET.get("tahun"))
    header, rows = selectors.excel_rows(actor, tahun)
    data = table_xlsx(
        sheet=_("Rencana pengembangan"),
        title=_("Rencana pengembangan kompetensi tahun %(tahun)s") % {"tahun": Tahun(tahun)},
        header=header,
        rows=rows,
    )
    return xlsx_attachment(data, f"rencana-pengembangan-{tahun}")


@login_required
def rencana_tim(request: HttpRequest) -> HttpResponse:
    """The year's plans of the people the actor sees (a superior's team, an agency, the province)."""
    actor = actor_from_request(request)
    tahun = _tahun(request.GET.get("tahun"))
    qs = selectors.rencana_list(actor, tahun=tahun).exclude(pegawai_id=actor.pegawai_id or 0)
    page = page_for(request, qs, PAGE_SIZE)
    counted = dict(
        access.visible_rencana(actor)
        .filter(tahun=tahun)
        .exclude(pegawai_id=actor.pegawai_id or 0)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts = [(label, counted[s]) for s, label in StatusRencana.choices if s in counted]
    return render(
        request,
        "development/idp/tim.html",
        {
            "tahun": tahun,
            "tahun_pilihan": _years(),
            "page_obj": page,
            "counts": counts,
            "querystring_base": f"tahun={tahun}&",
        },
    )


@login_required
@require_POST
def rencana_tambah(request: HttpRequest) -> HttpResponse:
    """Add a catalogue activity to my plan of this year (posted by the recommendations page)."""
    actor = actor_from_request(request)
    form = TambahForm(request.POST)
    htmx = bool(getattr(request, "htmx", False))
    text, ok = "", False
    if not form.is_valid():
        text = _("Kegiatan tidak dikenal.")
    else:
        cd = form.cleaned_data
        try:
            item = services.rencana_tambah(
                actor=actor,
                kegiatan_id=cd["kegiatan_id"],
                kompetensi_kode=cd.get("kompetensi_kode") or "",
                sesi_id=cd.get("sesi_id"),
            )
        except (ValidationError, PermissionDenied) as exc:
            text = str(exc) if isinstance(exc, PermissionDenied) else " ".join(exc.messages)
        else:
            ok = True
            text = _("Ditambahkan ke rencana pengembangan tahun %(tahun)s.") % {"tahun": item.rencana.tahun}
            if item.tanpa_kesenjangan:
                text += " " + _("Kegiatan ini tidak menutup kesenjangan yang tercatat (tanpa kesenjangan).")
    if htmx:
        return render(request, "development/idp/_tambah_hasil.html", {"ok": ok, "text": text})
    (messages.success if ok else messages.error)(request, text)
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect("development:rencana_saya")
