"""The one set-based appraiser resolver (issue #8 §10) against a slow, obvious reference.

Random position trees (sometimes with a loop), vacancies, Plt and Plh, assignments that ended or
start later, people who cover their own superior position: `appraisers_on` (set-based),
`appraiser_on` (one person), `AppraiserTree` (whole tree in memory, used by the bulk run) and
`officials_above` with excluded people must all agree with the reference walk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karier.people import selectors
from karier.people.models import Jabatan, Penugasan

D = dt.date(2025, 6, 30)
RANK = {"DEFINITIF": 0, "PLT": 1, "PLH": 2}


@dataclass(frozen=True)
class Row:
    pk: int
    pegawai: int
    jabatan: int
    jenis: str
    mulai: dt.date
    selesai: dt.date | None

    def active(self) -> bool:
        return self.mulai <= D and (self.selesai is None or self.selesai >= D)


def reference(pegawai: int, rows: list[Row], atasan: dict[int, int | None]) -> tuple[int, int, str, int] | None:
    """Obvious and slow: the person's latest definitive position, then up the tree one position at a
    time; the first position covered by someone else (definitive > Plt > Plh, earliest first) wins."""
    own = [r for r in rows if r.pegawai == pegawai and r.jenis == "DEFINITIF" and r.active()]
    if not own:
        return None
    start = max(own, key=lambda r: (r.mulai, r.pk)).jabatan
    visited = {start}
    position = atasan[start]
    skipped = 0
    while position is not None and position not in visited:
        visited.add(position)
        covering = sorted(
            (r for r in rows if r.jabatan == position and r.active()), key=lambda r: (RANK[r.jenis], r.mulai, r.pk)
        )
        if covering and covering[0].pegawai != pegawai:
            return covering[0].pegawai, position, covering[0].jenis, skipped
        skipped += 1
        position = atasan[position]
    return None


DATES = st.sampled_from([dt.date(2020, 1, 2), dt.date(2024, 7, 1), dt.date(2025, 6, 30), dt.date(2025, 7, 1)])


@st.composite
def scenarios(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(min_value=1, max_value=9))
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None for i in range(1, n)]
    parents = [None if i == 0 else parents[i] for i in range(n)]
    loop = draw(st.one_of(st.none(), st.integers(0, n - 1)))  # the root's superior, making a cycle
    people = draw(st.integers(min_value=1, max_value=6))
    assignments = draw(
        st.lists(
            st.tuples(
                st.integers(0, people - 1),
                st.integers(0, n - 1),
                st.sampled_from(["DEFINITIF", "DEFINITIF", "PLT", "PLH"]),
                DATES,
                st.one_of(st.none(), DATES),
            ),
            max_size=14,
        )
    )
    return {"n": n, "parents": parents, "loop": loop, "people": people, "assignments": assignments}


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(case=scenarios())
def test_resolvers_agree_with_the_reference(org: Any, case: dict[str, Any]) -> None:
    unit = next(iter(org.units.values()))
    staff = list(org.pegawai.values())[: case["people"]]
    with transaction.atomic():
        jabatan = Jabatan.objects.bulk_create(
            [Jabatan(unit=unit, nama=f"J{i}", jenis="PELAKSANA") for i in range(case["n"])]
        )
        ids = [j.pk for j in jabatan]
        for i, parent in enumerate(case["parents"]):
            if parent is not None:
                Jabatan.objects.filter(pk=ids[i]).update(atasan_id=ids[parent])
        if case["loop"] is not None:
            Jabatan.objects.filter(pk=ids[0]).update(atasan_id=ids[case["loop"]])
        atasan = dict(Jabatan.objects.filter(pk__in=ids).values_list("pk", "atasan_id"))
        made = Penugasan.objects.bulk_create(
            [
                Penugasan(
                    pegawai=staff[p],
                    jabatan_id=ids[j],
                    jenis=jenis,
                    mulai=mulai,
                    selesai=selesai if selesai is None or selesai >= mulai else None,
                )
                for p, j, jenis, mulai, selesai in case["assignments"]
            ]
        )
        del made
        # Only the random positions count: everyone's real assignments move out of the way.
        Penugasan.objects.exclude(jabatan_id__in=ids).update(mulai=dt.date(2030, 1, 1), selesai=None)
        rows = [
            Row(*r)
            for r in Penugasan.objects.filter(jabatan_id__in=ids).values_list(
                "pk", "pegawai_id", "jabatan_id", "jenis", "mulai", "selesai"
            )
        ]
        person_ids = [p.pk for p in staff]
        expected = {p: reference(p, rows, atasan) for p in person_ids}
        expected = {p: e for p, e in expected.items() if e is not None}

        found = selectors.appraisers_on(person_ids, D)
        assert {p: (a.pegawai.pk, a.jabatan.pk, a.jenis, a.skipped_vacant) for p, a in found.items()} == expected
        for p in person_ids:
            one = selectors.appraiser_on(p, D)
            assert (
                None if one is None else (one.pegawai.pk, one.jabatan.pk, one.jenis, one.skipped_vacant)
            ) == expected.get(p)
        own = selectors.definitive_positions_on(person_ids, D)
        tree = selectors.AppraiserTree(D).resolve_many(own)
        assert tree == {p: e[:2] for p, e in expected.items()}
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_set_based_lookup_runs_a_fixed_number_of_queries(org: Any, django_assert_max_num_queries: Any) -> None:
    people = [p.pk for p in org.pegawai.values()]
    with django_assert_max_num_queries(1 + 2 * 6):  # positions, then two per tree level at most
        found = selectors.appraisers_on(people, D)
    assert found[org.pegawai["staf1a"].pk].pegawai.pk == org.pegawai["kasi1"].pk
