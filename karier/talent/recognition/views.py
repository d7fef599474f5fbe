"""Screens of recognition and motivation (issue #12 item 8): the agency's apresiasi feed, a person's
recognition wall, the "Beri apresiasi" form (HTMX), my innovations and their form, the superior's
verification list, and BKD's award proposals per year. Views only translate HTTP."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import actor_from_request
from karier.people.models import Pegawai, UnitKerja
from karier.standards.models import NilaiBerakhlak
from karier.talent.access import is_bkd, person_for_actor
from karier.talent.models import StatusInovasi, StatusUsulanPenghargaan
from karier.talent.recognition import access, selectors, services
from karier.talent.recognition.forms import ApresiasiForm, InovasiForm, KeputusanForm

PAGE_SIZE = 30
CARI_MAKS = 20


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() and len(value) < 12 else None


def _qs(**params: Any) -> str:
    from urllib.parse import urlencode

    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return urlencode(clean) + "&" if clean else ""


@login_required
@require_GET
def apresiasi_feed(request: HttpRequest) -> HttpResponse:
    """Recognitions of the actor's agency and of the people in their sight, newest first."""
    actor = actor_from_request(request)
    nilai = request.GET.get("nilai", "")[:30]
    opd_id = _int(request.GET.get("opd"))
    qs = selectors.apresiasi_list(actor, nilai=nilai, opd_id=opd_id)
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet="Apresiasi",
            title=_("Apresiasi"),
            header=[_("Tanggal"), _("Penerima"), _("NIP"), _("Dari"), _("Nilai BerAKHLAK"), _("Apresiasi")],
            rows=(
                [
                    a.dibuat_pada.date(),
                    a.penerima.nama,
                    a.penerima.nip,
                    a.pemberi.nama,
                    a.nilai.nama if a.nilai else "",
                    a.teks,
                ]
                for a in qs
            ),
        )
        return xlsx_attachment(data, "apresiasi")
    page = page_for(request, qs, PAGE_SIZE)
    ctx = {
        "page_obj": page,
        "rows": page.object_list,
        "nilai": nilai,
        "opd": opd_id,
        "nilai_choices": NilaiBerakhlak.objects.order_by("urutan"),
        "opd_choices": UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama")
        if actor.sees_everyone
        else [],
        "querystring_base": _qs(nilai=nilai, opd=opd_id),
        "boleh_sembunyikan": is_bkd(actor),
    }
    return render(request, "talent/recognition/feed.html", ctx)


