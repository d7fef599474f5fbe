"""`people.access.is_rater`: the one rule for "is the actor the appraiser" of a plan or an evaluation —
the snapshot appraiser, or whoever covers the appraiser's post on the date (definitive > Plt > Plh),
or the next official up when the subject covers his own appraiser's post; never the subject, never
an auditor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from karier.people import services as people_services
from karier.people.access import SYSTEM, Actor, is_rater
from karier.people.models import Penugasan
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)


def rater(org: Org, who: str, *, subject: str = "staf1a", snapshot: bool = True, on: dt.date | None = None) -> bool:
    """Is `who` the rater of `subject`, whose snapshot names the Kasi (or nobody, without `snapshot`)?"""
    actor: Actor = org.actor(who)
    return is_rater(
        actor,
        subject_id=org.pegawai[subject].pk,
        penilai_id=org.pegawai["kasi1"].pk if snapshot else None,
        penilai_jabatan_id=org.jabatan["kasi1"].pk,
        on=on,
    )


def vacate_kasi(org: Org) -> None:
    """The Kasi leaves his post yesterday."""
    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"], jabatan=org.jabatan["kasi1"]).update(selesai=YESTERDAY)


def cover(org: Org, key: str, jenis: str, *, new: bool = True) -> Any:
    """`key` covers the Kasi's post from today as Plt/Plh (a new staff member of bidang 2 when `new`)."""
    pegawai = org.add_pegawai(key, "staf2", golongan=33) if new else org.pegawai[key]
    people_services.penugasan_assign(
        actor=SYSTEM, pegawai=pegawai, jabatan=org.jabatan["kasi1"], mulai=TODAY, jenis=jenis
    )
    return pegawai


def test_the_snapshot_appraiser_rates_and_nobody_else_around_him(org: Org) -> None:
    assert rater(org, "kasi1")
    assert rater(org, "kasi1", snapshot=False)  # he also covers the post today
    for who in ("staf1a", "staf1b", "kabid1", "kadis", "admin", "auditor", "unlinked"):
        assert not rater(org, who), who


def test_the_subject_is_never_his_own_rater_even_when_named_in_the_snapshot(org: Org) -> None:
    actor = org.actor("kasi1")
    # A snapshot naming the subject himself (bad data): still refused.
    assert not is_rater(
        actor,
        subject_id=org.pegawai["kasi1"].pk,
        penilai_id=org.pegawai["kasi1"].pk,
        penilai_jabatan_id=org.jabatan["kasi1"].pk,
    )


@pytest.mark.parametrize("jenis", ["PLT", "PLH"])
def test_the_acting_holder_of_a_vacant_post_rates(org: Org, jenis: str) -> None:
    vacate_kasi(org)
    cover(org, "acting", jenis)
    assert rater(org, "acting", snapshot=False)
    assert rater(org, "acting")  # beside the snapshot
    assert not rater(org, "kasi1", snapshot=False)  # gone from the post, and not the snapshot
    assert rater(org, "kasi1")  # the snapshot still rates what he was named for
    assert not rater(org, "kabid1", snapshot=False)


def test_a_plh_beside_the_definitive_holder_does_not_rate(org: Org) -> None:
    cover(org, "plh", "PLH")  # the Kasi is still there (e.g. on leave for a day)
    assert not rater(org, "plh", snapshot=False)
    assert rater(org, "kasi1", snapshot=False)


def test_a_plt_outranks_a_plh_on_the_same_post(org: Org) -> None:
    vacate_kasi(org)
    cover(org, "plh", "PLH")
    cover(org, "plt", "PLT")
    assert rater(org, "plt", snapshot=False)
    assert not rater(org, "plh", snapshot=False)


def test_a_vacant_post_has_no_rater_through_the_post(org: Org) -> None:
    vacate_kasi(org)
    for who in ("kasi1", "kabid1", "kadis", "staf1b"):
        assert not rater(org, who, snapshot=False), who


def test_the_date_decides_who_covers_the_post(org: Org) -> None:
    vacate_kasi(org)
    cover(org, "plt", "PLT")
    before = TODAY - dt.timedelta(days=2)  # the Kasi still held the post; the Plt did not yet
    assert not rater(org, "plt", snapshot=False, on=before)
    assert rater(org, "plt", snapshot=False, on=TODAY)


@pytest.mark.parametrize("jenis", ["PLT", "PLH"])
def test_the_subject_covering_his_own_appraisers_post_passes_to_the_next_official(org: Org, jenis: str) -> None:
    vacate_kasi(org)
    cover(org, "staf1a", jenis, new=False)
    assert not rater(org, "staf1a", snapshot=False)  # never himself
    assert rater(org, "kabid1", snapshot=False)  # the next official up decides instead
    assert not rater(org, "kadis", snapshot=False)  # not two levels up
    assert rater(org, "staf1a", subject="staf1b", snapshot=False)  # he rates the others of the seksi
    assert not rater(org, "kabid1", subject="staf1b", snapshot=False)


def test_an_auditor_never_rates_even_as_the_snapshot_appraiser(org: Org) -> None:
    user = org.users["kasi1"]
    user.is_auditor = True
    user.save(update_fields=["is_auditor"])
    assert not rater(org, "kasi1")
    assert not rater(org, "kasi1", snapshot=False)
    assert not rater(org, "auditor")
