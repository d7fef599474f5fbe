"""The 9-box screens (issue #12 item 4): the grid per province, agency and unit with drill-down, each
cell's people, the moves between boxes from one year to the next, a person's explained placement and
history, the BKD's sanctions, and the talent rule sets.

Views only translate HTTP: the person through `person_for_actor` (hidden is 404), the grid through
the actor's visible placements, every write through a service (its refusal shown on the form).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import actor_from_request
from karier.people.models import Pegawai
from karier.rules import nine_box_category, nine_box_recommendation
from karier.talent.ninebox import access, jenis, selectors, services
from karier.talent.ninebox.forms import AturanForm, GridForm, HukumanFilterForm, HukumanForm

PER_PAGE = 50


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**62 else None


def _year(request: HttpRequest, years: list[int]) -> int:
    asked = _int(request.GET.get("tahun"))
    if asked and 1900 < asked < 2200:
        return asked
    return years[0] if years else timezone.localdate().year - 1


def _scope(request: HttpRequest) -> selectors.Scope:
    return selectors.scope_for(_int(request.GET.get("opd")), _int(request.GET.get("unit")))


def _query(tahun: int, scope: selectors.Scope, **extra: Any) -> str:
    return urlencode({"tahun": tahun, **scope.query(), **extra})


def _crumbs(scope: selectors.Scope, tahun: int) -> list[tuple[str, str]]:
    crumbs = [(_("Provinsi"), _query(tahun, selectors.Scope()))]
    if scope.opd:
        crumbs.append((scope.opd.nama, _query(tahun, selectors.Scope(opd=scope.opd))))
    if scope.unit and scope.unit != scope.opd:
        crumbs.append((scope.unit.nama, _query(tahun, scope)))
    return crumbs


@login_required
@require_GET
def grid(request: HttpRequest) -> HttpResponse:
    """The 3×3 grid of the scope and year, and one level down (agencies, then units) to drill into."""
    actor = actor_from_request(request)
    access.require_grid(actor)
    years = selectors.years()
    tahun = _year(request, years)
    scope = _scope(request)
    qs = selectors.scoped(actor, tahun, scope)
    counts = selectors.counts(qs)
    drill = "opd" if scope.level == "provinsi" else "unit"
    ctx = {
        "form": GridForm(request.GET or None, years=years),
        "tahun": tahun,
        "scope": scope,
        "grid": selectors.grid(counts),
        "total": sum(c["n"] for c in counts.values()),
        "rincian": [
            dict(r, query=_query(tahun, selectors.Scope(), **{drill: r["id"]})) for r in selectors.breakdown(qs, scope)
        ],
        "query": _query(tahun, scope),
        "crumbs": _crumbs(scope, tahun),
        "is_bkd": access.is_bkd(actor),
        "may_read_admin": access.may_read_admin(actor),
    }
    return render(request, "talent/ninebox/grid.html", ctx)


@login_required
@require_GET
def kotak(request: HttpRequest, kotak: int) -> HttpResponse:
    """The people in one box of the scope and year (paginated); `?export=xlsx` downloads them."""
    actor = actor_from_request(request)
    access.require_grid(actor)
    if not 1 <= kotak <= 9:
        raise Http404(_("Kotak talenta tidak ditemukan."))
    years = selectors.years()
    tahun = _year(request, years)
    scope = _scope(request)
    rows = selectors.cell(selectors.scoped(actor, tahun, scope), kotak)
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet=_("Kotak %(k)s") % {"k": kotak},
            title=_("Kotak %(k)s tahun %(t)s: %(nama)s") % {"k": kotak, "t": tahun, "nama": nine_box_category(kotak)},
            header=[
                _("NIP"),
                _("Nama"),
                _("Jabatan"),
                _("Unit kerja"),
                _("Perangkat daerah"),
                _("Kinerja"),
                _("Potensial"),
                _("Skor potensial"),
                _("Dikecualikan dari kelompok talenta"),
                _("Dihitung pada"),
            ],
            rows=(
                [
                    r.pegawai.nip,
                    r.pegawai.nama,
                    r.pegawai.jabatan.nama if r.pegawai.jabatan else "",
                    r.unit.nama if r.unit else "",
                    r.opd.nama if r.opd else "",
                    r.get_kinerja_display(),
                    r.get_potensial_display(),
                    r.skor_potensial,
                    _("Ya") if r.dikecualikan else _("Tidak"),
                    timezone.localtime(r.dihitung_pada).date(),
                ]
                for r in rows.iterator(chunk_size=2000)
            ),
        )
        return xlsx_attachment(data, f"kotak-talenta-{kotak}-{tahun}")
    page = page_for(request, rows, PER_PAGE)
    ctx = {
        "kotak": kotak,
        "nama": nine_box_category(kotak),
        "rekomendasi": nine_box_recommendation(kotak),
        "tahun": tahun,
        "scope": scope,
        "page_obj": page,
        "query": _query(tahun, scope),
        "querystring_base": _query(tahun, scope) + "&",
        "crumbs": _crumbs(scope, tahun),
        "may_read_admin": access.may_read_admin(actor),
    }
    return render(request, "talent/ninebox/kotak.html", ctx)


@login_required
@require_GET
def perpindahan(request: HttpRequest) -> HttpResponse:
    """History by year: the moves between boxes from the year before to this year, for the scope."""
    actor = actor_from_request(request)
    access.require_grid(actor)
    years = selectors.years()
    tahun = _year(request, years)
    scope = _scope(request)
    ctx = {
        "form": GridForm(request.GET or None, years=years),
        "tahun": tahun,
        "sebelum": tahun - 1,
        "scope": scope,
        "hasil": selectors.transitions(actor, tahun, scope),
        "kotak": list(selectors.BOXES),
        "crumbs": _crumbs(scope, tahun),
        "may_read_admin": access.may_read_admin(actor),
    }
    return render(request, "talent/ninebox/perpindahan.html", ctx)


@login_required
@require_GET
def saya(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise Http404(_("Akun Anda tidak terhubung dengan data pegawai."))
    return redirect("talent:ninebox_pegawai", actor.pegawai_id)


@login_required
@require_GET
def pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """A person's placement explained (rule set, inputs, when computed, recommendation) and by year."""
    actor = actor_from_request(request)
    person = access.person_for_actor(actor, pegawai_id)
    data = selectors.person(actor, person, _int(request.GET.get("tahun")))
    ctx = {
        "pegawai": person,
        "data": data,
        "p": data["penempatan"],
        "sendiri": actor.pegawai_id == person.pk,
        "boleh_hukuman": access.may_see_sanctions_of(actor, person),
        "may_read_admin": access.may_read_admin(actor),
        "hide_grid": not access.may_see_grid(actor),
    }
    return render(request, "talent/ninebox/pegawai.html", ctx)


