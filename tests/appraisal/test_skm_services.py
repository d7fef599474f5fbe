"""SKM services and selectors (issue #13 item 3): periods and their overlaps, who manages them,
the anonymous response and its refusals, the IKM from stored answers, follow-up actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karier.appraisal.public import services as public_services
from karier.appraisal.public.skm import selectors, services
from karier.appraisal.public.skm.choices import MutuSkm, StatusSkm, UnsurSkm
from karier.appraisal.public.skm.models import PeriodeSkm, ResponSkm, TindakLanjutSkm
from karier.core.models import AuditEvent
from karier.rules import SKM_ELEMENTS, SKM_GRADE_LABELS
from tests.appraisal.skm_support import ANSWERS, fill, jawaban, make_period, today
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def test_unsur_choices_follow_the_rules() -> None:
    assert [(c.value, str(c.label)) for c in UnsurSkm] == [(e.code, e.label) for e in SKM_ELEMENTS]
    assert [(c.value, str(c.label)) for c in MutuSkm] == list(SKM_GRADE_LABELS.items())


# ---------------------------------------------------------------------------- periods
def test_managers_create_and_others_are_refused(org: Org) -> None:
    for who in ("admin", "kadis", "kabid1"):  # BKD admin, the agency head, the unit's head
        PeriodeSkm.objects.all().delete()
        assert make_period(org, who=who).status == StatusSkm.BUKA
    for who in ("kasi1", "staf1a", "kabid2", "kadiskominfo", "auditor", "unlinked"):
        with pytest.raises(PermissionDenied):
            make_period(org, who=who, mulai=dt.date(2020, 1, 1), selesai=dt.date(2020, 2, 1))
    assert AuditEvent.objects.filter(action="skm_periode.buat").count() == 3


@pytest.mark.parametrize(
    ("mulai", "selesai"),
    [
        (dt.date(2026, 6, 30), dt.date(2026, 7, 10)),  # touches the last day (closed ranges)
        (dt.date(2025, 12, 1), dt.date(2026, 1, 1)),  # touches the first day
        (dt.date(2026, 2, 1), dt.date(2026, 3, 1)),  # inside
        (dt.date(2025, 1, 1), dt.date(2027, 1, 1)),  # around
    ],
)
def test_overlapping_period_is_refused(org: Org, mulai: dt.date, selesai: dt.date) -> None:
    make_period(org, nama="Semester I", mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 6, 30), open_=False)
    with pytest.raises(ValidationError) as exc:
        make_period(org, nama="Lain", mulai=mulai, selesai=selesai, open_=False)
    assert "bertumpang tindih" in exc.value.message_dict["mulai"][0]
    assert "Semester I (01 Januari 2026 – 30 Juni 2026)" in exc.value.message_dict["mulai"][0]
    assert PeriodeSkm.objects.count() == 1


def test_adjacent_periods_and_other_units_are_fine(org: Org) -> None:
    make_period(org, nama="I", mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 6, 30), open_=False)
    make_period(org, nama="II", mulai=dt.date(2026, 7, 1), selesai=dt.date(2026, 12, 31), open_=False)
    make_period(org, "dik_b2", nama="I", mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 6, 30), open_=False)
    assert PeriodeSkm.objects.count() == 3


def test_bad_dates_and_name(org: Org) -> None:
    with pytest.raises(ValidationError) as exc:
        make_period(org, nama=" ", mulai=dt.date(2026, 2, 1), selesai=dt.date(2026, 1, 1))
    assert set(exc.value.message_dict) == {"nama", "selesai"}


def test_status_moves_draft_open_closed_only(org: Org) -> None:
    p = make_period(org, open_=False, selesai=today())  # its last day: the agency head may close it
    with pytest.raises(ValidationError):
        services.skm_periode_close(actor=org.actor("admin"), periode=p)
    services.skm_periode_open(actor=org.actor("kabid1"), periode=p)
    with pytest.raises(ValidationError):
        services.skm_periode_open(actor=org.actor("admin"), periode=p)
    with pytest.raises(PermissionDenied):
        services.skm_periode_close(actor=org.actor("auditor"), periode=p)
    services.skm_periode_close(actor=org.actor("kadis"), periode=p)
    p.refresh_from_db()
    assert p.status == StatusSkm.TUTUP
    with pytest.raises(ValidationError):
        services.skm_periode_open(actor=org.actor("admin"), periode=p)


def test_only_bkd_admins_close_a_period_before_its_end_date(org: Org) -> None:
    """Closing writes the IKM into the unit head's own realisation: a head may not close early
    after a few good answers; a BKD admin may, and the head may from the end date on."""
    early = make_period(org, selesai=today() + dt.timedelta(days=1))
    for who in ("kabid1", "kadis"):
        with pytest.raises(PermissionDenied) as exc:
            services.skm_periode_close(actor=org.actor(who), periode=early)
        assert "hanya dapat dilakukan admin BKD" in str(exc.value)
    early.refresh_from_db()
    assert early.status == StatusSkm.BUKA
    assert not AuditEvent.objects.filter(action="skm_periode.tutup").exists()
    services.skm_periode_close(actor=org.actor("admin"), periode=early)
    early.refresh_from_db()
    assert early.status == StatusSkm.TUTUP
    due = make_period(org, "dik_b2", mulai=today() - dt.timedelta(days=5), selesai=today())  # ends today
    services.skm_periode_close(actor=org.actor("kabid2"), periode=due)
    due.refresh_from_db()
    assert due.status == StatusSkm.TUTUP


# ---------------------------------------------------------------------------- responses
def test_index_from_stored_answers_hand_computed(org: Org) -> None:
    p = make_period(org)
    fill(p)
    with CaptureQueriesContext(connection) as ctx:
        hasil = selectors.hasil_periode(p)
    assert len(ctx.captured_queries) == 3
    assert hasil.n == 4
    assert [u.rata for u in hasil.unsur] == [
        Decimal(x) for x in ("3.50", "3.50", "2.75", "3.00", "3.75", "2.50", "2.50", "3.00", "3.50")
    ]
    assert hasil.ikm == Decimal("77.78") and hasil.mutu == "B" and hasil.mutu_label == "Baik"
    assert [u.code for u in hasil.terlemah] == ["U6", "U7", "U3"]
    assert [u.code for u in hasil.unsur if u.kebutuhan] == ["U6", "U7"]
    assert hasil.unsur[5].indeks == Decimal("62.50") and hasil.unsur[5].mutu == "D"
    usia = {r.value: (r.n, r.persen) for r in hasil.profil["usia"]}
    assert usia["21-30"] == (2, Decimal("50.0")) and usia["31-40"] == (1, Decimal("25.0"))
    assert usia[""] == (1, Decimal("25.0"))  # one respondent left the profile empty


def test_query_count_does_not_grow_with_responses(org: Org) -> None:
    small, big = make_period(org), make_period(org, "dik_b2")
    fill(small, ANSWERS[:1])
    fill(big, ANSWERS * 10)
    for p in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            selectors.hasil_periode(p)
        assert len(ctx.captured_queries) == 3
    assert selectors.hasil_periode(big).ikm == Decimal("77.78")


def test_empty_period_has_no_index(org: Org) -> None:
    hasil = selectors.hasil_periode(make_period(org))
    assert hasil.n == 0 and hasil.ikm is None and hasil.unsur == [] and hasil.profil == {}


def test_bad_answers_are_refused_per_element(org: Org) -> None:
    p = make_period(org)
    bad = jawaban((4, 4, 4, 4, 4, 4, 4, 4, 4))
    bad.pop("u2")
    bad.update(u3=5, u4=0, u5="x", u6=True, u7="3", u8=" 2 ")  # type: ignore[dict-item]
    with pytest.raises(ValidationError) as exc:
        services.skm_respons_submit(
            periode=p, jawaban=bad, profil={"usia": "99"}, perangkat_id="p" * 20, alamat="10.0.0.1"
        )
    errors = exc.value.message_dict
    assert set(errors) == {"u2", "u3", "u4", "u5", "u6", "usia"}
    assert errors["u2"] == ["Pilih salah satu jawaban 1 sampai 4 untuk unsur U2 (Sistem, mekanisme dan prosedur)."]
    assert ResponSkm.objects.count() == 0


def test_only_while_open_and_within_dates(org: Org) -> None:
    draft = make_period(org, open_=False)
    args = {"jawaban": jawaban(ANSWERS[0]), "perangkat_id": "p" * 20, "alamat": "10.0.0.1"}
    with pytest.raises(ValidationError, match="tidak dibuka"):
        services.skm_respons_submit(periode=draft, **args)
    later = make_period(org, "dik_b2", mulai=today() + dt.timedelta(days=1), selesai=today() + dt.timedelta(days=9))
    with pytest.raises(ValidationError, match="tidak dibuka"):
        services.skm_respons_submit(periode=later, **args)
    services.skm_periode_open(actor=org.actor("admin"), periode=draft)
    services.skm_respons_submit(periode=draft, **args)
    services.skm_periode_close(actor=org.actor("admin"), periode=draft)
    with pytest.raises(ValidationError, match="tidak dibuka"):
        services.skm_respons_submit(periode=draft, **args)
    assert ResponSkm.objects.count() == 1


def test_one_per_device_per_day_and_address_limits(org: Org) -> None:
    p = make_period(org)
    args = {"periode": p, "jawaban": jawaban(ANSWERS[0]), "alamat": "10.9.9.9"}
    services.skm_respons_submit(perangkat_id="a" * 20, **args)
    with pytest.raises(ValidationError, match="sudah mengisi"):
        services.skm_respons_submit(perangkat_id="a" * 20, **args)
    for i in range(1, services.MAKS_PERIODE_ALAMAT_JAM):
        services.skm_respons_submit(perangkat_id=f"{i:020d}", **args)
    with pytest.raises(public_services.TerlaluBanyak):
        services.skm_respons_submit(perangkat_id="z" * 20, **args)
    assert ResponSkm.objects.count() == services.MAKS_PERIODE_ALAMAT_JAM
    # Responses through the API carry no device: the address limits still hold.
    with pytest.raises(public_services.TerlaluBanyak):
        services.skm_respons_submit(perangkat_id=None, **args)


def test_no_personal_data_is_kept(org: Org) -> None:
    p = make_period(org)
    row = services.skm_respons_submit(
        periode=p, jawaban=jawaban(ANSWERS[0]), perangkat_id="perangkat-rahasia-1", alamat="10.1.2.3"
    )
    assert "10.1.2.3" not in row.alamat_hash and "perangkat-rahasia" not in row.perangkat_hash
    assert len(row.alamat_hash) == len(row.perangkat_hash) == 64


# ---------------------------------------------------------------------------- follow-up
def test_follow_up_actions(org: Org) -> None:
    p = make_period(org)
    due = today() + dt.timedelta(days=60)
    row = services.skm_tindak_lanjut_add(
        actor=org.actor("kabid1"),
        periode=p,
        unsur="U6",
        tindakan="Pelatihan pelayanan prima bagi petugas loket",
        penanggung_jawab="Kepala Seksi Kurikulum",
        batas_waktu=due,
    )
    assert row.status == "RENCANA"
    with pytest.raises(ValidationError) as exc:
        services.skm_tindak_lanjut_add(
            actor=org.actor("admin"),
            periode=p,
            unsur="U10",
            tindakan="",
            batas_waktu=None,  # type: ignore[arg-type]
        )
    assert set(exc.value.message_dict) == {"unsur", "tindakan", "penanggung_jawab", "batas_waktu"}
    with pytest.raises(PermissionDenied):
        services.skm_tindak_lanjut_add(
            actor=org.actor("kabid2"), periode=p, unsur="U6", tindakan="x", penanggung_jawab="y", batas_waktu=due
        )
    row = services.skm_tindak_lanjut_update(actor=org.actor("kadis"), tindak_lanjut=row, status="SELESAI")
    assert TindakLanjutSkm.objects.get().status == "SELESAI"
    event = AuditEvent.objects.filter(action="skm_tindak_lanjut.ubah").get()
    assert event.changes == {"status": ["RENCANA", "SELESAI"]}
    with pytest.raises(ValidationError):
        services.skm_tindak_lanjut_update(actor=org.actor("kadis"), tindak_lanjut=row, status="ENTAH")
    by_pegawai = services.skm_tindak_lanjut_add(
        actor=org.actor("admin"),
        periode=p,
        unsur="U7",
        tindakan="Coaching",
        pegawai=org.pegawai["kasi1"],
        batas_waktu=due,
    )
    assert [t.pk for t in selectors.hasil_periode(p).tindak_lanjut] == [row.pk, by_pegawai.pk]


def test_follow_up_status_follows_its_transition_table(org: Org) -> None:
    p = make_period(org, selesai=today())
    due = today() + dt.timedelta(days=30)
    row = services.skm_tindak_lanjut_add(
        actor=org.actor("kabid1"), periode=p, unsur="U6", tindakan="Pelatihan", penanggung_jawab="Kasi", batas_waktu=due
    )
    row = services.skm_tindak_lanjut_update(actor=org.actor("kabid1"), tindak_lanjut=row, status="PROSES")
    row = services.skm_tindak_lanjut_update(actor=org.actor("kabid1"), tindak_lanjut=row, status="RENCANA")
    row = services.skm_tindak_lanjut_update(actor=org.actor("kabid1"), tindak_lanjut=row, status="PROSES")
    services.skm_periode_close(actor=org.actor("kabid1"), periode=p)
    # the work follows the survey: an action still moves forward after its period closed
    row = services.skm_tindak_lanjut_update(actor=org.actor("kabid1"), tindak_lanjut=row, status="SELESAI")
    assert TindakLanjutSkm.objects.get().status == "SELESAI"
    for status, tindakan in (("RENCANA", None), ("PROSES", None), ("SELESAI", "Ditulis ulang")):
        with pytest.raises(ValidationError) as exc:
            services.skm_tindak_lanjut_update(
                actor=org.actor("admin"), tindak_lanjut=row, status=status, tindakan=tindakan
            )
        assert "sudah selesai dan tidak dapat diubah lagi" in exc.value.message_dict["status"][0]
    stale = TindakLanjutSkm.objects.get()
    stale.status = "PROSES"  # a copy read before a parallel request finished it
    with pytest.raises(ValidationError):
        services.skm_tindak_lanjut_update(actor=org.actor("admin"), tindak_lanjut=stale, status="RENCANA")
    assert TindakLanjutSkm.objects.get().status == "SELESAI"
    assert [e.changes["status"] for e in AuditEvent.objects.filter(action="skm_tindak_lanjut.ubah").order_by("pk")] == [
        ["RENCANA", "PROSES"],
        ["PROSES", "RENCANA"],
        ["RENCANA", "PROSES"],
        ["PROSES", "SELESAI"],
    ]


# ---------------------------------------------------------------------------- for dashboards
def test_ikm_rows(org: Org) -> None:
    year = today().year
    a = make_period(org, "dik_b1", mulai=dt.date(year, 1, 1), selesai=dt.date(year, 12, 31))
    b = make_period(org, "kominfo", mulai=dt.date(year, 1, 1), selesai=dt.date(year, 12, 31))
    make_period(org, "dik_b2", mulai=dt.date(year, 1, 1), selesai=dt.date(year, 12, 31), open_=False)  # draft
    make_period(org, "dik_s1", mulai=dt.date(year - 1, 1, 1), selesai=dt.date(year - 1, 12, 31))  # last year
    fill(a)
    fill(b, [(4,) * 9, (3,) * 9])  # averages 3.5 → 87.50, B
    with CaptureQueriesContext(connection) as ctx:
        rows = selectors.ikm_rows(tahun=year)
    assert len(ctx.captured_queries) == 1
    got = {r.periode_id: (r.respondents, r.ikm, r.grade, r.opd_id) for r in rows}
    dik, kominfo = org.units["dik"].pk, org.units["kominfo"].pk
    assert got == {a.pk: (4, Decimal("77.78"), "B", dik), b.pk: (2, Decimal("87.50"), "B", kominfo)}
    assert [r.periode_id for r in selectors.ikm_rows(tahun=year, opd_ids=[kominfo])] == [b.pk]
    assert selectors.ikm_rows(tahun=year, opd_ids=[]) == []


def test_periods_for_actor(org: Org) -> None:
    a = make_period(org, "dik_b1")
    b = make_period(org, "kominfo")
    seen = lambda who: {p.pk for p in selectors.periods_for_actor(org.actor(who))}  # noqa: E731
    assert seen("admin") == seen("auditor") == {a.pk, b.pk}
    assert seen("kadis") == seen("kabid1") == {a.pk}
    assert seen("kadiskominfo") == {b.pk}
    assert seen("kabid2") == seen("staf1a") == seen("unlinked") == set()


def test_postgresql_refuses_overlap_even_past_the_service(org: Org) -> None:
    """The exclusion constraint of migration 0005 (PostgreSQL only) settles races."""
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    make_period(org, nama="I", mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 6, 30), open_=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        PeriodeSkm.objects.create(
            unit=org.units["dik_b1"],
            nama="II",
            mulai=dt.date(2026, 6, 30),
            selesai=dt.date(2026, 7, 31),
            token="x" * 22,
        )


def test_agency_ikm_weighs_each_unit_once() -> None:
    """A unit that closed two periods weighs as much as a unit that closed one."""

    def row(unit_id: int, ikm: str | None, n: int = 5, status: str = StatusSkm.TUTUP) -> selectors.IkmRow:
        day = dt.date(2026, 6, 30)
        return selectors.IkmRow(
            unit_id=unit_id,
            unit_nama="",
            opd_id=1,
            periode_id=0,
            periode_nama="",
            mulai=day,
            selesai=day,
            status=status,
            respondents=n,
            ikm=Decimal(ikm) if ikm else None,
            grade=None,
        )

    rows = [row(1, "77.78"), row(1, "87.50"), row(2, "70.00"), row(3, "99.00", status=StatusSkm.BUKA), row(4, None)]
    assert selectors.agency_ikm(iter(rows)) == (Decimal("76.32"), 3, 15)  # (82.64 + 70) / 2
    assert selectors.agency_ikm([row(3, "99.00", status=StatusSkm.BUKA)]) == (None, 0, 0)


def test_form_token_is_the_short_forms_with_its_own_salt(org: Org) -> None:
    import time

    p = make_period(org)
    shown = time.time() - public_services.MIN_DETIK - 1
    services.check_form_token(services.form_token(p, shown), p)  # accepted
    with pytest.raises(ValidationError) as exc:  # the short form's token, same link text: refused
        services.check_form_token(public_services.form_token(p, shown), p)
    assert exc.value.code == "token"
    with pytest.raises(ValidationError) as exc:
        public_services.check_form_token(services.form_token(p, shown), p)
    assert exc.value.code == "token"
