"""Closing a performance year is a service with its checks (issue #8 §8), reached from the admin by
an action; the admin's `ditutup` field is read-only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from karier.appraisal.models import Evaluasi, Keberatan, PeriodePenilaian
from karier.core.models import AuditEvent
from karier.plans import services as plan_services
from karier.plans.models import TahunKinerja
from karier.plans.years import tahun_close
from tests.appraisal.test_appraisal_support import YEAR, Setup, configured
from tests.orgdata import PASSWORD, Org


def _everything_done(setup: Setup) -> None:
    """Test shortcut: every period closed and every evaluation signed."""
    PeriodePenilaian.objects.filter(tahun_id=YEAR).update(status="DITUTUP")
    Evaluasi.objects.filter(periode__tahun_id=YEAR).update(status="FINAL")


def _refusal(org: Org) -> str:
    with pytest.raises(ValidationError) as exc:
        tahun_close(actor=org.actor("admin"), tahun=TahunKinerja.objects.get(pk=YEAR))
    assert not TahunKinerja.objects.get(pk=YEAR).ditutup
    return " ".join(exc.value.messages)


def test_only_bkd_admin_closes_a_year(org: Org) -> None:
    setup = configured(org)
    _everything_done(setup)
    for who in ("kadis", "auditor", "staf1a"):
        with pytest.raises(PermissionDenied):
            tahun_close(actor=org.actor(who), tahun=TahunKinerja.objects.get(pk=YEAR))
    assert not TahunKinerja.objects.get(pk=YEAR).ditutup


def test_refused_while_periods_are_open(org: Org) -> None:
    configured(org)
    message = _refusal(org)
    assert "Periode penilaian belum ditutup" in message and "Triwulan" in message


def test_refused_while_evaluations_are_not_final(org: Org) -> None:
    configured(org)
    assert Evaluasi.objects.filter(periode__tahun_id=YEAR).count() == 2
    PeriodePenilaian.objects.filter(tahun_id=YEAR).update(status="DITUTUP")
    assert "2 evaluasi kinerja" in _refusal(org)


def test_refused_while_an_objection_or_a_plan_waits(org: Org) -> None:
    setup = configured(org)
    _everything_done(setup)
    Keberatan.objects.create(evaluasi=setup.ev("staf1a"), alasan="Saya keberatan atas predikat.")
    skp = plan_services.skp_create(actor=org.actor("staf2"), pegawai=org.pegawai["staf2"], tahun=YEAR, sumber="KOSONG")
    plan_services.rhk_add(
        actor=org.actor("staf2"),
        skp=skp,
        data=plan_services.RhkData(teks="Laporan"),
        iki=plan_services.IkiData(indikator="Jumlah", aspek="KUANTITAS", target_angka="1", satuan="laporan"),
    )
    plan_services.skp_submit(actor=org.actor("staf2"), skp=skp)
    message = _refusal(org)
    assert "1 keberatan" in message and "1 SKP" in message


def test_close_when_everything_is_done_is_audited_and_final(org: Org) -> None:
    setup = configured(org)
    _everything_done(setup)
    tahun = tahun_close(actor=org.actor("admin"), tahun=TahunKinerja.objects.get(pk=YEAR))
    assert tahun.ditutup and TahunKinerja.objects.get(pk=YEAR).ditutup
    event = AuditEvent.objects.get(action="skp.tahun_close", object_id=str(YEAR))
    assert (event.actor_id, event.changes) == (org.users["admin"].pk, {"ditutup": [False, True]})
    with pytest.raises(ValidationError):  # a closed year takes no new plan
        plan_services.skp_create(actor=org.actor("staf2"), pegawai=org.pegawai["staf2"], tahun=YEAR, sumber="KOSONG")
    with pytest.raises(ValidationError, match="sudah ditutup"):  # closing twice
        tahun_close(actor=org.actor("admin"), tahun=TahunKinerja.objects.get(pk=YEAR))
    assert AuditEvent.objects.filter(action="skp.tahun_close").count() == 1


def _admin(org: Org) -> Client:
    client = Client()
    assert client.login(username="admin", password=PASSWORD)
    return client


def test_admin_field_is_read_only(org: Org) -> None:
    configured(org)
    tahun = TahunKinerja.objects.get(pk=YEAR)
    client = _admin(org)
    response = client.post(
        f"/admin/plans/tahunkinerja/{YEAR}/change/",
        {
            "tahun": YEAR,
            "batas_penetapan_skp": tahun.batas_penetapan_skp.isoformat(),
            "ditutup": "on",
            "_save": "Simpan",
        },
    )
    assert response.status_code == 302
    assert not TahunKinerja.objects.get(pk=YEAR).ditutup


def test_admin_action_calls_the_service(org: Org) -> None:
    setup = configured(org)
    client = _admin(org)
    data = {"action": "tutup_tahun", "_selected_action": [str(YEAR)]}
    response = client.post("/admin/plans/tahunkinerja/", data, follow=True)
    assert "tidak dapat ditutup" in response.content.decode()
    assert not TahunKinerja.objects.get(pk=YEAR).ditutup
    _everything_done(setup)
    response = client.post("/admin/plans/tahunkinerja/", data, follow=True)
    assert f"Tahun kinerja {YEAR} ditutup." in response.content.decode()
    assert TahunKinerja.objects.get(pk=YEAR).ditutup
    assert AuditEvent.objects.filter(action="skp.tahun_close").count() == 1
