"""The SKM status machines (architecture rule 5): a period and a follow-up action, as data.

    Period:       DRAFT ──buka──▶ BUKA ──tutup──▶ TUTUP (final)
    Follow-up:    RENCANA ⇄ PROSES ──▶ SELESAI (final);  RENCANA ──▶ SELESAI

A closed period and a finished follow-up action never move again: the published report is frozen
at closing, and a finished action that turns out not to be enough is followed by a new one (its
history stays as it was announced). Only services move a status, through these tables.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from karier.appraisal.public.skm.choices import StatusSkm, StatusTindakLanjut

#: target status → the statuses a period may reach it from.
PERIODE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    StatusSkm.BUKA: (StatusSkm.DRAFT,),
    StatusSkm.TUTUP: (StatusSkm.BUKA,),
}

#: current status → the statuses a follow-up action may move to (staying put is always allowed
#: while the action is not finished).
TINDAK_LANJUT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    StatusTindakLanjut.RENCANA: (StatusTindakLanjut.PROSES, StatusTindakLanjut.SELESAI),
    StatusTindakLanjut.PROSES: (StatusTindakLanjut.RENCANA, StatusTindakLanjut.SELESAI),
    StatusTindakLanjut.SELESAI: (),
}


def ensure_periode_move(current: str, target: StatusSkm) -> None:
    if current not in PERIODE_TRANSITIONS[target]:
        raise ValidationError(
            _("Periode berstatus %(status)s tidak dapat diubah menjadi %(baru)s.")
            % {"status": StatusSkm(current).label, "baru": target.label},
            code="status",
        )


def ensure_tindak_lanjut_move(current: str, target: str) -> None:
    """Refuse any change of a finished action, and a move the table does not list."""
    if current == StatusTindakLanjut.SELESAI:
        raise ValidationError(
            {
                "status": _(
                    "Tindak lanjut ini sudah selesai dan tidak dapat diubah lagi; "
                    "bila masih perlu perbaikan, tambahkan tindak lanjut baru."
                )
            },
            code="selesai",
        )
    if target != current and target not in TINDAK_LANJUT_TRANSITIONS[current]:
        raise ValidationError(
            {
                "status": _("Tindak lanjut berstatus %(status)s tidak dapat diubah menjadi %(baru)s.")
                % {"status": StatusTindakLanjut(current).label, "baru": StatusTindakLanjut(target).label}
            },
            code="status",
        )
