"""The directory's Excel export as a background job (issue #14): small lists are still written inside
the request; bigger ones become a job that re-reads its starter, writes in chunks with progress,
stores the file and hands it to the starter only."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import AuditEvent, TugasLatar
from karier.people import export_jobs, exports
from karier.people.export_tasks import ekspor_pegawai_task, hapus_ekspor_lama_task
from karier.people.selectors import DirectoryFilter
from karier.rules import nip_as_printed
from tests.orgdata import Org

KADIS_SEES = {"kadis", "kabid1", "kasi1", "staf1a", "staf1b", "kabid2", "staf2"}
KABID1_SEES = {"kabid1", "kasi1", "staf1a", "staf1b"}
API = "/api/v1/pegawai/ekspor"


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three people are "big": every list of the test organisation above it becomes a job."""
    monkeypatch.setattr(exports, "INLINE_MAX", 3)


def _client(org: Org, who: str) -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


def _rows(data: bytes) -> list[tuple[Any, ...]]:
    ws = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def _nips(org: Org, keys: set[str]) -> set[str]:
    return {nip_as_printed(org.pegawai[k].nip) for k in keys}


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def _start(org: Org, who: str, capture: Any, **filters: Any) -> TugasLatar:
    """Start an export through the screen (POST) and run it (inline, after commit)."""
    with capture(execute=True):
        r = _client(org, who).post(reverse("people:ekspor_mulai"), filters)
    assert r.status_code == 302 and "/pegawai/ekspor/" in r["Location"], r.get("Location")
    job = TugasLatar.objects.filter(jenis=JenisTugasLatar.EKSPOR_PEGAWAI).latest("pk")
    assert r["Location"] == reverse("people:ekspor", args=[job.pk])
    return job


@pytest.mark.django_db
def test_a_small_list_is_still_written_inside_the_request(org: Org) -> None:
    r = _client(org, "kadis").get("/pegawai/?export=xlsx")
    assert r.status_code == 200 and r["Content-Type"] == exports.XLSX
    assert 'filename="pegawai-' in r["Content-Disposition"]
    rows = _rows(r.content)
    assert rows[0] == tuple(exports.HEADER)
    assert {row[0] for row in rows[1:]} == _nips(org, KADIS_SEES) and len(rows) == 1 + len(KADIS_SEES)
    dodi = next(row for row in rows if row[1] == "Dodi Saputra")
    assert dodi[10] == "Pengolah Data Kurikulum" and dodi[13] == "Seksi Kurikulum" and dodi[14] == "Dinas Pendidikan"
    assert not TugasLatar.objects.filter(jenis=JenisTugasLatar.EKSPOR_PEGAWAI).exists()


@pytest.mark.django_db
def test_a_big_list_offers_the_job_and_the_job_delivers_the_file(
    org: Org, media: Any, small_limit: None, django_capture_on_commit_callbacks: Any
) -> None:
    c = _client(org, "kadis")
    page = c.get(f"/pegawai/?opd={org.units['dik'].pk}&export=xlsx")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert reverse("people:ekspor_mulai") in html and "Siapkan berkas Excel" in html
    assert f'name="opd" value="{org.units["dik"].pk}"' in html
    assert not TugasLatar.objects.filter(jenis=JenisTugasLatar.EKSPOR_PEGAWAI).exists()  # a GET starts nothing

    job = _start(org, "kadis", django_capture_on_commit_callbacks, opd=org.units["dik"].pk)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI, job.pesan
    assert job.parameter == {"q": "", "opd": org.units["dik"].pk, "unit": None, "golongan": None, "jenis_jabatan": ""}
    assert (job.total, job.diproses, job.persen) == (7, 7, 100)
    assert job.hasil["pegawai"] == 7 and job.hasil["berkas"].startswith(f"ekspor/pegawai/{job.pk}/pegawai-")
    assert "7 pegawai ditulis" in job.pesan

    done = c.get(reverse("people:ekspor", args=[job.pk])).content.decode()
    unduh = reverse("people:ekspor_unduh", args=[job.pk])
    assert unduh in done and "hx-get" not in done
    r = c.get(unduh)
    assert r.status_code == 200 and r["Content-Type"] == exports.XLSX and "no-store" in r["Cache-Control"]
    rows = _rows(_body(r))
    assert rows[0] == tuple(exports.HEADER)
    assert {row[0] for row in rows[1:]} == _nips(org, KADIS_SEES) and len(rows) == 8
    for action in ("pegawai.ekspor.mulai", "pegawai.ekspor.selesai", "pegawai.ekspor.unduh"):
        assert AuditEvent.objects.filter(action=action, object_id=str(job.pk)).count() == 1, action


