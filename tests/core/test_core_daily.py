"""The daily schedule (`karier tugas-harian`): every registered entry is a real task that takes no
arguments, and the command enqueues each one once (inline on the embedded default)."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks.base import Task

from karier.core.daily import daily_tasks


def test_every_daily_entry_is_a_task() -> None:
    entries = daily_tasks()
    assert [path for path, _ in entries] == settings.KARIER_DAILY_TASKS
    for path, task in entries:
        assert isinstance(task, Task), path
    assert "karier.appraisal.evaluation.reminders.pengingat_send_task" in settings.KARIER_DAILY_TASKS


@pytest.mark.django_db
def test_tugas_harian_enqueues_each_task_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    task_class = type(daily_tasks()[0][1])  # one class patch covers every Task instance
    monkeypatch.setattr(task_class, "enqueue", lambda self, *a, **k: calls.append(self.name), raising=True)
    out = io.StringIO()
    call_command("tugas_harian", stdout=out)
    assert len(calls) == len(settings.KARIER_DAILY_TASKS)
    assert out.getvalue().count("diantrekan:") == len(settings.KARIER_DAILY_TASKS)
