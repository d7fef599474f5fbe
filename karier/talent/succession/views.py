"""Succession screens under /karier/suksesi/ (issue #12 item 5): the key positions, one position's
succession view (holder, retirement, candidates, bench strength, nominations, the committee's
decisions), positions at risk and the talent pool. Edges only: access → service/selector → render;
every table has `?export=xlsx`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.numbers import angka
from karier.core.paging import page_for
from karier.people.access import Actor, actor_from_request
from karier.people.choices import JenisJabatan
from karier.people.models import Jabatan
from karier.rules.career import TAHUN_BERISIKO
from karier.talent.access import person_for_actor
from karier.talent.succession import access, selectors, services
from karier.talent.succession.forms import (
    KeputusanForm,
    KritikalFilterForm,
    KritikalForm,
    NominasiForm,
    PoolFilterForm,
    levels_text,
)

PAGE_SIZE = 30


def _filters(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        return {}
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}


def _qs(filters: dict[str, Any]) -> str:
    flat = {k: (v.pk if hasattr(v, "pk") else v) for k, v in filters.items()}
    return urlencode(flat) + "&" if flat else ""


def _pemangku_text(p: selectors.Pemangku | None) -> str:
    if p is None:
        return _("Kosong")
    prefix = {"PLT": "Plt. ", "PLH": "Plh. "}.get(p.jenis, "")
    return f"{prefix}{p.pegawai.nama_lengkap}"


def _kritikal_xlsx(baris: list[selectors.BarisKritikal], title: str, stem: str) -> HttpResponse:
    data = table_xlsx(
        sheet=_("Jabatan kritikal"),
        title=title,
        header=[
            _("Jabatan"),
            _("Unit kerja"),
            _("Perangkat daerah"),
            _("Pemangku"),
            _("Pensiun (BUP)"),
            _("Kandidat"),
            _("Siap sekarang"),
            _("Siap 1–2 tahun"),
            _("Berisiko"),
        ],
        rows=(
            [
                b.kritikal.jabatan.nama,
                b.kritikal.jabatan.unit.nama,
                b.kritikal.jabatan.unit.opd.nama if b.kritikal.jabatan.unit.opd else "",
                _pemangku_text(b.pemangku),
                (b.pemangku.pensiun if b.pemangku and b.pemangku.pensiun else ""),
                b.kritikal.n_kandidat,
                b.kritikal.n_siap,
                b.kritikal.n_siap_1_2,
                _("ya") if b.berisiko else _("tidak"),
            ]
            for b in baris
        ),
    )
    return xlsx_attachment(data, stem)


@login_required
@require_GET
def succession_list(request: HttpRequest) -> HttpResponse:
    """Key positions with holder, retirement and bench strength (BKD and auditors; agency heads theirs)."""
    actor = actor_from_request(request)
    access.require_see_any(actor)
    form = KritikalFilterForm(request.GET or None, opd_qs=access.visible_opd(actor))
    filters = _filters(form)
    qs = selectors.kritikal_list(
        actor,
        opd_id=filters["opd"].pk if "opd" in filters else None,
        q=filters.get("q", ""),
        aktif=filters.get("status") != "nonaktif",
    )
    if request.GET.get("export") == "xlsx":
        return _kritikal_xlsx(selectors.rows(list(qs)), _("Jabatan kritikal"), "jabatan-kritikal")
    page = page_for(request, qs, PAGE_SIZE)
    ctx = {
        "form": form,
        "page_obj": page,
        "baris": selectors.rows(list(page.object_list)),
        "querystring_base": _qs(filters),
        "export_url": "?" + _qs(filters) + "export=xlsx",
        "boleh_kelola": access.is_bkd(actor),
    }
    return render(request, "talent/succession/daftar.html", ctx)


def _jabatan_qs() -> Any:
    return (
        Jabatan.objects.filter(aktif=True, jenis__in=[*JenisJabatan.managerial(), JenisJabatan.FUNGSIONAL])
        .select_related("unit")
        .order_by("unit__path", "-adalah_kepala_unit", "nama")
    )


def _form_page(request: HttpRequest, actor: Actor, kritikal: Any | None) -> HttpResponse:
    access.require_manage(actor)
    initial: dict[str, Any] = {}
    if kritikal is not None:
        initial = {
            "jabatan": kritikal.jabatan_id,
            "jenis_jabatan": list(kritikal.jenis_jabatan),
            "jenjang_minimal": kritikal.jenjang_minimal,
            "golongan_minimal": kritikal.golongan_minimal_id,
            "pendidikan_minimal": kritikal.pendidikan_minimal,
            "masa_kerja_minimal": kritikal.masa_kerja_minimal,
            "kompetensi": levels_text(kritikal),
            "catatan": kritikal.catatan,
        }
    elif (raw := request.GET.get("jabatan", "")).isdigit():
        initial = {"jabatan": int(raw[:19])}
    jabatan_qs = (
        _jabatan_qs() if kritikal is None else Jabatan.objects.filter(pk=kritikal.jabatan_id).select_related("unit")
    )
    form = KritikalForm(request.POST or None, initial=initial, jabatan_qs=jabatan_qs)
    if request.method == "POST" and form.is_valid():
        try:
            jk = services.jabatan_kritikal_set(actor=actor, jabatan=form.cleaned_data["jabatan"], data=form.syarat())
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Jabatan kritikal disimpan dan kandidatnya dihitung ulang."))
            return redirect("talent:succession_detail", jk.pk)
    kembali = reverse("talent:succession_detail", args=[kritikal.pk]) if kritikal else reverse("talent:succession_list")
    title = _("Ubah syarat jabatan kritikal") if kritikal else _("Tandai jabatan kritikal")
    return render(
        request,
        "talent/succession/form.html",
        {"form": form, "title": title, "kembali": kembali},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def succession_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, actor_from_request(request), None)


@login_required
@require_http_methods(["GET", "POST"])
def succession_edit(request: HttpRequest, kritikal_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    return _form_page(request, actor, access.kritikal_for_actor(actor, kritikal_id))


def _detail_xlsx(data: selectors.Suksesi) -> HttpResponse:
    jabatan = data.kritikal.jabatan
    xlsx = table_xlsx(
        sheet=_("Kandidat"),
        title=_("Kandidat suksesi: %(j)s — %(u)s") % {"j": jabatan.nama, "u": jabatan.unit.nama},
        header=[
            _("Peringkat"),
            _("NIP"),
            _("Nama"),
            _("Jabatan sekarang"),
            _("Kotak"),
            _("Kesesuaian (%)"),
            _("Kesiapan"),
            _("Memenuhi syarat wajib"),
            _("Alasan tidak memenuhi"),
            _("Kesenjangan"),
        ],
        rows=(
            [
                k.peringkat,
                k.pegawai.nip,
                k.pegawai.nama_lengkap,
                k.pegawai.jabatan.nama if k.pegawai.jabatan else "",
                k.kotak,
                k.persen_kesesuaian,
                k.get_kesiapan_display(),
                _("ya") if k.memenuhi_syarat else _("tidak"),
                " ".join(k.alasan),
                "; ".join(f"{g['label']}: {g['tercatat']} → {g['disyaratkan']}" for g in k.kesenjangan),
            ]
            for k in data.kandidat
        ),
    )
    return xlsx_attachment(xlsx, "kandidat-suksesi")


def _persen(value: Any) -> str:
    """A fit for people: 83,33% and 100% (as the table's `|angka:"-2"`)."""
    return f"{angka(value, 2 if value % 1 else 0)}%"


def _pilihan(data: selectors.Suksesi) -> list[tuple[int, str]]:
    """The candidates one may nominate, with their fit."""
    return [(k.pegawai_id, f"{k.pegawai.nama_lengkap} ({_persen(k.persen_kesesuaian)})") for k in data.kandidat]


def _detail_ctx(request: HttpRequest, actor: Actor, kritikal: Any, **extra: Any) -> dict[str, Any]:
    data = selectors.suksesi(kritikal)
    boleh_usul = kritikal.aktif and access.may_nominate(actor, kritikal)
    pilihan = _pilihan(data)
    ctx = {
        "s": data,
        "kritikal": kritikal,
        "boleh_kelola": access.is_bkd(actor),
        "boleh_usul": boleh_usul,
        "form_nominasi": NominasiForm(pilihan=pilihan) if boleh_usul and pilihan else None,
        "form_keputusan": KeputusanForm() if access.is_bkd(actor) else None,
        "actor": actor,
        "jenis_label": [str(JenisJabatan(j).label) for j in kritikal.jenis_jabatan if j in JenisJabatan.values],
    }
    ctx.update(extra)
    return ctx


@login_required
@require_GET
def succession_detail(request: HttpRequest, kritikal_id: int) -> HttpResponse:
    """Who could succeed this position? Holder, retirement, ranked candidates, bench, nominations."""
    actor = actor_from_request(request)
    kritikal = access.kritikal_for_actor(actor, kritikal_id)
    if request.GET.get("export") == "xlsx":
        return _detail_xlsx(selectors.suksesi(kritikal))
    return render(request, "talent/succession/detail.html", _detail_ctx(request, actor, kritikal))


@login_required
@require_POST
def succession_remove(request: HttpRequest, kritikal_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    kritikal = access.kritikal_for_actor(actor, kritikal_id)
    try:
        services.jabatan_kritikal_remove(actor=actor, jabatan_kritikal=kritikal)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Jabatan ini tidak lagi ditandai sebagai jabatan kritikal."))
    return redirect("talent:succession_detail", kritikal.pk)


@login_required
@require_POST
def succession_recompute(request: HttpRequest, kritikal_id: int) -> HttpResponse:
    """Recompute this position's candidates (BKD admin) as a background job; the job after every period
    close does all positions."""
    actor = actor_from_request(request)
    kritikal = access.kritikal_for_actor(actor, kritikal_id)
    services.suksesi_hitung_start(actor=actor, jabatan_kritikal=kritikal)
    messages.success(
        request, _("Kandidat sedang dihitung ulang di latar belakang; muat ulang halaman ini bila belum berubah.")
    )
    return redirect("talent:succession_detail", kritikal.pk)


@login_required
@require_POST
def succession_nominate(request: HttpRequest, kritikal_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    kritikal = access.kritikal_for_actor(actor, kritikal_id)
    form = NominasiForm(request.POST)
    if form.is_valid():
        pegawai = person_for_actor(actor, form.cleaned_data["pegawai"])
        try:
            services.nominasi_create(
                actor=actor, jabatan_kritikal=kritikal, pegawai=pegawai, alasan=form.cleaned_data["alasan"]
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Usulan dicatat dan menunggu keputusan komite talenta."))
            return redirect("talent:succession_detail", kritikal.pk)
    ctx = _detail_ctx(request, actor, kritikal)
    ctx["form_nominasi"] = form
    form.fields["pegawai"].widget.choices = _pilihan(ctx["s"])  # type: ignore[attr-defined]
    return render(request, "talent/succession/detail.html", ctx, status=409)


@login_required
@require_POST
def succession_decide(request: HttpRequest, nominasi_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    nominasi = access.nominasi_for_actor(actor, nominasi_id)
    form = KeputusanForm(request.POST)
    if form.is_valid():
        try:
            services.nominasi_decide(
                actor=actor,
                nominasi=nominasi,
                setuju=form.cleaned_data["keputusan"] == "setuju",
                nomor_berita_acara=form.cleaned_data["nomor_berita_acara"],
                catatan=form.cleaned_data["catatan"],
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Keputusan komite talenta dicatat."))
            return redirect("talent:succession_detail", nominasi.jabatan_kritikal_id)
    kritikal = access.kritikal_for_actor(actor, nominasi.jabatan_kritikal_id)
    ctx = _detail_ctx(request, actor, kritikal, form_keputusan_gagal=form, gagal_nominasi=nominasi.pk)
    return render(request, "talent/succession/detail.html", ctx, status=409)


@login_required
@require_GET
def succession_at_risk(request: HttpRequest) -> HttpResponse:
    """Positions with no ready candidate whose holder retires within two years."""
    actor = actor_from_request(request)
    access.require_see_any(actor)
    form = KritikalFilterForm(request.GET or None, opd_qs=access.visible_opd(actor))
    filters = _filters(form)
    baris = selectors.berisiko(actor, opd_id=filters["opd"].pk if "opd" in filters else None)
    if request.GET.get("export") == "xlsx":
        return _kritikal_xlsx(baris, _("Jabatan kritikal berisiko"), "jabatan-berisiko")
    page = page_for(request, baris, PAGE_SIZE)
    ctx = {
        "form": form,
        "page_obj": page,
        "querystring_base": _qs(filters),
        "export_url": "?" + _qs(filters) + "export=xlsx",
        "tahun_risiko": TAHUN_BERISIKO,
    }
    return render(request, "talent/succession/berisiko.html", ctx)


@login_required
@require_GET
def succession_pool(request: HttpRequest) -> HttpResponse:
    """The talent pool per agency: everyone in boxes 7–9 of their latest placement, with the box."""
    actor = actor_from_request(request)
    access.require_see_any(actor)
    form = PoolFilterForm(request.GET or None, opd_qs=access.visible_opd(actor))
    filters = _filters(form)
    qs = selectors.kelompok_talenta(
        actor, opd_id=filters["opd"].pk if "opd" in filters else None, kotak=filters.get("kotak")
    )
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet=_("Kelompok talenta"),
            title=_("Kelompok rencana suksesi (kotak 7–9)"),
            header=[_("NIP"), _("Nama"), _("Jabatan"), _("Perangkat daerah"), _("Tahun"), _("Kotak")],
            rows=(
                [
                    p.pegawai.nip,
                    p.pegawai.nama_lengkap,
                    p.pegawai.jabatan.nama if p.pegawai.jabatan else "",
                    p.pegawai.opd.nama if p.pegawai.opd else "",
                    p.tahun,
                    p.kotak,
                ]
                for p in qs.iterator(chunk_size=2000)
            ),
        )
        return xlsx_attachment(data, "kelompok-talenta")
    page = page_for(request, qs, PAGE_SIZE)
    ctx = {
        "form": form,
        "page_obj": page,
        "querystring_base": _qs(filters),
        "export_url": "?" + _qs(filters) + "export=xlsx",
    }
    return render(request, "talent/succession/kelompok.html", ctx)
