"""Who may set a unit's result, calibrate, finalise, sign, reopen and decide objections (issue #5, parts 5–8).

Decisions (docs/calibration.md):

- **Unit result** (predikat kinerja organisasi): whoever covers (definitive, Plt or Plh) the superior
  position of the unit's head position — "the head above the unit". A vacant superior position is
  walked past, like the appraiser. A BKD admin may not, except for a unit whose head has no superior
  position in the system (e.g. the Sekretariat Daerah, whose result the regional head sets: the admin
  records it on his behalf).
- **Calibration and finalisation** of a unit: whoever covers the unit's head position, or the head of
  its agency. BKD admins and auditors read; others get 404.
- **Superior's signature** and **objection decisions**: whoever covers the superior position of the
  appraiser's position (atasan pejabat penilai); when the appraiser has no superior in the system, the
  BKD admin.
- **Reopening** a final evaluation: a BKD admin, or a signer (the appraiser, or the superior).
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone

from karier.appraisal.models import Evaluasi
from karier.people.access import Actor
from karier.people.models import Jabatan, Penugasan, UnitKerja
from karier.people.selectors import active_on

MSG_UNIT_404 = "Unit kerja tidak ditemukan."


def kepala_jabatan(unit: UnitKerja | int) -> Jabatan | None:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return Jabatan.objects.filter(unit_id=unit_id, adalah_kepala_unit=True).select_related("atasan").first()


def _covered(jabatan_id: int, d: dt.date) -> bool:
    return Penugasan.objects.filter(active_on(d), jabatan_id=jabatan_id).exists()


def covering_superior(jabatan: Jabatan | None, d: dt.date | None = None) -> int | None:
    """The first superior position above `jabatan` that someone covers on `d` (vacant ones are walked
    past); None at the top of the tree. One query per level walked (usually one)."""
    d = d or timezone.localdate()
    superior_id = jabatan.atasan_id if jabatan else None
    seen: set[int] = set()
    while superior_id is not None and superior_id not in seen:
        seen.add(superior_id)
        if _covered(superior_id, d):
            return superior_id
        superior_id = Jabatan.objects.filter(pk=superior_id).values_list("atasan_id", flat=True).first()
    return None


def result_setter_position(unit: UnitKerja) -> int | None:
    """The position whose holder sets the unit's result: above the unit's head position (or, for a unit
    without a head position, the parent unit's head position)."""
    kepala = kepala_jabatan(unit)
    if kepala is None:
        parent_head = kepala_jabatan(unit.parent_id) if unit.parent_id else None
        return parent_head.pk if parent_head else None
    return covering_superior(kepala)


def can_set_unit_result(actor: Actor, unit: UnitKerja) -> bool:
    if actor.is_auditor or actor.user_id is None:
        return False
    position = result_setter_position(unit)
    if position is None:
        return actor.is_admin
    return position in actor.jabatan_ids


def is_unit_head(actor: Actor, unit: UnitKerja) -> bool:
    if actor.is_auditor or not actor.jabatan_ids:
        return False
    return Jabatan.objects.filter(unit_id=unit.pk, adalah_kepala_unit=True, pk__in=actor.jabatan_ids).exists()


def is_agency_head(actor: Actor, unit: UnitKerja) -> bool:
    return not actor.is_auditor and (unit.opd_id or unit.pk) in actor.opd_ids


def can_calibrate(actor: Actor, unit: UnitKerja) -> bool:
    """Move people between categories and finalise: the unit head or the agency head."""
    return is_agency_head(actor, unit) or is_unit_head(actor, unit)


def can_view_unit(actor: Actor, unit: UnitKerja) -> bool:
    return actor.sees_everyone or can_calibrate(actor, unit) or can_set_unit_result(actor, unit)


def unit_for_calibration(actor: Actor, unit_id: int) -> UnitKerja:
    """The unit if the actor may see its calibration; 404 otherwise (never 403)."""
    unit = UnitKerja.objects.filter(pk=unit_id).select_related("parent", "opd").first()
    if unit is None or actor.user_id is None or not can_view_unit(actor, unit):
        raise Http404(MSG_UNIT_404)
    return unit


def agency_for_calibration(actor: Actor, opd_id: int) -> UnitKerja:
    unit = UnitKerja.objects.filter(pk=opd_id, parent__isnull=True).first()
    if unit is None or actor.user_id is None or not (actor.sees_everyone or unit.pk in actor.opd_ids):
        raise Http404("Perangkat daerah tidak ditemukan.")
    return unit


def can_read_unit_documents(actor: Actor, unit: UnitKerja) -> bool:
    """Penetapan predikat and the recap: unit head, agency head, BKD admin, auditor."""
    return actor.sees_everyone or can_calibrate(actor, unit)


# ---------------------------------------------------------------------------- signatures
def atasan_penilai_position(evaluasi: Evaluasi) -> int | None:
    """The appraiser's superior position (covered today), or None when the appraiser has none."""
    if evaluasi.penilai_jabatan_id is None:
        return None
    jabatan = Jabatan.objects.filter(pk=evaluasi.penilai_jabatan_id).first()
    return covering_superior(jabatan)


def is_atasan_penilai(actor: Actor, evaluasi: Evaluasi, position: int | None = -1) -> bool:
    """Signs second and decides objections. `position` may be passed when already resolved."""
    if actor.is_auditor or actor.user_id is None or actor.pegawai_id == evaluasi.pegawai_id:
        return False
    pos = atasan_penilai_position(evaluasi) if position == -1 else position
    if pos is None:
        return actor.is_admin
    return pos in actor.jabatan_ids
