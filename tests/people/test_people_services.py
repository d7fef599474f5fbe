"""Bad input gets a clear message in Bahasa Indonesia and writes nothing (issue #2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from karier.core.models import AuditEvent
from karier.people import services
from karier.people.access import SYSTEM
from karier.people.models import Jabatan, Pegawai, Penugasan

pytestmark = pytest.mark.django_db


def _data(org: Any, **over: Any) -> services.PegawaiData:
    base = {
        "nip": "19900214 201503 2 007",
        "nama": "Siti Aminah",
        "jenis_kelamin": "P",
        "tanggal_lahir": dt.date(1990, 2, 14),
        "pendidikan": "S1",
        "instansi": org.instansi,
    }
    base.update(over)
    return services.PegawaiData(**base)


def _counts() -> tuple[int, int, int]:
    return Pegawai.objects.count(), Penugasan.objects.count(), AuditEvent.objects.count()


def test_valid_employee_is_created_with_tmt_cpns_from_nip(org: Any) -> None:
    p = services.pegawai_create(actor=org.actor("admin"), data=_data(org))
    assert p.nip == "199002142015032007"
    assert p.tmt_cpns == dt.date(2015, 3, 1)
    assert AuditEvent.objects.filter(action="pegawai.create", object_id=str(p.pk)).exists()


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"nip": "1990021420150320"}, "nip", "18"),
        ({"nip": "19901314 201503 2 007"}, "nip", "lahir"),
        ({"nip": "19900214 201513 2 007"}, "nip", "CPNS"),
        ({"nip": "19900214 201503 3 007"}, "nip", "laki-laki"),
        ({"nip": "19900214 201503 2 000"}, "nip", "urut"),
        ({"nip": "19900214 198903 2 007"}, "nip", "CPNS"),
        ({"tanggal_lahir": dt.date(1990, 2, 15)}, "tanggal_lahir", "tidak sesuai"),
        ({"jenis_kelamin": "L"}, "jenis_kelamin", "tidak sesuai"),
        ({"nama": "  "}, "nama", "wajib"),
    ],
)
def test_bad_employee_input_is_refused_and_nothing_written(
    org: Any, over: dict[str, Any], field: str, words: str
) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=SYSTEM, data=_data(org, **over))
    messages = exc.value.message_dict[field]
    assert any(words.lower() in m.lower() for m in messages), messages
    assert _counts() == before


def test_duplicate_nip_is_refused(org: Any) -> None:
    services.pegawai_create(actor=SYSTEM, data=_data(org))
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=SYSTEM, data=_data(org, nama="Orang Lain"))
    assert "sudah terdaftar" in exc.value.message_dict["nip"][0]
    assert _counts() == before


def test_pppk_number_skips_date_checks_but_needs_18_digits(org: Any) -> None:
    p = services.pegawai_create(actor=SYSTEM, data=_data(org, nip="199002142023212001", jenis_asn="PPPK"))
    assert p.tmt_cpns is None
    with pytest.raises(ValidationError):
        services.pegawai_create(actor=SYSTEM, data=_data(org, nip="12345", jenis_asn="PPPK"))


def test_superior_chain_cannot_loop(org: Any) -> None:
    kadis, kasi = org.jabatan["kadis"], org.jabatan["kasi1"]
    paths = dict(Jabatan.objects.values_list("pk", "path"))
    with pytest.raises(ValidationError) as exc:
        services.jabatan_set_atasan(actor=SYSTEM, jabatan=kadis, atasan=kasi)
    assert "melingkar" in exc.value.message_dict["atasan"][0]
    with pytest.raises(ValidationError):
        services.jabatan_set_atasan(actor=SYSTEM, jabatan=kadis, atasan=kadis)
    assert dict(Jabatan.objects.values_list("pk", "path")) == paths


def test_moving_a_position_moves_its_subtree_and_visibility(org: Any) -> None:
    from karier.people.access import actor_for_user, visible_pegawai

    services.jabatan_set_atasan(actor=SYSTEM, jabatan=org.jabatan["kasi1"], atasan=org.jabatan["kabid2"])
    kasi = Jabatan.objects.get(pk=org.jabatan["kasi1"].pk)
    staf = Jabatan.objects.get(pk=org.jabatan["staf1"].pk)
    assert kasi.path == f"{org.jabatan['kabid2'].path}{kasi.pk}/"
    assert staf.path == f"{kasi.path}{staf.pk}/"
    kabid2_sees = visible_pegawai(actor_for_user(org.users["kabid2"]))
    assert kabid2_sees.filter(pk=org.pegawai["staf1a"].pk).exists()
    assert not visible_pegawai(actor_for_user(org.users["kabid1"])).filter(pk=org.pegawai["staf1a"].pk).exists()


def test_two_definitive_positions_at_once_are_refused(org: Any) -> None:
    staf = org.pegawai["staf2"]
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.penugasan_assign(actor=SYSTEM, pegawai=staf, jabatan=org.jabatan["pranata"], mulai=dt.date(2024, 1, 1))
    assert "hanya dapat memangku satu jabatan definitif" in exc.value.message_dict["jabatan"][0]
    assert _counts() == before


def test_plt_beside_a_definitive_position_is_allowed(org: Any) -> None:
    row = services.penugasan_assign(
        actor=SYSTEM,
        pegawai=org.pegawai["kabid2"],
        jabatan=org.jabatan["kabid1"],
        mulai=dt.date(2024, 1, 1),
        jenis="PLT",
    )
    assert row.jenis == "PLT"
    org.pegawai["kabid2"].refresh_from_db()
    assert org.pegawai["kabid2"].jabatan_id == org.jabatan["kabid2"].pk


def test_a_full_managerial_seat_is_refused(org: Any) -> None:
    newcomer = org.add_pegawai("baru", None)
    with pytest.raises(ValidationError) as exc:
        services.penugasan_assign(
            actor=SYSTEM, pegawai=newcomer, jabatan=org.jabatan["kadis"], mulai=dt.date(2024, 1, 1)
        )
    assert "terisi penuh" in exc.value.message_dict["jabatan"][0]


def test_transfer_closes_the_previous_position(org: Any) -> None:
    staf = org.pegawai["staf2"]
    services.penugasan_assign(
        actor=SYSTEM, pegawai=staf, jabatan=org.jabatan["pranata"], mulai=dt.date(2024, 7, 1), close_previous=True
    )
    old = Penugasan.objects.get(pegawai=staf, jabatan=org.jabatan["staf2"])
    assert old.selesai == dt.date(2024, 6, 30)
    staf.refresh_from_db()
    assert staf.jabatan_id == org.jabatan["pranata"].pk
    assert staf.opd_id == org.units["kominfo"].pk


def test_golongan_history_keeps_the_latest_as_current(org: Any) -> None:
    from karier.people.models import Golongan

    p = org.pegawai["staf1a"]
    services.golongan_record(actor=SYSTEM, pegawai=p, golongan=Golongan.objects.get(pk=24), tmt=dt.date(2024, 4, 1))
    services.golongan_record(actor=SYSTEM, pegawai=p, golongan=Golongan.objects.get(pk=22), tmt=dt.date(2016, 4, 1))
    p.refresh_from_db()
    assert (p.golongan_id, p.tmt_golongan) == (24, dt.date(2024, 4, 1))
    with pytest.raises(ValidationError):
        services.golongan_record(actor=SYSTEM, pegawai=p, golongan=Golongan.objects.get(pk=31), tmt=dt.date(2024, 4, 1))


def test_position_validation_messages(org: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.jabatan_create(
            actor=SYSTEM,
            data=services.JabatanData(
                unit=org.units["dik"], nama="Kepala Kedua", jenis="JPT_PRATAMA", adalah_kepala_unit=True, kelas=18
            ),
        )
    errors = exc.value.message_dict
    assert "sudah mempunyai jabatan kepala" in errors["adalah_kepala_unit"][0]
    assert "1 dan 17" in errors["kelas"][0]
