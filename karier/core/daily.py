"""The daily schedule: one command (`karier tugas-harian`, run once a day by cron or a systemd
timer in production) enqueues every daily task named in `KARIER_DAILY_TASKS`.

Core knows no domain app, so the tasks are dotted paths of django_tasks `@task` objects that take
no arguments. On the embedded default they run inline; in production on the worker.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


def daily_tasks() -> list[tuple[str, Any]]:
    return [(path, import_string(path)) for path in getattr(settings, "KARIER_DAILY_TASKS", [])]


def enqueue_daily() -> list[str]:
    """Enqueue each daily task once; returns the paths enqueued."""
    done = []
    for path, task in daily_tasks():
        task.enqueue()
        done.append(path)
    return done
