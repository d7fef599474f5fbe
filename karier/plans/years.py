"""Closing a performance year (tahun kinerja): the one way `TahunKinerja.ditutup` becomes true.

A closed year accepts no new plan and no change (`plans.services.common._year_open`, `plans.workflow`), so
closing is final in practice and is refused while work of the year is still open:
- plans still waiting for the appraiser's approval (DIAJUKAN) — a decision is pending on a desk;
- whatever the layers above plans report through `KARIER_YEAR_CLOSE_CHECKS` (dotted paths of
  functions `(tahun: TahunKinerja) -> list[str]` of refusal messages): appraisal contributes
  periods not yet closed, evaluations not final and objections not decided
  (`karier.appraisal.evaluation.years.year_close_blockers`). Plans imports nothing above itself.

Only the BKD admin closes a year (PermenPANRB 6/2022 gives the annual cycle to the agency's
personnel office); the close is locked, re-checked inside the transaction and audited.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.core import audit
from karier.people.access import Actor
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp, TahunKinerja

MSG_BUKAN_ADMIN = gettext_noop("Hanya admin BKD yang dapat menutup tahun kinerja.")


def year_close_blockers(tahun: TahunKinerja) -> list[str]:
    """Every reason the year cannot be closed yet (empty = it may close)."""
    reasons: list[str] = []
    if tahun.ditutup:
        reasons.append(f"Tahun kinerja {tahun.tahun} sudah ditutup.")
        return reasons
    pending = Skp.objects.filter(tahun=tahun, status=StatusSkp.DIAJUKAN).count()
    if pending:
        reasons.append(f"{pending} SKP tahun {tahun.tahun} masih menunggu persetujuan pejabat penilai.")
    for path in getattr(settings, "KARIER_YEAR_CLOSE_CHECKS", []):
        reasons.extend(import_string(path)(tahun))
    return reasons


def tahun_close(*, actor: Actor, tahun: TahunKinerja) -> TahunKinerja:
    """Close the year: BKD admin only; refused (ValidationError listing every reason) while work is open."""
    if not actor.is_admin or actor.is_auditor:
        raise PermissionDenied(_(MSG_BUKAN_ADMIN))
    reasons = year_close_blockers(tahun)
    if reasons:
        raise ValidationError({"ditutup": reasons})
    with transaction.atomic():
        locked = TahunKinerja.objects.select_for_update().get(pk=tahun.pk)
        reasons = year_close_blockers(locked)  # re-checked under the lock: a plan may have been submitted since
        if reasons:
            raise ValidationError({"ditutup": reasons})
        locked.ditutup = True
        locked.save(update_fields=["ditutup"])
        audit.record(
            actor=actor,
            action="skp.tahun_close",
            obj=locked,
            summary=f"Tahun kinerja {locked.tahun} ditutup",
            changes={"ditutup": [False, True]},
        )
    tahun.ditutup = True
    return locked
