"""Who sees and does what in succession (issue #12 item 5), derived from `karier.talent.access`.

- **See** key positions, their candidates and nominations: BKD admins and auditors all of them; an
  agency head those of the agency they head. Everyone else gets 404 (a key position, and who is lined
  up for it, is not for the whole office).
- **Mark** key positions and **record the talent committee's decision**: BKD admins only.
- **Nominate** a candidate: a BKD admin, or the head of the position's agency.
- **Nobody decides about themselves nor about the position they hold** (conflict of interest), and
  nobody nominates themselves.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.people.access import Actor
from karier.people.models import UnitKerja
from karier.talent.access import is_bkd, require_bkd, require_not_self
from karier.talent.models import JabatanKritikal, NominasiSuksesi, PenempatanTalenta

MSG_JABATAN_SENDIRI = gettext_noop(
    "Anda tidak dapat memutuskan suksesi jabatan yang Anda duduki sendiri (benturan kepentingan); "
    "keputusan ini dicatat oleh admin BKD lain."
)


def may_see_any(actor: Actor) -> bool:
    return actor.sees_everyone or bool(actor.opd_ids)


def visible_kritikal(actor: Actor) -> QuerySet[JabatanKritikal]:
    """The key positions the actor may see: all for BKD and auditors, their agency's for its head."""
    qs = JabatanKritikal.objects.all()
    if actor.user_id is None:
        return qs.none()
    if actor.sees_everyone:
        return qs
    return qs.filter(jabatan__unit__opd_id__in=actor.opd_ids)


def kritikal_for_actor(actor: Actor, jabatan_kritikal_id: int) -> JabatanKritikal:
    """The one lookup of a key position (404 when hidden or missing)."""
    found = (
        visible_kritikal(actor)
        .select_related("jabatan__unit__opd", "jabatan__jabatan_fungsional", "golongan_minimal", "ditetapkan_oleh")
        .filter(pk=jabatan_kritikal_id)
        .first()
    )
    if found is None:
        raise Http404(_("Jabatan kritikal tidak ditemukan."))
    return found


def nominasi_for_actor(actor: Actor, nominasi_id: int) -> NominasiSuksesi:
    """A nomination, found only inside the key positions the actor may see (404 otherwise)."""
    found = (
        NominasiSuksesi.objects.filter(pk=nominasi_id, jabatan_kritikal__in=visible_kritikal(actor))
        .select_related("jabatan_kritikal__jabatan__unit", "pegawai")
        .first()
    )
    if found is None:
        raise Http404(_("Nominasi tidak ditemukan."))
    return found


def visible_pool(actor: Actor, pool: QuerySet[PenempatanTalenta]) -> QuerySet[PenempatanTalenta]:
    """The part of the talent pool the actor may see: all of it for BKD and auditors, their agency's
    people for its head."""
    if actor.sees_everyone:
        return pool
    return pool.filter(pegawai__opd_id__in=actor.opd_ids)


def visible_opd(actor: Actor) -> QuerySet[UnitKerja]:
    """Agencies whose key positions and talent pool the actor may see."""
    qs = UnitKerja.objects.filter(parent__isnull=True).order_by("nama")
    if actor.sees_everyone:
        return qs
    return qs.filter(pk__in=actor.opd_ids)


def require_see_any(actor: Actor) -> None:
    """Screens listing key positions or the talent pool: 404 to anyone with nothing to see."""
    if not may_see_any(actor):
        raise Http404(_("Halaman tidak ditemukan."))


def require_manage(actor: Actor) -> None:
    require_bkd(actor, _("Hanya admin BKD yang dapat menetapkan jabatan kritikal dan syaratnya."))


def may_nominate(actor: Actor, kritikal: JabatanKritikal) -> bool:
    if actor.is_auditor:
        return False
    return is_bkd(actor) or kritikal.jabatan.unit.opd_id in actor.opd_ids


def require_nominate(actor: Actor, kritikal: JabatanKritikal, pegawai_id: int) -> None:
    """A BKD admin or the position's agency head, never about themselves (the committee's decision
    would follow a proposal one made for oneself)."""
    require_not_self(actor, pegawai_id)
    if not may_nominate(actor, kritikal):
        raise PermissionDenied(
            _("Hanya admin BKD atau kepala perangkat daerah jabatan ini yang dapat mengusulkan kandidat.")
        )


def require_decide(actor: Actor, nominasi: NominasiSuksesi) -> None:
    """The committee's decision: never about oneself, never about one's own position, BKD only."""
    require_not_self(actor, nominasi.pegawai_id)
    if nominasi.jabatan_kritikal.jabatan_id in actor.jabatan_ids:
        raise PermissionDenied(_(MSG_JABATAN_SENDIRI))
    require_bkd(actor, _("Hanya admin BKD yang mencatat keputusan komite talenta."))
