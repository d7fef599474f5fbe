"""The BKD admin's master-data screens (/admin/): a new unit and a new position go through the people
services (derived path, head agency, audit event), a change of superior position is recorded as such,
and a superior taken from below the position itself is refused next to the field, nothing saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from karier.core.models import AuditEvent
from karier.people.models import Jabatan, UnitKerja
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def _admin(org: Org) -> Client:
    c = Client()
    c.force_login(org.users["admin"])
    return c


def _jabatan_form(j: Jabatan, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": j.unit_id,
        "nama": j.nama,
        "jenis": j.jenis,
        "jabatan_fungsional": j.jabatan_fungsional_id or "",
        "jenjang": j.jenjang,
        "kelas": j.kelas or "",
        "eselon": j.eselon_id or "",
        "atasan": j.atasan_id or "",
        "adalah_kepala_unit": "on" if j.adalah_kepala_unit else "",
        "formasi": j.formasi,
        "aktif": "on" if j.aktif else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_a_new_unit_gets_its_place_in_the_tree_and_an_audit_event(org: Org) -> None:
    dik = org.units["dik"]
    r = _admin(org).post(
        "/admin/people/unitkerja/add/",
        {
            "instansi": org.instansi.pk,
            "nama": "Bidang Guru dan Tenaga Kependidikan",
            "jenis": "BIDANG",
            "parent": dik.pk,
        },
    )
    assert r.status_code == 302
    unit = UnitKerja.objects.get(nama="Bidang Guru dan Tenaga Kependidikan")
    assert unit.parent == dik and unit.opd == dik and unit.path.startswith(dik.path) and unit.depth == dik.depth + 1
    event = AuditEvent.objects.get(action="unit.create", object_id=str(unit.pk))
    assert event.actor == org.users["admin"]


def test_a_new_position_is_made_by_the_service(org: Org) -> None:
    kasi = org.jabatan["kasi1"]
    data = _jabatan_form(kasi, nama="Pengelola Kurikulum", jenis="PELAKSANA", atasan=kasi.pk, formasi=3)
    data.pop("adalah_kepala_unit", None)
    r = _admin(org).post("/admin/people/jabatan/add/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    j = Jabatan.objects.get(nama="Pengelola Kurikulum")
    assert (j.atasan, j.unit, j.formasi) == (kasi, kasi.unit, 3) and j.path.startswith(kasi.path)
    assert AuditEvent.objects.filter(action="jabatan.create", object_id=str(j.pk)).exists()


def test_a_superior_from_below_is_refused_next_to_the_field(org: Org) -> None:
    kabid, kasi = org.jabatan["kabid1"], org.jabatan["kasi1"]
    r = _admin(org).post(f"/admin/people/jabatan/{kabid.pk}/change/", _jabatan_form(kabid, atasan=kasi.pk))
    assert r.status_code == 200
    assert "Rantai atasan akan berputar (melingkar)" in r.content.decode()
    assert Jabatan.objects.get(pk=kabid.pk).atasan_id == kabid.atasan_id
    assert not AuditEvent.objects.filter(action="jabatan.set_atasan").exists()


def test_moving_a_position_under_another_superior_carries_its_subtree(org: Org) -> None:
    kasi, kabid2, staf = org.jabatan["kasi1"], org.jabatan["kabid2"], org.jabatan["staf1"]
    r = _admin(org).post(f"/admin/people/jabatan/{kasi.pk}/change/", _jabatan_form(kasi, atasan=kabid2.pk))
    assert r.status_code == 302
    kasi.refresh_from_db()
    staf.refresh_from_db()
    assert kasi.atasan == kabid2 and kasi.path.startswith(kabid2.path) and staf.path.startswith(kasi.path)
    event = AuditEvent.objects.get(action="jabatan.set_atasan", object_id=str(kasi.pk))
    assert event.changes == {"atasan": [org.jabatan["kabid1"].pk, kabid2.pk]}


def test_moving_a_unit_is_refused_next_to_the_field_not_with_a_500(org: Org) -> None:
    """A unit's path, agency and the positions below would all have to follow; no service does that
    yet, so the form says so (and a rename on the same form still works)."""
    sek = org.units["sek1"] if "sek1" in org.units else next(u for u in org.units.values() if u.parent_id)
    other = org.units["kominfo"] if "kominfo" in org.units else org.units["setda"]
    data = {"instansi": org.instansi.pk, "nama": sek.nama, "jenis": sek.jenis, "parent": other.pk, "aktif": "on"}
    events = AuditEvent.objects.count()
    r = _admin(org).post(f"/admin/people/unitkerja/{sek.pk}/change/", data)
    assert r.status_code == 200
    assert "Memindahkan unit belum didukung dari sini" in r.content.decode()
    sek.refresh_from_db()
    assert sek.parent_id != other.pk and AuditEvent.objects.count() == events

    r = _admin(org).post(
        f"/admin/people/unitkerja/{sek.pk}/change/", {**data, "parent": sek.parent_id, "nama": "Seksi Baru"}
    )
    assert r.status_code == 302
    sek.refresh_from_db()
    assert sek.nama == "Seksi Baru"
