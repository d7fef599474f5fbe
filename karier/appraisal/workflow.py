"""The evaluation (Evaluasi) status machine (architecture rule 5).

    DRAFT ──nilai (penilai)──▶ DINILAI ──finalisasi unit (C)──▶ FINAL ──buka ulang / keberatan──▶ DIBUKA_ULANG
                               ▲   │ nilai ulang (penilai)                                           │
                               └───┘◀────────────────────────────── nilai (penilai) ──────────────────┘

Only services move a status. A FINAL evaluation is locked: realisation, evidence, feedback, notes
and ratings are refused (`ensure_editable`); it changes only by reopening (audited, versioned) or
through an objection (keberatan).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from karier.appraisal.choices import StatusEvaluasi, StatusPeriode
from karier.appraisal.models import Evaluasi, PeriodePenilaian

MSG_TERKUNCI = "Evaluasi sudah final dan terkunci; ubah hanya melalui pembukaan ulang atau keberatan."
MSG_PERIODE_BELUM = "Periode {nama} belum dibuka untuk pengisian (dibuka {tanggal})."
MSG_PERIODE_TUTUP = "Periode {nama} sudah ditutup; data tidak dapat diubah lagi."

# Statuses a rating may move from, and where it moves to.
RATEABLE = frozenset({StatusEvaluasi.DRAFT, StatusEvaluasi.DINILAI, StatusEvaluasi.DIBUKA_ULANG})
TRANSITIONS: dict[str, frozenset[str]] = {
    StatusEvaluasi.DRAFT: frozenset({StatusEvaluasi.DINILAI}),
    StatusEvaluasi.DINILAI: frozenset({StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL}),
    StatusEvaluasi.FINAL: frozenset({StatusEvaluasi.DIBUKA_ULANG}),
    StatusEvaluasi.DIBUKA_ULANG: frozenset({StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL}),
}


def status_label(status: str) -> str:
    return str(dict(StatusEvaluasi.choices).get(status, status))


def can_move(dari: str, ke: str) -> bool:
    return ke in TRANSITIONS.get(dari, frozenset())


def ensure_editable(evaluasi: Evaluasi) -> None:
    """Refuse any change to a locked (FINAL) evaluation."""
    if evaluasi.status == StatusEvaluasi.FINAL:
        raise ValidationError(MSG_TERKUNCI)


def ensure_period_open(periode: PeriodePenilaian) -> None:
    """Realisation, evidence and ratings are written while the period is open (DIBUKA)."""
    if periode.status == StatusPeriode.BELUM_DIBUKA:
        raise ValidationError(MSG_PERIODE_BELUM.format(nama=periode.nama, tanggal=f"{periode.dibuka_pada:%d-%m-%Y}"))
    if periode.status == StatusPeriode.DITUTUP:
        raise ValidationError(MSG_PERIODE_TUTUP.format(nama=periode.nama))
