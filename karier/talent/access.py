"""Who may see and decide what about a person's career (issue #12) — the one rule every talent area
derives from.

- **See**: a person's career data (predikat history, credit, eligibility, box, coaching, recognitions)
  is visible to whoever may see that person (`karier.people.access.pegawai_for_actor`; hidden is
  404): the person, their superiors up the tree, the agency head, BKD admins, auditors.
- **Decide as BKD**: promotions (verify, decide), credit conversions and PAK, sanctions, key
  positions, rule sets, the talent committee's decisions, imports — BKD admins only; auditors read.
- **Decide as superior**: coaching plans and their notes, verifying innovations — the official who
  rates the person's position (`is_superior`: `people.access.is_rater`, Plt/Plh included).
- **Nobody decides about themselves**: every decision refuses the actor's own record with the
  conflict-of-interest message, before any other check.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.development.competency import access as competency_access
from karier.people.access import Actor, pegawai_for_actor, visible_pegawai
from karier.people.models import Pegawai

# gettext_noop: extracted for the catalogue, translated when raised (`_(MSG_SENDIRI)`).
MSG_SENDIRI = gettext_noop("Anda tidak dapat memutuskan hal ini tentang diri Anda sendiri (benturan kepentingan).")


def person_for_actor(actor: Actor, pegawai_id: int, *, related: Sequence[str] = ()) -> Pegawai:
    """The person, if the actor may see them (404 otherwise); `related` is loaded in the same query."""
    if not related:
        return pegawai_for_actor(actor, pegawai_id)
    found = visible_pegawai(actor).select_related(*related).filter(pk=pegawai_id).first()
    if found is None:
        raise Http404(_("Pegawai tidak ditemukan."))
    return found


def people_for_actor(actor: Actor) -> QuerySet[Pegawai]:
    """Everyone whose career the actor may see (lists filter this first)."""
    return visible_pegawai(actor)


def is_bkd(actor: Actor) -> bool:
    """A BKD admin who may write (not an auditor, not a read-only role)."""
    return actor.can_write_master_data and not actor.is_auditor


def require_bkd(actor: Actor, apa: str | None = None) -> None:
    if not is_bkd(actor):
        raise PermissionDenied(apa or _("Hanya admin BKD yang dapat melakukan tindakan ini."))


def require_bkd_screen(actor: Actor, apa: str | None = None) -> None:
    """A BKD screen (runs, imports): BKD admins work on it, auditors read it; anyone else is told whose
    screen it is (403)."""
    if not (is_bkd(actor) or actor.is_auditor):
        raise PermissionDenied(apa or _("Halaman ini untuk admin BKD."))


def require_not_self(actor: Actor, pegawai_id: int) -> None:
    """Refuse a decision about the actor's own record (checked first by every deciding service)."""
    if actor.pegawai_id is not None and actor.pegawai_id == pegawai_id:
        raise PermissionDenied(_(MSG_SENDIRI))


def is_superior(actor: Actor, pegawai: Pegawai) -> bool:
    """The official who rates the person's position — the competency rule's `is_superior`
    (`people.access.is_rater` on the position above, Plt/Plh included), never the person."""
    return competency_access.is_superior(actor, pegawai)


def require_bkd_decision(actor: Actor, pegawai: Pegawai, apa: str | None = None) -> None:
    """A BKD decision about a person: not about oneself, and only by a BKD admin."""
    require_not_self(actor, pegawai.pk)
    require_bkd(actor, apa)


def require_superior_or_bkd(actor: Actor, pegawai: Pegawai, apa: str | None = None) -> None:
    """A decision the superior (or a BKD admin) takes about a person: never about oneself."""
    require_not_self(actor, pegawai.pk)
    if actor.is_auditor or not (is_superior(actor, pegawai) or is_bkd(actor)):
        raise PermissionDenied(apa or _("Hanya atasan langsung atau admin BKD yang dapat melakukan tindakan ini."))
