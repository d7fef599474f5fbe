"""Login throttling, counted in the database so every worker process sees the same numbers.

Enforced in one place, the authentication backend (`karier.accounts.backends`), which every login
path goes through: the site's login form, `/admin/login/` and the password check before an API
token is made. The rules are built so that guessing is slow but nobody can lock a real user out:

1. **Account + address.** `KARIER_LOGIN_MAX_FAILURES` failures for one account from one address
   within `KARIER_LOGIN_WINDOW_MINUTES` refuse further tries *of that account from that address*
   for the rest of the window. The same account from another address is unaffected, so an attacker
   who knows someone's NIP cannot keep them out.
2. **Address.** `KARIER_LOGIN_ADDRESS_MAX_FAILURES` failures from one address over any accounts
   within the window (password spraying) refuse that address. The address is the real client's
   (`karier.core.clientip`, trusting `X-Forwarded-For` only from our proxies), and the limit is high
   enough for an office behind one NAT.
3. **Account, slower and global.** When one account collects `KARIER_LOGIN_ACCOUNT_MAX_FAILURES`
   failures from all addresses within `KARIER_LOGIN_ACCOUNT_WINDOW_HOURS` (a distributed guess),
   every address that has already failed on it is refused for the rest of that window: each
   attacking address gets one guess a day instead of five per window. An address with no failure
   on the account, such as the real user's, still gets in with the right password.

A refused attempt is not counted (the password was never checked), so it does not extend the lock.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from karier.accounts.models import LoginAttempt

LOCKED_MESSAGE = "Terlalu banyak percobaan masuk yang gagal. Coba lagi 15 menit lagi."


def normalise_login(username: str) -> str:
    """NIP without the spaces printed on documents; other usernames as typed (trimmed)."""
    compact = username.replace(" ", "").strip()
    return compact if compact.isdigit() else username.strip()


def _key(username: str) -> str:
    return normalise_login(username)[:150]  # the column's length; longer names are no account


def _ip_q(ip: str | None) -> Q:
    return Q(ip=ip) if ip else Q(ip__isnull=True)


def login_blocked(*, username: str, ip: str | None) -> bool:
    """True when this account may not be tried from this address now (see the module's rules)."""
    now = timezone.now()
    window_start = now - dt.timedelta(minutes=settings.KARIER_LOGIN_WINDOW_MINUTES)
    day_start = now - dt.timedelta(hours=settings.KARIER_LOGIN_ACCOUNT_WINDOW_HOURS)
    counts = LoginAttempt.objects.filter(
        username=_key(username), created_at__gte=min(window_start, day_start)
    ).aggregate(
        pair=Count("id", filter=_ip_q(ip) & Q(created_at__gte=window_start)),
        pair_long=Count("id", filter=_ip_q(ip) & Q(created_at__gte=day_start)),
        account=Count("id", filter=Q(created_at__gte=day_start)),
    )
    if counts["pair"] >= settings.KARIER_LOGIN_MAX_FAILURES:
        return True
    if counts["pair_long"] and counts["account"] >= settings.KARIER_LOGIN_ACCOUNT_MAX_FAILURES:
        return True
    if not ip:
        return False
    from_address = LoginAttempt.objects.filter(ip=ip, created_at__gte=window_start).count()
    return from_address >= settings.KARIER_LOGIN_ADDRESS_MAX_FAILURES


def login_failed(*, username: str, ip: str | None) -> None:
    LoginAttempt.objects.create(username=_key(username), ip=ip or None)


def login_succeeded(*, username: str, ip: str | None) -> None:
    """The right password from this address: its failures on this account are forgiven.

    Only this address's: failures from elsewhere still count towards the account's global limit.
    """
    LoginAttempt.objects.filter(_ip_q(ip), username=_key(username)).delete()


def prune_attempts() -> int:
    """Delete attempts older than every window; they no longer count. Returns how many went."""
    keep = max(
        dt.timedelta(minutes=settings.KARIER_LOGIN_WINDOW_MINUTES),
        dt.timedelta(hours=settings.KARIER_LOGIN_ACCOUNT_WINDOW_HOURS),
    )
    deleted, _ = LoginAttempt.objects.filter(created_at__lt=timezone.now() - keep).delete()
    return deleted
