"""Coaching services and access (issue #12 §6): every role, nobody coaches themselves, a plan without a
mentor is refused and nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.people.models import Pegawai
from karier.talent.coaching import access, services
from karier.talent.coaching.selectors import coaching_for_person
from karier.talent.models import PertemuanBimbingan, RencanaBimbingan, StatusBimbingan, TindakanBimbingan
from tests.talent import talent_coaching_helpers as h

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _open(org: Any, actor: str = "kasi1", mentor: str | None = "kasi1", who: str = "staf1a") -> RencanaBimbingan:
    return services.bimbingan_create(
        actor=org.actor(actor),
        pegawai=org.pegawai[who],
        mentor=org.pegawai[mentor] if mentor else None,
        tujuan="Target triwulan tercapai",
    )


def test_superior_opens_a_plan_audited(org: Any) -> None:
    h.annual(org.pegawai["staf1a"], TODAY.year, "Butuh Perbaikan")
    plan = _open(org)
    assert plan.mentor_id == org.pegawai["kasi1"].pk and plan.status == StatusBimbingan.AKTIF
    assert "Butuh Perbaikan" in plan.pemicu[0]
    assert AuditEvent.objects.filter(action="bimbingan.create", object_id=str(plan.pk)).exists()


def test_manual_plan_without_rule_reasons_says_so(org: Any) -> None:
    assert "pertimbangan atasan" in _open(org).pemicu[0]


def test_plan_without_mentor_is_refused_and_nothing_written(org: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        _open(org, mentor=None)
    assert "harus punya mentor" in str(exc.value)
    assert not RencanaBimbingan.objects.exists() and not AuditEvent.objects.filter(action="bimbingan.create").exists()


def test_person_is_not_their_own_mentor(org: Any) -> None:
    with pytest.raises(ValidationError, match="mentor bagi dirinya sendiri"):
        _open(org, mentor="staf1a")


def test_nobody_opens_their_own_plan(org: Any) -> None:
    with pytest.raises(PermissionDenied, match="diri Anda sendiri"):
        _open(org, actor="staf1a", mentor="kasi1")


@pytest.mark.parametrize("who", ["staf1b", "kabid2", "auditor", "unlinked"])
def test_others_may_not_open(org: Any, who: str) -> None:
    with pytest.raises(PermissionDenied):
        _open(org, actor=who)
    assert not RencanaBimbingan.objects.exists()


def test_bkd_opens_with_another_official_as_mentor(org: Any) -> None:
    plan = _open(org, actor="admin", mentor="kabid2")
    assert plan.mentor_id == org.pegawai["kabid2"].pk


def test_second_running_plan_of_the_year_refused(org: Any) -> None:
    _open(org)
    with pytest.raises(ValidationError, match="sudah punya rencana bimbingan"):
        _open(org)


def test_follow_up_in_the_past_refused(org: Any) -> None:
    with pytest.raises(ValidationError, match="tindak lanjut"):
        services.bimbingan_create(
            actor=org.actor("kasi1"),
            pegawai=org.pegawai["staf1a"],
            mentor=org.pegawai["kasi1"],
            tanggal_tindak_lanjut=TODAY - dt.timedelta(days=1),
        )


@pytest.mark.parametrize(
    "who,sees",
    [
        ("staf1a", True),
        ("kasi1", True),
        ("kabid1", True),
        ("kadis", True),
        ("admin", True),
        ("auditor", True),
        ("staf1b", False),
        ("kabid2", False),
        ("kadiskominfo", False),
        ("unlinked", False),
    ],
)
def test_visibility(org: Any, who: str, sees: bool) -> None:
    plan = _open(org)
    if sees:
        assert access.rencana_for_actor(org.actor(who), plan.pk).pk == plan.pk
    else:
        with pytest.raises(Http404):
            access.rencana_for_actor(org.actor(who), plan.pk)


def test_a_mentor_outside_the_chain_sees_and_coaches_but_cannot_hand_on(org: Any) -> None:
    plan = _open(org, actor="admin", mentor="kabid2")
    mentor = org.actor("kabid2")
    assert access.rencana_for_actor(mentor, plan.pk)
    services.pertemuan_add(actor=mentor, rencana=plan, tanggal=TODAY, catatan="Pertemuan pertama")
    with pytest.raises(PermissionDenied, match="Mentor hanya dapat diganti"):
        services.bimbingan_update(actor=mentor, rencana=plan, mentor=org.pegawai["kabid1"])
    services.bimbingan_update(actor=org.actor("kasi1"), rencana=plan, mentor=org.pegawai["kabid1"])
    plan.refresh_from_db()
    assert plan.mentor_id == org.pegawai["kabid1"].pk


def test_update_refuses_removing_the_mentor(org: Any) -> None:
    plan = _open(org)
    with pytest.raises(ValidationError, match="harus punya mentor"):
        services.bimbingan_update(actor=org.actor("admin"), rencana=plan, mentor=None)


def test_update_goal_and_kind(org: Any) -> None:
    plan = _open(org)
    services.bimbingan_update(actor=org.actor("kasi1"), rencana=plan, tujuan="Baru", jenis="KONSELING")
    plan.refresh_from_db()
    assert (plan.tujuan, plan.jenis) == ("Baru", "KONSELING")
    assert AuditEvent.objects.filter(action="bimbingan.update").count() == 1
    with pytest.raises(ValidationError, match="Jenis"):
        services.bimbingan_update(actor=org.actor("kasi1"), rencana=plan, jenis="HUKUMAN")


def test_person_cannot_write_meetings_or_actions_but_ticks_their_own(org: Any) -> None:
    plan = _open(org)
    person = org.actor("staf1a")
    with pytest.raises(PermissionDenied):
        services.pertemuan_add(actor=person, rencana=plan, tanggal=TODAY, catatan="x")
    with pytest.raises(PermissionDenied):
        services.tindakan_add(actor=person, rencana=plan, uraian="x", batas=TODAY)
    t = services.tindakan_add(actor=org.actor("kasi1"), rencana=plan, uraian="Jadwal mingguan", batas=TODAY)
    t = access.tindakan_for_actor(person, plan.pk, t.pk)
    services.tindakan_done(actor=person, tindakan=t)
    t.refresh_from_db()
    assert t.selesai and t.selesai_pada is not None
    with pytest.raises(PermissionDenied):
        services.tindakan_done(actor=org.actor("auditor"), tindakan=t, selesai=False)
    with pytest.raises(Http404):
        access.tindakan_for_actor(org.actor("staf1b"), plan.pk, t.pk)


def test_meeting_rules(org: Any) -> None:
    plan = _open(org)
    with pytest.raises(ValidationError, match="masa depan"):
        services.pertemuan_add(
            actor=org.actor("kasi1"), rencana=plan, tanggal=TODAY + dt.timedelta(days=1), catatan="x"
        )
    with pytest.raises(ValidationError, match="Wajib"):
        services.pertemuan_add(actor=org.actor("kasi1"), rencana=plan, tanggal=TODAY, catatan="  ")
    assert not PertemuanBimbingan.objects.exists()


def test_close_and_then_nothing_changes(org: Any) -> None:
    plan = _open(org)
    with pytest.raises(PermissionDenied):
        services.bimbingan_close(actor=org.actor("staf1a"), rencana=plan, hasil="MEMBAIK", catatan_hasil="x")
    with pytest.raises(ValidationError, match="hasil"):
        services.bimbingan_close(actor=org.actor("kasi1"), rencana=plan, hasil="", catatan_hasil="x")
    services.bimbingan_close(actor=org.actor("kasi1"), rencana=plan, hasil="MEMBAIK", catatan_hasil="Target tercapai")
    plan.refresh_from_db()
    assert plan.status == StatusBimbingan.SELESAI and plan.ditutup_pada is not None
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.tindakan_add(actor=org.actor("kasi1"), rencana=plan, uraian="x", batas=TODAY)
    assert not TindakanBimbingan.objects.exists()


def test_coaching_for_person(org: Any) -> None:
    assert coaching_for_person(org.actor("kasi1"), org.pegawai["staf1a"]) is None
    plan = _open(org)
    services.tindakan_add(actor=org.actor("kasi1"), rencana=plan, uraian="Langkah satu", batas=TODAY)
    got = coaching_for_person(org.actor("staf1a"), org.pegawai["staf1a"])
    assert got is not None and got["id"] == plan.pk and got["mentor"].pk == org.pegawai["kasi1"].pk
    assert got["tindakan_berikut"].uraian == "Langkah satu" and got["tindakan_total"] == 1
    assert coaching_for_person(org.actor("staf1b"), org.pegawai["staf1a"]) is None


@pytest.mark.parametrize("mentor", ["staf1b", "kadiskominfo"])
def test_mentor_must_be_an_official_of_the_agency(org: Any, mentor: str) -> None:
    """Naming a mentor lets them read the plan: not a colleague without subordinates, not another agency."""
    with pytest.raises(ValidationError, match="perangkat daerah yang sama") as exc:
        _open(org, actor="admin", mentor=mentor)
    assert "mentor" in exc.value.message_dict
    assert not RencanaBimbingan.objects.exists()
    plan = _open(org)
    with pytest.raises(ValidationError, match="perangkat daerah yang sama"):
        services.bimbingan_update(actor=org.actor("admin"), rencana=plan, mentor=org.pegawai[mentor])
    plan.refresh_from_db()
    assert plan.mentor_id == org.pegawai["kasi1"].pk


def test_the_current_mentor_stays_allowed_and_the_form_offers_the_same_officials(org: Any) -> None:
    from karier.talent.coaching.forms import mentor_choices

    plan = _open(org, actor="admin", mentor="kabid2")
    services.bimbingan_update(actor=org.actor("kasi1"), rencana=plan, mentor=org.pegawai["kabid2"], tujuan="Baru")
    ids = {int(v) for v, _label in mentor_choices(org.pegawai["staf1a"])[0] if v}
    assert org.pegawai["kasi1"].pk in ids and org.pegawai["kabid2"].pk in ids
    assert org.pegawai["staf1b"].pk not in ids and org.pegawai["kadiskominfo"].pk not in ids
    for pid in ids:
        assert access.check_mentor(org.pegawai["staf1a"], Pegawai.objects.get(pk=pid))