@login_required
@require_GET
def pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """A person's recognition wall: every apresiasi (paged), their innovations and award proposals."""
    actor = actor_from_request(request)
    person = person_for_actor(actor, pegawai_id)
    wall = selectors.recognition_for_person(actor, person)
    page = page_for(request, selectors.apresiasi_list(actor, penerima_id=person.pk), PAGE_SIZE)
    ctx = wall | {
        "page_obj": page,
        "semua_apresiasi": page.object_list,
        "boleh_sembunyikan": access.may_hide(actor, person.pk),
    }
    return render(request, "talent/recognition/pegawai.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def apresiasi_beri(request: HttpRequest) -> HttpResponse:
    """Give an apresiasi: find a colleague (`?q=` name or NIP), then the form (`?pegawai=`). Under HTMX
    the form answers with itself (errors) or with the thank-you note."""
    actor = actor_from_request(request)
    penerima_id = _int(request.POST.get("pegawai") or request.GET.get("pegawai"))
    q = " ".join(request.GET.get("q", "").split())[:60]
    if penerima_id is None:
        found: list[Pegawai] = []
        if q:
            found = list(
                access.receivers_for_giver(actor)
                .filter(Q(nama__icontains=q) | Q(nip=q))
                .exclude(pk=actor.pegawai_id or 0)
                .select_related("jabatan")
                .order_by("nama")[:CARI_MAKS]
            )
        return render(request, "talent/recognition/beri.html", {"q": q, "found": found, "form": None})
    penerima = access.penerima_for_giver(actor, penerima_id)
    form = ApresiasiForm(request.POST or None, rhk=selectors.rhk_choices(penerima))
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.apresiasi_give(
                actor=actor,
                penerima=penerima,
                teks=form.cleaned_data["teks"],
                nilai=form.cleaned_data["nilai"],
                rhk=form.cleaned_data["rhk"],
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            if request.headers.get("HX-Request") != "true":
                messages.success(request, _("Apresiasi terkirim. Terima kasih telah menghargai rekan Anda."))
                return redirect("talent:recognition_apresiasi_feed")
    ctx = {"penerima": penerima, "form": form, "done": done}
    template = "talent/recognition/_beri_form.html" if request.headers.get("HX-Request") == "true" else None
    status = 400 if form.errors else 200
    return render(request, template or "talent/recognition/beri.html", ctx, status=status)


@login_required
@require_POST
def apresiasi_sembunyikan(request: HttpRequest, apresiasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = access.apresiasi_for_actor(actor, apresiasi_id)
    try:
        services.apresiasi_hide(actor=actor, apresiasi=found, alasan=request.POST.get("alasan", "")[:2000])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Apresiasi disembunyikan."))
    return redirect("talent:recognition_pegawai", found.penerima_id)


def _inovasi_xlsx(qs: Any, stem: str, title: str) -> HttpResponse:
    data = table_xlsx(
        sheet="Inovasi",
        title=title,
        header=[_("Tanggal"), _("Pegawai"), _("NIP"), _("Judul"), _("Hasil/dampak"), _("RHK"), _("Status")],
        rows=(
            [
                i.tanggal,
                i.pegawai.nama,
                i.pegawai.nip,
                i.judul,
                i.hasil,
                i.rhk.teks if i.rhk else "",
                i.get_status_display(),
            ]
            for i in qs
        ),
    )
    return xlsx_attachment(data, stem)


@login_required
@require_GET
def inovasi_saya(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    status = request.GET.get("status", "")
    status = status if status in StatusInovasi.values else ""
    qs = selectors.inovasi_list(actor, pegawai_id=actor.pegawai_id or -1, status=status)
    if request.GET.get("export") == "xlsx":
        return _inovasi_xlsx(qs, "inovasi-saya", _("Inovasi saya"))
    page = page_for(request, qs, PAGE_SIZE)
    ctx = {
        "page_obj": page,
        "rows": page.object_list,
        "status": status,
        "statuses": StatusInovasi.choices,
        "querystring_base": _qs(status=status),
    }
    return render(request, "talent/recognition/inovasi_saya.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def inovasi_baru(request: HttpRequest) -> HttpResponse:
    """Record an innovation: one's own, or (`?pegawai=`) a team member's as their superior."""
    actor = actor_from_request(request)
    person = access.inovasi_subject(actor, _int(request.GET.get("pegawai")))
    access.require_record_inovasi(actor, person)
    form = InovasiForm(request.POST or None, rhk=selectors.rhk_choices(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.inovasi_record(actor=actor, pegawai=person, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Inovasi tercatat."))
            if person.pk == actor.pegawai_id:
                return redirect("talent:recognition_inovasi_saya")
            return redirect("talent:recognition_pegawai", person.pk)
    ctx = {"form": form, "pegawai": person, "sendiri": person.pk == actor.pegawai_id}
    return render(request, "talent/recognition/inovasi_form.html", ctx, status=400 if form.errors else 200)


@login_required
@require_GET
def inovasi_verifikasi(request: HttpRequest) -> HttpResponse:
    """The innovations of the superior's direct team waiting for verification (or all of them)."""
    actor = actor_from_request(request)
    status = request.GET.get("status", StatusInovasi.DICATAT)
    status = status if status in StatusInovasi.values else ""
    qs = selectors.inovasi_list(actor, status=status, untuk_verifikasi=True)
    if request.GET.get("export") == "xlsx":
        return _inovasi_xlsx(qs, "inovasi-tim", _("Inovasi tim"))
    page = page_for(request, qs, PAGE_SIZE)
    ctx = {
        "page_obj": page,
        "rows": page.object_list,
        "status": status,
        "statuses": StatusInovasi.choices,
        "querystring_base": _qs(status=status),
    }
    return render(request, "talent/recognition/inovasi_verifikasi.html", ctx)


@login_required
@require_POST
def inovasi_verify(request: HttpRequest, inovasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = access.inovasi_for_actor(actor, inovasi_id)
    try:
        services.inovasi_verify(actor=actor, inovasi=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Inovasi diverifikasi."))
    return redirect("talent:recognition_inovasi_verifikasi")


@login_required
@require_GET
def penghargaan(request: HttpRequest) -> HttpResponse:
    """Award proposals per year (BKD decides; others see those of the people in their sight)."""
    actor = actor_from_request(request)
    tahun = _int(request.GET.get("tahun"))
    status = request.GET.get("status", "")
    status = status if status in StatusUsulanPenghargaan.values else ""
    opd_id = _int(request.GET.get("opd"))
    qs = selectors.usulan_list(actor, tahun=tahun, status=status, opd_id=opd_id)
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet="Usulan penghargaan",
            title=_("Usulan penghargaan"),
            header=[_("Tahun"), _("NIP"), _("Nama"), _("Perangkat daerah"), _("Alasan"), _("Status"), _("Catatan")],
            rows=(
                [
                    u.tahun,
                    u.pegawai.nip,
                    u.pegawai.nama,
                    u.pegawai.opd.nama if u.pegawai.opd else "",
                    " ".join(u.alasan),
                    u.get_status_display(),
                    u.catatan,
                ]
                for u in qs
            ),
        )
        return xlsx_attachment(data, "usulan-penghargaan")
    page = page_for(request, qs, PAGE_SIZE)
    rows = list(page.object_list)
    for u in rows:
        u.boleh_putuskan = access.may_decide_usulan(actor, u.pegawai_id)
    ctx = {
        "page_obj": page,
        "rows": rows,
        "tahun": tahun,
        "status": status,
        "opd": opd_id,
        "statuses": StatusUsulanPenghargaan.choices,
        "opd_choices": UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama"),
        "form": KeputusanForm(),
        "querystring_base": _qs(tahun=tahun, status=status, opd=opd_id),
    }
    return render(request, "talent/recognition/penghargaan.html", ctx)


@login_required
@require_POST
def penghargaan_putuskan(request: HttpRequest, usulan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = access.usulan_for_actor(actor, usulan_id)
    form = KeputusanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih keputusan."))
    else:
        try:
            services.usulan_penghargaan_decide(
                actor=actor, usulan=found, teruskan=form.cleaned_data["teruskan"], catatan=form.cleaned_data["catatan"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Keputusan usulan penghargaan tersimpan."))
    return redirect(f"{reverse('talent:recognition_penghargaan')}?tahun={found.tahun}")
