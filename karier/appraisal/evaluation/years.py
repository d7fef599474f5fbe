"""What appraisal contributes to closing a performance year (`karier.plans.years`, registered in
`KARIER_YEAR_CLOSE_CHECKS`): the year closes only when every period is closed, every evaluation is
final (signed) and every objection is decided."""

from __future__ import annotations

from karier.appraisal.choices import StatusEvaluasi, StatusKeberatan, StatusPeriode
from karier.appraisal.models import Evaluasi, Keberatan, PeriodePenilaian
from karier.plans.models import TahunKinerja


def year_close_blockers(tahun: TahunKinerja) -> list[str]:
    reasons: list[str] = []
    open_periods = list(
        PeriodePenilaian.objects.filter(tahun=tahun)
        .exclude(status=StatusPeriode.DITUTUP)
        .order_by("mulai")
        .values_list("nama", flat=True)
    )
    if open_periods:
        reasons.append(f"Periode penilaian belum ditutup: {', '.join(open_periods)}.")
    not_final = Evaluasi.objects.filter(periode__tahun=tahun).exclude(status=StatusEvaluasi.FINAL).count()
    if not_final:
        reasons.append(f"{not_final} evaluasi kinerja tahun {tahun.tahun} belum final (ditandatangani).")
    pending = Keberatan.objects.filter(evaluasi__periode__tahun=tahun, status=StatusKeberatan.DIAJUKAN).count()
    if pending:
        reasons.append(f"{pending} keberatan tahun {tahun.tahun} belum diputus.")
    return reasons
