"""Writes to assignments (penugasan) and the current-position columns of Pegawai that follow them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.choices import JenisPenugasan
from karier.people.models import Jabatan, Pegawai, Penugasan
from karier.people.selectors import active_on
from karier.people.services.common import check_master_data, check_master_data_about


def _overlaps(mulai: dt.date, selesai: dt.date | None) -> Q:
    """Rows whose [mulai, selesai] intersects the given inclusive range."""
    q = Q(selesai__isnull=True) | Q(selesai__gte=mulai)
    if selesai is not None:
        q &= Q(mulai__lte=selesai)
    return q


@transaction.atomic
def penugasan_assign(
    *,
    actor: Actor,
    pegawai: Pegawai,
    jabatan: Jabatan,
    mulai: dt.date,
    selesai: dt.date | None = None,
    jenis: str = JenisPenugasan.DEFINITIF,
    nomor_sk: str = "",
    close_previous: bool = False,
) -> Penugasan:
    """Put someone in a position from `mulai` (Plt/Plh may be held beside a definitive position).

    With `close_previous`, the person's open definitive assignment ends the day before `mulai`
    (a transfer, mutasi). Otherwise an overlapping definitive assignment is refused.
    """
    check_master_data_about(actor, pegawai.pk)
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()
    if selesai is not None and selesai < mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    if not jabatan.aktif:
        raise ValidationError({"jabatan": _("Jabatan %(jabatan)s tidak aktif.") % {"jabatan": jabatan.nama}})
    same_kind = Penugasan.objects.filter(pegawai=pegawai).filter(_overlaps(mulai, selesai))
    if jenis == JenisPenugasan.DEFINITIF:
        current = same_kind.filter(jenis=JenisPenugasan.DEFINITIF)
        if close_previous:
            previous = current.filter(mulai__lt=mulai, selesai__isnull=True)
            current = current.exclude(pk__in=previous.values("pk"))
        if current.exists():
            other = current.select_related("jabatan").first()
            assert other is not None
            raise ValidationError(
                {
                    "jabatan": (
                        _(
                            "%(nama)s sudah memangku jabatan definitif %(jabatan_lain)s sejak %(mulai)s. Seorang "
                            "pegawai hanya dapat memangku satu jabatan definitif; gunakan Plt/Plh untuk penugasan "
                            "tambahan, atau akhiri jabatan yang lama (mutasi)."
                        )
                        % {"nama": pegawai.nama, "jabatan_lain": other.jabatan.nama, "mulai": f"{other.mulai:%d-%m-%Y}"}
                    )
                }
            )
        seats = (
            Penugasan.objects.filter(jabatan=jabatan, jenis=JenisPenugasan.DEFINITIF)
            .filter(_overlaps(mulai, selesai))
            .exclude(pegawai=pegawai)
        )
        if seats.count() >= jabatan.formasi:
            raise ValidationError(
                {
                    "jabatan": (
                        _("Jabatan %(jabatan)s sudah terisi penuh (formasi %(formasi)s) pada tanggal tersebut.")
                        % {"jabatan": jabatan.nama, "formasi": jabatan.formasi}
                    )
                }
            )
        if close_previous:
            previous.update(selesai=mulai - dt.timedelta(days=1))
    else:
        if same_kind.filter(jabatan=jabatan).exists():
            raise ValidationError(
                {
                    "jabatan": (
                        _("%(nama)s sudah ditugaskan pada jabatan ini pada tanggal tersebut.") % {"nama": pegawai.nama}
                    )
                }
            )
        if jabatan.pk == pegawai.jabatan_id:
            raise ValidationError({"jenis": _("Plt/Plh tidak dapat diberikan pada jabatan definitif sendiri.")})
    row = Penugasan.objects.create(
        pegawai=pegawai, jabatan=jabatan, jenis=jenis, mulai=mulai, selesai=selesai, nomor_sk=nomor_sk
    )
    penugasan_sync(pegawai_ids=[pegawai.pk])
    audit.record(
        actor=actor,
        action="pegawai.penugasan",
        obj=pegawai,
        summary=f"{jenis} {jabatan.nama} mulai {mulai:%d-%m-%Y}",
        changes={"jabatan": [None, jabatan.pk], "jenis": [None, jenis]},
    )
    return row


def penugasan_sync(*, pegawai_ids: list[int], on: dt.date | None = None) -> None:
    """Re-derive Pegawai.jabatan/unit/opd of these people from their definitive assignment on `on`.

    Not a service: no actor and no audit event. `penugasan_assign` calls it inside its own
    transaction (and audits the assignment); province-wide, use `penugasan_refresh`."""
    d = on or timezone.localdate()
    for chunk in _chunks(sorted(set(pegawai_ids)), REFRESH_CHUNK):
        _write_current_position(chunk, d)


# Pegawai ids per UPDATE: well under SQLite's 999 bound parameters, whatever the version.
REFRESH_CHUNK = 500


@dataclass(frozen=True)
class RefreshResult:
    tanggal: dt.date
    diperiksa: int
    diperbarui: int

    def as_dict(self) -> dict[str, Any]:
        return {"tanggal": self.tanggal.isoformat(), "diperiksa": self.diperiksa, "diperbarui": self.diperbarui}


def penugasan_refresh(*, actor: Actor, on: dt.date | None = None, chunk_size: int = REFRESH_CHUNK) -> RefreshResult:
    """Bring every Pegawai's current jabatan/unit/opd in line with the assignment history on `on`.

    `penugasan_assign` refreshes these columns when it writes, but a future-dated transfer starts,
    and a definitive assignment ends, with no write at all; `people.access.visibility_q` filters on
    the columns, so they must follow the calendar. Run daily (`people.tasks.segarkan_penugasan_task`)
    and on demand (`karier segarkan-penugasan`). Robust rather than "whose assignment starts today":
    it compares every person's columns with their history on the date, so a missed day heals itself.

    Cost: two streaming reads for the whole province, then per chunk of people that drifted a lock,
    one UPDATE computed in the database and one audit event — a fixed number of queries per chunk,
    never a query per person. Without a definitive assignment on the date the position is cleared
    and the last unit/agency kept, as `penugasan_assign` does. Master data: BKD admins, or Karier
    itself (`access.SYSTEM`) from the daily task and the command.
    """
    check_master_data(actor)
    d = on or timezone.localdate()
    expected: dict[int, tuple[Any, ...]] = {}
    rows = (
        _definitive_on(d)
        .order_by("pegawai_id", "mulai", "id")
        .values_list("pegawai_id", "jabatan_id", "mulai", "jabatan__unit_id", "jabatan__unit__opd_id")
    )
    for pegawai_id, *values in rows.iterator(chunk_size=5000):
        expected[pegawai_id] = tuple(values)  # the latest start wins if history ever overlaps
    drifted: list[int] = []
    checked = 0
    for pk, jabatan_id, tmt, unit_id, opd_id in (
        Pegawai.objects.order_by("pk")
        .values_list("pk", "jabatan_id", "tmt_jabatan", "unit_id", "opd_id")
        .iterator(chunk_size=5000)
    ):
        checked += 1
        if (jabatan_id, tmt, unit_id, opd_id) != expected.get(pk, (None, None, unit_id, opd_id)):
            drifted.append(pk)
    changed = 0
    for chunk in _chunks(drifted, max(1, chunk_size)):
        changed += _write_current_position(chunk, d, actor=actor)
    return RefreshResult(tanggal=d, diperiksa=checked, diperbarui=changed)


def _definitive_on(d: dt.date) -> QuerySet[Penugasan]:
    return Penugasan.objects.filter(active_on(d), jenis=JenisPenugasan.DEFINITIF)


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


@transaction.atomic
def _write_current_position(ids: list[int], d: dt.date, *, actor: Actor | None = None) -> int:
    """Set the columns of `ids` from their definitive assignment on d, in the database (one UPDATE
    with correlated subqueries per case). The rows are locked first, as `penugasan_assign` does, so
    an assignment written meanwhile is seen, not overwritten. With an actor, the changes are audited
    (one event per chunk)."""
    before = {
        pk: (jab, unit, opd)
        for pk, jab, unit, opd in Pegawai.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "jabatan_id", "unit_id", "opd_id")
    }
    if not before:
        return 0
    current = _definitive_on(d).filter(pegawai_id=OuterRef("pk")).order_by("-mulai", "-id")
    holding = Exists(_definitive_on(d).filter(pegawai_id=OuterRef("pk")))
    Pegawai.objects.filter(holding, pk__in=ids).update(
        jabatan_id=Subquery(current.values("jabatan_id")[:1]),
        tmt_jabatan=Subquery(current.values("mulai")[:1]),
        unit_id=Subquery(current.values("jabatan__unit_id")[:1]),
        opd_id=Subquery(current.values("jabatan__unit__opd_id")[:1]),
    )
    Pegawai.objects.filter(~holding, pk__in=ids).update(jabatan_id=None, tmt_jabatan=None)
    if actor is not None:
        after = {
            pk: (jab, unit, opd)
            for pk, jab, unit, opd in Pegawai.objects.filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "jabatan_id", "unit_id", "opd_id")
        }
        changes = {
            str(pk): {"jabatan": [old[0], after[pk][0]], "unit": [old[1], after[pk][1]], "opd": [old[2], after[pk][2]]}
            for pk, old in before.items()
            if old != after.get(pk)
        }
        first = Pegawai(pk=min(before))
        audit.record(
            actor=actor,
            action="pegawai.segarkan_penugasan",
            obj=first,
            summary=f"Jabatan kini {len(before)} pegawai disegarkan per {d:%d-%m-%Y}",
            changes={"tanggal": d, "pegawai": changes},
        )
    return len(before)
