"""The bulk zip of a unit (issue #13 item 4): a background job with progress per person that renders
every official PDF of the unit's people with each document's own render function."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import AuditEvent, TugasLatar
from karier.insight.reports.bulk import build_zip
from karier.insight.reports.services import laporan_unit_start
from karier.people.models import UnitKerja
from tests.insight.test_insight_reports_support import YEAR, as_user, documented, zip_names
from tests.orgdata import Org
from tests.pdftext import pdf_text


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_zip_holds_every_document_once_with_its_own_name(
    org: Org, media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    s = documented(org)
    unit = s.unit
    with django_capture_on_commit_callbacks(execute=True):
        job = laporan_unit_start(actor=org.actor("kasi1"), unit_id=unit.pk, tahun=YEAR)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI, job.pesan
    # Seksi Kurikulum: the Kasi and five staff (staf1a, staf1b, x0–x2) — six people, each with an SKP
    # and an evaluation; the unit's decision once; Dodi's IDP: 6 + 6 + 1 + 1 = 14 PDFs.
    assert (job.total, job.diproses, job.persen) == (6, 6, 100)
    assert job.hasil["pegawai"] == 6 and job.hasil["dokumen"] == 14
    assert job.hasil["per_jenis"] == {
        "skp": 6,
        "evaluasi": 6,
        "penetapan": 1,
        "perjanjian": 0,
        "pak": 0,
        "idp": 1,
        "skm": 0,
    }
    assert job.hasil["berkas"] == f"laporan/{job.pk}/Dokumen-Resmi-Seksi-Kurikulum-{YEAR}.zip"
    assert "14 dokumen dari 6 pegawai" in job.pesan

    r = as_user(org, "kasi1").get(reverse("insight:laporan_massal_unduh", args=[job.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert f'filename="Dokumen-Resmi-Seksi-Kurikulum-{YEAR}.zip"' in r["Content-Disposition"]
    body = b"".join(r.streaming_content)  # type: ignore[attr-defined]
    listed = zip_names(body)
    dodi = org.pegawai["staf1a"]
    folder = f"{dodi.nip}-Dodi-Saputra"
    assert f"{folder}/SKP-{dodi.nip}-{YEAR}.pdf" in listed
    assert f"{folder}/Evaluasi-{dodi.nip}-{YEAR}-tahunan.pdf" in listed
    assert f"{folder}/Rencana-Pengembangan-{dodi.nip}-{YEAR}.pdf" in listed
    assert f"Unit/Penetapan-Predikat-{unit.pk}-{YEAR}-tahunan.pdf" in listed
    assert len(listed) == 14 and len(set(listed)) == 14
    assert sum(1 for n in listed if n.startswith("Unit/")) == 1
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        evaluasi = pdf_text(zf.read(f"{folder}/Evaluasi-{dodi.nip}-{YEAR}-tahunan.pdf"))
        penetapan = pdf_text(zf.read(f"Unit/Penetapan-Predikat-{unit.pk}-{YEAR}-tahunan.pdf"))
        skp = pdf_text(zf.read(f"{folder}/SKP-{dodi.nip}-{YEAR}.pdf"))
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in evaluasi and "Dodi Saputra" in evaluasi
    assert "Dodi Saputra" in penetapan and "Butuh Perbaikan" in penetapan
    assert "Laporan staf1a" in skp
    assert AuditEvent.objects.filter(action="laporan.massal.mulai", object_id=str(job.pk)).count() == 1
    assert AuditEvent.objects.filter(action="laporan.massal.selesai", object_id=str(job.pk)).count() == 1
    assert AuditEvent.objects.filter(action="laporan.massal.unduh", object_id=str(job.pk)).count() == 1


@pytest.mark.django_db
def test_progress_is_reported_per_person_and_only_visible_people_are_collected(org: Org, media: Any) -> None:
    documented(org)
    unit = UnitKerja.objects.get(pk=org.units["dik_b1"].pk)  # the bidang and its seksi
    calls: list[tuple[int, int]] = []
    job = TugasLatar.objects.create(jenis=JenisTugasLatar.LAPORAN_MASSAL)
    hasil = build_zip(
        actor=org.actor("kabid1"), unit=unit, tahun=YEAR, job_id=job.pk, progress=lambda d, t: calls.append((d, t))
    )
    # Kabid, Kasi and five staff: seven people, reported from 0 to 7 one by one.
    assert calls == [(n, 7) for n in range(0, 8)]
    assert hasil.pegawai == 7
    # The Kabid has no plan of her own: SKP 6, evaluations 6, the IDP 1 — and not the seksi's decision,
    # which follows its own rule (the unit head, the agency head, BKD): the zip never widens access.
    assert hasil.dokumen == 13 and hasil.per_jenis["penetapan"] == 0
    with default_storage.open(hasil.berkas, "rb") as fh:
        listed = zip_names(fh.read())
    assert not any("Wati-Susanti" in n for n in listed)  # no documents, no folder
    # The zip holds only the people the actor sees: a staff member (were she let in) only herself.
    job2 = TugasLatar.objects.create(jenis=JenisTugasLatar.LAPORAN_MASSAL)
    mine = build_zip(actor=org.actor("staf1a"), unit=unit, tahun=YEAR, job_id=job2.pk, progress=lambda d, t: None)
    assert mine.pegawai == 1


@pytest.mark.django_db
def test_the_page_polls_and_offers_the_download_when_done(
    org: Org, media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = laporan_unit_start(actor=org.actor("kasi1"), unit_id=org.units["dik_s1"].pk, tahun=YEAR)
    c = as_user(org, "kasi1")
    url = reverse("insight:laporan_massal", args=[job.pk])
    waiting = c.get(url).content.decode()
    assert 'hx-get="' + url + '"' in waiting and "unduh" not in waiting
    from karier.insight.reports.tasks import laporan_massal_task

    laporan_massal_task.call(job.pk)
    done = c.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in done and reverse("insight:laporan_massal_unduh", args=[job.pk]) in done
    assert "<html" not in done  # the partial only


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "parameter", "message"),
    [
        ("auditor", {"tahun": YEAR}, "Auditor hanya membaca"),  # rights re-checked when the job runs
        ("kabid2", {"tahun": YEAR}, "tidak berwenang"),  # a head of another bidang
        ("kasi1", {"tahun": "2026"}, "tidak valid"),
        ("kasi1", {"tahun": 1990}, "Tahun harus antara"),
    ],
)
def test_the_job_rechecks_its_starter_and_parameters(
    org: Org, media: Any, who: str, parameter: dict[str, Any], message: str
) -> None:
    from karier.insight.reports.tasks import laporan_massal_task

    job = TugasLatar.objects.create(
        jenis=JenisTugasLatar.LAPORAN_MASSAL,
        dibuat_oleh_id=org.users[who].pk,
        parameter={"unit_id": org.units["dik_s1"].pk, **parameter},
    )
    laporan_massal_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.GAGAL and message in job.pesan, job.pesan
    assert not job.hasil.get("berkas")