@pytest.mark.django_db
def test_the_job_page_polls_until_done(org: Org, media: Any) -> None:
    job = export_jobs.ekspor_pegawai_start(actor=org.actor("kadis"), f=DirectoryFilter())  # not run yet
    c = _client(org, "kadis")
    url = reverse("people:ekspor", args=[job.pk])
    waiting = c.get(url).content.decode()
    assert f'hx-get="{url}"' in waiting and reverse("people:ekspor_unduh", args=[job.pk]) not in waiting
    assert c.get(reverse("people:ekspor_unduh", args=[job.pk])).status_code == 404  # not ready
    ekspor_pegawai_task.call(job.pk)
    partial = c.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "hx-get" not in partial
    assert reverse("people:ekspor_unduh", args=[job.pk]) in partial


@pytest.mark.django_db
def test_the_file_holds_only_the_people_the_starter_sees_now(
    org: Org, media: Any, small_limit: None, django_capture_on_commit_callbacks: Any
) -> None:
    """Kabid 1 asks for the whole agency and gets her bidang; the filter narrows further."""
    job = _start(org, "kabid1", django_capture_on_commit_callbacks, opd=org.units["dik"].pk)
    with default_storage.open(TugasLatar.objects.get(pk=job.pk).hasil["berkas"], "rb") as fh:
        rows = _rows(fh.read())
    assert {row[0] for row in rows[1:]} == _nips(org, KABID1_SEES) and len(rows) == 1 + len(KABID1_SEES)

    # The job re-reads its starter and the stored filter when it runs: nothing from the request.
    staff = TugasLatar.objects.create(
        jenis=JenisTugasLatar.EKSPOR_PEGAWAI,
        dibuat_oleh_id=org.users["kadis"].pk,
        parameter={"q": "", "opd": None, "unit": org.units["dik_s1"].pk, "golongan": None, "jenis_jabatan": ""},
    )
    ekspor_pegawai_task.call(staff.pk)
    staff.refresh_from_db()
    with default_storage.open(staff.hasil["berkas"], "rb") as fh:
        rows = _rows(fh.read())
    assert {row[0] for row in rows[1:]} == _nips(org, {"kasi1", "staf1a", "staf1b"})


