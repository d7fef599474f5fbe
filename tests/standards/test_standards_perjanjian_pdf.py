"""The Perjanjian Kinerja as the official PDF (issue #10 item 3): the PermenPANRB 53/2014 layout with
the agency head as pihak pertama, the targets the Indonesian way, linked wherever its Excel is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from karier.people.access import SYSTEM
from karier.standards.models import Indikator, PerjanjianKinerja
from karier.standards.services.perjanjian import perjanjian_baris_add, perjanjian_create, perjanjian_sign
from tests.pdftext import pdf_text

pytestmark = pytest.mark.django_db


def _agreement(seeded: Any) -> PerjanjianKinerja:
    """A 2025 draft of Dinas Pendidikan with three targets: 1.250.000 · 73,8 · 1.250,5."""
    ind = Indikator.objects.get(kode="IKD-DIK-01")
    pk = perjanjian_create(actor=SYSTEM, opd=seeded.units["dik"], tahun=2025)
    for target in (Decimal("1250000"), Decimal("73.8"), Decimal("1250.5")):
        perjanjian_baris_add(actor=SYSTEM, perjanjian=pk, sasaran=ind.sasaran_renstra, indikator=ind, target=target)
    return pk


def _get(seeded: Any, who: str, pk: PerjanjianKinerja) -> Any:
    c = Client()
    c.force_login(seeded.users[who])
    return c.get(reverse("standards:perjanjian_pdf", args=[pk.pk]))


def test_pdf_states_the_parties_the_statement_and_targets_in_indonesian(seeded: Any) -> None:
    pk = _agreement(seeded)
    r = _get(seeded, "kadis", pk)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = pdf_text(r.content)
    assert "PERJANJIAN KINERJA TAHUN 2025" in text
    assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel" in text
    assert "pihak pertama" in text and "pihak kedua" in text
    assert seeded.pegawai["kadis"].nama_lengkap in text  # the agency head signs as pihak pertama
    assert seeded.jabatan["kadis"].nama in text
    assert "Gubernur Bengkulu" in text
    assert "DRAF" in text  # not signed yet
    satuan = Indikator.objects.get(kode="IKD-DIK-01").satuan
    for shown in ("1.250.000", "73,8", "1.250,5"):
        assert f"{shown} {satuan}".strip() in text, shown
    for english in ("1250000", "73.8", "1,250", "1250.5"):
        assert english not in text, english
    assert text.count(seeded.pegawai["kadis"].nama_lengkap) >= 3  # statement + both signature blocks


def test_signed_pdf_is_dated_on_the_signing_day_and_not_a_draft(seeded: Any) -> None:
    pk = _agreement(seeded)
    perjanjian_sign(actor=SYSTEM, perjanjian=pk, tanggal=dt.date(2025, 2, 3))
    text = pdf_text(_get(seeded, "staf1a", pk).content)  # every signed-in user reads standards
    assert "Bengkulu, 03 Februari 2025" in text
    assert "DRAF" not in text


def test_outsiders_are_refused(seeded: Any) -> None:
    pk = _agreement(seeded)
    url = reverse("standards:perjanjian_pdf", args=[pk.pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    c = Client()
    c.force_login(seeded.users["admin"])
    assert c.get(reverse("standards:perjanjian_pdf", args=[pk.pk + 10_000])).status_code == 404


def test_pdf_is_linked_wherever_the_excel_is(seeded: Any) -> None:
    pk = _agreement(seeded)
    c = Client()
    c.force_login(seeded.users["kadis"])
    pdf = reverse("standards:perjanjian_pdf", args=[pk.pk])
    detail = c.get(reverse("standards:perjanjian_detail", args=[pk.pk])).content.decode()
    assert "export=xlsx" in detail and pdf in detail
    listing = c.get(reverse("standards:perjanjian_list")).content.decode()
    assert "export=xlsx" in listing and pdf in listing


def test_a_signed_pdf_does_not_change_after_signing(seeded: Any) -> None:
    """Renaming the indicator, its unit or the head after signing leaves the signed document as it was
    signed; reopening the agreement makes it a live draft again."""
    from karier.standards.services.perjanjian import perjanjian_reopen

    pk = _agreement(seeded)
    perjanjian_sign(actor=SYSTEM, perjanjian=pk, tanggal=dt.date(2025, 2, 3))
    ind = Indikator.objects.get(kode="IKD-DIK-01")
    signed_name = ind.nama
    head = seeded.pegawai["kadis"]
    signed_head = head.nama_lengkap
    Indikator.objects.filter(pk=ind.pk).update(nama="Indikator yang diganti kemudian", satuan="unit baru")
    type(head).objects.filter(pk=head.pk).update(nama="Nama Sesudah Tanda Tangan")
    text = pdf_text(_get(seeded, "staf1a", pk).content)
    assert signed_name in text and signed_head in text and "1.250.000" in text
    assert "Indikator yang diganti kemudian" not in text and "Nama Sesudah" not in text
    perjanjian_reopen(actor=SYSTEM, perjanjian=pk, alasan="Target diubah")
    assert PerjanjianKinerja.objects.get(pk=pk.pk).dokumen is None
    assert "Indikator yang diganti kemudian" in pdf_text(_get(seeded, "staf1a", pk).content)
