"""Opening and closing a period are background jobs (issue #9, item 3): every edge answers at once with
the job; the job makes the evaluations chunk by chunk, records its progress and resumes after a failure."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from karier.appraisal.choices import StatusPeriode
from karier.appraisal.evaluation import periods
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.appraisal.tasks import periode_open_task
from karier.core import bulk, jobs
from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import AuditEvent, TugasLatar
from tests.appraisal.test_appraisal_support import Setup, add_staff, configured
from tests.orgdata import PASSWORD, Org

API = "/api/v1"


def client(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def api_status(c: Client, periode: PeriodePenilaian, status: str) -> Any:
    return c.post(f"{API}/penilaian/periode/{periode.pk}/status", {"status": status}, content_type="application/json")


def status_of(s: Setup) -> str:
    return PeriodePenilaian.objects.get(pk=s.periode.pk).status


def evaluations(s: Setup) -> int:
    return Evaluasi.objects.filter(periode=s.periode).count()


@pytest.fixture
def closed_setup(org: Org) -> Setup:
    """Triwulan I not yet open, with six approved plans (staf1a, staf1b and four more)."""
    s = configured(org, open_period=False)
    add_staff(org, 4)
    return s


# ---------------------------------------------------------------------------- opening
@pytest.mark.django_db
def test_open_from_the_screen_answers_at_once_with_the_job(
    closed_setup: Setup, django_capture_on_commit_callbacks: Any
) -> None:
    s, c = closed_setup, client(closed_setup.org, "admin")
    with django_capture_on_commit_callbacks() as callbacks:  # the request only records and enqueues the job
        r = c.post(f"/penilaian/kalender/periode/{s.periode.pk}/status/", {"aksi": "buka"})
    job = TugasLatar.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/penilaian/kalender/tugas/{job.pk}/"
    assert (job.jenis, job.status, job.parameter) == (
        JenisTugasLatar.BUKA_PERIODE,
        StatusTugasLatar.MENUNGGU,
        {"periode_id": s.periode.pk},
    )
    assert job.dibuat_oleh_id == s.org.users["admin"].pk
    assert evaluations(s) == 0 and status_of(s) == StatusPeriode.BELUM_DIBUKA  # open only once evaluations exist
    waiting = c.get(r["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "Menunggu" in waiting
    assert len(callbacks) == 1
    callbacks[0]()  # what the worker does (inline on the embedded default)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["evaluasi_dibuat"] == evaluations(s) == 6
    assert (job.diproses, job.total, job.persen) == (6, 6, 100)
    assert status_of(s) == StatusPeriode.DIBUKA
    event = AuditEvent.objects.get(action="penilaian.periode_buka")
    assert event.actor_id == s.org.users["admin"].pk
    done = c.get(r["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "Selesai" in done and "every 1s" not in done and "6 evaluasi dibuat" in done
    page = c.get(r["Location"]).content.decode()
    assert "Pembukaan periode" in page and "Triwulan I" in page


@pytest.mark.django_db
def test_open_from_the_api_is_202_with_the_job_and_its_status_url(
    closed_setup: Setup, django_capture_on_commit_callbacks: Any
) -> None:
    s, c = closed_setup, client(closed_setup.org, "admin")
    with django_capture_on_commit_callbacks() as callbacks:
        r = api_status(c, s.periode, "DIBUKA")
    body = r.json()
    assert r.status_code == 202 and body["jenis"] == "BUKA_PERIODE" and body["status"] == "MENUNGGU"
    assert body["url"] == f"{API}/penilaian/buka/{body['id']}"
    assert evaluations(s) == 0 and status_of(s) == StatusPeriode.BELUM_DIBUKA
    callbacks[0]()
    status = c.get(body["url"]).json()
    assert status["status"] == "SELESAI" and status["hasil"]["evaluasi_dibuat"] == 6 and status["persen"] == 100
    assert status_of(s) == StatusPeriode.DIBUKA and evaluations(s) == 6
    assert client(s.org, "staf1a").get(body["url"]).status_code == 404  # someone else's job
    assert client(s.org, "auditor").get(body["url"]).status_code == 200
    again = api_status(c, s.periode, "DIBUKA")  # open already
    assert again.status_code == 409 and TugasLatar.objects.count() == 1


@pytest.mark.django_db
def test_progress_is_recorded_chunk_by_chunk(
    closed_setup: Setup, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = closed_setup
    monkeypatch.setattr(periods, "CHUNK", 4)
    marks: list[tuple[int, int]] = []
    real_mark = jobs.job_mark

    def job_mark(job_id: int, **fields: Any) -> None:
        if "diproses" in fields:
            marks.append((fields["diproses"], fields["total"]))
        real_mark(job_id, **fields)

    monkeypatch.setattr(jobs, "job_mark", job_mark)
    with django_capture_on_commit_callbacks(execute=True):
        job = periods.periode_open_start(actor=s.org.actor("admin"), periode=s.periode)
    job.refresh_from_db()
    assert marks == [(0, 6), (4, 6), (6, 6)]
    assert (job.status, job.diproses, job.total) == (StatusTugasLatar.SELESAI, 6, 6)


@pytest.mark.django_db
def test_running_the_job_twice_creates_nothing_twice(
    closed_setup: Setup, django_capture_on_commit_callbacks: Any
) -> None:
    s = closed_setup
    with django_capture_on_commit_callbacks(execute=True):
        job = periods.periode_open_start(actor=s.org.actor("admin"), periode=s.periode)
    first = list(Evaluasi.objects.filter(periode=s.periode).order_by("pk").values_list("pk", "skp_id", "penilai_id"))
    assert len(first) == 6
    periode_open_task.enqueue(job.pk)  # the same job again (a retried delivery)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["evaluasi_dibuat"] == 0
    again = list(Evaluasi.objects.filter(periode=s.periode).order_by("pk").values_list("pk", "skp_id", "penilai_id"))
    assert again == first and status_of(s) == StatusPeriode.DIBUKA
    assert AuditEvent.objects.filter(action="penilaian.periode_buka").count() == 1  # opened once


@pytest.mark.django_db
def test_a_failing_chunk_fails_the_job_and_running_it_again_resumes(
    closed_setup: Setup, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = closed_setup
    monkeypatch.setattr(periods, "CHUNK", 2)
    real_insert, calls = bulk.bulk_insert, []

    def insert(model: Any, columns: Any, rows: Any, *, ids: bool = False) -> list[int]:
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_insert(model, columns, rows, ids=ids)

    monkeypatch.setattr(bulk, "bulk_insert", insert)
    with django_capture_on_commit_callbacks(execute=True):
        job = periods.periode_open_start(actor=s.org.actor("admin"), periode=s.periode)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.GAGAL and job.pesan == jobs.MSG_SISTEM
    assert (job.diproses, job.total) == (2, 6)  # the first chunk was written and counted
    assert evaluations(s) == 2 and status_of(s) == StatusPeriode.BELUM_DIBUKA  # whole chunks, not opened
    page = client(s.org, "admin").get(f"/penilaian/kalender/tugas/{job.pk}/").content.decode()
    assert "Gagal" in page and "Tekan Buka lagi" in page
    with django_capture_on_commit_callbacks(execute=True):
        jobs.job_restart(job.pk, periode_open_task)
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["evaluasi_dibuat"] == 4
    assert evaluations(s) == 6 and status_of(s) == StatusPeriode.DIBUKA
    assert calls == [2, 2, 2, 2]  # the failed chunk is written again; nothing is written twice


@pytest.mark.django_db
def test_a_second_start_while_one_is_pending_is_refused(closed_setup: Setup) -> None:
    s = closed_setup
    admin = s.org.actor("admin")
    job = periods.periode_open_start(actor=admin, periode=s.periode)  # its task waits for a commit that never comes
    with pytest.raises(ValidationError, match="sedang berjalan"):
        periods.periode_open_start(actor=admin, periode=s.periode)
    calendar = client(s.org, "admin").get(f"/penilaian/kalender/?tahun={s.periode.tahun_id}").content.decode()
    assert f'href="/penilaian/kalender/tugas/{job.pk}/">Sedang dibuka' in calendar  # the row links its job
    TugasLatar.objects.update(status=StatusTugasLatar.GAGAL)  # a failed opening may be started again
    assert periods.periode_open_start(actor=admin, periode=s.periode).status == StatusTugasLatar.MENUNGGU


# ---------------------------------------------------------------------------- closing
@pytest.mark.django_db
def test_close_from_the_screen_and_the_api_goes_through_the_job(
    org: Org, django_capture_on_commit_callbacks: Any
) -> None:
    s = configured(org)
    c = client(org, "admin")
    with django_capture_on_commit_callbacks() as callbacks:
        r = c.post(f"/penilaian/kalender/periode/{s.periode.pk}/status/", {"aksi": "tutup"})
    job = TugasLatar.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/penilaian/tutup/tugas/{job.pk}/"
    assert (job.jenis, job.status) == (JenisTugasLatar.TUTUP_PERIODE, StatusTugasLatar.MENUNGGU)
    assert not AuditEvent.objects.filter(action="appraisal.period_close").exists()  # nothing ran in the request
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["belum_dinilai"] == 2
    assert "periode belum dapat ditutup" in job.pesan and status_of(s) == StatusPeriode.DIBUKA

    with django_capture_on_commit_callbacks() as callbacks:
        r = api_status(c, s.periode, "DITUTUP")
    body = r.json()
    assert r.status_code == 202 and body["jenis"] == "TUTUP_PERIODE" and body["status"] == "MENUNGGU"
    assert body["url"] == f"{API}/penilaian/tutup/{body['id']}"
    assert AuditEvent.objects.filter(action="appraisal.period_close").count() == 1
    callbacks[0]()
    assert c.get(body["url"]).json()["hasil"]["belum_dinilai"] == 2
    assert AuditEvent.objects.filter(action="appraisal.period_close").count() == 2


@pytest.mark.django_db
def test_closing_a_period_that_is_not_open_is_refused(closed_setup: Setup) -> None:
    s, c = closed_setup, client(closed_setup.org, "admin")
    r = api_status(c, s.periode, "DITUTUP")
    assert r.status_code == 409 and "belum dibuka" in r.json()["detail"] + str(r.json().get("errors"))
    assert api_status(c, s.periode, "BELUM_DIBUKA").status_code == 409
    r = c.post(f"/penilaian/kalender/periode/{s.periode.pk}/status/", {"aksi": "tutup"}, follow=True)
    assert "belum dibuka" in r.content.decode() and not TugasLatar.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["DIBUKA", "DITUTUP"])
def test_only_the_bkd_admin_starts_either(org: Org, status: str) -> None:
    s = configured(org, open_period=status == "DITUTUP")
    for who in ("staf1a", "kasi1", "kadis", "auditor"):
        assert api_status(client(org, who), s.periode, status).status_code == 403, who
    aksi = "buka" if status == "DIBUKA" else "tutup"
    url = f"/penilaian/kalender/periode/{s.periode.pk}/status/"
    for who in ("staf1a", "kasi1", "kadis"):
        assert client(org, who).post(url, {"aksi": aksi}).status_code == 404, who  # the calendar is hidden
    refused = client(org, "auditor").post(url, {"aksi": aksi}, follow=True)  # sees the calendar, writes nothing
    assert "admin BKD" in refused.content.decode()
    assert not TugasLatar.objects.exists()


@pytest.mark.django_db
def test_an_htmx_buka_answers_with_the_progress_card(closed_setup: Setup) -> None:
    s = closed_setup
    r = client(s.org, "admin").post(
        f"/penilaian/kalender/periode/{s.periode.pk}/status/", {"aksi": "buka"}, HTTP_HX_REQUEST="true"
    )
    job = TugasLatar.objects.get()
    body = r.content.decode()
    assert r.status_code == 200 and f'hx-get="/penilaian/kalender/tugas/{job.pk}/"' in body and "<html" not in body


@pytest.mark.django_db
def test_starting_the_opening_costs_the_same_whatever_the_headcount(
    org: Org, django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    s = configured(org, open_period=False)
    c = client(org, "admin")

    def start() -> int:
        TugasLatar.objects.update(status=StatusTugasLatar.GAGAL)  # let the next start through
        with django_capture_on_commit_callbacks(), CaptureQueriesContext(connection) as ctx:
            assert api_status(c, s.periode, "DIBUKA").status_code == 202
        return len(ctx.captured_queries)

    start()  # warm up (session, content types)
    small = start()
    add_staff(org, 10)
    assert small == start() and evaluations(s) == 0
