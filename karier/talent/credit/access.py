"""Who sees and decides angka kredit, derived from `karier.talent.access` (the one rule of the app).

A person's ledger, status and PAKs are seen by whoever may see the person (hidden is 404); every
write is a BKD decision (`require_bkd_decision`: never about oneself, only a BKD admin); formasi is
a BKD setting about no one person (`require_bkd`).
"""

from __future__ import annotations

from django.http import Http404

from karier.people.access import Actor
from karier.talent.access import is_bkd, person_for_actor
from karier.talent.models import PenetapanAngkaKredit

__all__ = ["can_decide", "pak_for_actor"]


def can_decide(actor: Actor, pegawai_id: int) -> bool:
    """Whether the screens offer the BKD forms for this person (the services check again)."""
    return is_bkd(actor) and actor.pegawai_id != pegawai_id


def pak_for_actor(actor: Actor, pak_id: int) -> PenetapanAngkaKredit:
    """An issued PAK, found only when its person is visible to the actor (404 otherwise)."""
    pak = PenetapanAngkaKredit.objects.filter(pk=pak_id).first()
    if pak is None:
        raise Http404
    person_for_actor(actor, pak.pegawai_id)
    return pak
