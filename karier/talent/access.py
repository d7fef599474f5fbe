"""Who may see and decide what about a person's career (issue #12) — the one rule every talent area
derives from.

- **See**: a person's career data (predikat history, credit, eligibility, box, coaching, recognitions)
  is visible to whoever may see that person (`karier.people.access.pegawai_for_actor`; hidden is
  404): the person, their superiors up the tree, the agency head, BKD admins, auditors.
- **Decide as BKD**: promotions (verify, decide), credit conversions and PAK, sanctions, key
  positions, rule sets, the talent committee's decisions, imports — BKD admins only; auditors read.
- **Decide as superior**: coaching plans and their notes, verifying innovations — the official who
  rates the person's position (`people.access.is_rater` on the position above, Plt/Plh included).
- **Nobody decides about themselves**: every decision refuses the actor's own record with the
  conflict-of-interest message, before any other check.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from karier.people.access import Actor, is_rater, pegawai_for_actor, visible_pegawai
from karier.people.models import Pegawai

MSG_SENDIRI = "Anda tidak dapat memutuskan hal ini tentang diri Anda sendiri (benturan kepentingan)."


def person_for_actor(actor: Actor, pegawai_id: int) -> Pegawai:
    """The person, if the actor may see them (404 otherwise)."""
    return pegawai_for_actor(actor, pegawai_id)


def people_for_actor(actor: Actor) -> QuerySet[Pegawai]:
    """Everyone whose career the actor may see (lists filter this first)."""
    return visible_pegawai(actor)


def is_bkd(actor: Actor) -> bool:
    """A BKD admin who may write (not an auditor, not a read-only role)."""
    return actor.can_write_master_data and not actor.is_auditor


def require_bkd(actor: Actor, apa: str | None = None) -> None:
    if not is_bkd(actor):
        raise PermissionDenied(apa or _("Hanya admin BKD yang dapat melakukan tindakan ini."))


def require_not_self(actor: Actor, pegawai_id: int) -> None:
    """Refuse a decision about the actor's own record (checked first by every deciding service)."""
    if actor.pegawai_id is not None and actor.pegawai_id == pegawai_id:
        raise PermissionDenied(_(MSG_SENDIRI))


def is_superior(actor: Actor, pegawai: Pegawai) -> bool:
    """The official who rates the person's position (`people.access.is_rater`), never the person."""
    if pegawai.jabatan_id is None:
        return False
    atasan_id = pegawai.jabatan.atasan_id if pegawai.jabatan else None
    return is_rater(actor, subject_id=pegawai.pk, penilai_id=None, penilai_jabatan_id=atasan_id)


def require_bkd_decision(actor: Actor, pegawai: Pegawai, apa: str | None = None) -> None:
    """A BKD decision about a person: not about oneself, and only by a BKD admin."""
    require_not_self(actor, pegawai.pk)
    require_bkd(actor, apa)


def require_superior_or_bkd(actor: Actor, pegawai: Pegawai, apa: str | None = None) -> None:
    """A decision the superior (or a BKD admin) takes about a person: never about oneself."""
    require_not_self(actor, pegawai.pk)
    if actor.is_auditor or not (is_superior(actor, pegawai) or is_bkd(actor)):
        raise PermissionDenied(apa or _("Hanya atasan langsung atau admin BKD yang dapat melakukan tindakan ini."))
