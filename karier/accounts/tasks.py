"""Background tasks of the accounts app."""

from __future__ import annotations

from django_tasks import task

from karier.accounts.services import prune_attempts


@task()
def prune_login_attempts_task() -> int:
    """Daily (`KARIER_DAILY_TASKS`): keep the login-attempt table to the windows that still count."""
    return prune_attempts()
