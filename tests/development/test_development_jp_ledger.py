"""The JP ledger: self-development verified by the superior (never oneself), progress to the
target, PPPK's own target and cap, unit/agency shares with a constant query count, the reminder
from the third quarter, the home card."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.appraisal.models import Pengingat
from karier.development.catalogue import selectors, services
from karier.development.jp import ledger
from karier.development.jp.reminders import jp_reminders_send
from karier.development.jp.totals import jp_total_refresh
from karier.development.models import CatatanJp, StatusMandiri
from karier.people.models import Pegawai
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _report(org: Any, key: str = "staf1a", **kw: Any) -> Any:
    data = ledger.MandiriData(
        judul=kw.pop("judul", "MOOC Analisis Data"),
        metode=kw.pop("metode", "E_LEARNING"),
        penyelenggara="Platform e-learning",
        mulai=kw.pop("mulai", TODAY - dt.timedelta(days=10)),
        selesai=kw.pop("selesai", TODAY - dt.timedelta(days=2)),
        **kw,
    )
    return ledger.mandiri_report(actor=org.actor(key), data=data)


def _credit(pegawai: Any, jp: int, tahun: int = TODAY.year) -> None:
    """A ledger row as a writer makes it: the row, then the person's yearly total in step."""
    CatatanJp.objects.create(
        pegawai=pegawai, tahun=tahun, tanggal=dt.date(tahun, 1, 15), jp=Decimal(jp), sumber="KATALOG", judul="x"
    )
    jp_total_refresh(pegawai.pk, tahun)


def test_self_development_from_minutes_uses_45_minute_jp(org: Any) -> None:
    row = _report(org, menit=450)
    assert row.jp == Decimal(10)
    assert row.status == StatusMandiri.DIAJUKAN
    assert not CatatanJp.objects.exists()  # not counted before verification


