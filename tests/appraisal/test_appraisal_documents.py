"""Dokumen Evaluasi Kinerja, Penetapan Predikat Kinerja (PDF) and the Excel recap (issue #5 part 7)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from karier.appraisal.evaluation import documents
from karier.appraisal.models import Evaluasi, Realisasi, SnapshotEvaluasi, UmpanBalik
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_calibration_support import Seksi, calibrate, finalise_and_sign, seksi
from tests.orgdata import PASSWORD, Org
from tests.pdftext import pdf_text


@pytest.fixture
def s(org: Org) -> Seksi:
    s = calibrate(seksi(org, extra=3))
    ev = s.ev("staf1a")
    iki = ev.skp.rhk.first().iki.first()  # type: ignore[union-attr]
    Realisasi.objects.create(evaluasi=ev, iki=iki, realisasi_angka=11)
    UmpanBalik.objects.create(evaluasi=ev, rhk=iki.rhk, teks="Laporan rapi, pertahankan.")
    return finalise_and_sign(s)


def _client(s: Seksi, key: str) -> Client:
    c = Client()
    assert c.login(username=s.user(key).username, password=PASSWORD)
    return c


@pytest.mark.django_db
def test_evaluation_document(s: Seksi) -> None:
    ev = s.ev("staf1a")
    doc = documents.evaluasi_document(ev.pk)
    text = pdf_text(documents.evaluasi_pdf(doc))
    flat = " ".join(text.split())
    for expected in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "PERIODE: AKHIR (TAHUNAN)",
        "Dodi Saputra",
        "PEJABAT PENILAI KINERJA",
        "ATASAN PEJABAT PENILAI KINERJA",
        "Wati Susanti",
        "Laporan staf1a",
        "Jumlah laporan",
        "12 laporan",
        "Laporan rapi, pertahankan.",
        "RATING HASIL KERJA",
        "Sesuai Ekspektasi",
        "Berorientasi Pelayanan",
        "RATING PERILAKU KERJA",
        "PREDIKAT KINERJA PEGAWAI",
        "CAPAIAN KINERJA",
    ):
        assert expected in flat, expected
    assert "DRAF" not in flat
    snap = SnapshotEvaluasi.objects.filter(evaluasi=ev).latest("pk")
    assert doc.hash == snap.hash and len(doc.hash) == 64
    assert f"SHA-256: {snap.hash}" in flat


@pytest.mark.django_db
def test_signed_document_renders_from_the_snapshot_not_the_live_rows(s: Seksi) -> None:
    """Issue #8 §3: a later change of the plan rows (here written directly) leaves the signed PDF alone."""
    ev = s.ev("staf1a")
    iki = ev.skp.rhk.first().iki.first()  # type: ignore[union-attr]
    before = " ".join(pdf_text(documents.evaluasi_pdf(documents.evaluasi_document(ev.pk))).split())
    IndikatorKinerjaIndividu.objects.filter(pk=iki.pk).update(
        indikator="Indikator yang diganti diam-diam", target_angka=99
    )
    Evaluasi.objects.filter(pk=ev.pk).update(alasan_hasil_kerja="Alasan yang diganti diam-diam.")
    UmpanBalik.objects.create(evaluasi=ev, rhk=iki.rhk, teks="Umpan balik susulan.")
    after = " ".join(pdf_text(documents.evaluasi_pdf(documents.evaluasi_document(ev.pk))).split())
    assert after == before
    assert "diganti diam-diam" not in after and "susulan" not in after and "Jumlah laporan" in after


@pytest.mark.django_db
def test_penetapan_and_recap(s: Seksi) -> None:
    doc = documents.penetapan_document(s.unit, s.periode)
    flat = " ".join(pdf_text(documents.penetapan_pdf(doc)).split())
    for expected in (
        "PENETAPAN PREDIKAT KINERJA PEGAWAI",
        "SEKSI KURIKULUM",
        "Dodi Saputra",
        "Pegawai x0",
        "Butuh Perbaikan",
        "Sangat Baik",
        "MENETAPKAN",
        "Kepala Seksi Kurikulum",
        "Pegawai kasi1",
    ):
        assert expected in flat, expected
    # Signed rows come from their snapshots (with the hash), not from a later raw change.
    assert flat.count("SHA-256") == 5
    Evaluasi.objects.filter(pk=s.ev("x0").pk).update(predikat_akhir="Sangat Kurang")
    again = " ".join(pdf_text(documents.penetapan_pdf(documents.penetapan_document(s.unit, s.periode))).split())
    assert "Sangat Kurang" not in again.split("DISTRIBUSI PREDIKAT")[0]
    wb = load_workbook(io.BytesIO(documents.rekap_xlsx(doc)))
    cells = [str(c) for row in wb["Rekap"].iter_rows(values_only=True) for c in row if c is not None]
    assert "Dodi Saputra" in cells and "Seksi Kurikulum" in cells and "Butuh Perbaikan" in cells


@pytest.mark.django_db
def test_document_access(s: Seksi) -> None:
    ev = s.ev("staf1a")
    assert _client(s, "staf1a").get(f"/penilaian/{ev.pk}/dokumen.pdf")["Content-Type"] == documents.PDF
    assert _client(s, "staf1b").get(f"/penilaian/{ev.pk}/dokumen.pdf").status_code == 404
    assert _client(s, "kasi1").get(f"/penilaian/{ev.pk}/dokumen.pdf").status_code == 200
    base = f"/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/"
    for who in ("kasi1", "kadis", "admin", "auditor"):
        assert _client(s, who).get(base + "rekap.xlsx").status_code == 200, who
    assert _client(s, "kasi1").get(base + "penetapan.pdf")["Content-Type"] == documents.PDF
    for who in ("staf1a", "kadiskominfo", "unlinked"):
        assert _client(s, who).get(base + "penetapan.pdf").status_code == 404, who
    api = _client(s, "kasi1").get(f"/api/v1/penilaian/evaluasi/{ev.pk}/pdf")
    assert api.status_code == 200 and api.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_signed_pdf_is_rendered_once_and_then_served_from_the_file_store(
    s: Seksi, settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #14: WeasyPrint runs once per signed document; drafts are rendered every time."""
    settings.MEDIA_ROOT = str(tmp_path)
    from karier.core import official

    real, calls = official.pdf_of, []
    counted = lambda html: calls.append(1) or real(html)  # noqa: E731
    monkeypatch.setattr(official, "pdf_of", counted)  # the signed path (final_pdf)
    monkeypatch.setattr(documents, "pdf_of", counted)  # drafts
    doc = documents.evaluasi_document(s.ev("staf1a").pk)
    first = documents.evaluasi_pdf(doc)
    assert documents.evaluasi_pdf(documents.evaluasi_document(s.ev("staf1a").pk)) == first
    assert len(calls) == 1 and len(list((tmp_path / "dokumen" / "evaluasi").iterdir())) == 1
    draft = documents.evaluasi_document(s.ev("staf1a").pk)
    draft.hash = ""  # what an unsigned evaluation's document carries
    documents.evaluasi_pdf(draft)
    documents.evaluasi_pdf(draft)
    assert len(calls) == 3
