"""The selector "holder and superior on date D", through vacancies, Plt/Plh and transfers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from karier.people import selectors, services
from karier.people.access import SYSTEM

pytestmark = pytest.mark.django_db
D = dt.date(2024, 5, 15)


def test_appraiser_is_the_holder_of_the_superior_position(org: Any) -> None:
    a = selectors.appraiser_on(org.pegawai["staf1a"], D)
    assert a is not None
    assert (a.pegawai.pk, a.jabatan.pk, a.jenis, a.skipped_vacant) == (
        org.pegawai["kasi1"].pk,
        org.jabatan["kasi1"].pk,
        "DEFINITIF",
        0,
    )
    assert selectors.appraiser_on(org.pegawai["kadis"], D).pegawai.pk == org.pegawai["sekda"].pk  # type: ignore[union-attr]
    assert selectors.appraiser_on(org.pegawai["sekda"], D) is None


def test_vacancy_then_plt_then_return(org: Any) -> None:
    from karier.people.models import Penugasan

    # Kasi leaves at the end of March: April–May the seat is vacant, so the Kabid appraises.
    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"]).update(selesai=dt.date(2024, 3, 31))
    assert selectors.holder_on(org.jabatan["kasi1"], dt.date(2024, 3, 31)).pegawai.pk == org.pegawai["kasi1"].pk  # type: ignore[union-attr]
    assert selectors.holder_on(org.jabatan["kasi1"], dt.date(2024, 4, 1)) is None
    a = selectors.appraiser_on(org.pegawai["staf1a"], dt.date(2024, 4, 10))
    assert a is not None and a.pegawai.pk == org.pegawai["kabid1"].pk and a.skipped_vacant == 1
    # From June a Plt covers the seat.
    services.penugasan_assign(
        actor=SYSTEM,
        pegawai=org.pegawai["kabid2"],
        jabatan=org.jabatan["kasi1"],
        mulai=dt.date(2024, 6, 1),
        selesai=dt.date(2024, 8, 31),
        jenis="PLT",
    )
    a = selectors.appraiser_on(org.pegawai["staf1a"], dt.date(2024, 7, 1))
    assert a is not None and (a.pegawai.pk, a.jenis) == (org.pegawai["kabid2"].pk, "PLT")
    # After the Plt ends, vacant again.
    a = selectors.appraiser_on(org.pegawai["staf1a"], dt.date(2024, 9, 1))
    assert a is not None and a.pegawai.pk == org.pegawai["kabid1"].pk


def test_definitive_holder_beats_plh(org: Any) -> None:
    services.penugasan_assign(
        actor=SYSTEM,
        pegawai=org.pegawai["kabid2"],
        jabatan=org.jabatan["kasi1"],
        mulai=dt.date(2024, 5, 1),
        selesai=dt.date(2024, 5, 31),
        jenis="PLH",
    )
    assert selectors.holder_on(org.jabatan["kasi1"], D).pegawai.pk == org.pegawai["kasi1"].pk  # type: ignore[union-attr]


def test_transfer_mid_year_changes_the_appraiser_on_each_side(org: Any) -> None:
    staf = org.pegawai["staf2"]
    services.penugasan_assign(
        actor=SYSTEM, pegawai=staf, jabatan=org.jabatan["pranata"], mulai=dt.date(2024, 7, 1), close_previous=True
    )
    before = selectors.appraiser_on(staf, dt.date(2024, 6, 30))
    after = selectors.appraiser_on(staf, dt.date(2024, 7, 1))
    assert before is not None and before.pegawai.pk == org.pegawai["kabid2"].pk
    assert after is not None and after.pegawai.pk == org.pegawai["kadiskominfo"].pk
    assert selectors.definitive_assignment_on(staf, dt.date(2019, 1, 1)) is None


def test_golongan_on_a_date(org: Any) -> None:
    from karier.people.models import Golongan

    p = org.pegawai["staf1a"]
    services.golongan_record(actor=SYSTEM, pegawai=p, golongan=Golongan.objects.get(pk=24), tmt=dt.date(2024, 4, 1))
    assert selectors.golongan_on(p, dt.date(2024, 3, 31)).golongan_id == 23  # type: ignore[union-attr]
    assert selectors.golongan_on(p, dt.date(2024, 4, 1)).golongan_id == 24  # type: ignore[union-attr]
    assert selectors.golongan_on(p, dt.date(2019, 1, 1)) is None


def test_appraiser_lookup_runs_few_queries(org: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(3):
        selectors.appraiser_on(org.pegawai["staf1a"].pk, D)
