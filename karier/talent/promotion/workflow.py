"""The promotion proposal's workflow as a transition table, as in the SKP (`karier.plans.workflow`).

    (usul, admin BKD) ──▶ DIUSULKAN ──verifikasi (admin BKD)──▶ DIVERIFIKASI ──tetapkan (admin BKD,
                              │                                    │           nomor dan tanggal SK)──▶ DITETAPKAN
                              └──────tolak (admin BKD, alasan)─────┴──────────▶ DITOLAK

Only `karier.talent.promotion.services` moves a status, and it asks `check` first. A refusal says
why in Bahasa Indonesia and whether it is about *who* (`forbidden`, 403) or the *state* (409).
Nobody decides about themselves: the services refuse that before they ask the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.plans.workflow import Refusal  # the one refusal shape of every workflow table
from karier.talent.models import StatusUsulanPangkat


class Aksi(StrEnum):
    VERIFIKASI = "verifikasi"
    TOLAK = "tolak"
    TETAPKAN = "tetapkan"


class Peran(StrEnum):
    """Only the BKD acts on a proposal; the agency head, the superior and the person read it."""

    BKD = "bkd"


@dataclass(frozen=True)
class Transition:
    dari: frozenset[str]
    ke: str
    oleh: Peran
    label: str | Promise
    butuh_alasan: bool = False


TRANSITIONS: dict[Aksi, Transition] = {
    Aksi.VERIFIKASI: Transition(
        frozenset({StatusUsulanPangkat.DIUSULKAN}), StatusUsulanPangkat.DIVERIFIKASI, Peran.BKD, _l("Verifikasi")
    ),
    Aksi.TOLAK: Transition(
        frozenset({StatusUsulanPangkat.DIUSULKAN, StatusUsulanPangkat.DIVERIFIKASI}),
        StatusUsulanPangkat.DITOLAK,
        Peran.BKD,
        _l("Tolak"),
        butuh_alasan=True,
    ),
    Aksi.TETAPKAN: Transition(
        frozenset({StatusUsulanPangkat.DIVERIFIKASI}), StatusUsulanPangkat.DITETAPKAN, Peran.BKD, _l("Tetapkan")
    ),
}

#: Statuses of a proposal still open (one per person at a time).
TERBUKA = frozenset({StatusUsulanPangkat.DIUSULKAN, StatusUsulanPangkat.DIVERIFIKASI})

_STATE_HINT: dict[Aksi, str | Promise] = {
    Aksi.VERIFIKASI: _l("Hanya usulan yang baru diusulkan yang dapat diverifikasi."),
    Aksi.TOLAK: _l("Hanya usulan yang belum ditetapkan yang dapat ditolak."),
    Aksi.TETAPKAN: _l("Hanya usulan yang sudah diverifikasi yang dapat ditetapkan."),
}


def status_label(status: str) -> str:
    return str(dict(StatusUsulanPangkat.choices).get(status, status))


def check(aksi: Aksi, *, status: str, peran: frozenset[Peran], alasan: str | None = None) -> Refusal | None:
    """None when the move is allowed; otherwise why not. Who is checked before state."""
    t = TRANSITIONS[aksi]
    if t.oleh not in peran:
        reason = _("Hanya admin BKD yang dapat melakukan “%(aksi)s” pada usulan kenaikan pangkat.")
        return Refusal(reason % {"aksi": t.label}, True)
    if status not in t.dari:
        reason = _("Usulan berstatus %(status)s. %(hint)s") % {
            "status": status_label(status),
            "hint": _STATE_HINT[aksi],
        }
        return Refusal(reason, False)
    if t.butuh_alasan and not (alasan or "").strip():
        return Refusal(_("Alasan penolakan wajib diisi."), False, field="alasan")
    return None


def ensure(aksi: Aksi, *, status: str, peran: frozenset[Peran], alasan: str | None = None) -> None:
    refusal = check(aksi, status=status, peran=peran, alasan=alasan)
    if refusal is not None:
        refusal.raise_()


def allowed(*, status: str, peran: frozenset[Peran]) -> list[Aksi]:
    """The moves the actor may make now (the reason aside): what the screen offers."""
    return [a for a in TRANSITIONS if check(a, status=status, peran=peran, alasan="x") is None]
