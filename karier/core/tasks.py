"""Background tasks of core: the daily integrity check (`KARIER_DAILY_TASKS`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django_tasks import task

from karier.core.integrity import run_and_store

logger = logging.getLogger(__name__)

SUBJECT = "Karier: jejak audit tidak utuh"


@task()
def periksa_audit_harian() -> dict[str, int]:
    """Run every integrity check, keep the result (shown on the audit log screen) and, on any break,
    warn the BKD admins by e-mail. Core knows no domain app, so the recipients come from the user
    model's `is_admin_bkd` flag."""
    row, breaks = run_and_store()
    sent = 0
    if breaks:
        logger.warning("periksa-audit: %s kerusakan", len(breaks))
        sent = _warn_admins(len(breaks), row.laporan)
    return {"kerusakan": len(breaks), "email": sent}


def _warn_admins(count: int, report: str) -> int:
    recipients = list(
        get_user_model()
        .objects.filter(is_admin_bkd=True, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    body = (
        f"Pemeriksaan harian menemukan {count} kerusakan pada jejak audit atau dokumen bertanda tangan. "
        "Data mungkin diubah di luar aplikasi. Periksa dengan `karier periksa-audit` dan halaman Jejak audit.\n\n"
        f"{report}"
    )
    try:
        return send_mail(SUBJECT, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), recipients, fail_silently=False)
    except OSError:  # the stored result and the screen still show the break; mail is best effort
        logger.exception("periksa-audit: e-mail gagal dikirim")
        return 0
