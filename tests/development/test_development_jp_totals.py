"""Per-person yearly JP totals (`RekapJpPegawai`) kept in step with the ledger by every writer (a
catalogue completion, a verified self-development report), rebuilt by a command; the recap reads
them — never the ledger — with a query count that does not grow with headcount; "JP saya" lists are
paged (screen and API)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karier.development.catalogue import enrolment, selectors, services
from karier.development.jp import ledger
from karier.development.jp.totals import jp_total_refresh, jp_totals_mismatch, jp_totals_rebuild
from karier.development.models import CatatanJp, PengembanganMandiri, RekapJpPegawai
from karier.people.access import as_actor
from karier.people.models import Pegawai
from karier.people.selectors import appraiser_on
from tests.development.catalogue_helpers import kegiatan, past, pdf, sesi
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _stored() -> dict[tuple[int, int], Decimal]:
    rows = RekapJpPegawai.objects.values_list("pegawai_id", "tahun", "jp_total")
    return {(p, t): Decimal(str(s)) for p, t, s in rows}


def _mandiri(org: Any, key: str, jp: Decimal, selesai: dt.date, setuju: bool, n: int) -> None:
    row = ledger.mandiri_report(
        actor=org.actor(key),
        data=ledger.MandiriData(
            judul=f"MOOC {n}", metode="E_LEARNING", penyelenggara="x", mulai=selesai, selesai=selesai, jp=str(jp)
        ),
    )
    boss = appraiser_on(org.pegawai[key].pk, TODAY)
    assert boss is not None
    superior = as_actor(boss.pegawai.user)
    ledger.mandiri_verify(actor=superior, mandiri=row, setuju=setuju, catatan="" if setuju else "Tidak terbaca")


def _catalogue(org: Any, key: str, jp: Decimal, days_ago: int, n: int) -> int:
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin, kode=f"KP-{n}", jp=str(jp)), kapasitas=5)
    row = enrolment.pendaftaran_create(actor=admin, sesi=s, pegawai=org.pegawai[key])
    past(s, days_ago=days_ago)
    enrolment.kehadiran_record(actor=admin, sesi=s, hadir={row.pk: True})
    row.refresh_from_db()
    enrolment.pendaftaran_complete(actor=org.actor(key), pendaftaran=row, sertifikat=pdf())
    return s.selesai.year


OPS = st.lists(
    st.tuples(
        st.sampled_from(["staf1a", "staf1b", "staf2", "kasi1"]),
        st.sampled_from(["mandiri_ok", "mandiri_tolak", "katalog"]),
        st.decimals(min_value=0, max_value=40, places=2, allow_nan=False, allow_infinity=False),
        st.integers(min_value=0, max_value=2),  # years back
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_stored_totals_equal_a_recomputation_after_any_sequence_of_writes(org: Any, ops: list[Any]) -> None:
    sid = transaction.savepoint()
    try:
        expected: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        for n, (key, kind, jp, back) in enumerate(ops):
            pid = org.pegawai[key].pk
            if kind == "katalog":
                tahun = _catalogue(org, key, jp, days_ago=2 + 365 * back, n=n)
                expected[(pid, tahun)] += jp
            else:
                selesai = TODAY if back == 0 else dt.date(TODAY.year - back, 6, 1)
                _mandiri(org, key, jp, selesai, kind == "mandiri_ok", n)
                if kind == "mandiri_ok":
                    expected[(pid, selesai.year)] += jp
        want = dict(expected)
        stored = _stored()
        # A refused report writes no total; an accepted one of 0 JP writes a 0 total.
        assert {k: v for k, v in stored.items() if k in want or v} == want
        assert jp_totals_mismatch() == []
        for (pid, tahun), total in want.items():
            assert selectors.jp_of(Pegawai.objects.get(pk=pid), tahun).total == total
    finally:
        transaction.savepoint_rollback(sid)


def test_cents_sum_exactly_on_every_database(org: Any) -> None:
    """4,99 + 7,28 + 2,91 + 2,26 + 2,56 = 20 JP; a binary floating-point SUM (SQLite) gives 19,999…"""
    for n, jp in enumerate(("4.99", "7.28", "2.91", "2.26", "2.56")):
        _mandiri(org, "staf1a", Decimal(jp), TODAY, True, n)
    assert _stored() == {(org.pegawai["staf1a"].pk, TODAY.year): Decimal(20)}
    assert selectors.jp_of(org.pegawai["staf1a"], TODAY.year).tercapai


def test_a_refused_write_leaves_the_total_untouched(org: Any) -> None:
    from django.core.exceptions import ValidationError

    _mandiri(org, "staf1a", Decimal(6), TODAY, True, 1)
    row = PengembanganMandiri.objects.get()
    with pytest.raises(ValidationError):
        ledger.mandiri_verify(actor=org.actor("kasi1"), mandiri=row, setuju=True)  # already decided
    assert _stored() == {(org.pegawai["staf1a"].pk, TODAY.year): Decimal(6)}


def test_rebuild_command_repairs_and_check_reports(org: Any) -> None:
    _mandiri(org, "staf1a", Decimal(6), TODAY, True, 1)
    _catalogue(org, "staf1b", Decimal(12), 2, 2)
    good = _stored()
    RekapJpPegawai.objects.update(jp_total=Decimal(99))
    CatatanJp.objects.create(  # a bulk load that wrote the ledger directly
        pegawai=org.pegawai["staf2"], tahun=TODAY.year, tanggal=TODAY, jp=Decimal(3), sumber="KATALOG", judul="x"
    )
    assert len(jp_totals_mismatch()) == 3
    with pytest.raises(CommandError, match="tidak sesuai"):
        call_command("jp_totals_rebuild", "--check")
    call_command("jp_totals_rebuild")
    assert _stored() == {**good, (org.pegawai["staf2"].pk, TODAY.year): Decimal(3)}
    call_command("jp_totals_rebuild", "--check")
    assert jp_totals_rebuild(TODAY.year) == 3
    assert jp_totals_mismatch() == []


def test_refresh_twice_is_idempotent(org: Any) -> None:
    p = org.pegawai["staf1a"]
    CatatanJp.objects.create(
        pegawai=p, tahun=2025, tanggal=dt.date(2025, 3, 1), jp=Decimal(5), sumber="KATALOG", judul="x"
    )
    jp_total_refresh(p.pk, 2025)
    jp_total_refresh(p.pk, 2025)
    row = RekapJpPegawai.objects.get()
    assert (row.jp_total, row.jumlah) == (Decimal(5), 1)


# ---------------------------------------------------------------------------- the recap reads the totals
def _credit(p: Any, jp: int) -> None:
    CatatanJp.objects.create(pegawai=p, tahun=TODAY.year, tanggal=TODAY, jp=Decimal(jp), sumber="KATALOG", judul="x")
    jp_total_refresh(p.pk, TODAY.year)


def test_the_recap_reads_the_totals_not_the_ledger(org: Any) -> None:
    _credit(org.pegawai["staf1a"], 25)
    with CaptureQueriesContext(connection) as ctx:
        rows = selectors.rekap(org.actor("admin"), TODAY.year)
        behind = list(selectors.ledger_people(org.actor("admin"), TODAY.year, kurang=True)[:50])
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert CatatanJp._meta.db_table not in sql
    assert RekapJpPegawai._meta.db_table in sql
    assert sum(r.pns_tercapai for r in rows) == 1
    assert org.pegawai["staf1a"].pk not in {p.pk for p in behind}


def _count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/pengembangan/jp/rekap",
        "/api/v1/pengembangan/jp/rekap?per=unit",
        "/api/v1/pengembangan/jp/kurang?limit=50",
        "/pengembangan/jp/rekap/?per=unit&unit=1",
        "/",
    ],
)
def test_jp_figures_queries_do_not_grow_with_headcount(client: Client, url: str) -> None:
    org = build_org(extra_staff=2)
    client.force_login(org.users["admin"] if "api" in url or "rekap" in url else org.users["staf1a"])
    small = _count(client, url)
    for i in range(2, 38):
        p = org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
        _credit(p, i % 25)
    _credit(org.pegawai["staf1a"], 3)
    large = _count(client, url)
    assert small == large


# ---------------------------------------------------------------------------- JP saya, paged
def test_jp_saya_lists_are_paged_on_the_screen(client: Client, org: Any) -> None:
    p = org.pegawai["staf1a"]
    CatatanJp.objects.bulk_create(
        CatatanJp(pegawai=p, tahun=TODAY.year, tanggal=TODAY, jp=Decimal(1), sumber="MANDIRI", judul=f"Catatan {i:03}")
        for i in range(60)
    )
    jp_total_refresh(p.pk, TODAY.year)
    PengembanganMandiri.objects.bulk_create(
        PengembanganMandiri(
            pegawai=p, judul=f"Laporan {i:03}", metode="SEMINAR", penyelenggara="x", mulai=TODAY, selesai=TODAY, jp=1
        )
        for i in range(55)
    )
    client.force_login(org.users["staf1a"])
    html = client.get("/pengembangan/jp/").content.decode()
    assert html.count("Catatan 0") == 50 and "60 / 20 JP" in html
    assert "hal_catatan=2" in html and "hal_mandiri=2" in html
    page2 = client.get("/pengembangan/jp/?hal_catatan=2&hal_mandiri=2").content.decode()
    assert page2.count("Catatan 0") == 10
    assert page2.count("Laporan 0") == 5
    assert client.get("/pengembangan/jp/?hal_catatan=zz&hal_daftar=-1").status_code == 200


def test_jp_saya_lists_are_paged_in_the_api(client: Client, org: Any) -> None:
    p = org.pegawai["staf1a"]
    CatatanJp.objects.bulk_create(
        CatatanJp(pegawai=p, tahun=2024 + i % 2, tanggal=TODAY, jp=Decimal(1), sumber="MANDIRI", judul=f"C{i}")
        for i in range(30)
    )
    client.force_login(org.users["staf1a"])
    r = client.get("/api/v1/pengembangan/jp/saya/catatan?limit=10&offset=20").json()
    assert (r["count"], len(r["items"])) == (30, 10)
    assert client.get("/api/v1/pengembangan/jp/saya/catatan?tahun=2025").json()["count"] == 15
    assert client.get("/api/v1/pengembangan/jp/saya/mandiri").json()["count"] == 0
    assert client.get("/api/v1/pengembangan/jp/saya/pendaftaran").json()["count"] == 0
    assert client.get("/api/v1/pengembangan/jp/saya/catatan?limit=0").status_code == 422
    assert client.get("/api/v1/pengembangan/jp/saya/catatan?tahun=abc").status_code == 422
    client.force_login(org.users["admin"])  # an account without an employee record
    assert client.get("/api/v1/pengembangan/jp/saya/catatan").status_code in (200, 404)
    client.logout()
    assert client.get("/api/v1/pengembangan/jp/saya/mandiri").status_code == 401


def test_jp_saya_enrolments_in_the_api(client: Client, org: Any) -> None:
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin, kode="K-SAYA"))
    enrolment.pendaftaran_create(actor=admin, sesi=s, pegawai=org.pegawai["staf1a"])
    client.force_login(org.users["staf1a"])
    items = client.get("/api/v1/pengembangan/jp/saya/pendaftaran").json()["items"]
    assert [(i["kegiatan"], i["status"]) for i in items] == [("Pelatihan K-SAYA", "TERDAFTAR")]
    client.force_login(org.users["staf1b"])
    assert client.get("/api/v1/pengembangan/jp/saya/pendaftaran").json()["count"] == 0
    assert json.loads(client.get("/api/v1/pengembangan/jp/saya/catatan").content)["count"] == 0


# ---------------------------------------------------------------------------- PPPK target and cap
def test_pppk_target_and_cap_are_configurable_and_applied_everywhere(org: Any) -> None:
    from django.core.exceptions import ValidationError

    p = org.pegawai["staf2"]
    Pegawai.objects.filter(pk=p.pk).update(jenis_asn="PPPK")
    p.refresh_from_db()
    _credit(p, 18)
    assert not selectors.jp_of(p, TODAY.year).tercapai  # default PPPK target 20
    services.target_jp_set(actor=org.actor("admin"), jenis_asn="PPPK", target="16", batas="17")
    jp = selectors.jp_of(p, TODAY.year)
    assert (jp.dihitung, jp.target, jp.tercapai) == (Decimal(17), Decimal(16), True)
    rows = {r.nama: r for r in selectors.rekap(org.actor("admin"), TODAY.year)}
    assert sum(r.pppk_tercapai for r in rows.values()) == 1
    with pytest.raises(ValidationError):  # a cap below the target is refused
        services.target_jp_set(actor=org.actor("admin"), jenis_asn="PPPK", target="16", batas="10")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.target_jp_set(actor=org.actor("kasi1"), jenis_asn="PPPK", target="10", batas=None)


@pytest.mark.parametrize("key", ["admin", "kadis", "kabid1", "kasi1", "staf1a", "auditor"])
def test_the_behind_count_taken_from_the_recap_equals_the_database_count(org: Any, key: str) -> None:
    Pegawai.objects.filter(pk=org.pegawai["staf2"].pk).update(jenis_asn="PPPK")
    services.target_jp_set(actor=org.actor("admin"), jenis_asn="PPPK", target="10", batas="12")
    _credit(org.pegawai["staf2"], 11)
    _credit(org.pegawai["staf1a"], 20)
    _credit(org.pegawai["staf1b"], 19)
    actor = org.actor(key)
    for per in ("opd", "unit"):
        rows = selectors.rekap(actor, TODAY.year, per=per)
        counted = selectors.behind_page_source(actor, TODAY.year, rows, unit_id=None)
        assert counted.count() == selectors.ledger_people(actor, TODAY.year, kurang=True).count()
        assert [p.pk for p in counted[:50]] == [
            p.pk for p in selectors.ledger_people(actor, TODAY.year, kurang=True)[:50]
        ]


def test_refresh_many_matches_one_by_one(org: Any) -> None:
    from karier.development.jp.totals import jp_totals_refresh_many

    a, b = org.pegawai["staf1a"], org.pegawai["staf1b"]
    _credit(a, 4)  # an existing total, to be updated
    rows = [(a, 2026, "1.10"), (a, 2026, "2.20"), (b, 2025, "3.33"), (b, 2024, "0")]
    CatatanJp.objects.bulk_create(
        CatatanJp(pegawai=p, tahun=t, tanggal=dt.date(t, 2, 1), jp=Decimal(j), sumber="KATALOG", judul="x")
        for p, t, j in rows
    )
    keys = {(p.pk, t) for p, t, _j in rows} | {(a.pk, TODAY.year)}
    assert jp_totals_refresh_many(keys) == len(keys)
    assert jp_totals_mismatch() == []
    assert _stored()[(b.pk, 2024)] == Decimal(0)
    assert jp_totals_refresh_many([]) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_verifications_for_one_person_keep_the_total_exact() -> None:
    """Two superiors' threads, two connections, one person's first total of the year: the refresh's
    row lock (and, for the very first row, the unique constraint) serialise them on PostgreSQL; on
    SQLite the database write lock does (a locked writer retries)."""
    import threading
    import time

    org = build_org()
    reports = []
    for n, jp in enumerate(("5.25", "7.50")):
        reports.append(
            ledger.mandiri_report(
                actor=org.actor("staf1a"),
                data=ledger.MandiriData(
                    judul=f"MOOC {n}", metode="E_LEARNING", penyelenggara="x", mulai=TODAY, selesai=TODAY, jp=jp
                ),
            )
        )
    kasi = org.actor("kasi1")
    barrier = threading.Barrier(2)
    errors: list[Any] = []

    def run(row: Any) -> None:
        try:
            barrier.wait(timeout=10)
            for attempt in range(60):
                try:
                    ledger.mandiri_verify(actor=kasi, mandiri=row, setuju=True)
                    return
                except Exception as exc:
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.05 * (attempt % 10 + 1))
            errors.append("database stayed locked")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(r,)) for r in reports]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert _stored() == {(org.pegawai["staf1a"].pk, TODAY.year): Decimal("12.75")}
    assert jp_totals_mismatch() == []
