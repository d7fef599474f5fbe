"""Angka kredit services (issue #12 §3): konversi, uji kompetensi, formasi and the PAK — every role
and oneself refused, bad input refused with nothing written, the PAK's content and hash stable and
its PDF text in the official layout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from karier.accounts.models import User
from karier.core.models import AuditEvent
from karier.people.access import actor_for_user
from karier.people.models import Pegawai
from karier.talent.credit import documents, services
from karier.talent.models import (
    EntriAngkaKredit,
    FormasiJenjang,
    PenetapanAngkaKredit,
    StatusAngkaKredit,
    UjiKompetensi,
)
from tests.orgdata import Org
from tests.pdftext import pdf_text
from tests.talent.talent_credit_helpers import jf, predikat

TODAY = dt.date.today()


def _counts() -> tuple[int, ...]:
    return (
        EntriAngkaKredit.objects.count(),
        UjiKompetensi.objects.count(),
        FormasiJenjang.objects.count(),
        PenetapanAngkaKredit.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def pranata(org: Org) -> Any:
    p = org.pegawai["pranata"]
    jab = org.jabatan["pranata"]
    jab.jabatan_fungsional = jf()
    jab.save(update_fields=["jabatan_fungsional"])
    p.refresh_from_db()
    return p


def test_konversi_by_bkd_writes_entry_status_and_audit(org: Org, pranata: Any) -> None:
    entry = services.konversi_record(
        actor=org.actor("admin"), pegawai=pranata, nilai="45,5", tahun=2023, nomor_dokumen="800/12/BKD/2023"
    )
    assert (entry.pembilang, entry.penyebut) == (91, 2)
    assert "800/12/BKD/2023" in entry.keterangan
    status = StatusAngkaKredit.objects.get(pegawai=pranata)
    assert status.saldo == Decimal("45.5") and status.kekurangan == Decimal("4.5")
    assert AuditEvent.objects.filter(action="angka_kredit.konversi", object_id=str(entry.pk)).exists()


@pytest.mark.parametrize(
    "who", ["pranata", "kadiskominfo", "kabid1", "kasi1", "staf1a", "sekda", "auditor", "unlinked"]
)
def test_every_non_bkd_role_is_refused(org: Org, pranata: Any, who: str) -> None:
    actor = org.actor(who)
    before = _counts()
    calls = [
        lambda: services.konversi_record(actor=actor, pegawai=pranata, nilai="10", tahun=2023, nomor_dokumen="X"),
        lambda: services.uji_kompetensi_record(
            actor=actor, pegawai=pranata, jenjang_tujuan="Ahli Muda", tanggal=TODAY, lulus=True, nomor_sertifikat="1"
        ),
        lambda: services.formasi_set(
            actor=actor, opd=org.units["kominfo"], jabatan_fungsional=jf(), jenjang="Ahli Muda", jumlah=2
        ),
        lambda: services.pak_issue(actor=actor, pegawai=pranata, tahun=2025, nomor="PAK/1", tanggal=TODAY),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert _counts() == before


def test_a_bkd_admin_cannot_decide_about_themselves(org: Org, pranata: Any) -> None:
    user = org.users["pranata"]
    User.objects.filter(pk=user.pk).update(is_admin_bkd=True)
    actor = actor_for_user(User.objects.get(pk=user.pk))
    assert actor.can_write_master_data
    before = _counts()
    with pytest.raises(PermissionDenied, match="diri Anda sendiri"):
        services.konversi_record(actor=actor, pegawai=pranata, nilai="10", tahun=2023, nomor_dokumen="X")
    with pytest.raises(PermissionDenied, match="diri Anda sendiri"):
        services.pak_issue(actor=actor, pegawai=pranata, tahun=2025, nomor="PAK/1", tanggal=TODAY)
    with pytest.raises(PermissionDenied, match="diri Anda sendiri"):
        services.uji_kompetensi_record(
            actor=actor, pegawai=pranata, jenjang_tujuan="Ahli Muda", tanggal=TODAY, lulus=False
        )
    assert _counts() == before


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        ("-5", "tidak boleh negatif"),
        ("5000", "tidak wajar"),
        ("abc", "bukan angka"),
        ("1,23456", "tiga angka"),
        (Decimal("NaN"), "bukan angka"),
    ],
)
def test_bad_konversi_is_refused_and_nothing_written(org: Org, pranata: Any, nilai: Any, pesan: str) -> None:
    before = _counts()
    with pytest.raises(ValidationError, match=pesan):
        services.konversi_record(
            actor=org.actor("admin"), pegawai=pranata, nilai=nilai, tahun=2023, nomor_dokumen="800/1"
        )
    assert _counts() == before and not StatusAngkaKredit.objects.exists()


def test_other_bad_input_is_refused_and_nothing_written(org: Org, pranata: Any) -> None:
    admin = org.actor("admin")
    before = _counts()
    bad = [
        lambda: services.konversi_record(actor=admin, pegawai=pranata, nilai="10", tahun=2023, nomor_dokumen=""),
        lambda: services.konversi_record(
            actor=admin, pegawai=org.pegawai["staf1a"], nilai="10", tahun=2023, nomor_dokumen="X"
        ),
        lambda: services.konversi_record(actor=admin, pegawai=pranata, nilai="10", tahun=1990, nomor_dokumen="X"),
        lambda: services.uji_kompetensi_record(
            actor=admin, pegawai=pranata, jenjang_tujuan="Ahli Madya", tanggal=TODAY, lulus=True, nomor_sertifikat="1"
        ),
        lambda: services.uji_kompetensi_record(
            actor=admin, pegawai=pranata, jenjang_tujuan="Ahli Muda", tanggal=TODAY + dt.timedelta(days=3), lulus=False
        ),
        lambda: services.uji_kompetensi_record(
            actor=admin, pegawai=pranata, jenjang_tujuan="Ahli Muda", tanggal=TODAY, lulus=True
        ),  # passed without a certificate number
        lambda: services.formasi_set(
            actor=admin, opd=org.units["dik_b1"], jabatan_fungsional=jf(), jenjang="Ahli Muda", jumlah=2
        ),
        lambda: services.formasi_set(
            actor=admin, opd=org.units["kominfo"], jabatan_fungsional=jf(), jenjang="Ahli Muda", jumlah=-1
        ),
        lambda: services.formasi_set(
            actor=admin, opd=org.units["kominfo"], jabatan_fungsional=jf(), jenjang="Guru", jumlah=1
        ),
        lambda: services.pak_issue(actor=admin, pegawai=pranata, tahun=2025, nomor="", tanggal=TODAY),
        lambda: services.pak_issue(actor=admin, pegawai=pranata, tahun=2025, nomor="PAK\x00", tanggal=TODAY),
        lambda: services.pak_issue(
            actor=admin, pegawai=pranata, tahun=2025, nomor="PAK/1", tanggal=TODAY + dt.timedelta(days=1)
        ),
    ]
    for call in bad:
        with pytest.raises(ValidationError):
            call()
    assert _counts() == before


def test_uji_kompetensi_and_formasi(org: Org, pranata: Any) -> None:
    admin = org.actor("admin")
    uji = services.uji_kompetensi_record(
        actor=admin, pegawai=pranata, jenjang_tujuan="Ahli Muda", tanggal=TODAY, lulus=True, nomor_sertifikat="UK-1"
    )
    assert uji.lulus and uji.dicatat_oleh_id == org.users["admin"].pk
    f = services.formasi_set(
        actor=admin, opd=org.units["kominfo"], jabatan_fungsional=jf(), jenjang="Ahli Muda", jumlah=2
    )
    again = services.formasi_set(
        actor=admin, opd=org.units["kominfo"], jabatan_fungsional=jf(), jenjang="Ahli Muda", jumlah=3, nomor_dokumen="F"
    )
    assert again.pk == f.pk and FormasiJenjang.objects.get().jumlah == 3
    assert AuditEvent.objects.filter(action="angka_kredit.formasi").count() == 2


def _issue(org: Org, pranata: Any) -> PenetapanAngkaKredit:
    from karier.talent.credit.compute import post_credit

    services.konversi_record(
        actor=org.actor("admin"), pegawai=pranata, nilai="40", tahun=2023, nomor_dokumen="800/7/BKD/2023"
    )
    predikat(pranata, 2024, "Sangat Baik")
    predikat(pranata, 2025, "Baik", bulan=2)
    post_credit([pranata.pk], 2024)
    post_credit([pranata.pk], 2025)
    return services.pak_issue(
        actor=org.actor("admin"), pegawai=pranata, tahun=2025, nomor="800/PAK/15/2026", tanggal=TODAY
    )


def test_pak_content_hash_and_pdf(org: Org, pranata: Any) -> None:
    pak = _issue(org, pranata)
    k = pak.konten
    assert all(isinstance(b["ak"], str) for b in k["baris"])
    assert [b["ak"] for b in k["baris"]] == ["40,00", "18,75", "2,08"]
    assert k["jumlah"] == "60,83" and k["sisa"] == "60,83"
    assert k["kekurangan_berikut"] == "0,00"
    assert k["kesimpulan"].startswith("Dapat dipertimbangkan untuk kenaikan pangkat")
    assert pak.hash == documents.content_hash(k) and len(pak.hash) == 64
    # the stored content is what prints: a later change to the ledger does not alter the PAK
    predikat(pranata, 2026, "Baik")
    from karier.talent.credit.compute import post_credit

    post_credit([pranata.pk], 2026)
    pak.refresh_from_db()
    assert pak.hash == documents.content_hash(pak.konten)
    pdf = documents.pak_pdf(pak)
    assert documents.pak_pdf(PenetapanAngkaKredit.objects.get(pk=pak.pk)) == pdf  # the same file, every time
    text = pdf_text(pdf)
    for expected in (
        "PENETAPAN ANGKA KREDIT",
        "800/PAK/15/2026",
        "Pemerintah Provinsi Bengkulu".upper(),
        k["identitas"]["nip"],
        "Ahli Pertama",
        "18,75",
        "2,08",
        "60,83",
        "Dapat dipertimbangkan untuk kenaikan pangkat setingkat lebih tinggi",
        pak.hash[:32],
    ):
        assert expected in text, expected
    assert " " in k["identitas"]["nip"]  # printed with spaces (nip_as_printed)
    # one PAK per person per year
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        services.pak_issue(actor=org.actor("admin"), pegawai=pranata, tahun=2025, nomor="X", tanggal=TODAY)


def test_pak_hidden_from_who_may_not_see_the_person(org: Org, pranata: Any) -> None:
    from karier.talent.credit.access import pak_for_actor

    pak = _issue(org, pranata)
    assert pak_for_actor(org.actor("pranata"), pak.pk) == pak
    assert pak_for_actor(org.actor("kadiskominfo"), pak.pk) == pak
    with pytest.raises(Http404):
        pak_for_actor(org.actor("staf1a"), pak.pk)
    with pytest.raises(Http404):
        pak_for_actor(org.actor("admin"), pak.pk + 1000)


def test_pak_prints_what_was_issued_after_the_person_changes(org: Org, pranata: Any) -> None:
    """Issued is frozen: a later rename or a new golongan does not reach the printed PAK."""
    pak = _issue(org, pranata)
    nama = pak.konten["identitas"]["nama"]
    Pegawai.objects.filter(pk=pranata.pk).update(nama="Zulkarnaen")
    text = pdf_text(documents.pak_pdf(PenetapanAngkaKredit.objects.get(pk=pak.pk)))
    assert nama in text and "Zulkarnaen" not in text
