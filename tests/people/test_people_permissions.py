"""The people services check permission themselves (issue #9): master data — units, positions,
employees, golongan, assignments — is written by BKD admins (or Karier itself, `SYSTEM`) only.
Anyone else calling a service directly gets `PermissionDenied` with the reason, and nothing is
written: no row, no audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from karier.core.models import AuditEvent
from karier.people.access import SYSTEM, Actor
from karier.people.models import Golongan, Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja
from karier.people.services.common import MSG_MASTER_DATA
from karier.people.services.jabatan import JabatanData, jabatan_create, jabatan_set_atasan
from karier.people.services.pegawai import PegawaiData, golongan_record, pegawai_create, pegawai_update_profile
from karier.people.services.penugasan import penugasan_assign, penugasan_refresh
from karier.people.services.unit import unit_create

pytestmark = pytest.mark.django_db

# A plain employee, a superior, an agency head and an auditor: none of them is a BKD admin.
NOT_ADMINS = ("staf1a", "kasi1", "kadis", "auditor")


def _state() -> tuple[Any, ...]:
    """Everything a people service could write, row by row."""
    return (
        list(UnitKerja.objects.order_by("pk").values_list("pk", "nama", "parent_id", "path")),
        list(Jabatan.objects.order_by("pk").values_list("pk", "nama", "atasan_id", "path")),
        list(
            Pegawai.objects.order_by("pk").values_list(
                "pk", "nip", "nama", "golongan_id", "tmt_golongan", "jabatan_id", "tmt_jabatan", "unit_id", "opd_id"
            )
        ),
        list(RiwayatGolongan.objects.order_by("pk").values_list("pk", "golongan_id", "tmt")),
        list(Penugasan.objects.order_by("pk").values_list("pk", "jabatan_id", "jenis", "mulai", "selesai")),
        AuditEvent.objects.count(),
    )


def _refused(call: Callable[[Actor], object], org: Any) -> None:
    before = _state()
    for who in NOT_ADMINS:
        with pytest.raises(PermissionDenied) as exc:
            call(org.actor(who))
        assert str(exc.value) == MSG_MASTER_DATA
    assert _state() == before


def test_unit_services_refuse_anyone_but_a_bkd_admin(org: Any) -> None:
    _refused(
        lambda actor: unit_create(
            actor=actor, instansi=org.instansi, nama="Bidang Baru", jenis="BIDANG", parent=org.units["dik"]
        ),
        org,
    )
    unit = unit_create(
        actor=org.actor("admin"), instansi=org.instansi, nama="Bidang Baru", jenis="BIDANG", parent=org.units["dik"]
    )
    assert AuditEvent.objects.get(action="unit.create", object_id=str(unit.pk)).actor == org.users["admin"]


def test_jabatan_services_refuse_anyone_but_a_bkd_admin(org: Any) -> None:
    data = JabatanData(unit=org.units["dik_b2"], nama="Analis Baru", jenis="PELAKSANA", atasan=org.jabatan["kabid2"])
    _refused(lambda actor: jabatan_create(actor=actor, data=data), org)
    _refused(
        lambda actor: jabatan_set_atasan(actor=actor, jabatan=org.jabatan["kasi1"], atasan=org.jabatan["kabid2"]),
        org,
    )
    created = jabatan_create(actor=SYSTEM, data=data)
    event = AuditEvent.objects.get(action="jabatan.create", object_id=str(created.pk))
    assert event.actor is None  # Karier itself


def test_penugasan_services_refuse_anyone_but_a_bkd_admin(org: Any) -> None:
    _refused(
        lambda actor: penugasan_assign(
            actor=actor,
            pegawai=org.pegawai["staf2"],
            jabatan=org.jabatan["pranata"],
            mulai=dt.date(2024, 7, 1),
            close_previous=True,
        ),
        org,
    )
    _refused(
        lambda actor: penugasan_assign(
            actor=actor,
            pegawai=org.pegawai["kabid2"],
            jabatan=org.jabatan["kabid1"],
            mulai=dt.date(2024, 1, 1),
            jenis="PLT",
        ),
        org,
    )
    # The province-wide refresh finds drift but, refused, repairs none of it.
    Penugasan.objects.filter(pegawai=org.pegawai["staf2"]).update(selesai=dt.date(2024, 1, 1))
    _refused(lambda actor: penugasan_refresh(actor=actor), org)
    assert penugasan_refresh(actor=org.actor("admin")).diperbarui == 1


def test_pegawai_services_refuse_anyone_but_a_bkd_admin(org: Any) -> None:
    data = PegawaiData(
        nip="19900214 201503 2 007",
        nama="Siti Aminah",
        jenis_kelamin="P",
        tanggal_lahir=dt.date(1990, 2, 14),
        pendidikan="S1",
        instansi=org.instansi,
    )
    _refused(lambda actor: pegawai_create(actor=actor, data=data), org)
    # Not even one's own record: identity data is BKD's.
    _refused(lambda actor: pegawai_update_profile(actor=actor, pegawai=org.pegawai["staf1a"], nama="Nama Lain"), org)
    updated = pegawai_update_profile(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], nama="Nama Lain")
    assert updated.nama == "Nama Lain"


def test_golongan_services_refuse_anyone_but_a_bkd_admin(org: Any) -> None:
    golongan = Golongan.objects.get(pk=32)
    _refused(
        lambda actor: golongan_record(
            actor=actor, pegawai=org.pegawai["staf1a"], golongan=golongan, tmt=dt.date(2024, 4, 1)
        ),
        org,
    )
    golongan_record(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], golongan=golongan, tmt=dt.date(2024, 4, 1))
    assert Pegawai.objects.get(pk=org.pegawai["staf1a"].pk).golongan_id == 32


def test_the_admin_site_passes_the_request_actor_to_the_service(org: Any) -> None:
    """/admin/ is an edge like any other: it passes `actor_from_request` and the service decides. A
    staff user holding Django's model permission but not BKD admin rights is refused there too."""
    from django.contrib.auth.models import Permission
    from django.test import Client

    from karier.accounts.models import User
    from tests.orgdata import PASSWORD

    url = "/admin/people/riwayatgolongan/add/"
    form = {"pegawai": org.pegawai["staf1a"].pk, "golongan": 32, "tmt": "2024-04-01", "nomor_sk": "823.3/1/BKD/2024"}
    staff = User.objects.create_user(username="operator", password=PASSWORD, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="add_riwayatgolongan"))
    client = Client()
    client.force_login(staff)
    before = _state()
    assert client.post(url, form).status_code == 403
    assert _state() == before
    client.force_login(org.users["admin"])
    assert client.post(url, form).status_code == 302
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and event.action == "pegawai.golongan" and event.actor == org.users["admin"]
    assert Pegawai.objects.get(pk=org.pegawai["staf1a"].pk).golongan_id == 32
