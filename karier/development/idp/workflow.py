"""The development plan's workflow as a transition table, as in the SKP (`karier.plans.workflow`).

    DRAFT ──ajukan (pemilik)──▶ DIAJUKAN ──setujui (atasan)──▶ DISETUJUI
                                   │   ▲                          │
                        kembalikan │   │ ajukan (pemilik)         │ kembalikan (atasan, catatan wajib):
              (atasan, catatan)    ▼   │                          │ an agreed plan is locked; a change
                                DIKEMBALIKAN ◀────────────────────┘ needs the superior to return it

Only `karier.development.idp.services` moves a status, and it asks `check` first. A refusal says why
in Bahasa Indonesia and whether it is about *who* (`forbidden`, 403) or the plan's *state* (409).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.development.models import StatusRencana
from karier.plans.workflow import Refusal  # the one refusal shape of every workflow table


class Aksi(StrEnum):
    AJUKAN = "ajukan"
    SETUJUI = "setujui"
    KEMBALIKAN = "kembalikan"


class Peran(StrEnum):
    """The two parties of a plan; everyone else (admin, auditor, officials higher up) only reads."""

    PEMILIK = "pemilik"  # the employee whose plan it is
    ATASAN = "atasan"  # the superior who appraises them today (Plt/Plh included, never themself)


@dataclass(frozen=True)
class Transition:
    dari: frozenset[str]
    ke: str
    oleh: Peran
    label: str | Promise
    butuh_catatan: bool = False


TRANSITIONS: dict[Aksi, Transition] = {
    Aksi.AJUKAN: Transition(
        frozenset({StatusRencana.DRAFT, StatusRencana.DIKEMBALIKAN}),
        StatusRencana.DIAJUKAN,
        Peran.PEMILIK,
        _l("Ajukan"),
    ),
    Aksi.SETUJUI: Transition(frozenset({StatusRencana.DIAJUKAN}), StatusRencana.DISETUJUI, Peran.ATASAN, _l("Setujui")),
    Aksi.KEMBALIKAN: Transition(
        frozenset({StatusRencana.DIAJUKAN, StatusRencana.DISETUJUI}),
        StatusRencana.DIKEMBALIKAN,
        Peran.ATASAN,
        _l("Kembalikan"),
        butuh_catatan=True,
    ),
}

#: Statuses in which the owner changes the items.
EDITABLE = frozenset({StatusRencana.DRAFT, StatusRencana.DIKEMBALIKAN})

_WHO: dict[Peran, str | Promise] = {
    Peran.PEMILIK: _l("pegawai pemilik rencana"),
    Peran.ATASAN: _l("atasan langsung pegawai (atau Plt/Plh jabatannya)"),
}

_STATE_HINT: dict[Aksi, str | Promise] = {
    Aksi.AJUKAN: _l("Hanya rencana berstatus Draf atau Dikembalikan yang dapat diajukan."),
    Aksi.SETUJUI: _l("Hanya rencana yang sedang diajukan yang dapat disetujui."),
    Aksi.KEMBALIKAN: _l("Hanya rencana yang diajukan atau sudah disetujui yang dapat dikembalikan."),
}


def status_label(status: str) -> str:
    return str(dict(StatusRencana.choices).get(status, status))


def check(aksi: Aksi, *, status: str, peran: frozenset[Peran], catatan: str | None = None) -> Refusal | None:
    """None when the move is allowed; otherwise why not. Who is checked before state."""
    t = TRANSITIONS[aksi]
    if t.oleh not in peran:
        reason = _("Hanya %(who)s yang dapat melakukan “%(aksi)s” pada rencana pengembangan ini.")
        return Refusal(reason % {"who": _WHO[t.oleh], "aksi": t.label}, True)
    if status not in t.dari:
        reason = _("Rencana berstatus %(status)s. %(hint)s") % {
            "status": status_label(status),
            "hint": _STATE_HINT[aksi],
        }
        return Refusal(reason, False)
    if t.butuh_catatan and not (catatan or "").strip():
        return Refusal(_("Tulis catatan agar pegawai tahu apa yang perlu diperbaiki."), False, field="catatan")
    return None


def ensure(aksi: Aksi, *, status: str, peran: frozenset[Peran], catatan: str | None = None) -> None:
    refusal = check(aksi, status=status, peran=peran, catatan=catatan)
    if refusal is not None:
        refusal.raise_()


def allowed(*, status: str, peran: frozenset[Peran]) -> list[Aksi]:
    """The moves the actor may make now (the note aside): what the screen offers."""
    return [a for a in TRANSITIONS if check(a, status=status, peran=peran, catatan="x") is None]
