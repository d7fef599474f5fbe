"""The SKP approval workflow as a transition table (architecture rule 5).

    DRAFT ──ajukan (pemilik)──▶ DIAJUKAN ──setujui (penilai)──▶ DISETUJUI
      ◀──tarik (pemilik, sebelum penilai bertindak)──┘
      ▲                          │   ▲                             │
      │               kembalikan │   │ ajukan (pemilik)            │ revisi (pemilik atau penilai,
      │        (penilai, komentar)▼   │                             │ alasan wajib; versi + 1)
      │                        DIKEMBALIKAN                        │
      └────────────────────────────────────────────────────────────┘

Only the services in `karier.plans.services` move a status, and they ask `check` first. A refusal
says why in Bahasa Indonesia and whether it is about *who* (`forbidden`, answered 403) or about
*the state* of the plan (answered 409).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.plans.choices import StatusSkp


class Aksi(StrEnum):
    AJUKAN = "ajukan"
    KEMBALIKAN = "kembalikan"
    SETUJUI = "setujui"
    REVISI = "revisi"
    TARIK = "tarik"


class Peran(StrEnum):
    """The two parties of a plan. Everyone else (admin, auditor, other superiors) only reads."""

    PEMILIK = "pemilik"  # the employee whose plan it is
    PENILAI = "penilai"  # the appraiser: the snapshot on the plan, or whoever covers that position today


@dataclass(frozen=True)
class Transition:
    dari: frozenset[str]
    ke: str
    oleh: frozenset[Peran]
    label: str | Promise  # lazy: translated when a refusal names it
    butuh_teks: str = ""  # name of a required free-text argument ("komentar", "alasan"), if any


TRANSITIONS: dict[Aksi, Transition] = {
    Aksi.AJUKAN: Transition(
        frozenset({StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN}),
        StatusSkp.DIAJUKAN,
        frozenset({Peran.PEMILIK}),
        _l("Ajukan"),
    ),
    Aksi.KEMBALIKAN: Transition(
        frozenset({StatusSkp.DIAJUKAN}),
        StatusSkp.DIKEMBALIKAN,
        frozenset({Peran.PENILAI}),
        _l("Kembalikan"),
        butuh_teks="komentar",
    ),
    Aksi.SETUJUI: Transition(
        frozenset({StatusSkp.DIAJUKAN}), StatusSkp.DISETUJUI, frozenset({Peran.PENILAI}), _l("Setujui")
    ),
    Aksi.REVISI: Transition(
        frozenset({StatusSkp.DISETUJUI}),
        StatusSkp.DRAFT,
        frozenset({Peran.PEMILIK, Peran.PENILAI}),
        _l("Revisi"),
        butuh_teks="alasan",
    ),
    # The owner takes a submitted plan back before the appraiser acts (to fix something he noticed);
    # once returned or approved, the ordinary paths apply.
    Aksi.TARIK: Transition(
        frozenset({StatusSkp.DIAJUKAN}), StatusSkp.DRAFT, frozenset({Peran.PEMILIK}), _l("Tarik kembali")
    ),
}

# Statuses in which the owner may change rows, the appendix and links.
EDITABLE = frozenset({StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN})

_WHO: dict[frozenset[Peran], str | Promise] = {
    frozenset({Peran.PEMILIK}): _l("pegawai pemilik SKP"),
    frozenset({Peran.PENILAI}): _l("pejabat penilai kinerja (atau Plt/Plh jabatannya)"),
    frozenset({Peran.PEMILIK, Peran.PENILAI}): _l("pegawai pemilik SKP atau pejabat penilainya"),
}

_STATE_HINT: dict[Aksi, str | Promise] = {
    Aksi.AJUKAN: _l("Hanya SKP berstatus Draf atau Dikembalikan yang dapat diajukan."),
    Aksi.KEMBALIKAN: _l("Hanya SKP yang sedang diajukan yang dapat dikembalikan."),
    Aksi.SETUJUI: _l("Hanya SKP yang sedang diajukan yang dapat disetujui."),
    Aksi.REVISI: _l("Hanya SKP yang sudah disetujui yang direvisi; SKP lain dapat langsung diubah oleh pemiliknya."),
    Aksi.TARIK: _l("Hanya SKP yang sedang diajukan, sebelum diputuskan pejabat penilai, yang dapat ditarik kembali."),
}


@dataclass(frozen=True)
class Refusal:
    reason: str
    forbidden: bool  # True: the actor may not do this at all (403); False: not in this state (409)
    field: str = ""  # the input at fault, when there is one

    def raise_(self) -> None:
        if self.forbidden:
            raise PermissionDenied(self.reason)
        raise ValidationError({self.field: self.reason} if self.field else self.reason)


def status_label(status: str) -> str:
    return str(dict(StatusSkp.choices).get(status, status))


def check(
    aksi: Aksi,
    *,
    status: str,
    peran: frozenset[Peran] | set[Peran],
    tahun_ditutup: bool = False,
    teks: str | None = None,
) -> Refusal | None:
    """None when the move is allowed; otherwise why not. Who is checked before state."""
    t = TRANSITIONS[aksi]
    if not (t.oleh & set(peran)):
        reason = _("Hanya %(who)s yang dapat melakukan “%(aksi)s” pada SKP ini.")
        return Refusal(reason % {"who": _WHO[t.oleh], "aksi": t.label}, True)
    if tahun_ditutup:
        return Refusal(_("Tahun kinerja ini sudah ditutup; SKP tidak dapat diubah lagi."), False)
    if status not in t.dari:
        reason = _("SKP berstatus %(status)s. %(hint)s") % {"status": status_label(status), "hint": _STATE_HINT[aksi]}
        return Refusal(reason, False)
    if t.butuh_teks and not (teks or "").strip():
        reason = _("Komentar wajib diisi.") if t.butuh_teks == "komentar" else _("Alasan revisi wajib diisi.")
        return Refusal(reason, False, field=t.butuh_teks)
    return None


def ensure(
    aksi: Aksi,
    *,
    status: str,
    peran: frozenset[Peran] | set[Peran],
    tahun_ditutup: bool = False,
    teks: str | None = None,
) -> None:
    refusal = check(aksi, status=status, peran=peran, tahun_ditutup=tahun_ditutup, teks=teks)
    if refusal is not None:
        refusal.raise_()


def allowed(*, status: str, peran: frozenset[Peran] | set[Peran], tahun_ditutup: bool = False) -> list[Aksi]:
    """The moves the actor may make now (text requirements aside): what the screen offers."""
    return [
        a for a in TRANSITIONS if check(a, status=status, peran=peran, tahun_ditutup=tahun_ditutup, teks="x") is None
    ]
