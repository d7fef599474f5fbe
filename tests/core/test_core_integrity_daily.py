"""The daily integrity check (issue #8 §8): registered in the daily schedule, warns the BKD admins on
a break, and its last result is shown on the audit log screen to BKD admins and auditors."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client

from karier.core import audit
from karier.core.integrity import last_result
from karier.core.models import AuditEvent, PemeriksaanIntegritas
from karier.core.tasks import periksa_audit_harian
from tests.orgdata import PASSWORD, Org


def _tamper() -> AuditEvent:
    row = AuditEvent.objects.order_by("seq")[1]
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["dipalsukan", row.pk])
    return row


def _client(org: Org, who: str) -> Client:
    client = Client()
    assert client.login(username=org.users[who].username, password=PASSWORD)
    return client


def test_registered_as_daily_task_and_check() -> None:
    assert "karier.core.tasks.periksa_audit_harian" in settings.KARIER_DAILY_TASKS
    assert "karier.core.audit.verify_chain" in settings.KARIER_INTEGRITY_CHECKS


def test_clean_run_sends_nothing_and_is_stored(org: Org) -> None:
    periksa_audit_harian.enqueue()
    result = last_result()
    assert result is not None and result.utuh
    assert mail.outbox == []


def test_break_warns_bkd_admins_by_email(org: Org) -> None:
    admin = org.users["admin"]
    admin.email = "admin.bkd@contoh.go.id"
    admin.save(update_fields=["email"])
    staf = org.users["staf1a"]
    staf.email = "staf@contoh.go.id"
    staf.save(update_fields=["email"])
    row = _tamper()
    periksa_audit_harian.enqueue()
    result = last_result()
    assert result is not None and result.jumlah_kerusakan == 1
    assert f"core.auditevent#{row.pk}" in result.laporan
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin.bkd@contoh.go.id"]
    assert f"core.auditevent#{row.pk}" in mail.outbox[0].body


def test_daily_command_runs_the_check(org: Org) -> None:
    call_command("tugas_harian", stdout=io.StringIO())
    assert PemeriksaanIntegritas.objects.count() == 1


@pytest.mark.parametrize("who", ["admin", "auditor"])
def test_audit_log_shows_last_result(org: Org, who: str) -> None:
    client = _client(org, who)
    assert "belum pernah diperiksa" in client.get("/jejak-audit/").content.decode()
    periksa_audit_harian.enqueue()
    assert "Rantai audit utuh" in client.get("/jejak-audit/").content.decode()
    _tamper()
    periksa_audit_harian.enqueue()
    assert "Rantai audit: 1 kerusakan" in client.get("/jejak-audit/").content.decode()


def test_audit_log_page_does_not_rehash(org: Org, django_assert_max_num_queries: Any) -> None:
    for i in range(30):
        audit.record(actor=None, action="uji", obj=org.instansi, summary=str(i))
    client = _client(org, "admin")
    client.get("/jejak-audit/")
    with django_assert_max_num_queries(12):
        client.get("/jejak-audit/")


def test_check_button_is_for_bkd_admin(org: Org) -> None:
    response = _client(org, "admin").post("/jejak-audit/periksa/", follow=True)
    assert "Rantai audit utuh" in response.content.decode()
    assert PemeriksaanIntegritas.objects.get().dijalankan_oleh == org.users["admin"]
    assert _client(org, "auditor").post("/jejak-audit/periksa/").status_code == 403
    assert _client(org, "staf1a").post("/jejak-audit/periksa/").status_code == 404
    assert PemeriksaanIntegritas.objects.count() == 1


def test_home_warns_bkd_admin_after_a_break(org: Org) -> None:
    client = _client(org, "admin")
    periksa_audit_harian.enqueue()
    assert "integritas-rusak" not in client.get("/").content.decode()
    _tamper()
    periksa_audit_harian.enqueue()
    assert "Rantai audit: 1 kerusakan" in client.get("/").content.decode()
    assert "integritas-rusak" not in _client(org, "kasi1").get("/").content.decode()
