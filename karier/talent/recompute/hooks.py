"""What the period close asks of this app (`settings.KARIER_AFTER_PERIOD_CLOSE`): start the career
recomputation for the closed period's year. Appraisal does not import talent (it sits below it), so
the close calls the dotted path; a failure here is logged by the close and never undoes it."""

from __future__ import annotations

from typing import Any

from karier.people.access import SYSTEM, Actor


def after_period_close(*, actor: Actor, periode: Any, opd_id: int | None) -> None:
    """Start the job for the period's year, as Karier itself when a request's actor is not a BKD admin
    (an agency head closing his agency still refreshes his people's careers), unless one is running."""
    from karier.talent import access
    from karier.talent.recompute.compute import karier_hitung_start, running_job

    if running_job() is not None:
        return
    starter = actor if access.is_bkd(actor) else SYSTEM
    karier_hitung_start(actor=starter, tahun=periode.tahun_id)
