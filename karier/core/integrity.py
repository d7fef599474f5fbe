"""Tamper evidence: the checks `karier periksa-audit` runs, and what a broken check reports.

Core knows no domain app, so the checks are named in settings (`KARIER_INTEGRITY_CHECKS`, dotted
paths of functions taking no arguments and returning an iterable of `Break`). Each app that keeps
signed or chained records contributes one function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.module_loading import import_string

from karier.core.models import PemeriksaanIntegritas

if TYPE_CHECKING:  # audit imports Break from here at runtime
    from karier.core.audit import AuditActor

# A stored report keeps the first breaks only; the command prints them all.
MAX_REPORTED = 200


@dataclass(frozen=True)
class Break:
    """One record whose stored content no longer matches what was sealed."""

    check: str  # e.g. "audit.chain", "appraisal.snapshot"
    object_type: str  # app_label.model
    object_id: str
    expected: str
    actual: str
    detail: str = ""

    def line(self) -> str:
        extra = f" — {self.detail}" if self.detail else ""
        return (
            f"[{self.check}] {self.object_type}#{self.object_id}: diharapkan {self.expected}, "
            f"ternyata {self.actual}{extra}"
        )


def checks() -> list[tuple[str, Callable[[], Iterable[Break]]]]:
    return [(path, import_string(path)) for path in getattr(settings, "KARIER_INTEGRITY_CHECKS", [])]


def run_checks() -> list[Break]:
    """Every break found by every registered check, in registration order."""
    found: list[Break] = []
    for _path, check in checks():
        found.extend(check())
    return found


def run_and_store(*, actor: AuditActor = None) -> tuple[PemeriksaanIntegritas, list[Break]]:
    """Run every check and keep the result, so screens show the last status without re-hashing.

    `actor` as for `audit.record` (core knows no domain app): the request's `Actor`, or None when
    Karier runs it (the daily task, `karier periksa-audit`); the report names the actor's user."""
    from karier.core.audit import actor_user_id

    breaks = run_checks()
    row = PemeriksaanIntegritas.objects.create(
        dijalankan_oleh_id=actor_user_id(actor),
        jumlah_kerusakan=len(breaks),
        laporan="\n".join(b.line() for b in breaks[:MAX_REPORTED]),
    )
    return row, breaks


def last_result() -> PemeriksaanIntegritas | None:
    return PemeriksaanIntegritas.objects.order_by("-dijalankan_pada", "-id").first()