def test_bad_reports_are_refused_in_indonesian(org: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        _report(org, jp="250", selesai=TODAY + dt.timedelta(days=3))
    assert "antara 0 dan 200" in exc.value.message_dict["jp"][0]
    assert "masa depan" in exc.value.message_dict["selesai"][0]
    with pytest.raises(ValidationError, match="45 menit"):
        _report(org)
    with pytest.raises(PermissionDenied):
        _report(org, key="auditor", jp="2")


def test_the_superior_verifies_and_the_jp_is_counted_nobody_verifies_themself(org: Any) -> None:
    row = _report(org, jp="6")
    with pytest.raises(PermissionDenied, match="sendiri"):
        ledger.mandiri_verify(actor=org.actor("staf1a"), mandiri=row, setuju=True)
    with pytest.raises(PermissionDenied):
        ledger.mandiri_verify(actor=org.actor("staf1b"), mandiri=row, setuju=True)
    with pytest.raises(PermissionDenied):
        ledger.mandiri_verify(actor=org.actor("auditor"), mandiri=row, setuju=True)
    ledger.mandiri_verify(actor=org.actor("kasi1"), mandiri=row, setuju=True)
    jp = selectors.jp_of(org.pegawai["staf1a"], row.selesai.year)
    assert jp.total == Decimal(6)
    assert jp.kurang == Decimal(14)
    assert not jp.tercapai
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        ledger.mandiri_verify(actor=org.actor("kasi1"), mandiri=row, setuju=False, catatan="x")


def test_refusal_needs_a_reason_and_counts_nothing(org: Any) -> None:
    row = _report(org, jp="6")
    with pytest.raises(ValidationError, match="alasan"):
        ledger.mandiri_verify(actor=org.actor("kasi1"), mandiri=row, setuju=False)
    ledger.mandiri_verify(actor=org.actor("kasi1"), mandiri=row, setuju=False, catatan="Sertifikat tidak terbaca")
    assert not CatatanJp.objects.exists()


def test_pppk_has_its_own_target_and_cap(org: Any) -> None:
    p = org.pegawai["staf2"]
    Pegawai.objects.filter(pk=p.pk).update(jenis_asn="PPPK")
    p.refresh_from_db()
    services.target_jp_set(actor=org.actor("admin"), jenis_asn="PPPK", target="16", batas="24")
    _credit(p, 30)
    jp = selectors.jp_of(p, TODAY.year)
    assert (jp.total, jp.dihitung, jp.target, jp.tercapai) == (Decimal(30), Decimal(24), Decimal(16), True)
    row = selectors.ledger_people(org.actor("admin"), TODAY.year).get(pk=p.pk)
    assert (row.jp_dihitung, row.jp_target, row.jp_tercapai) == (Decimal(24), Decimal(16), True)


def test_rekap_counts_the_share_of_pns_at_target_per_agency(org: Any) -> None:
    _credit(org.pegawai["staf1a"], 20)
    _credit(org.pegawai["staf1b"], 12)
    _credit(org.pegawai["staf1b"], 7)
    rows = {r.nama: r for r in selectors.rekap(org.actor("admin"), TODAY.year)}
    dik = rows["Dinas Pendidikan"]
    assert dik.pns_tercapai == 1
    assert dik.pns == Pegawai.objects.filter(opd=org.units["dik"], aktif=True).count()
    behind = set(selectors.ledger_people(org.actor("kasi1"), TODAY.year, kurang=True).values_list("pk", flat=True))
    assert org.pegawai["staf1b"].pk in behind and org.pegawai["staf1a"].pk not in behind


def test_a_colleague_sees_only_themself_in_the_ledger(org: Any) -> None:
    seen = set(selectors.ledger_people(org.actor("staf1a"), TODAY.year).values_list("pk", flat=True))
    assert seen == {org.pegawai["staf1a"].pk}


def _measure(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/pengembangan/jp/rekap/", "/pengembangan/jp/rekap/?per=unit"])
def test_jp_recap_queries_do_not_grow_with_headcount(client: Client, url: str) -> None:
    org = build_org(extra_staff=2)
    client.force_login(org.users["admin"])
    small = _measure(client, url)
    for i in range(2, 38):
        p = org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
        _credit(p, i % 25)
    large = _measure(client, url)
    assert small == large
    assert client.get(url).content.decode().count("Pegawai extra") >= 20


def test_reminders_from_the_third_quarter_to_those_behind_and_their_superiors(org: Any) -> None:
    _credit(org.pegawai["staf1a"], 20)
    assert jp_reminders_send(dt.date(TODAY.year, 6, 30)).dibuat == 0
    h = jp_reminders_send(dt.date(TODAY.year, 7, 1))
    mine = Pengingat.objects.filter(jenis=f"jp_kurang:{TODAY.year}")
    users = set(mine.values_list("pengguna_id", flat=True))
    assert org.users["staf1b"].pk in users and org.users["staf1a"].pk not in users
    team = Pengingat.objects.get(pengguna=org.users["kasi1"], jenis=f"jp_tim_kurang:{TODAY.year}")
    assert "1 pegawai" in team.pesan  # staf1b only: staf1a reached the target
    assert h.dibuat == mine.count() + Pengingat.objects.filter(jenis=f"jp_tim_kurang:{TODAY.year}").count()
    assert jp_reminders_send(dt.date(TODAY.year, 7, 2)).dibuat == 0  # nothing twice


def test_the_reminder_mail_names_the_jp_target_not_the_appraisal_deadline(org: Any) -> None:
    from django.core import mail

    org.users["staf1b"].email = "staf1b@example.test"
    org.users["staf1b"].save(update_fields=["email"])
    assert jp_reminders_send(dt.date(TODAY.year, 7, 1)).email >= 1
    subjects = {m.subject for m in mail.outbox if m.to == ["staf1b@example.test"]}
    assert subjects == {"Pengingat Karier: target JP pengembangan kompetensi"}


def test_the_reminder_job_is_in_the_daily_runner() -> None:
    from karier.core.daily import daily_tasks

    assert "karier.development.jp.reminders.jp_reminders_task" in dict(daily_tasks())


def test_home_page_shows_my_jp(client: Client, org: Any) -> None:
    _credit(org.pegawai["staf1a"], 8)
    client.force_login(org.users["staf1a"])
    html = client.get("/").content.decode()
    assert 'data-testid="home-jp"' in html
    assert "8 / 20 JP" in html
    client.force_login(org.users["auditor"])
    assert 'data-testid="home-jp"' not in client.get("/").content.decode()


def test_exactly_the_target_in_cents_counts_as_reached_on_every_database(org: Any) -> None:
    """4,99 + 7,28 + 2,91 + 2,26 + 2,56 = 20 JP; a binary floating-point SUM (SQLite) gives 19,999…"""
    p = org.pegawai["staf1a"]
    for jp in ("4.99", "7.28", "2.91", "2.26", "2.56"):
        CatatanJp.objects.create(
            pegawai=p, tahun=TODAY.year, tanggal=dt.date(TODAY.year, 1, 15), jp=Decimal(jp), sumber="KATALOG", judul="x"
        )
        jp_total_refresh(p.pk, TODAY.year)
    assert selectors.jp_of(p, TODAY.year).tercapai
    row = selectors.ledger_people(org.actor("admin"), TODAY.year).get(pk=p.pk)
    assert row.jp_tercapai
    behind = selectors.ledger_people(org.actor("admin"), TODAY.year, kurang=True)
    assert not behind.filter(pk=p.pk).exists()
    rows = {r.nama: r for r in selectors.rekap(org.actor("admin"), TODAY.year)}
    assert rows["Dinas Pendidikan"].pns_tercapai == 1


def test_the_verification_list_finds_my_subordinates_report_among_many_others(client: Client, org: Any) -> None:
    """kabid1 sees every report of the bidang but appraises only kasi1: the list is not cut at 100
    visible reports before it is filtered to the ones kabid1 decides."""
    from karier.development.models import PengembanganMandiri

    old = TODAY - dt.timedelta(days=30)
    PengembanganMandiri.objects.bulk_create(
        PengembanganMandiri(
            pegawai=org.pegawai["staf1a"],
            judul=f"Laporan staf {i}",
            metode="E_LEARNING",
            penyelenggara="x",
            mulai=TODAY - dt.timedelta(days=2),
            selesai=TODAY - dt.timedelta(days=1),
            jp=Decimal(1),
        )
        for i in range(105)
    )
    _report(org, key="kasi1", judul="Laporan kasi", jp="3", mulai=old, selesai=old)
    client.force_login(org.users["kabid1"])
    html = client.get("/pengembangan/jp/verifikasi/").content.decode()
    assert "Laporan kasi" in html
    assert "Laporan staf" not in html  # kasi1 verifies those, not kabid1


def test_the_reminder_uses_the_pppk_target_and_the_stored_totals(org: Any) -> None:
    p = org.pegawai["staf1b"]
    Pegawai.objects.filter(pk=p.pk).update(jenis_asn="PPPK")
    services.target_jp_set(actor=org.actor("admin"), jenis_asn="PPPK", target="16", batas="24")
    _credit(p, 16)  # reaches the PPPK target, not the PNS one
    _credit(org.pegawai["staf1a"], 19)
    jp_reminders_send(dt.date(TODAY.year, 9, 1))
    users = set(Pengingat.objects.filter(jenis=f"jp_kurang:{TODAY.year}").values_list("pengguna_id", flat=True))
    assert org.users["staf1a"].pk in users
    assert org.users["staf1b"].pk not in users
    mine = Pengingat.objects.get(pengguna=org.users["staf1a"], jenis=f"jp_kurang:{TODAY.year}")
    assert "19 JP" in mine.pesan and "20 JP" in mine.pesan


def test_the_reminder_run_queries_do_not_grow_with_headcount() -> None:
    org = build_org(extra_staff=2)

    def run(day: int) -> int:
        Pengingat.objects.all().delete()
        with CaptureQueriesContext(connection) as ctx:
            jp_reminders_send(dt.date(TODAY.year, 7, day))
        return len([q for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]])

    small = run(1)
    for i in range(2, 30):
        p = org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=True)
        _credit(p, i % 25)
    assert run(2) == small
