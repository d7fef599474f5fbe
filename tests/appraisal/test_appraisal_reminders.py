"""Reminders before deadlines: targeted (employees without realisation, appraisers with unrated
subordinates), only inside the window, idempotent, e-mailed where an address exists; the bell count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory

from karier.appraisal.context_processors import pengingat as bell
from karier.appraisal.evaluation import services
from karier.appraisal.evaluation.reminders import JENIS_RATING, JENIS_REALISASI, pengingat_send, pengingat_send_task
from karier.appraisal.models import Pengingat
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_support import ALASAN, configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def test_targeted_and_idempotent(org: Org, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    s = configured(org)
    org.users["staf1a"].email = "dodi@example.go.id"
    org.users["staf1a"].save()
    iki = IndikatorKinerjaIndividu.objects.filter(rhk__skp=s.skp["staf1b"], aspek="KUANTITAS").get()
    services.realisasi_set(actor=s.actor("staf1b"), evaluasi=s.ev("staf1b"), iki=iki, angka="2")
    deadline = s.periode.batas_pengisian
    assert pengingat_send(deadline - dt.timedelta(days=30)).dibuat == 0  # outside the 7-day window
    h = pengingat_send(deadline - dt.timedelta(days=3))
    got = set(Pengingat.objects.values_list("pengguna__username", "jenis"))
    assert got == {(s.user("staf1a").username, JENIS_REALISASI), (s.user("kasi1").username, JENIS_RATING)}
    assert h.dibuat == 2 and h.email == 1 and mail.outbox[0].to == ["dodi@example.go.id"]
    assert "2 pegawai belum Anda beri rating" in Pengingat.objects.get(jenis=JENIS_RATING).pesan
    assert pengingat_send(deadline - dt.timedelta(days=1)).dibuat == 0  # idempotent
    assert len(mail.outbox) == 1


def test_rated_subordinates_no_longer_remind(org: Org) -> None:
    s = configured(org)
    for key in ("staf1a", "staf1b"):
        services.rating_set(
            actor=s.actor("kasi1"),
            evaluasi=s.ev(key),
            rating_hasil_kerja="Sesuai Ekspektasi",
            alasan_hasil_kerja=ALASAN,
            rating_perilaku="Sesuai Ekspektasi",
            alasan_perilaku=ALASAN,
        )
    pengingat_send(s.periode.batas_pengisian)
    assert not Pengingat.objects.filter(jenis=JENIS_RATING).exists()


def test_closed_periods_and_past_deadlines_are_skipped(org: Org) -> None:
    s = configured(org, open_period=False)
    assert pengingat_send(s.periode.batas_pengisian).periode == 0
    assert pengingat_send(s.periode.batas_pengisian + dt.timedelta(days=1)).periode == 0


def test_command_task_and_bell(org: Org) -> None:
    s = configured(org)
    call_command("kirim_pengingat", "--tanggal", s.periode.batas_pengisian.isoformat())
    assert Pengingat.objects.count() == 3  # two employees without realisation, one appraiser
    pengingat_send_task.enqueue(s.periode.batas_pengisian.isoformat())
    assert Pengingat.objects.count() == 3
    request = RequestFactory().get("/")
    request.user = s.user("kasi1")
    assert bell(request) == {"pengingat_belum_dibaca": 1}
    from django.test import Client

    from tests.orgdata import PASSWORD

    c = Client()
    c.login(username=s.user("kasi1").username, password=PASSWORD)
    assert "belum Anda beri rating" in c.get("/penilaian/pengingat/").content.decode()
    c.post("/penilaian/pengingat/")
    assert bell(request) == {"pengingat_belum_dibaca": 0}
