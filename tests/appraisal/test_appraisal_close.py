"""Period close: set-based, idempotent, resumable, with its job and screens (issue #5 part 8)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.appraisal.choices import StatusPeriode
from karier.appraisal.evaluation.close import (
    TAHAP_ATURAN,
    SedangBerjalan,
    period_lock,
    periode_close,
    periode_close_start,
)
from karier.appraisal.models import Evaluasi, PredikatOrganisasiUnit
from karier.core.choices import StatusTugasLatar
from karier.core.models import AuditEvent, TugasLatar
from karier.people.access import SYSTEM, actor_for_user
from karier.rules import predikat_kinerja
from tests.appraisal.test_appraisal_calibration_support import DI_ATAS, DI_BAWAH, SESUAI, Seksi, seksi
from tests.appraisal.test_appraisal_support import approved_skp
from tests.orgdata import PASSWORD, Org

RATINGS = (SESUAI, DI_ATAS, DI_BAWAH)


@pytest.fixture
def s(org: Org) -> Seksi:
    return seksi(org, rate=False, open_period=False, evaluations=False)


def _rate_without_predikat(s: Seksi, keys: list[str]) -> None:
    """Ratings present, predikat missing (as after an import): every combination of the matrix."""
    for n, key in enumerate(keys):
        Evaluasi.objects.filter(periode=s.periode, pegawai=s.org.pegawai[key]).update(
            rating_hasil_kerja=RATINGS[n % 3], rating_perilaku=RATINGS[(n // 3) % 3], predikat=""
        )


def _rows(s: Seksi) -> list[tuple[Any, ...]]:
    return list(
        Evaluasi.objects.filter(periode=s.periode)
        .order_by("pk")
        .values_list("pk", "skp_id", "rating_hasil_kerja", "rating_perilaku", "predikat", "status")
    )


def _close(s: Seksi, **kw: Any) -> Any:
    return periode_close(actor=s.org.actor("admin"), periode_id=s.periode.pk, **kw)


@pytest.mark.django_db
def test_creates_evaluations_and_reports_completeness(s: Seksi) -> None:
    assert not Evaluasi.objects.filter(periode=s.periode).exists()
    r = _close(s)
    assert r.evaluasi_dibuat == 11 == r.evaluasi_total  # ten staff and the Kasi
    assert r.belum_dinilai == 11 and not r.lengkap and not r.periode_ditutup
    assert len(r.contoh_belum_dinilai) == 11
    assert {u["unit_id"] for u in r.unit_tanpa_hasil} == {s.unit.pk, s.org.units["dik_b1"].pk}
    s.periode.refresh_from_db()
    assert s.periode.status != StatusPeriode.DITUTUP
    assert AuditEvent.objects.filter(action="appraisal.period_close").count() == 1


@pytest.mark.django_db
def test_writes_every_predikat_and_the_leaders_rating_then_closes(s: Seksi) -> None:
    _close(s)
    _rate_without_predikat(s, [*s.staff, "kasi1"])
    PredikatOrganisasiUnit.objects.create(
        unit=s.unit, periode=s.periode, predikat="Butuh Perbaikan", alasan="PK tertinggal."
    )
    r = _close(s)
    assert r.rating_pemimpin_ditulis == 1
    kasi = Evaluasi.objects.get(periode=s.periode, pegawai=s.org.pegawai["kasi1"])
    assert kasi.rating_hasil_kerja == DI_BAWAH
    for ev in Evaluasi.objects.filter(periode=s.periode):
        assert ev.predikat == predikat_kinerja(ev.rating_hasil_kerja, ev.rating_perilaku).value
    assert r.predikat_ditulis == 11 and r.belum_dinilai == 0 and r.periode_ditutup
    assert sum(r.total.values()) == 11 and r.total[""] == 0
    assert sum(r.rekap[str(s.unit.pk)].values()) == 10
    s.periode.refresh_from_db()
    assert s.periode.status == StatusPeriode.DITUTUP


@pytest.mark.django_db
def test_idempotent(s: Seksi) -> None:
    _close(s)
    _rate_without_predikat(s, s.staff)
    _close(s)
    before = _rows(s)
    again = _close(s)
    assert (again.evaluasi_dibuat, again.predikat_ditulis, again.rating_pemimpin_ditulis) == (0, 0, 0)
    assert _rows(s) == before


@pytest.mark.django_db
def test_resumable_after_a_failure(s: Seksi) -> None:
    _close(s)
    _rate_without_predikat(s, s.staff)

    class Crash(RuntimeError):
        pass

    def crash(done: int, total: int, tahap: str) -> None:
        if tahap == TAHAP_ATURAN and done > 0:
            raise Crash

    with pytest.raises(Crash):
        _close(s, chunk_size=3, progress=crash)
    written = Evaluasi.objects.filter(periode=s.periode).exclude(predikat="").count()
    assert written == 3  # the first chunk is committed, nothing else
    r = _close(s, chunk_size=3)
    assert r.predikat_ditulis == 7
    assert Evaluasi.objects.filter(periode=s.periode).exclude(predikat="").count() == 10


@pytest.mark.django_db
def test_queries_grow_per_chunk_not_per_person(org: Org, settings: Any) -> None:
    settings.KARIER_AFTER_PERIOD_CLOSE = []  # the close's own queries (the career job it starts has its own tests)
    s = seksi(org, extra=2, rate=False, open_period=False, evaluations=False)
    with CaptureQueriesContext(connection) as small:
        r1 = _close(s)
    for i in range(2, 10):
        org.add_pegawai(f"x{i}", "staf1", golongan=31)
        approved_skp(org, f"x{i}", "kasi1")
    with CaptureQueriesContext(connection) as large:
        r2 = _close(s)
    assert (r1.evaluasi_dibuat, r2.evaluasi_dibuat) == (5, 8)
    assert len(large) == len(small)
    with CaptureQueriesContext(connection) as chunked:
        _close(s, chunk_size=4)
    assert len(chunked) > len(large)  # more chunks, more statements


@pytest.mark.django_db
def test_who_may_close(s: Seksi) -> None:
    for who in ("kasi1", "staf1a", "auditor"):
        with pytest.raises(PermissionDenied):
            periode_close(actor=s.org.actor(who), periode_id=s.periode.pk, opd_id=s.org.units["dik"].pk)
    with pytest.raises(PermissionDenied):  # an agency head: his agency only
        periode_close(actor=s.org.actor("kadis"), periode_id=s.periode.pk)
    r = periode_close(actor=s.org.actor("kadis"), periode_id=s.periode.pk, opd_id=s.org.units["dik"].pk)
    assert r.evaluasi_dibuat == 11
    with pytest.raises(ValidationError):
        periode_close(actor=SYSTEM, periode_id=s.periode.pk, opd_id=s.unit.pk)  # not an agency
    with pytest.raises(ValidationError):
        periode_close(actor=SYSTEM, periode_id=10**9)


@pytest.mark.django_db
def test_agency_run_never_closes_the_period(s: Seksi) -> None:
    _close(s)
    _rate_without_predikat(s, [*s.staff, "kasi1"])
    r = periode_close(actor=SYSTEM, periode_id=s.periode.pk, opd_id=s.org.units["dik"].pk)
    assert r.lengkap and not r.periode_ditutup


@pytest.mark.django_db
def test_job_screen_and_progress(s: Seksi, django_capture_on_commit_callbacks: Any) -> None:
    c = Client()
    assert c.login(username="admin", password=PASSWORD)
    page = c.get(f"/penilaian/tutup/{s.periode.pk}/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/penilaian/tutup/{s.periode.pk}/", {"opd": ""})
    assert r.status_code == 302
    job = TugasLatar.objects.get(jenis="TUTUP_PERIODE")
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["evaluasi_total"] == 11
    assert job.diproses == job.total == 11
    partial = c.get(r["Location"], HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "progress" in partial.content.decode()
    other = Client()
    assert other.login(username=s.user("kasi1").username, password=PASSWORD)
    assert other.get(r["Location"]).status_code == 404
    assert other.get(f"/penilaian/tutup/{s.periode.pk}/").status_code == 404
    kadis = actor_for_user(s.user("kadis"))
    with django_capture_on_commit_callbacks(execute=True):
        job2 = periode_close_start(actor=kadis, periode_id=s.periode.pk, opd_id=s.org.units["dik"].pk)
    job2.refresh_from_db()
    assert job2.status == StatusTugasLatar.SELESAI


@pytest.mark.django_db
def test_command(s: Seksi, capsys: Any) -> None:
    call_command("tutup_periode", "--periode", str(s.periode.pk))
    out = capsys.readouterr().out
    assert "11 evaluasi" in out and "periode belum ditutup" in out


@pytest.mark.django_db
def test_created_evaluations_match_party_a(s: Seksi) -> None:
    """The close's COPY path gives the same rows as `periods.evaluasi_bulk_create` (appraiser rule included)."""
    from karier.appraisal.evaluation import periods
    from karier.appraisal.models import PeriodePenilaian

    _close(s)
    other = PeriodePenilaian.objects.get(tahun_id=s.periode.tahun_id, jenis="TRIWULAN", nomor=4)
    periods.evaluasi_bulk_create(periode=other)
    fields = (
        "skp_id",
        "pegawai_id",
        "unit_id",
        "jabatan_id",
        "penilai_id",
        "penilai_jabatan_id",
        "status",
        "versi",
        "predikat",
        "rating_hasil_kerja",
    )
    mine = list(Evaluasi.objects.filter(periode=s.periode).order_by("skp_id").values_list(*fields))
    theirs = list(Evaluasi.objects.filter(periode=other).order_by("skp_id").values_list(*fields))
    assert mine == theirs and len(mine) == 11
    kasi = Evaluasi.objects.get(periode=s.periode, pegawai=s.org.pegawai["kasi1"])
    assert kasi.penilai_id == s.org.pegawai["kabid1"].pk


