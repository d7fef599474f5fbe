"""The career page (issue #12 item 7): mine at /karier/, a person's at /karier/pegawai/<id>/ (whoever may
see that person; hidden is 404), and the list of people whose careers the actor may see at /karier/tim/
(superiors: their team; agency heads: their agency; BKD: everyone) with an Excel download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from karier.core.excel import table_xlsx, xlsx_attachment
from karier.core.paging import page_for
from karier.people.access import actor_from_request
from karier.people.models import Pegawai
from karier.rules import nine_box_category, nine_box_recommendation
from karier.talent import access
from karier.talent.career import selectors

PER_PAGE = 50
EXPORT_MAX = 20_000


def _page(request: HttpRequest, pegawai: Pegawai, sendiri: bool) -> HttpResponse:
    """The page: this app's own figures, and each area's block through its selector for the career page
    (the same reads the area's own screens make, so both always agree)."""
    from karier.talent.coaching.selectors import coaching_for_person
    from karier.talent.credit.selectors import credit_for_person
    from karier.talent.ninebox.selectors import placement_for_person
    from karier.talent.promotion.selectors import promotion_for_person
    from karier.talent.recognition.selectors import recognition_for_person
    from karier.talent.succession.selectors import succession_for_person

    actor = actor_from_request(request)
    data = selectors.career(pegawai)
    box = data.penempatan.kotak if data.penempatan else None
    ctx = {
        "k": data,
        "pegawai": pegawai,
        "sendiri": sendiri,
        "kotak_nama": nine_box_category(box) if box else "",
        "kotak_saran": nine_box_recommendation(box) if box else (),
        "kp": promotion_for_person(actor, pegawai),
        "kredit": credit_for_person(actor, pegawai),
        "talenta": placement_for_person(actor, pegawai),
        "bimbingan": coaching_for_person(actor, pegawai),
        "suksesi": succession_for_person(actor, pegawai),
        "rekognisi": recognition_for_person(actor, pegawai),
    }
    return render(request, "talent/career/page.html", ctx)


def _person(pegawai_id: int, request: HttpRequest) -> Pegawai:
    actor = actor_from_request(request)
    return access.person_for_actor(actor, pegawai_id, related=("golongan", "jabatan__unit", "unit", "opd"))


@login_required
@require_GET
def karier_saya(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise Http404(_("Akun Anda tidak terhubung dengan data pegawai."))
    return _page(request, _person(actor.pegawai_id, request), True)


@login_required
@require_GET
def karier_pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    pegawai = _person(pegawai_id, request)
    return _page(request, pegawai, actor.pegawai_id == pegawai.pk)


@login_required
@require_GET
def karier_tim(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    q = (request.GET.get("q") or "").strip()[:100]
    people = access.people_for_actor(actor).filter(aktif=True)
    if actor.pegawai_id is not None and not actor.sees_everyone:
        people = people.exclude(pk=actor.pegawai_id)
    if q:
        people = people.filter(Q(nama__icontains=q) | Q(nip__startswith=q))
    people = people.select_related("golongan", "jabatan", "unit").order_by("nama", "pk")
    if request.GET.get("export") == "xlsx":
        rows = selectors.team_rows(people[:EXPORT_MAX])
        data = table_xlsx(
            sheet=_("Karier"),
            title=_("Karier pegawai"),
            header=[
                _("NIP"),
                _("Nama"),
                _("Golongan"),
                _("Jabatan"),
                _("Predikat terakhir"),
                _("Kotak talenta"),
                _("Memenuhi syarat kenaikan pangkat"),
                _("TMT terdekat"),
            ],
            rows=(
                [
                    r.pegawai.nip,
                    r.pegawai.nama_lengkap,
                    r.pegawai.golongan.kode if r.pegawai.golongan else "",
                    r.pegawai.jabatan.nama if r.pegawai.jabatan else "",
                    r.predikat,
                    r.kotak or "",
                    "" if r.layak is None else (_("ya") if r.layak else _("belum")),
                    r.tmt_terdekat or "",
                ]
                for r in rows
            ),
        )
        return xlsx_attachment(data, "karier-pegawai")
    page = page_for(request, people, PER_PAGE)
    ctx = {
        "rows": selectors.team_rows(page.object_list),  # type: ignore[arg-type]
        "page_obj": page,
        "q": q,
        "querystring_base": urlencode({"q": q}) + "&" if q else "",
    }
    return render(request, "talent/career/tim.html", ctx)
