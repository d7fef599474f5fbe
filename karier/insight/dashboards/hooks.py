"""What the period close asks of the dashboards (`settings.KARIER_AFTER_PERIOD_CLOSE`): refresh the
closed period's year. Appraisal sits below insight, so the close calls this dotted path; a failure
here is logged by the close and never undoes it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from karier.people.access import SYSTEM, Actor


def after_period_close(*, actor: Actor, periode: Any, opd_id: int | None) -> None:
    """Start the refresh of the period's year as Karier itself (an agency head's close refreshes the
    figures too), unless one is running (the start refuses it): the nightly one catches up what it missed."""
    from karier.insight.dashboards.refresh import dasbor_refresh_start

    try:
        dasbor_refresh_start(actor=SYSTEM, tahun=[periode.tahun_id])
    except ValidationError:
        return