# ------------------------------------------------------------------------------------ sanctions
def _hukuman_data(d: dict[str, Any]) -> services.HukumanData:
    return services.HukumanData(
        jenis=d.get("jenis"),
        nomor_sk=d.get("nomor_sk") or "",
        tanggal_sk=d.get("tanggal_sk"),
        tmt_mulai=d.get("tmt_mulai"),
        tmt_selesai=d.get("tmt_selesai"),
        keterangan=d.get("keterangan") or "",
    )


def _hukuman_table(rows: Any) -> Any:
    for h in rows:
        yield [
            h.pegawai.nip,
            h.pegawai.nama,
            h.pegawai.opd.nama if h.pegawai.opd else "",
            jenis.nama(h.jenis),
            str(jenis.TINGKAT_LABEL.get(h.tingkat, h.tingkat)),
            h.nomor_sk,
            h.tanggal_sk,
            h.tmt_mulai,
            h.tmt_selesai,
            h.keterangan,
        ]


@login_required
@require_GET
def hukuman_list(request: HttpRequest) -> HttpResponse:
    """The BKD's list of disciplinary sanctions with filters; `?export=xlsx` downloads it."""
    actor = actor_from_request(request)
    access.require_read_admin(actor)
    form = HukumanFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    rows = selectors.hukuman_rows(
        actor,
        opd_id=f["opd"].pk if f.get("opd") else None,
        tingkat=f.get("tingkat") or "",
        jenis_id=f.get("jenis") or None,
        tahun=f.get("tahun"),
        q=(f.get("q") or "").strip(),
    )
    if request.GET.get("export") == "xlsx":
        data = table_xlsx(
            sheet=_("Hukuman disiplin"),
            title=_("Hukuman disiplin"),
            header=[
                _("NIP"),
                _("Nama"),
                _("Perangkat daerah"),
                _("Jenis hukuman"),
                _("Tingkat"),
                _("Nomor SK"),
                _("Tanggal SK"),
                _("TMT hukuman"),
                _("Akhir hukuman"),
                _("Keterangan"),
            ],
            rows=_hukuman_table(rows.iterator(chunk_size=2000)),
        )
        return xlsx_attachment(data, "hukuman-disiplin")
    params = urlencode({k: v for k, v in request.GET.items() if k not in {"page", "export"} and v})
    page = page_for(request, rows, PER_PAGE)
    ctx = {
        "form": form,
        "page_obj": page,
        "rows": [(h, jenis.nama(h.jenis), jenis.TINGKAT_LABEL.get(h.tingkat, h.tingkat)) for h in page],
        "querystring_base": f"{params}&" if params else "",
        "params": params,
        "is_bkd": access.is_bkd(actor),
    }
    return render(request, "talent/ninebox/hukuman_list.html", ctx)


