"""Login throttling: too many failures for one account or from one address lock it out for a while.

Counted in the database so every worker process sees the same numbers.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from karier.accounts.backends import normalise_login
from karier.accounts.models import LoginAttempt


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.KARIER_LOGIN_WINDOW_MINUTES)


def login_blocked(*, username: str, ip: str | None) -> bool:
    """True when the account, or the address (at 4× the limit, for shared offices), is locked."""
    limit = settings.KARIER_LOGIN_MAX_FAILURES
    recent = LoginAttempt.objects.filter(created_at__gte=_window_start())
    if recent.filter(username=normalise_login(username)).count() >= limit:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= limit * 4


def login_failed(*, username: str, ip: str | None) -> None:
    LoginAttempt.objects.create(username=normalise_login(username)[:150], ip=ip or None)


def login_succeeded(*, username: str) -> None:
    LoginAttempt.objects.filter(Q(username=normalise_login(username))).delete()


def prune_attempts() -> int:
    deleted, _ = LoginAttempt.objects.filter(created_at__lt=_window_start()).delete()
    return deleted
