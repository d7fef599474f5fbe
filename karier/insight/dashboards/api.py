"""REST API of the dashboards (issue #13 item 5): the same figures per dashboard and filter, under the
same access rules as the screens (404 for an agency or unit the caller may not see, 403 for a
dashboard of a role the caller does not have)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from karier.api.helpers import path_id
from karier.api.schemas import ERRORS_404, JobOut
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_dict, job_for_actor
from karier.development.catalogue.selectors import targets
from karier.insight.dashboards import access, people, refresh, selectors
from karier.insight.dashboards.access import Lingkup
from karier.insight.dashboards.panels import Panel, panels, ringkasan_kunci
from karier.insight.dashboards.schemas import DasborFilter, DasborOut, SegarkanIn, TahunFilter
from karier.insight.dashboards.team_panels import saya_panels, team_panels
from karier.people.access import actor_from_request
from karier.plans.schemas import WRITE_ERRORS

router = Router()
READ = {200: DasborOut, **ERRORS_404, 403: ERRORS_404[404]}


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def _panel(p: Panel) -> dict[str, Any]:
    return {
        "kunci": p.kunci,
        "judul": p.judul,
        "keterangan": p.keterangan,
        "header": [str(h) for h in p.header],
        "rows": [[_cell(c) for c in row] for row in p.rows],
        "catatan": p.catatan,
        "figure": p.figure,
    }


def _out(
    lingkup: Lingkup,
    diperbarui: Any,
    items: list[Panel],
    summary: list[tuple[str, str, Any]],
    *,
    langsung: bool = False,
) -> dict[str, Any]:
    """`summary`: (stable key, label in the reader's language, value) — clients key on the first.
    `langsung`: the team's and the employee's dashboards read the live tables (no refresh time)."""
    return {
        "lingkup": {
            "tahun": lingkup.tahun,
            "opd_id": lingkup.opd.pk if lingkup.opd else None,
            "opd": lingkup.opd.nama if lingkup.opd else None,
            "unit_id": lingkup.unit.pk if lingkup.unit else None,
            "unit": lingkup.unit.nama if lingkup.unit else None,
        },
        "diperbarui_pada": diperbarui,
        "langsung": langsung,
        "ringkasan": {k: float(v) for k, _label, v in summary},
        "ringkasan_label": {k: str(label) for k, label, _v in summary},
        "panels": [_panel(p) for p in items],
    }


def _tahun(value: int | None, years: list[int]) -> int:
    if value is not None:
        return value
    return years[0] if years else timezone.localdate().year


def _ringkasan(lingkup: Lingkup) -> dict[str, Any]:
    angka = selectors.angka_dasbor(lingkup)
    diperbarui = angka.diperbarui.diperbarui_pada if angka.diperbarui else None
    return _out(lingkup, diperbarui, panels(angka), ringkasan_kunci(angka))


@router.get("/wawasan/dasbor/provinsi", response=READ, summary="Dasbor provinsi (admin BKD, auditor)")
def dasbor_provinsi(request: HttpRequest, f: Query[DasborFilter]) -> Any:
    actor = actor_from_request(request)
    access.require_province(actor)
    tahun = _tahun(f.tahun, selectors.tahun_list())
    return _ringkasan(access.lingkup_for_actor(actor, tahun=tahun, opd_id=f.opd, unit_id=f.unit))


@router.get("/wawasan/dasbor/opd", response=READ, summary="Dasbor perangkat daerah (kepala perangkat daerah)")
def dasbor_opd(request: HttpRequest, f: Query[DasborFilter]) -> Any:
    actor = actor_from_request(request)
    access.require_agency(actor)
    tahun = _tahun(f.tahun, selectors.tahun_list())
    lingkup = access.lingkup_for_actor(actor, tahun=tahun, opd_id=f.opd, unit_id=f.unit, default_opd=True)
    return _ringkasan(lingkup)


@router.get("/wawasan/dasbor/tim", response=READ, summary="Dasbor tim (atasan): bawahan langsung")
def dasbor_tim(request: HttpRequest, f: Query[TahunFilter]) -> Any:
    actor = actor_from_request(request)
    access.require_team(actor)
    tahun = _tahun(f.tahun, [])
    rows = people.team(actor, tahun)
    goal = targets()
    s = people.team_summary(rows, goal)
    labels = {
        "anggota": _("Anggota tim"),
        "skp_disetujui": _("SKP disetujui"),
        "skp_belum": _("Belum mempunyai SKP"),
        "evaluasi_terbuka": _("Evaluasi menunggu"),
        "umpan_balik": _("Umpan balik yang saya berikan"),
        "bimbingan_aktif": _("Bimbingan berjalan"),
        "jp_memenuhi": _("Memenuhi target JP"),
    }
    summary = [(k, labels[k], getattr(s, k)) for k in s.__dataclass_fields__]
    return _out(Lingkup(tahun=tahun), None, team_panels(rows, goal), summary, langsung=True)


@router.get("/wawasan/dasbor/saya", response=READ, summary="Dasbor saya (pegawai)")
def dasbor_saya(request: HttpRequest, f: Query[TahunFilter]) -> Any:
    actor = actor_from_request(request)
    access.require_employee(actor)
    tahun = _tahun(f.tahun, [])
    data = people.saya(actor, tahun)
    summary = [
        ("jp_total", _("JP tahun ini"), data.jp_total),
        ("jp_target", _("Target JP"), data.jp_target),
        ("umpan_balik", _("Umpan balik diterima"), data.umpan_balik),
    ]
    return _out(Lingkup(tahun=tahun), None, saya_panels(data), summary, langsung=True)


@router.post(
    "/wawasan/dasbor/segarkan",
    response={202: JobOut, **WRITE_ERRORS},
    summary="Segarkan data dasbor (admin BKD)",
    description="Berjalan di latar; pantau dengan `GET /wawasan/dasbor/segarkan/{job_id}`.",
)
def dasbor_segarkan(request: HttpRequest, body: SegarkanIn) -> Any:
    job = refresh.dasbor_refresh_start(actor=actor_from_request(request), tahun=body.tahun)
    job.refresh_from_db()
    return Status(202, job_dict(job))


@router.get(
    "/wawasan/dasbor/segarkan/{int:job_id}", response={200: JobOut, **ERRORS_404}, summary="Status penyegaran dasbor"
)
def dasbor_segarkan_status(request: HttpRequest, job_id: int = path_id("Id tugas.")) -> Any:
    return job_dict(job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.DASBOR))