@login_required
@require_GET
def hukuman_pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """One person's sanctions: the BKD and auditors, and the person themself."""
    actor = actor_from_request(request)
    person = access.person_for_actor(actor, pegawai_id)
    if not access.may_see_sanctions_of(actor, person):
        raise Http404(_("Hukuman disiplin tidak ditemukan."))
    rows = selectors.hukuman_rows(actor, pegawai_id=person.pk)
    ctx = {
        "pegawai": person,
        "rows": [(h, jenis.nama(h.jenis), jenis.TINGKAT_LABEL.get(h.tingkat, h.tingkat)) for h in rows],
        "is_bkd": access.is_bkd(actor) and actor.pegawai_id != person.pk,
    }
    return render(request, "talent/ninebox/hukuman_pegawai.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def hukuman_baru(request: HttpRequest) -> HttpResponse:
    """Record a sanction (BKD admin): the person by NIP, the SIASN kind, the decree and its dates."""
    actor = actor_from_request(request)
    access.require_hukuman_form(actor)
    form = HukumanForm(request.POST or None, initial={"nip": request.GET.get("nip", "")[:18]})
    if request.method == "POST" and form.is_valid():
        person = Pegawai.objects.filter(nip=form.cleaned_data["nip"].strip()).first()
        if person is None:
            form.add_error("nip", _("Pegawai dengan NIP ini tidak ditemukan."))
        else:
            try:
                row = services.hukuman_record(actor=actor, pegawai=person, data=_hukuman_data(form.cleaned_data))
            except (ValidationError, PermissionDenied) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Hukuman disiplin %(sk)s dicatat.") % {"sk": row.nomor_sk})
                return redirect("talent:ninebox_hukuman_pegawai", person.pk)
    status = 400 if form.errors else 200
    return render(request, "talent/ninebox/hukuman_form.html", {"form": form, "hukuman": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def hukuman_ubah(request: HttpRequest, hukuman_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.hukuman_to_correct(actor, hukuman_id)
    access.require_hukuman_form(actor)
    initial = {
        "jenis": row.jenis,
        "nomor_sk": row.nomor_sk,
        "tanggal_sk": row.tanggal_sk,
        "tmt_mulai": row.tmt_mulai,
        "tmt_selesai": row.tmt_selesai,
        "keterangan": row.keterangan,
    }
    form = HukumanForm(request.POST or None, initial=initial, with_nip=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.hukuman_update(actor=actor, hukuman=row, data=_hukuman_data(form.cleaned_data))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Hukuman disiplin diperbarui."))
            return redirect("talent:ninebox_hukuman_pegawai", row.pegawai_id)
    status = 400 if form.errors else 200
    return render(request, "talent/ninebox/hukuman_form.html", {"form": form, "hukuman": row}, status=status)


# ------------------------------------------------------------------------------------ rule sets
@login_required
@require_GET
def aturan_list(request: HttpRequest) -> HttpResponse:
    """Every rule set version, the active ones marked (BKD admins and auditors)."""
    actor = actor_from_request(request)
    access.require_read_admin(actor)
    rows = list(selectors.rulesets())
    ctx = {"rows": rows, "is_bkd": access.is_bkd(actor)}
    return render(request, "talent/ninebox/aturan_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def aturan_versi(request: HttpRequest, aturan_id: int) -> HttpResponse:
    """A new version of a rule set, filled in from the one it revises (which stays as it is)."""
    actor = actor_from_request(request)
    dasar = access.aturan_for_actor(actor, aturan_id)
    access.require_bkd(actor, _("Hanya admin BKD yang dapat mengubah aturan talenta."))
    form = AturanForm(request.POST or None, initial=AturanForm.initial_from(dasar))
    if request.method == "POST" and form.is_valid():
        try:
            row = services.aturan_add_version(actor=actor, dasar=dasar, data=services.AturanData(**form.data_values()))
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Versi %(v)s aturan %(k)s disimpan (belum aktif).") % {"v": row.versi, "k": row.kode}
            )
            return redirect("talent:ninebox_aturan_list")
    status = 400 if form.errors else 200
    return render(request, "talent/ninebox/aturan_form.html", {"form": form, "dasar": dasar}, status=status)


@login_required
@require_POST
def aturan_aktifkan(request: HttpRequest, aturan_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    aturan = access.aturan_for_actor(actor, aturan_id)
    try:
        services.aturan_activate(actor=actor, aturan=aturan)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Aturan %(k)s versi %(v)s sekarang aktif.") % {"k": aturan.kode, "v": aturan.versi})
    return redirect("talent:ninebox_aturan_list")
