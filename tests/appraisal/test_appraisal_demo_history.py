"""The demo's closed past years (issue #12, item 1): `karier seed-history-demo` gives everyone with a
position a FINAL annual evaluation for each of the two past years, with the predikat of the rule, signed
snapshots that match `evaluasi_content`, the persona stories, no duplicates on a second run, screens that
open, a clean `seed-demo --reset`, and a query count that does not grow with headcount."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.accounts.models import User
from karier.appraisal.choices import JenisPeriode, StatusEvaluasi, StatusFinalisasi, StatusPeriode
from karier.appraisal.demo_history.ratings import pairs_for
from karier.appraisal.demo_history.seed import history_seed
from karier.appraisal.evaluation.document_content import evaluasi_content
from karier.appraisal.evaluation.snapshots import canonical, verify_snapshots
from karier.appraisal.models import Evaluasi, FinalisasiUnit, PeriodePenilaian, SnapshotEvaluasi
from karier.core.models import AuditEvent
from karier.people.demo import seed_demo
from karier.people.demo.personas import DODI, WATI
from karier.people.models import Jabatan, Pegawai
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp, TahunKinerja
from karier.rules import PREDIKAT_MATRIX, Predikat, predikat_at_least, predikat_kinerja
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year
YEARS = (THIS_YEAR - 2, THIS_YEAR - 1)
LATEST = YEARS[-1]


@pytest.fixture
def demo() -> None:
    seed_demo(pegawai=200, seed=1)
    call_command("seed_standards", verbosity=0)
    call_command("seed_history_demo", stdout=io.StringIO())


def _annual(tahun: int) -> list[Evaluasi]:
    return list(
        Evaluasi.objects.filter(periode__tahun_id=tahun, periode__jenis=JenisPeriode.TAHUNAN).select_related(
            "skp", "jabatan"
        )
    )


def _expected_people(tahun: int) -> set[int]:
    end = dt.date(tahun, 12, 31)
    return set(
        Pegawai.objects.filter(aktif=True, jabatan__isnull=False).exclude(tmt_cpns__gt=end).values_list("pk", flat=True)
    )


def test_refused_without_demo_data() -> None:
    with pytest.raises(CommandError, match="Data demo belum ada"):
        call_command("seed_history_demo", stdout=io.StringIO())
    assert not Evaluasi.objects.exists() and not TahunKinerja.objects.exists()


def test_refuses_the_current_year(demo: None) -> None:
    with pytest.raises(CommandError, match="tahun yang sudah lewat"):
        call_command("seed_history_demo", "--tahun-akhir", str(THIS_YEAR), stdout=io.StringIO())


def test_every_employee_with_a_position_has_a_final_annual_evaluation_per_year(demo: None) -> None:
    jabatan = dict(Jabatan.objects.values_list("pk", "atasan_id"))
    for tahun in YEARS:
        evs = _annual(tahun)
        assert {e.pegawai_id for e in evs} == _expected_people(tahun)
        assert len(evs) == len({e.pegawai_id for e in evs})  # one each
        assert TahunKinerja.objects.get(pk=tahun).ditutup
        assert set(PeriodePenilaian.objects.filter(tahun_id=tahun).values_list("status", flat=True)) == {
            StatusPeriode.DITUTUP
        }
        assert PeriodePenilaian.objects.filter(tahun_id=tahun, jenis=JenisPeriode.TRIWULAN).count() == 4
        for e in evs:
            assert e.status == StatusEvaluasi.FINAL
            assert e.skp.status == StatusSkp.DISETUJUI and e.skp.tahun_id == tahun
            assert e.predikat == predikat_kinerja(e.rating_hasil_kerja, e.rating_perilaku).value
            assert e.predikat_akhir == e.predikat
            assert e.final_pada is not None and e.ditandatangani_penilai_pada is not None
            assert e.alasan_hasil_kerja and e.alasan_perilaku
            if e.penilai_id is not None:  # the appraiser holds a post above the person's own
                assert e.ditandatangani_penilai_oleh_id == e.penilai_id
                up, chain = jabatan.get(e.jabatan_id), set()
                while up is not None and up not in chain:
                    chain.add(up)
                    up = jabatan.get(up)
                assert e.penilai_jabatan_id in chain
        shares = {p: sum(1 for e in evs if e.predikat == p.value) / len(evs) for p in Predikat}
        assert shares[Predikat.BAIK] > 0.5
        assert 0.05 < shares[Predikat.SANGAT_BAIK] < 0.3
    assert FinalisasiUnit.objects.filter(periode__tahun_id=LATEST, status=StatusFinalisasi.FINAL).exists()


def test_signed_snapshots_are_what_the_document_states(demo: None) -> None:
    evs = _annual(LATEST)
    snaps = {s.evaluasi_id: s for s in SnapshotEvaluasi.objects.filter(evaluasi__in=evs)}
    assert set(snaps) == {e.pk for e in evs}
    assert any(s.isi["utama"] for s in snaps.values()), "plan rows come from the position standards"
    realised = [iki[2] for s in snaps.values() for row in s.isi["utama"] for iki in row["iki"]]
    assert realised and all(realised), "every indicator has its realisation"
    for e in evs[:80]:
        assert snaps[e.pk].isi == json.loads(canonical(evaluasi_content(e.pk)))
    assert list(verify_snapshots()) == []


def test_persona_stories(demo: None) -> None:
    wati = Pegawai.objects.get(nip=WATI.nip)
    team = set(Pegawai.objects.filter(jabatan__atasan_id=wati.jabatan_id).values_list("pk", flat=True))
    by_year = {
        y: dict(Evaluasi.objects.filter(periode__tahun_id=y, pegawai_id__in=team).values_list("pegawai_id", "predikat"))
        for y in YEARS
    }
    latest_wati = Evaluasi.objects.filter(periode__tahun_id=LATEST, penilai=wati)
    struggling = [p for p in latest_wati.values_list("predikat", flat=True) if not predikat_at_least(p, Predikat.BAIK)]
    assert len(struggling) >= 2
    stars = [p for p in team if all(by_year[y].get(p) == Predikat.SANGAT_BAIK for y in YEARS)]
    assert len(stars) >= 2
    dodi = Pegawai.objects.get(nip=DODI.nip)
    assert sorted(Evaluasi.objects.filter(pegawai=dodi).values_list("periode__tahun_id", "predikat")) == [
        (y, Predikat.BAIK.value) for y in YEARS
    ]


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Evaluasi, Skp, SnapshotEvaluasi, AuditEvent, PeriodePenilaian))


def test_second_run_adds_nothing(demo: None) -> None:
    before = _counts()
    out = io.StringIO()
    call_command("seed_history_demo", stdout=out)
    assert "dilewati" in out.getvalue()
    assert _counts() == before


def test_past_year_screens_open(demo: None, client: Client) -> None:
    wati = Pegawai.objects.get(nip=WATI.nip)
    ev = Evaluasi.objects.filter(periode__tahun_id=LATEST, penilai=wati).select_related("periode").first()
    assert ev is not None
    client.force_login(User.objects.get(username=WATI.nip))
    r = client.get(f"/penilaian/{ev.pk}/")
    assert r.status_code == 200
    assert ev.predikat in r.content.decode()
    pdf = client.get(f"/penilaian/{ev.pk}/dokumen.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    client.force_login(User.objects.get(username="admin"))
    assert client.get(f"/penilaian/kalender/?tahun={LATEST}").status_code == 200
    assert client.get(f"/penilaian/kalibrasi/{ev.periode_id}/unit/{ev.unit_id}/").status_code == 200
    assert client.get("/penilaian/kalibrasi/").status_code == 200
    opd_id = Pegawai.objects.filter(pk=ev.pegawai_id).values_list("opd_id", flat=True).get()
    assert client.get(f"/penilaian/kalibrasi/{ev.periode_id}/opd/{opd_id}/").status_code == 200
    assert client.get(f"/penilaian/kalibrasi/{ev.periode_id}/unit/{ev.unit_id}/penetapan.pdf").status_code == 200
    owner = User.objects.get(pegawai_id=ev.pegawai_id)
    client.force_login(owner)
    assert client.get(f"/penilaian/{ev.pk}/").status_code == 200


def test_demo_reset_wipes_the_history(demo: None) -> None:
    seed_demo(pegawai=200, seed=1, reset=True)
    assert not Evaluasi.objects.exists()
    assert not SnapshotEvaluasi.objects.exists()
    assert not TahunKinerja.objects.exists()
    assert Pegawai.objects.exists()


def test_matrix_read_backwards_gives_each_predikat() -> None:
    for pair, predikat in PREDIKAT_MATRIX.items():
        assert pair in pairs_for(predikat)
    assert sum(len(pairs_for(p)) for p in Predikat) == len(PREDIKAT_MATRIX)


@pytest.mark.parametrize("who", ["staf1a", "auditor"])
def test_only_a_bkd_admin_may_seed_history(who: str) -> None:
    org = build_org()
    with pytest.raises(PermissionDenied):
        history_seed(actor=org.actor(who), tahun=[LATEST])
    assert not Evaluasi.objects.exists() and not TahunKinerja.objects.filter(pk=LATEST).exists()


def _measure(org: Org, tahun: int) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        result = history_seed(actor=org.actor("admin"), tahun=[tahun])
    assert result.tahun[0].ditutup, result.tahun[0].catatan
    return len(ctx.captured_queries), result.evaluasi


def test_queries_do_not_grow_with_headcount() -> None:
    org = build_org(extra_staff=2)
    small, n_small = _measure(org, LATEST - 1)
    for i in range(2, 38):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    large, n_large = _measure(org, LATEST)
    assert n_large == n_small + 36
    assert small == large, (small, large)