@pytest.mark.django_db
def test_progress_is_reported_per_chunk(org: Org, media: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "CHUNK", 2)
    job = TugasLatar.objects.create(
        jenis=JenisTugasLatar.EKSPOR_PEGAWAI, dibuat_oleh_id=org.users["kadis"].pk, parameter={}
    )
    calls: list[tuple[int, int]] = []
    summary, hasil = export_jobs.ekspor_pegawai_run(job, lambda d, t, pesan=None: calls.append((d, t)))
    assert calls == [(0, 7), (2, 7), (4, 7), (6, 7), (7, 7), (7, 7)]
    assert hasil["pegawai"] == 7 and "7 pegawai" in summary


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["kasi1", "admin", "auditor", "kabid1"])
def test_only_the_starter_reaches_the_job_and_its_file(
    org: Org, media: Any, small_limit: None, django_capture_on_commit_callbacks: Any, who: str
) -> None:
    job = _start(org, "kadis", django_capture_on_commit_callbacks)
    c = _client(org, who)
    assert c.get(reverse("people:ekspor", args=[job.pk])).status_code == 404
    assert c.get(reverse("people:ekspor_unduh", args=[job.pk])).status_code == 404
    assert c.get(f"{API}/{job.pk}").status_code == 404
    assert c.get(f"{API}/{job.pk}/unduh").status_code == 404
    assert not AuditEvent.objects.filter(action="pegawai.ekspor.unduh").exists()
    # Another kind of job is not an export, even for its own starter.
    other = TugasLatar.objects.create(jenis=JenisTugasLatar.LAPORAN_MASSAL, dibuat_oleh_id=org.users[who].pk)
    assert c.get(reverse("people:ekspor", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_a_second_export_waits_for_the_first(org: Org, media: Any, small_limit: None) -> None:
    first = export_jobs.ekspor_pegawai_start(actor=org.actor("kadis"), f=DirectoryFilter())  # waiting
    with pytest.raises(ValidationError, match="sebelumnya masih berjalan"):
        export_jobs.ekspor_pegawai_start(actor=org.actor("kadis"), f=DirectoryFilter(q="Dodi"))
    c = _client(org, "kadis")
    r = c.post(reverse("people:ekspor_mulai"), {"q": "Dodi"}, follow=True)
    assert "sebelumnya masih berjalan" in r.content.decode()
    assert r.redirect_chain[-1][0] == reverse("people:directory") + "?q=Dodi"
    api = c.post(API, data=json.dumps({}), content_type="application/json")
    assert api.status_code == 409 and "sebelumnya masih berjalan" in api.content.decode()
    # Someone else is not held up; and once the first is done, the same person may start again.
    export_jobs.ekspor_pegawai_start(actor=org.actor("kabid1"), f=DirectoryFilter())
    ekspor_pegawai_task.call(first.pk)
    export_jobs.ekspor_pegawai_start(actor=org.actor("kadis"), f=DirectoryFilter())
    assert TugasLatar.objects.filter(jenis=JenisTugasLatar.EKSPOR_PEGAWAI).count() == 3


@pytest.mark.django_db
def test_a_bad_filter_gets_a_message_and_starts_nothing(org: Org, media: Any, small_limit: None) -> None:
    c = _client(org, "kadis")
    page = c.get("/pegawai/?golongan=99&export=xlsx")
    assert page.status_code == 200 and "Saringan tidak valid; berkas Excel tidak dibuat" in page.content.decode()
    r = c.post(reverse("people:ekspor_mulai"), {"opd": "bukan-angka"}, follow=True)
    assert "Saringan tidak valid; ekspor tidak dimulai" in r.content.decode()
    with pytest.raises(ValidationError) as exc:
        export_jobs.ekspor_pegawai_start(
            actor=org.actor("kadis"),
            f=DirectoryFilter(q="a\x00b", unit=999_999, opd=org.units["dik_b1"].pk, jenis_jabatan="RAJA"),
        )
    assert set(exc.value.message_dict) == {"q", "unit", "opd", "jenis_jabatan"}
    assert exc.value.message_dict["unit"] == ["Unit kerja tidak ditemukan."]
    api = c.post(API, data=json.dumps({"unit": 999_999}), content_type="application/json")
    assert api.status_code == 409 and api.json()["errors"]["unit"] == ["Unit kerja tidak ditemukan."]
    assert c.post(API, data=json.dumps({"golongan": 99}), content_type="application/json").status_code == 422
    assert not TugasLatar.objects.filter(jenis=JenisTugasLatar.EKSPOR_PEGAWAI).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("parameter", "who", "message"),
    [
        ({"unit": "1"}, "kadis", "Unit kerja tidak ditemukan"),  # a stored parameter is re-checked
        ({"tahun": 2026}, "kadis", "Saringan ekspor tidak valid"),
        ({}, None, "harus dimulai oleh seorang pengguna"),  # SYSTEM would see everyone: refused
    ],
)
def test_the_job_rechecks_its_parameters(
    org: Org, media: Any, parameter: dict[str, Any], who: str | None, message: str
) -> None:
    job = TugasLatar.objects.create(
        jenis=JenisTugasLatar.EKSPOR_PEGAWAI,
        dibuat_oleh_id=org.users[who].pk if who else None,
        parameter=parameter,
    )
    ekspor_pegawai_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.GAGAL and message in job.pesan, job.pesan
    assert not job.hasil.get("berkas")


@pytest.mark.django_db
def test_the_api_starts_shows_and_hands_out_the_export(
    org: Org, media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    c = _client(org, "kabid1")
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(API, data=json.dumps({"jenis_jabatan": "PELAKSANA"}), content_type="application/json")
    assert r.status_code == 202, r.content
    started = r.json()
    assert started["jenis"] == "EKSPOR_PEGAWAI" and started["parameter"]["jenis_jabatan"] == "PELAKSANA"
    status = c.get(f"{API}/{started['id']}")
    assert status.status_code == 200 and status.json()["status"] == "SELESAI"
    assert status.json()["hasil"]["pegawai"] == 2
    file = c.get(f"{API}/{started['id']}/unduh")
    assert file.status_code == 200 and file["Content-Type"] == exports.XLSX
    rows = _rows(_body(file))
    assert {row[0] for row in rows[1:]} == _nips(org, {"staf1a", "staf1b"})
    assert c.get(f"{API}/999999").status_code == 404
    assert Client().post(API, data=json.dumps({}), content_type="application/json").status_code == 401


@pytest.mark.django_db
def test_old_files_are_deleted_by_the_daily_task(org: Org, media: Any) -> None:
    old = export_jobs.ekspor_pegawai_start(actor=org.actor("kadis"), f=DirectoryFilter())
    ekspor_pegawai_task.call(old.pk)
    fresh = export_jobs.ekspor_pegawai_start(actor=org.actor("kadis"), f=DirectoryFilter())
    ekspor_pegawai_task.call(fresh.pk)
    TugasLatar.objects.filter(pk=old.pk).update(selesai_pada=timezone.now() - dt.timedelta(days=8))
    old_path = TugasLatar.objects.get(pk=old.pk).hasil["berkas"]
    assert default_storage.exists(old_path)

    assert hapus_ekspor_lama_task.call() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert not default_storage.exists(old_path) and old.hasil["dihapus"] is True and "berkas" not in old.hasil
    assert default_storage.exists(fresh.hasil["berkas"])
    c = _client(org, "kadis")
    assert c.get(reverse("people:ekspor_unduh", args=[old.pk])).status_code == 404
    assert "Berkas sudah dihapus" in c.get(reverse("people:ekspor", args=[old.pk])).content.decode()
    assert hapus_ekspor_lama_task.call() == 0  # done once
