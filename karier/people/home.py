"""The people app's cards on the home page (`karier.core.home`): my data and appraiser, my direct
subordinates, the agency's headcount, and the province's master-data problems.

Registered from `PeopleConfig.ready()`. The personal cards run a fixed number of queries; the agency
and province cards are GROUP BY counts kept for `STATS_TTL` (never a loop over people).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from karier.core import datainduk
from karier.core.home import cached, register_panel
from karier.people import selectors
from karier.people.access import Actor
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai, Penugasan

MAX_SUBORDINATES = 50
MAX_VACANT = 20


def data_saya(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """My data and my appraiser today (two queries, plus the appraiser walk)."""
    me = selectors.own_profile(actor)
    if me is None:
        return None
    return {"me": me, "appraiser": selectors.appraiser_on(me.pk, today)}


def bawahan(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """My direct subordinates (the first 50, and how many in all: the request's one read of the team)."""
    if not actor.has_subordinates:
        return None
    team = selectors.direct_team(actor, today)
    return {"subordinates": team[:MAX_SUBORDINATES], "subordinate_count": len(team)}


def _jenis_labels(rows: list[dict[str, object]]) -> list[tuple[str, object]]:
    labels = dict(JenisJabatan.choices)
    return [(str(labels.get(str(r["jabatan__jenis"]), _("Tanpa jabatan"))), r["n"]) for r in rows]


def _agency_stats(opd_ids: tuple[int, ...], today: dt.date) -> dict[str, Any]:
    agency = Pegawai.objects.filter(opd_id__in=opd_ids, aktif=True)
    by_jenis = selectors.headcount_by(agency, "jabatan__jenis")
    return {
        "agency_total": sum(int(str(r["n"])) for r in by_jenis),
        "agency_by_jenis": _jenis_labels(by_jenis),
        "agency_vacant": list(selectors.vacant_managerial_positions(today, opd_ids)[:MAX_VACANT]),
    }


def pegawai_opd(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """The agencies I head: headcount by kind of position and vacant managerial positions (cached)."""
    if not actor.opd_ids:
        return None
    return cached(f"opd:pegawai:{today}:{actor.opd_ids}", lambda: _agency_stats(actor.opd_ids, today))


def superior_covered(today: dt.date) -> Exists:
    """Someone covers the person's superior position today. Without it the appraiser is found further
    up (or not at all) — a problem to fix in the master data."""
    return Exists(Penugasan.objects.filter(selectors.active_on(today), jabatan_id=OuterRef("jabatan__atasan_id")))


def _province_stats(today: dt.date) -> dict[str, Any]:
    """Six aggregate queries over the whole province."""
    everyone = Pegawai.objects.filter(aktif=True)
    by_golongan = selectors.headcount_by(everyone, "golongan__kode")
    vacant = selectors.vacant_managerial_positions(today)
    return {
        "total": sum(int(str(r["n"])) for r in by_golongan),
        "by_golongan": by_golongan,
        "by_jenis": _jenis_labels(selectors.headcount_by(everyone, "jabatan__jenis")),
        "vacant_count": vacant.count(),
        "vacant": list(vacant[:MAX_VACANT]),
        "without_position": everyone.filter(jabatan__isnull=True).count(),
        # The superior position right above is vacant (definitive, Plt and Plh alike).
        "atasan_kosong": everyone.filter(jabatan__atasan__isnull=False).exclude(superior_covered(today)).count(),
    }


def masalah_provinsi(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """Master data problems and headcounts of the province, for the BKD admin and the auditor."""
    if not actor.sees_everyone:
        return None
    data = dict(cached(f"provinsi:pegawai:{today}", lambda: _province_stats(today)) or {})
    data["boleh_ubah"] = datainduk.may_manage(actor)  # the link to /data-induk/, by the site's own rule
    return data


def register() -> None:
    register_panel("people.data_saya", 10, data_saya, "people/home/data_saya.html", section="profil")
    register_panel("people.bawahan", 90, bawahan, "people/home/bawahan.html", section="atasan")
    register_panel("people.pegawai_opd", 90, pegawai_opd, "people/home/pegawai_opd.html", section="opd")
    register_panel("people.masalah", 50, masalah_provinsi, "people/home/masalah_provinsi.html", section="provinsi")
