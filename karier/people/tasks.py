"""Background tasks of the people app (django_tasks; inline on the embedded default)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from karier.people.access import SYSTEM
from karier.people.services.penugasan import penugasan_refresh


@task()
def segarkan_penugasan_task() -> dict[str, Any]:
    """Daily (`KARIER_DAILY_TASKS`): transfers that start today and assignments that ended yesterday
    move the people's current position, so who sees whom follows the calendar."""
    return penugasan_refresh(actor=SYSTEM).as_dict()
