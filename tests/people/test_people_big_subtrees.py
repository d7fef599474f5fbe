"""Big subtrees (issue #14): a Sekda's or an agency head's visibility resolved into whole agencies —
`opd_id IN (…)` on the employee table instead of a subquery over every position below — sees exactly
the people the plain definition (positions strictly below, the agencies headed) gives: an agency
with a position outside the subtree is not covered, people without a position are below nobody.
Small limits stand in for the million-employee sizes; the subtree is cached between requests and
recomputed when the structure changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from karier.people import access, services
from karier.people.access import SYSTEM, actor_for_user, can_see_pegawai, visible_pegawai
from karier.people.models import Jabatan, Pegawai
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(monkeypatch: pytest.MonkeyPatch) -> Org:
    monkeypatch.setattr(access, "BELOW_LIST_LIMIT", 1)  # every subtree of two positions or more is "big"
    return build_org(extra_staff=3)


def _oracle(org: Org, key: str) -> set[int]:
    """Who `key` sees by the plain definition, computed without the shortcut."""
    me = org.pegawai[key]
    held = list(Jabatan.objects.filter(penugasan__pegawai=me).distinct())
    below = set()
    for j in held:
        below |= {b.pk for b in Jabatan.objects.all() if b.path.startswith(j.path) and b.path != j.path}
    headed = {j.unit_id for j in held if j.adalah_kepala_unit and j.unit.parent_id is None}
    return {p.pk for p in Pegawai.objects.all() if p.pk == me.pk or p.jabatan_id in below or p.opd_id in headed}


def _seen(org: Org, key: str) -> tuple[Any, set[int]]:
    actor = actor_for_user(org.users[key])
    return actor, set(visible_pegawai(actor).values_list("pk", flat=True))


@pytest.mark.parametrize("key", ["sekda", "kadis", "kabid1", "kasi1", "staf1a", "kadiskominfo"])
def test_visibility_equals_the_plain_definition(org: Org, key: str) -> None:
    actor, seen = _seen(org, key)
    assert seen == _oracle(org, key)
    for p in Pegawai.objects.all():  # the one-person check agrees with the list
        assert can_see_pegawai(actor, p) == (p.pk in seen)


def test_the_sekda_sees_whole_agencies_only_when_nothing_of_them_is_outside(org: Org) -> None:
    actor, _ = _seen(org, "sekda")
    dik, kominfo = org.units["dik"].pk, org.units["kominfo"].pk
    assert {dik, kominfo} <= set(actor.covered_opd_ids)
    # A position of the Dinas Pendidikan that reports to nobody: its holder is below nobody.
    orphan = services.jabatan_create(
        actor=SYSTEM,
        data=services.JabatanData(unit=org.units["dik_b2"], nama="Analis tanpa atasan", jenis="PELAKSANA", atasan=None),
    )
    org.jabatan["orphan"] = orphan
    lone = org.add_pegawai("lone", "orphan")
    actor, seen = _seen(org, "sekda")
    assert dik not in actor.covered_opd_ids and kominfo in actor.covered_opd_ids
    assert lone.pk not in seen and seen == _oracle(org, "sekda")
    # Somebody whose position ended keeps his last agency but is below nobody.
    Pegawai.objects.filter(pk=org.pegawai["staf1a"].pk).update(jabatan=None)
    assert org.pegawai["staf1a"].pk not in _seen(org, "sekda")[1]


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "subtree"}}
)
def test_the_subtree_is_cached_and_recomputed_when_the_structure_changes(
    org: Org, django_assert_max_num_queries: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    first, _ = _seen(org, "sekda")
    with django_assert_max_num_queries(3):  # positions held, subordinates exist; the subtree from the cache
        again = actor_for_user(org.users["sekda"])
    assert again.covered_opd_ids == first.covered_opd_ids
    with django_capture_on_commit_callbacks(execute=True):  # through the service: the version moves
        orphan = services.jabatan_create(
            actor=SYSTEM,
            data=services.JabatanData(
                unit=org.units["kominfo"], nama="Pranata tanpa atasan", jenis="PELAKSANA", atasan=None
            ),
        )
    assert orphan.pk
    after, seen = _seen(org, "sekda")
    assert org.units["kominfo"].pk not in after.covered_opd_ids
    assert seen == _oracle(org, "sekda")
    cache.clear()
