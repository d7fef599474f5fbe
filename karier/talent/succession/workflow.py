"""A nomination's workflow as a transition table, as in the SKP (`karier.plans.workflow`).

    (usul: admin BKD or the agency head) ──▶ DIUSULKAN ──setujui (komite talenta)──▶ DISETUJUI
                                                  └─────────tolak (komite talenta)──▶ DITOLAK

Only `karier.talent.succession.services` moves a status, and it asks `check` first. Who may record
the committee's decision is `succession.access.require_decide`'s (asked before the table, never about
oneself); the table answers about the state: a decision is final (409).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from karier.plans.workflow import Refusal  # the one refusal shape of every workflow table
from karier.talent.models import StatusNominasi


class Aksi(StrEnum):
    SETUJUI = "setujui"
    TOLAK = "tolak"


@dataclass(frozen=True)
class Transition:
    dari: frozenset[str]
    ke: str


TRANSITIONS: dict[Aksi, Transition] = {
    Aksi.SETUJUI: Transition(frozenset({StatusNominasi.DIUSULKAN}), StatusNominasi.DISETUJUI),
    Aksi.TOLAK: Transition(frozenset({StatusNominasi.DIUSULKAN}), StatusNominasi.DITOLAK),
}

#: Statuses of a nomination still waiting for the committee (one per person and position at a time).
TERBUKA = frozenset({StatusNominasi.DIUSULKAN})


def check(aksi: Aksi, *, status: str) -> Refusal | None:
    """None when the move is allowed; otherwise why not (about the state, on the field ``status``)."""
    if status not in TRANSITIONS[aksi].dari:
        return Refusal(_("Nominasi ini sudah diputuskan komite."), False, field="status")
    return None


def ensure(aksi: Aksi, *, status: str) -> None:
    refusal = check(aksi, status=status)
    if refusal is not None:
        refusal.raise_()
