"""The career recomputation job (issue #12: "one set-based background job, recomputed after each period
close"): the steps run in their order for every chunk, then succession once; only BKD admins start it;
the period close starts it by itself; bad years are refused; the screen and the API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import TugasLatar
from karier.people.access import SYSTEM
from karier.people.models import Pegawai
from karier.talent.recompute import compute, hooks, steps
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(monkeypatch):
    """Replace each area's function by a recorder (the areas test their own functions)."""
    calls: list[tuple[str, tuple]] = []

    def recorder(key):
        def fn(*args):
            calls.append((key, args))
            return len(args[0]) if args and args[0] is not None else 1

        return fn

    fake = {s.path: recorder(s.key) for s in (*steps.CHUNK_STEPS, steps.FINAL_STEP)}
    monkeypatch.setattr(steps, "import_string", lambda path: fake[path])
    return calls


def as_user(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def test_steps_run_in_order_per_chunk_then_succession_once(org, recorded):
    n = Pegawai.objects.filter(aktif=True).count()
    hasil = compute.karier_hitung_now(actor=org.actor("admin"), tahun=2025, chunk_size=4, as_of=dt.date(2026, 1, 2))
    keys = [k for k, _ in recorded]
    per_chunk = [s.key for s in steps.CHUNK_STEPS]
    chunks = -(-n // 4)
    assert keys == per_chunk * chunks + ["kandidat_suksesi"]
    assert hasil["pegawai"] == n and hasil["predikat"] == n and hasil["kandidat_suksesi"] == 1
    by_key = dict(recorded)
    assert by_key["predikat"][1] == 2025 and by_key["kelayakan_pangkat"][1] == dt.date(2026, 1, 2)
    job = TugasLatar.objects.get(jenis=JenisTugasLatar.KARIER)  # a command's run is recorded as a job
    assert by_key["penempatan_talenta"][1:] == (2025, job.pk)
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["pegawai"] == n
    seen = [pk for k, args in recorded if k == "predikat" for pk in args[0]]
    assert sorted(seen) == sorted(Pegawai.objects.filter(aktif=True).values_list("pk", flat=True))


@pytest.mark.parametrize("key", ["kadis", "kasi1", "staf1a", "auditor"])
def test_only_bkd_admins_start_it(org, recorded, key):
    with pytest.raises(PermissionDenied):
        compute.karier_hitung_start(actor=org.actor(key), tahun=2025)
    assert not TugasLatar.objects.filter(jenis=JenisTugasLatar.KARIER).exists()


def test_bad_years_are_refused(org, recorded):
    for tahun in (1999, timezone.localdate().year + 1):
        with pytest.raises(ValidationError) as exc:
            compute.karier_hitung_start(actor=org.actor("admin"), tahun=tahun)
        assert "Tahun harus antara" in str(exc.value)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_screen_starts_the_job_which_runs_inline(recorded):
    from tests.orgdata import build_org

    org = build_org()
    c = as_user(org, "admin")
    assert c.get("/karier/hitung/").status_code == 200
    r = c.post("/karier/hitung/", {"tahun": "2025"})
    assert r.status_code == 302
    job = TugasLatar.objects.get(jenis=JenisTugasLatar.KARIER)
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["tahun"] == 2025
    assert c.get(f"/karier/hitung/{job.pk}/").status_code == 200
    bad = c.post("/karier/hitung/", {"tahun": "20x5"})
    assert bad.status_code == 409 and "empat angka" in bad.content.decode()
    assert as_user(org, "kadis").get("/karier/hitung/").status_code == 403
    assert as_user(org, "kadis").get(f"/karier/hitung/{job.pk}/").status_code == 404
    api = c.post("/api/v1/karier/hitung", data=json.dumps({"tahun": 2024}), content_type="application/json")
    assert api.status_code == 202
    assert c.get(f"/api/v1/karier/hitung/{api.json()['id']}").json()["status"] == StatusTugasLatar.SELESAI
    refused = as_user(org, "staf1a").post("/api/v1/karier/hitung", data="{}", content_type="application/json")
    assert refused.status_code == 403


def test_one_run_at_a_time(org, recorded):
    TugasLatar.objects.create(jenis=JenisTugasLatar.KARIER, status=StatusTugasLatar.BERJALAN, parameter={"tahun": 2025})
    with pytest.raises(ValidationError) as exc:
        compute.karier_hitung_start(actor=org.actor("admin"), tahun=2025)
    assert "sedang berjalan" in str(exc.value)
    hooks.after_period_close(actor=SYSTEM, periode=type("P", (), {"tahun_id": 2025})(), opd_id=None)
    assert TugasLatar.objects.filter(jenis=JenisTugasLatar.KARIER).count() == 1  # the hook waits too


def test_the_period_close_starts_it(org, recorded, monkeypatch):
    started = []
    monkeypatch.setattr(compute, "karier_hitung_start", lambda **kw: started.append(kw))
    hooks.after_period_close(actor=org.actor("kadis"), periode=type("P", (), {"tahun_id": 2025})(), opd_id=7)
    assert started and started[0]["tahun"] == 2025 and started[0]["actor"] is SYSTEM  # an agency head's close
    hooks.after_period_close(actor=org.actor("admin"), periode=type("P", (), {"tahun_id": 2024})(), opd_id=None)
    assert started[1]["actor"].user_id == org.users["admin"].pk


def test_close_hook_failure_never_undoes_the_close(org, settings, caplog):
    from karier.appraisal.evaluation import close

    settings.KARIER_AFTER_PERIOD_CLOSE = ["tests.talent.test_talent_recompute.boom"]
    close._after_close(SYSTEM, None, None)  # type: ignore[arg-type]
    assert "after-close hook" in caplog.text


def boom(**kwargs):
    raise RuntimeError("boom")


def test_default_year_is_the_latest_final_or_imported(org):
    from karier.talent.models import PredikatTahunan, SumberPredikat

    assert compute.default_year() == timezone.localdate().year - 1
    PredikatTahunan.objects.create(
        pegawai=org.pegawai["staf1a"], tahun=2021, predikat="Baik", sumber=SumberPredikat.IMPOR
    )
    assert compute.default_year() == 2021
