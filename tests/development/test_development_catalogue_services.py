"""Catalogue services: who may write, JP 0–200 refused in Indonesian, JP defaults per method as data,
competency levels, sessions, audit events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from karier.core.models import AuditEvent
from karier.development.catalogue import services
from karier.development.models import JpBawaanMetode, KegiatanKompetensi, KegiatanPengembangan, Kompetensi
from tests.development.catalogue_helpers import kegiatan, sesi

pytestmark = pytest.mark.django_db


def test_admin_creates_activity_with_its_jp_and_an_audit_event(org: Any) -> None:
    k = kegiatan(org.actor("admin"), jp="12,5", metode="BIMTEK")
    assert k.jp == Decimal("12.50")
    assert k.jenis_diklat_siasn == "8"  # Bimbingan Teknis in SIASN's jenisDiklat
    assert AuditEvent.objects.filter(action="pengembangan.kegiatan_buat", object_id=str(k.pk)).exists()


@pytest.mark.parametrize("key", ["staf1a", "kabid1", "auditor", "kadis"])
def test_only_the_bkd_admin_manages_the_catalogue(org: Any, key: str) -> None:
    with pytest.raises(PermissionDenied, match="admin BKD"):
        kegiatan(org.actor(key))
    assert not KegiatanPengembangan.objects.exists()


@pytest.mark.parametrize("jp", ["-1", "200,01", "250", "abc", Decimal("NaN"), True])
def test_jp_outside_0_200_is_refused_in_indonesian_and_nothing_is_written(org: Any, jp: object) -> None:
    with pytest.raises(ValidationError) as exc:
        kegiatan(org.actor("admin"), jp=jp)
    assert "antara 0 dan 200" in exc.value.message_dict["jp"][0]
    assert not KegiatanPengembangan.objects.exists()
    assert not AuditEvent.objects.filter(action="pengembangan.kegiatan_buat").exists()


@pytest.mark.parametrize("jp", ["0", "200", "1.5"])
def test_jp_bounds_are_inclusive(org: Any, jp: str) -> None:
    assert 0 <= kegiatan(org.actor("admin"), jp=jp).jp <= 200


def test_empty_jp_takes_the_methods_default_set_by_the_admin_never_a_builtin_one(org: Any) -> None:
    admin = org.actor("admin")
    with pytest.raises(ValidationError) as exc:
        kegiatan(admin, jp=None, metode="COACHING")
    assert "JP bawaan" in exc.value.message_dict["jp"][0]
    services.jp_bawaan_set(actor=admin, metode="COACHING", jp="4")
    assert kegiatan(admin, jp=None, metode="COACHING").jp == Decimal(4)
    services.jp_bawaan_set(actor=admin, metode="COACHING", jp="6")
    assert JpBawaanMetode.objects.get(metode="COACHING").jp == Decimal(6)
    with pytest.raises(PermissionDenied):
        services.jp_bawaan_set(actor=org.actor("kabid1"), metode="COACHING", jp="8")
    with pytest.raises(ValidationError):
        services.jp_bawaan_set(actor=admin, metode="COACHING", jp="201")


def test_competencies_developed_up_to_a_level(org: Any) -> None:
    admin = org.actor("admin")
    komp = Kompetensi.objects.create(kode="T-DATA", nama="Analisis data", jenis="TEKNIS")
    k = kegiatan(admin, kompetensi={komp.pk: 3})
    assert KegiatanKompetensi.objects.get(kegiatan=k).sampai_level == 3
    data = services.KegiatanData(
        kode=k.kode,
        nama=k.nama,
        jenis=k.jenis,
        metode=k.metode,
        penyelenggara=k.penyelenggara,
        jp="12",
        kompetensi={komp.pk: 6},
    )
    with pytest.raises(ValidationError, match="antara 1 dan 5"):
        services.kegiatan_update(actor=admin, kegiatan=k, data=data)
    data.kompetensi = {komp.pk: 4}
    services.kegiatan_update(actor=admin, kegiatan=k, data=data)
    assert KegiatanKompetensi.objects.get(kegiatan=k).sampai_level == 4


def test_duplicate_code_and_unknown_choices_are_refused(org: Any) -> None:
    admin = org.actor("admin")
    kegiatan(admin, kode="DUP")
    with pytest.raises(ValidationError) as exc:
        kegiatan(admin, kode="DUP", metode="NGOPI", penyelenggara="X")
    assert set(exc.value.message_dict) >= {"kode", "metode", "penyelenggara"}


def test_sessions_are_validated(org: Any) -> None:
    admin = org.actor("admin")
    k = kegiatan(admin)
    s = sesi(admin, k, kapasitas=3)
    assert (s.kapasitas, s.terisi) == (3, 0)
    bad = services.SesiData(mulai=dt.date(2026, 5, 2), selesai=dt.date(2026, 5, 1), kapasitas=0, biaya="-5")
    with pytest.raises(ValidationError) as exc:
        services.sesi_create(actor=admin, kegiatan=k, data=bad)
    assert set(exc.value.message_dict) >= {"selesai", "kapasitas", "biaya", "tempat"}
    with pytest.raises(PermissionDenied):
        sesi(org.actor("staf1a"), k)


def test_targets_per_kind_of_asn_are_configurable(org: Any) -> None:
    from karier.development.catalogue.selectors import targets

    assert targets()["PNS"] == (Decimal(20), None)
    services.target_jp_set(actor=org.actor("admin"), jenis_asn="PPPK", target="16", batas="24")
    assert targets()["PPPK"] == (Decimal(16), Decimal(24))
    with pytest.raises(ValidationError, match="tidak boleh kurang"):
        services.target_jp_set(actor=org.actor("admin"), jenis_asn="PPPK", target="30", batas="24")
