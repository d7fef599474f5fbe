"""Tamper evidence: the checks `karier periksa-audit` runs, and what a broken check reports.

Core knows no domain app, so the checks are named in settings (`KARIER_INTEGRITY_CHECKS`, dotted
paths of functions taking no arguments and returning an iterable of `Break`). Each app that keeps
signed or chained records contributes one function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


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
        return (f"[{self.check}] {self.object_type}#{self.object_id}: diharapkan {self.expected}, "
                f"ternyata {self.actual}{extra}")


def checks() -> list[tuple[str, Callable[[], Iterable[Break]]]]:
    return [(path, import_string(path)) for path in getattr(settings, "KARIER_INTEGRITY_CHECKS", [])]


def run_checks() -> list[Break]:
    """Every break found by every registered check, in registration order."""
    found: list[Break] = []
    for _path, check in checks():
        found.extend(check())
    return found
