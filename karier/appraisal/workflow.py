"""The evaluation (Evaluasi) status machine (architecture rule 5), one table for every status change.

    DRAFT ──nilai (penilai)──▶ DINILAI ──tanda tangan penilai──▶ DINILAI (ditandatangani penilai)
                               ▲   │ nilai ulang                      │ tanda tangan atasan (kurva dicek lagi)
                               └───┘                                  ▼
    DIBUKA_ULANG ◀──buka ulang (alasan, berversi)── FINAL ◀───────────┘   (tanpa atasan: FINAL pada tanda tangan
          │                                           ▲ keberatan diterima  penilai)
          └──nilai (penilai)──▶ DINILAI               └──── (tetap FINAL, versi + 1)

Only services move a status, through `move` (one row) or `ensure_can_move` + `target` (set-based
updates). An evaluation is editable (ratings, realisation, evidence, feedback, notes) only while
nobody has signed it and its unit's calibration is not finalised (`ensure_editable`); after that it
changes only by reopening (audited, versioned) or through an objection (keberatan).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import gettext_noop

from karier.appraisal.choices import StatusEvaluasi, StatusFinalisasi, StatusPeriode
from karier.appraisal.models import Evaluasi, FinalisasiUnit, PeriodePenilaian

MSG_TERKUNCI = gettext_noop("Evaluasi sudah final dan terkunci; ubah hanya melalui pembukaan ulang atau keberatan.")
MSG_DITANDATANGANI = gettext_noop(
    "Evaluasi sudah ditandatangani pejabat penilai; ubah hanya setelah dibuka ulang "
    "melalui pembukaan ulang yang tercatat."
)
MSG_UNIT_FINAL = gettext_noop(
    "Kalibrasi unit evaluasi ini sudah difinalisasi; penilaian tidak dapat diubah lagi kecuali "
    "evaluasinya dibuka ulang."
)
MSG_PERIODE_BELUM = gettext_noop("Periode %(nama)s belum dibuka untuk pengisian (dibuka %(tanggal)s).")
MSG_PERIODE_TUTUP = gettext_noop("Periode %(nama)s sudah ditutup; data tidak dapat diubah lagi.")


class Aksi(StrEnum):
    NILAI = "nilai"
    TTD_PENILAI = "ttd_penilai"  # the appraiser signs; a superior still has to sign
    TTD_PENILAI_FINAL = "ttd_penilai_final"  # the appraiser signs and nobody signs above him: final
    TTD_ATASAN = "ttd_atasan"
    BUKA_ULANG = "buka_ulang"
    KEBERATAN_DITERIMA = "keberatan_diterima"


@dataclass(frozen=True)
class Transition:
    dari: frozenset[str]
    ke: str
    label: str | Promise  # lazy: translated when a refusal names it


_RATEABLE = frozenset({StatusEvaluasi.DRAFT, StatusEvaluasi.DINILAI, StatusEvaluasi.DIBUKA_ULANG})
_SIGNABLE = frozenset({StatusEvaluasi.DINILAI, StatusEvaluasi.DIBUKA_ULANG})
TRANSITIONS: dict[Aksi, Transition] = {
    Aksi.NILAI: Transition(_RATEABLE, StatusEvaluasi.DINILAI, _l("Nilai")),
    # A reopened evaluation may be signed again as it stands (reopened to fix evidence, say).
    Aksi.TTD_PENILAI: Transition(_SIGNABLE, StatusEvaluasi.DINILAI, _l("Tanda tangan pejabat penilai")),
    Aksi.TTD_PENILAI_FINAL: Transition(_SIGNABLE, StatusEvaluasi.FINAL, _l("Tanda tangan pejabat penilai (final)")),
    Aksi.TTD_ATASAN: Transition(
        frozenset({StatusEvaluasi.DINILAI}), StatusEvaluasi.FINAL, _l("Tanda tangan atasan pejabat penilai")
    ),
    Aksi.BUKA_ULANG: Transition(frozenset({StatusEvaluasi.FINAL}), StatusEvaluasi.DIBUKA_ULANG, _l("Buka ulang")),
    Aksi.KEBERATAN_DITERIMA: Transition(
        frozenset({StatusEvaluasi.FINAL}), StatusEvaluasi.FINAL, _l("Keberatan diterima")
    ),
}
# Statuses a rating may move from.
RATEABLE = TRANSITIONS[Aksi.NILAI].dari


def status_label(status: str) -> str:
    return str(dict(StatusEvaluasi.choices).get(status, status))


def can_move(dari: str, ke: str) -> bool:
    return any(dari in t.dari and t.ke == ke for t in TRANSITIONS.values())


def target(aksi: Aksi) -> str:
    return TRANSITIONS[aksi].ke


def ensure_can_move(status: str, aksi: Aksi) -> None:
    t = TRANSITIONS[aksi]
    if status not in t.dari:
        raise ValidationError(
            _("Evaluasi berstatus %(status)s; “%(aksi)s” tidak dapat dilakukan.")
            % {"status": status_label(status), "aksi": t.label}
        )


def move(evaluasi: Evaluasi, aksi: Aksi) -> list[str]:
    """Set the status of one (locked, re-read) evaluation; returns the fields to save."""
    ensure_can_move(evaluasi.status, aksi)
    evaluasi.status = target(aksi)
    return ["status"]


def calibration_unit_id(ev: Evaluasi) -> int | None:
    """The unit whose calibration an evaluation belongs to: a unit head is calibrated one level up."""
    jabatan = ev.jabatan
    if jabatan.adalah_kepala_unit and jabatan.unit_id == ev.unit_id:
        return jabatan.atasan.unit_id if jabatan.atasan is not None else None
    return ev.unit_id


def unit_finalised(ev: Evaluasi) -> bool:
    unit_id = calibration_unit_id(ev)
    return (
        unit_id is not None
        and FinalisasiUnit.objects.filter(
            unit_id=unit_id, periode_id=ev.periode_id, status=StatusFinalisasi.FINAL
        ).exists()
    )


def lock_reason(evaluasi: Evaluasi, *, finalised: bool | None = None) -> str | None:
    """Why the evaluation may not be changed, or None. `finalised` may be passed by a bulk caller."""
    if evaluasi.status == StatusEvaluasi.FINAL:
        return _(MSG_TERKUNCI)
    if evaluasi.ditandatangani_penilai_pada is not None or evaluasi.ditandatangani_atasan_pada is not None:
        return _(MSG_DITANDATANGANI)
    if finalised if finalised is not None else unit_finalised(evaluasi):
        return _(MSG_UNIT_FINAL)
    return None


def ensure_editable(evaluasi: Evaluasi) -> None:
    """Refuse any change to a signed, final or finalised-unit evaluation."""
    reason = lock_reason(evaluasi)
    if reason:
        raise ValidationError(reason)


def period_is_open(periode: PeriodePenilaian) -> bool:
    """Whether the period takes realisation, evidence and ratings (DIBUKA): the one test."""
    return periode.status == StatusPeriode.DIBUKA


def ensure_period_open(periode: PeriodePenilaian) -> None:
    """Realisation, evidence and ratings are written while the period is open (`period_is_open`)."""
    if period_is_open(periode):
        return
    if periode.status == StatusPeriode.BELUM_DIBUKA:
        raise ValidationError(
            _(MSG_PERIODE_BELUM) % {"nama": periode.nama, "tanggal": f"{periode.dibuka_pada:%d-%m-%Y}"}
        )
    if periode.status == StatusPeriode.DITUTUP:
        raise ValidationError(_(MSG_PERIODE_TUTUP) % {"nama": periode.nama})


# ---------------------------------------------------------------------------- the period (PeriodePenilaian)
#   BELUM_DIBUKA ──buka──▶ DIBUKA ──tutup──▶ DITUTUP ──buka (dibuka ulang, tercatat)──▶ DIBUKA
# A period may also be closed before it was ever opened (the close screen). Only `periode_move` sets it.
PERIODE_DARI: dict[str, frozenset[str]] = {
    StatusPeriode.DIBUKA: frozenset({StatusPeriode.BELUM_DIBUKA, StatusPeriode.DITUTUP}),
    StatusPeriode.DITUTUP: frozenset({StatusPeriode.BELUM_DIBUKA, StatusPeriode.DIBUKA}),
}


def periode_refusal(periode: PeriodePenilaian) -> ValidationError:
    """The one refusal for a status change the period's current status does not allow."""
    label = dict(StatusPeriode.choices)[periode.status]
    return ValidationError(
        _("Periode %(nama)s berstatus %(status)s; perubahan ini tidak dapat dilakukan.")
        % {"nama": periode.nama, "status": str(label).lower()}
    )


def periode_can_move(status: str, ke: str) -> bool:
    return status in PERIODE_DARI[ke]


def periode_move(locked: PeriodePenilaian, ke: str) -> str:
    """Move a period (read under its row lock by the caller) to `ke` by the table; returns the old status."""
    if not periode_can_move(locked.status, ke):
        raise periode_refusal(locked)
    old = locked.status
    locked.status = ke
    locked.save(update_fields=["status"])
    return old
