"""Recognition and motivation (issue #12 item 8): who may give an apresiasi, the refusals (oneself, too
long, unlinked, daily limit), hiding, innovations recorded and verified by the right people, and BKD's
decision on award proposals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from karier.core.models import AuditEvent
from karier.rules import recognition as recognition_rules
from karier.talent.models import Apresiasi, Inovasi, UsulanPenghargaan
from karier.talent.recognition import access, selectors, services
from tests.talent.talent_recognition_helpers import rhk_for

pytestmark = pytest.mark.django_db


def _give(org, giver: str, receiver: str, **kw):
    actor = org.actor(giver)
    penerima = access.penerima_for_giver(actor, org.pegawai[receiver].pk)
    kw.setdefault("nilai", "BERORIENTASI_PELAYANAN")
    return services.apresiasi_give(actor=actor, penerima=penerima, teks=kw.pop("teks", "Terima kasih!"), **kw)


def _kode() -> str:
    from karier.standards.models import NilaiBerakhlak

    return NilaiBerakhlak.objects.order_by("urutan").values_list("kode", flat=True).first()


def test_superiors_and_agency_colleagues_give_apresiasi(org):
    kode = _kode()
    a = services.apresiasi_give(
        actor=org.actor("kabid1"),
        penerima=access.penerima_for_giver(org.actor("kabid1"), org.pegawai["staf1a"].pk),
        teks="  Laporan kurikulum  rapi dan tepat waktu. ",
        nilai=kode,
    )
    assert a.pemberi_id == org.pegawai["kabid1"].pk and a.teks == "Laporan kurikulum rapi dan tepat waktu."
    # a peer of the same agency (who cannot open the other's career page) may thank them too
    peer = org.actor("staf1b")
    rhk = rhk_for(org.pegawai["staf1a"])
    b = services.apresiasi_give(
        actor=peer, penerima=access.penerima_for_giver(peer, org.pegawai["staf1a"].pk), teks="Mantap", rhk=rhk.pk
    )
    assert b.rhk_id == rhk.pk and b.nilai_id is None
    assert AuditEvent.objects.filter(action="apresiasi.give").count() == 2
    # the receiver sees both on their wall
    wall = selectors.recognition_for_person(org.actor("staf1a"), org.pegawai["staf1a"])
    assert {x.pk for x in wall["apresiasi"]} == {a.pk, b.pk} and wall["jumlah_apresiasi"] == 2


def test_other_agencies_auditors_and_oneself_are_refused(org):
    kode = _kode()
    with pytest.raises(Http404):  # another agency's staff is out of sight
        access.penerima_for_giver(org.actor("pranata"), org.pegawai["staf1a"].pk)
    me = org.actor("staf1a")
    with pytest.raises(PermissionDenied, match="diri sendiri"):
        services.apresiasi_give(actor=me, penerima=org.pegawai["staf1a"], teks="Saya hebat", nilai=kode)
    with pytest.raises(PermissionDenied):
        services.apresiasi_give(actor=org.actor("auditor"), penerima=org.pegawai["staf1a"], teks="x", nilai=kode)
    assert not Apresiasi.objects.exists()


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"teks": "   "}, "teks"),
        ({"teks": "x" * 501}, "teks"),
        ({"nilai": None}, "nilai"),
        ({"nilai": "TIDAK_ADA"}, "nilai"),
    ],
)
def test_bad_apresiasi_is_refused(org, kw, field):
    with pytest.raises(ValidationError) as exc:
        _give(org, "kabid1", "staf1a", **kw)
    assert field in exc.value.message_dict
    assert not Apresiasi.objects.exists()


def test_an_rhk_of_someone_else_is_refused(org):
    other = rhk_for(org.pegawai["staf1b"])
    with pytest.raises(ValidationError, match="bukan bagian dari SKP"):
        _give(org, "kabid1", "staf1a", nilai=None, rhk=other.pk)


def test_daily_limit_per_giver(org, monkeypatch):
    monkeypatch.setattr(recognition_rules, "APRESIASI_PER_HARI", 3)
    for _ in range(3):
        _give(org, "kabid1", "staf1a")
    with pytest.raises(ValidationError, match="sudah memberi 3 apresiasi hari ini"):
        _give(org, "kabid1", "staf1b")
    assert Apresiasi.objects.count() == 3
    _give(org, "kasi1", "staf1a")  # another giver is not limited by it


def test_daily_limit_rule_is_twenty():
    assert recognition_rules.APRESIASI_PER_HARI == 20
    assert not recognition_rules.apresiasi_limit_reached(19)
    assert recognition_rules.apresiasi_limit_reached(20)
    assert recognition_rules.apresiasi_limit_reached(21)


def test_hide_by_receiver_or_bkd_only(org):
    a = _give(org, "kabid1", "staf1a")
    with pytest.raises(PermissionDenied):
        services.apresiasi_hide(actor=org.actor("kasi1"), apresiasi=a)
    services.apresiasi_hide(actor=org.actor("staf1a"), apresiasi=a)
    assert Apresiasi.objects.get(pk=a.pk).disembunyikan
    with pytest.raises(Http404):  # hidden: gone from the colleague's feed
        access.apresiasi_for_actor(org.actor("staf1b"), a.pk)
    assert access.apresiasi_for_actor(org.actor("admin"), a.pk) == a
    with pytest.raises(ValidationError, match="sudah disembunyikan"):
        services.apresiasi_hide(actor=org.actor("admin"), apresiasi=a)
    wall = selectors.recognition_for_person(org.actor("staf1a"), org.pegawai["staf1a"])
    assert wall["apresiasi"] == []


def test_innovation_recorded_by_self_or_superior_and_verified_by_the_superior(org):
    staf = org.pegawai["staf1a"]
    rhk = rhk_for(staf)
    today = dt.date.today()
    ino = services.inovasi_record(
        actor=org.actor("staf1a"),
        pegawai=staf,
        judul="Dasbor kurikulum",
        uraian="Dasbor daring",
        rhk=rhk.pk,
        tanggal=today,
    )
    assert ino.rhk_id == rhk.pk and ino.status == "DICATAT"
    services.inovasi_record(actor=org.actor("kasi1"), pegawai=staf, judul="Arsip digital", uraian="x", tanggal=today)
    for key in ("staf1b", "auditor", "admin", "kabid2"):
        with pytest.raises(PermissionDenied):
            services.inovasi_record(actor=org.actor(key), pegawai=staf, judul="x", uraian="x", tanggal=today)
    with pytest.raises(PermissionDenied, match="diri Anda sendiri"):
        services.inovasi_verify(actor=org.actor("staf1a"), inovasi=ino)
    with pytest.raises(PermissionDenied):
        services.inovasi_verify(actor=org.actor("admin"), inovasi=ino)
    services.inovasi_verify(actor=org.actor("kasi1"), inovasi=ino)
    assert Inovasi.objects.get(pk=ino.pk).status == "DIVERIFIKASI"
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        services.inovasi_verify(actor=org.actor("kasi1"), inovasi=ino)
    todo = selectors.inovasi_list(org.actor("kasi1"), untuk_verifikasi=True, status="DICATAT")
    assert [i.judul for i in todo] == ["Arsip digital"]


def test_bad_innovation_is_refused_with_nothing_written(org):
    staf = org.pegawai["staf1a"]
    with pytest.raises(ValidationError) as exc:
        services.inovasi_record(
            actor=org.actor("staf1a"), pegawai=staf, judul="", uraian="", tanggal=dt.date.today() + dt.timedelta(days=3)
        )
    assert {"judul", "uraian", "tanggal"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError, match="bukan bagian dari SKP"):
        services.inovasi_record(
            actor=org.actor("staf1a"),
            pegawai=staf,
            judul="x",
            uraian="x",
            rhk=rhk_for(org.pegawai["staf1b"]).pk,
            tanggal=dt.date.today(),
        )
    assert not Inovasi.objects.exists()


def test_award_decision_by_bkd_not_about_oneself(org):
    usulan = UsulanPenghargaan.objects.create(pegawai=org.pegawai["staf1a"], tahun=2025, alasan=["x"])
    with pytest.raises(PermissionDenied):
        services.usulan_penghargaan_decide(actor=org.actor("kabid1"), usulan=usulan, teruskan=True)
    with pytest.raises(ValidationError, match="alasan"):
        services.usulan_penghargaan_decide(actor=org.actor("admin"), usulan=usulan, teruskan=False)
    services.usulan_penghargaan_decide(actor=org.actor("admin"), usulan=usulan, teruskan=True, catatan="Layak")
    usulan.refresh_from_db()
    assert usulan.status == "DITERUSKAN" and usulan.diputuskan_pada is not None
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.usulan_penghargaan_decide(actor=org.actor("admin"), usulan=usulan, teruskan=False, catatan="x")


def test_a_bkd_admin_does_not_decide_about_themselves(org):
    from karier.accounts.models import User

    sari = org.pegawai["staf2"]
    User.objects.filter(pk=org.users["staf2"].pk).update(is_admin_bkd=True)
    usulan = UsulanPenghargaan.objects.create(pegawai=sari, tahun=2025, alasan=["x"])
    with pytest.raises(PermissionDenied, match="benturan kepentingan"):
        services.usulan_penghargaan_decide(actor=org.actor("staf2"), usulan=usulan, teruskan=True)
