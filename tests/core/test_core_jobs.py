"""`karier.core.jobs` (background jobs any app writes) and `karier.core.bulk` (the one COPY writer)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.loader import render_to_string

from karier.core import jobs
from karier.core.bulk import Table, bulk_insert, next_id, reset_sequences
from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import TugasLatar
from karier.people.models import Penugasan
from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


class _Task:
    def __init__(self) -> None:
        self.enqueued: list[int] = []

    def enqueue(self, job_id: int) -> None:
        self.enqueued.append(job_id)


def test_start_records_the_job_and_enqueues_after_commit(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    task = _Task()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.job_start(actor=org.actor("kadis"), jenis=JenisTugasLatar.SKP_MASSAL, parameter={"x": 1}, task=task)
    assert task.enqueued == [] and len(callbacks) == 1  # nothing runs before the commit
    callbacks[0]()
    assert task.enqueued == [job.pk]
    assert (job.status, job.dibuat_oleh_id, job.parameter) == ("MENUNGGU", org.users["kadis"].pk, {"x": 1})


def test_run_records_progress_and_the_outcome(org: Org) -> None:
    job = TugasLatar.objects.create(jenis=JenisTugasLatar.SKP_MASSAL)
    seen: list[tuple[int, int]] = []

    def work(j: TugasLatar, progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        for done in (2, 4):
            progress(done, 4)
            row = TugasLatar.objects.get(pk=j.pk)
            seen.append((row.diproses, row.total))
            assert row.status == StatusTugasLatar.BERJALAN and row.dimulai_pada is not None
        return "4 selesai.", {"n": 4}

    assert jobs.job_run(job.pk, work) == {"status": "SELESAI", "n": 4}
    job.refresh_from_db()
    assert seen == [(2, 4), (4, 4)]
    assert (job.status, job.pesan, job.hasil, job.persen, job.selesai) == ("SELESAI", "4 selesai.", {"n": 4}, 100, True)


def test_a_refusal_fails_the_job_with_its_message_and_an_error_is_reraised() -> None:
    job = TugasLatar.objects.create(jenis=JenisTugasLatar.SKP_MASSAL, diproses=3, total=10)

    def refuse(j: TugasLatar, progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        raise ValidationError({"tahun": "Tahun kinerja sudah ditutup."})

    out = jobs.job_run(job.pk, refuse)
    job.refresh_from_db()
    assert out["status"] == "GAGAL" and job.status == "GAGAL" and job.pesan == "Tahun kinerja sudah ditutup."
    assert job.diproses == 3  # a resumed job keeps what was done until the work reports again

    def crash(j: TugasLatar, progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        jobs.job_run(job.pk, crash, reset=True)
    job.refresh_from_db()
    assert job.status == "GAGAL" and job.pesan == jobs.MSG_SISTEM and (job.diproses, job.total) == (0, 0)


def test_restart_requeues_a_stopped_job_but_not_a_finished_one(django_capture_on_commit_callbacks: Any) -> None:
    task = _Task()
    job = TugasLatar.objects.create(jenis=JenisTugasLatar.SKP_MASSAL, status="GAGAL")
    with django_capture_on_commit_callbacks(execute=True):
        jobs.job_restart(job.pk, task)
    job.refresh_from_db()
    assert job.status == "MENUNGGU" and task.enqueued == [job.pk]
    TugasLatar.objects.filter(pk=job.pk).update(status="SELESAI")
    with pytest.raises(ValidationError):
        jobs.job_restart(job.pk, task)


def test_a_job_is_seen_by_its_starter_admins_and_auditors_only(org: Org) -> None:
    job = TugasLatar.objects.create(jenis=JenisTugasLatar.SKP_MASSAL, dibuat_oleh=org.users["kadis"])
    for who in ("kadis", "admin", "auditor"):
        assert jobs.job_for_actor(org.actor(who), job.pk) == job
    for who in ("kabid1", "staf1a", "unlinked"):
        with pytest.raises(Http404):
            jobs.job_for_actor(org.actor(who), job.pk)
    with pytest.raises(Http404):  # of another kind
        jobs.job_for_actor(org.actor("kadis"), job.pk, jenis=JenisTugasLatar.TUTUP_PERIODE)
    assert jobs.job_dict(job)["status"] == "MENUNGGU" and jobs.job_dict(job)["persen"] == 0


def test_the_progress_partial_polls_until_done() -> None:
    job = TugasLatar.objects.create(jenis=JenisTugasLatar.SKP_MASSAL, status="BERJALAN", diproses=3, total=12)
    ctx = jobs.job_progress_context(job, poll_url="/tugas/1/", judul="tahun 2026", satuan="pegawai")
    html = render_to_string("core/_job_progress.html", ctx)
    assert 'hx-get="/tugas/1/"' in html and "3 dari 12 pegawai diproses (25%)." in html and "tahun 2026" in html
    job.status = "GAGAL"
    job.pesan = "Tahun ditutup."
    html = render_to_string("core/_job_progress.html", jobs.job_progress_context(job, poll_url="/tugas/1/"))
    assert "hx-get" not in html and 'role="alert"' in html and "3 dari 12 diproses" in html


# ---------------------------------------------------------------------------- the COPY writer
def test_bulk_insert_draws_ids_fills_defaults_and_converts(org: Org) -> None:
    from karier.plans import services

    skp = services.skp_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=2026, sumber="KOSONG")
    ids = bulk_insert(
        RencanaHasilKerja,
        ("skp_id", "jenis", "urutan", "teks", "dimensi"),
        [(skp.pk, "UTAMA", n, f"RHK {n}", "PRODUKTIVITAS") for n in (1, 2)],
        ids=True,
    )
    assert len(ids) == 2 and list(RencanaHasilKerja.objects.filter(pk__in=ids).order_by("pk").values_list("teks")) == [
        ("RHK 1",),
        ("RHK 2",),
    ]
    assert (
        bulk_insert(
            IndikatorKinerjaIndividu,
            ("rhk_id", "urutan", "aspek", "indikator", "target_angka", "satuan", "target_kualitatif"),
            [(ids[0], 1, "KUANTITAS", "Jumlah", Decimal("12.5"), "laporan", "")],
        )
        == []
    )
    iki = IndikatorKinerjaIndividu.objects.get(rhk_id=ids[0])
    assert iki.target_angka == Decimal("12.5")
    assert bulk_insert(Skp, ("pegawai_id",), []) == []
    with pytest.raises(ValueError, match="unknown fields"):
        bulk_insert(Skp, ("tidak_ada",), [(1,)])
    with pytest.raises(ValueError, match="draws the primary keys"):
        bulk_insert(Skp, ("id",), [(1,)], ids=True)


def test_table_buffers_rows_with_caller_ids(org: Org) -> None:
    first = next_id(Penugasan)
    table = Table(Penugasan, ["id", "pegawai_id", "jabatan_id", "jenis", "mulai", "selesai", "nomor_sk"])
    table.add((first, org.pegawai["staf2"].pk, org.jabatan["kasi1"].pk, "PLH", "2026-03-01", None, "SK-1"))
    table.flush()
    table.flush()  # nothing buffered: nothing written
    reset_sequences([Penugasan])
    row = Penugasan.objects.get(pk=first)
    assert (table.written, row.mulai, row.jenis) == (1, dt.date(2026, 3, 1), "PLH")
    assert (
        Penugasan.objects.create(
            pegawai=org.pegawai["staf2"], jabatan=org.jabatan["kasi1"], jenis="PLH", mulai=dt.date(2026, 4, 1)
        ).pk
        > first
    )  # the sequence moved past the explicit id
    with pytest.raises(ValueError, match="unknown fields"):
        Table(Penugasan, ["tidak_ada"])