# ---------------------------------------------------------------------------- issue #8 §9: one run at a time
@pytest.mark.django_db
def test_a_second_run_while_one_holds_the_lock_says_sedang_berjalan(
    s: Seksi, capsys: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with period_lock(s.periode):
        call_command("tutup_periode", "--periode", str(s.periode.pk))  # exits normally (0)
        out = capsys.readouterr().out
        assert "sedang berjalan" in out
        with pytest.raises(SedangBerjalan):
            _close(s)
        kadis = actor_for_user(s.user("kadis"))
        with django_capture_on_commit_callbacks(execute=True):
            job = periode_close_start(actor=kadis, periode_id=s.periode.pk, opd_id=s.org.units["dik"].pk)
    assert not Evaluasi.objects.filter(periode=s.periode).exists()  # the refused runs wrote nothing
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.GAGAL and "sedang berjalan" in job.pesan
    assert _close(s).evaluasi_dibuat == 11  # released: the next run works


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="advisory locks across connections: PostgreSQL only",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_closes_on_postgresql(org: Org, capsys: Any) -> None:
    """Two runs at once on two connections: the second says "sedang berjalan"; nothing crashes."""
    s = seksi(org, rate=False, open_period=False, evaluations=False)
    started, release = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def progress(done: int, total: int, tahap: str) -> None:
        started.set()
        release.wait(timeout=30)

    def first() -> None:
        try:
            outcome["first"] = periode_close(actor=SYSTEM, periode_id=s.periode.pk, progress=progress)
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connection.close()

    t = threading.Thread(target=first)
    t.start()
    assert started.wait(timeout=30)
    # The second run is another process (its own connection): only the advisory lock can stop it.
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    second = subprocess.run(
        [sys.executable, "-m", "config.manage", "tutup_periode", "--periode", str(s.periode.pk)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert "sedang berjalan" in second.stdout
    call_command("tutup_periode", "--periode", str(s.periode.pk))  # and a second run in this process
    assert "sedang berjalan" in capsys.readouterr().out
    release.set()
    t.join(timeout=60)
    assert "error" not in outcome and outcome["first"].evaluasi_dibuat == 11
    assert Evaluasi.objects.filter(periode=s.periode).count() == 11
    assert _close(s).evaluasi_dibuat == 0  # the lock was released
