"""The demo data generator (`karier seed_demo`): determinism, valid NIPs, realistic shares,
a consistent position tree, resolvable appraisers and working demo accounts."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F

from karier.people.choices import JenisAsn, JenisJabatan, JenisPenugasan, JenisUnit
from karier.people.demo import PERSONAS, SeedError, demo_accounts, seed_demo
from karier.people.demo.history import RANK
from karier.people.demo.population import MAX_RANK_BY_PENDIDIKAN, REF_DATE
from karier.people.models import Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja
from karier.people.selectors import active_on, appraiser_on, direct_subordinates_on
from karier.rules import parse_nip

ON = dt.date(2026, 1, 15)
pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[Any, ...]]:
    return list(
        Pegawai.objects.order_by("nip").values_list(
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "golongan__kode",
            "jabatan__nama",
            "unit__nama",
            "tanggal_lahir",
            "tmt_jabatan",
        )
    )


@pytest.fixture
def seeded() -> Any:
    return seed_demo(pegawai=2000, seed=1)


def test_same_seed_gives_the_same_data_and_another_seed_does_not() -> None:
    seed_demo(pegawai=300, seed=7)
    first = snapshot()
    seed_demo(pegawai=300, seed=7, reset=True)
    assert snapshot() == first
    assert Pegawai.objects.count() == 300
    seed_demo(pegawai=300, seed=8, reset=True)
    other = snapshot()
    assert len(other) == 300
    assert other != first
    assert len({r[0] for r in other} & {r[0] for r in first}) < 50  # the personas at most, and chance


def test_refuses_when_employees_exist_unless_reset() -> None:
    seed_demo(pegawai=300, seed=1)
    with pytest.raises(SeedError, match="--reset"):
        seed_demo(pegawai=300, seed=1)
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_demo", "--pegawai", "300", verbosity=0)
    call_command("seed_demo", "--pegawai", "300", "--reset", "--tanpa-akun", verbosity=0)
    assert Pegawai.objects.count() == 300
    # without per-employee accounts only the demo accounts exist
    assert set(get_user_model().objects.values_list("username", flat=True)) == {a.username for a in demo_accounts()}


def test_nips_are_valid_unique_and_agree_with_the_record(seeded: Any) -> None:
    rows = list(Pegawai.objects.values_list("nip", "jenis_asn", "tanggal_lahir", "jenis_kelamin", "tmt_cpns"))
    assert len(rows) == 2000
    assert len({r[0] for r in rows}) == len(rows)
    for nip, jenis_asn, lahir, jk, tmt_cpns in rows:
        assert len(nip) == 18 and nip.isdigit()
        if jenis_asn == JenisAsn.PPPK:
            assert tmt_cpns is None
            continue
        info = parse_nip(nip)
        assert info.birth_date == lahir
        assert info.gender == jk
        assert info.tmt_cpns == tmt_cpns
        assert not info.warnings
        age_at_cpns = (tmt_cpns - lahir).days / 365.25
        assert 18 <= age_at_cpns <= 36, nip
        assert tmt_cpns <= REF_DATE
        assert 1 <= info.sequence <= 999
    ages = [(REF_DATE - lahir).days // 365.25 for _, _, lahir, _, _ in rows]
    assert min(ages) >= 20 and max(ages) <= 58


def test_shares_follow_the_national_statistics(seeded: Any) -> None:
    n = Pegawai.objects.count()
    pns = Pegawai.objects.filter(jenis_asn=JenisAsn.PNS)
    assert pns.filter(golongan__isnull=True).count() == 0
    groups: Counter[str] = Counter()
    for kode, c in pns.values_list("golongan__kode").annotate(c=Count("id")):
        groups[kode.split("/")[0]] += c
    total = sum(groups.values())
    share = {g: 100 * groups[g] / total for g in ("I", "II", "III", "IV")}
    assert share["I"] < 2.0
    assert share["II"] == pytest.approx(16.5, abs=3.5)
    assert share["III"] == pytest.approx(60.1, abs=4.0)
    assert share["IV"] == pytest.approx(22.8, abs=3.5)

    kinds: Counter[str] = Counter()
    for jenis, c in Pegawai.objects.values_list("jabatan__jenis").annotate(c=Count("id")):
        kinds["STRUKTURAL" if jenis in JenisJabatan.managerial() else jenis] += c
    assert 100 * kinds["STRUKTURAL"] / n == pytest.approx(9, abs=1.5)
    assert 100 * kinds[JenisJabatan.FUNGSIONAL] / n == pytest.approx(54, abs=4)
    assert 100 * kinds[JenisJabatan.PELAKSANA] / n == pytest.approx(37, abs=4)
    assert 100 * Pegawai.objects.filter(jenis_asn=JenisAsn.PPPK).count() / n == pytest.approx(8, abs=2.5)
    assert not Pegawai.objects.filter(jenis_asn=JenisAsn.PPPK, golongan__isnull=False).exists()
    assert not Pegawai.objects.filter(jenis_asn=JenisAsn.PPPK, jabatan__jenis__in=JenisJabatan.managerial()).exists()


def test_golongan_fits_education_position_and_history(seeded: Any) -> None:
    ranges: dict[str, set[str]] = {
        JenisJabatan.JPT_MADYA: {"IV/d", "IV/e"},
        JenisJabatan.JPT_PRATAMA: {"IV/c", "IV/d"},
        JenisJabatan.ADMINISTRATOR: {"IV/a", "IV/b"},
        JenisJabatan.PENGAWAS: {"III/c", "III/d"},
    }
    jenjang = {
        "Pemula": {"II/a"},
        "Terampil": {"II/b", "II/c", "II/d"},
        "Mahir": {"III/a", "III/b"},
        "Penyelia": {"III/c", "III/d"},
        "Ahli Pertama": {"III/a", "III/b"},
        "Ahli Muda": {"III/c", "III/d"},
        "Ahli Madya": {"IV/a", "IV/b", "IV/c"},
        "Ahli Utama": {"IV/d", "IV/e"},
    }
    history: dict[int, list[tuple[str, dt.date]]] = {}
    for pid, kode, tmt in RiwayatGolongan.objects.order_by("pegawai", "-tmt").values_list(
        "pegawai_id", "golongan__kode", "tmt"
    ):
        history.setdefault(pid, []).append((kode, tmt))
    people: list[Any] = list(Pegawai.objects.filter(jenis_asn=JenisAsn.PNS).select_related("golongan", "jabatan"))
    for p in people:
        kode = p.golongan.kode
        if p.jabatan.jenis in ranges:
            assert kode in ranges[p.jabatan.jenis], (p.nip, p.jabatan.jenis, kode)
        elif p.jabatan.jenis == JenisJabatan.FUNGSIONAL:
            assert kode in jenjang[p.jabatan.jenjang], (p.nip, p.jabatan.nama, kode)
        else:  # pelaksana: the education ceiling of kenaikan pangkat reguler
            assert RANK[kode] <= MAX_RANK_BY_PENDIDIKAN[p.pendidikan], (p.nip, p.pendidikan, kode)
        rows = history[p.pk]
        assert 1 <= len(rows) <= 4
        assert rows[0] == (kode, p.tmt_golongan)
        ranks = [RANK[k] for k, _ in rows]
        assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks)
        assert all(tmt >= p.tmt_cpns for _, tmt in rows)
        assert p.tmt_golongan <= REF_DATE


def test_units_and_positions_form_a_consistent_tree(seeded: Any) -> None:
    units = {u.pk: u for u in UnitKerja.objects.all()}
    assert {u.nama for u in units.values() if u.jenis == JenisUnit.OPD} >= {
        "Sekretariat Daerah",
        "Badan Kepegawaian Daerah",
        "Dinas Pendidikan dan Kebudayaan",
        "Dinas Komunikasi, Informatika dan Statistik",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
    }
    for u in units.values():
        parent = units.get(u.parent_id) if u.parent_id else None
        assert u.path == f"{parent.path if parent else '/'}{u.pk}/"
        assert u.depth == (parent.depth + 1 if parent else 0)
        assert u.opd_id == (parent.opd_id if parent else u.pk)
    heads = Counter(Jabatan.objects.filter(adalah_kepala_unit=True).values_list("unit_id", flat=True))
    assert set(heads) == set(units) and set(heads.values()) == {1}

    positions = {j.pk: j for j in Jabatan.objects.all()}
    roots = [j for j in positions.values() if j.atasan_id is None]
    assert [(j.nama, j.jenis, j.kelas, j.eselon_id) for j in roots] == [
        ("Sekretaris Daerah Provinsi Bengkulu", JenisJabatan.JPT_MADYA, 16, "12")
    ]
    sekda = roots[0]
    for j in positions.values():
        boss = positions.get(j.atasan_id) if j.atasan_id else None
        assert j.path == f"{boss.path if boss else '/'}{j.pk}/"
        if j.adalah_kepala_unit:
            assert j.jenis in JenisJabatan.managerial() and j.formasi == 1
        if j.jenis == JenisJabatan.JPT_PRATAMA and units[j.unit_id].jenis == JenisUnit.OPD:
            assert (j.atasan_id, j.kelas, j.eselon_id) == (sekda.pk, 15, "21")
        if j.jenis == JenisJabatan.FUNGSIONAL:
            assert j.jabatan_fungsional_id and j.jenjang and j.nama.endswith(j.jenjang)
        if j.jenis in (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA):
            assert j.formasi > 1 and boss is not None and boss.jenis in JenisJabatan.managerial()
    seats = Counter(
        Penugasan.objects.filter(active_on(ON), jenis=JenisPenugasan.DEFINITIF).values_list("jabatan_id", flat=True)
    )
    for jid, holders in seats.items():
        assert holders <= positions[jid].formasi
    # ~3% of managerial positions vacant; Plt only on vacant positions
    managerial = [j for j in positions.values() if j.jenis in JenisJabatan.managerial()]
    vacant = [j for j in managerial if j.pk not in seats]
    assert 0 < len(vacant) <= 0.08 * len(managerial)
    plt = Penugasan.objects.filter(jenis=JenisPenugasan.PLT)
    assert plt.exists()
    assert not set(plt.values_list("jabatan_id", flat=True)) & set(seats)


def test_current_fields_match_the_assignments(seeded: Any) -> None:
    current = {
        a.pegawai_id: a
        for a in Penugasan.objects.filter(active_on(ON), jenis=JenisPenugasan.DEFINITIF).select_related("jabatan__unit")
    }
    assert len(current) == Pegawai.objects.count()
    everyone: list[Any] = list(Pegawai.objects.all())
    for p in everyone:
        a = current[p.pk]
        assert (p.jabatan_id, p.tmt_jabatan, p.unit_id, p.opd_id) == (
            a.jabatan_id,
            a.mulai,
            a.jabatan.unit_id,
            a.jabatan.unit.opd_id,
        )
        assert a.mulai <= REF_DATE and (p.tmt_cpns is None or a.mulai >= p.tmt_cpns)
    closed = Penugasan.objects.filter(selesai__isnull=False)
    assert 0.12 < closed.count() / Pegawai.objects.count() < 0.25
    # an earlier assignment ends the day before the current one starts
    earlier: list[Any] = list(closed.select_related("pegawai")[:200])
    for a in earlier:
        assert a.selesai == a.pegawai.tmt_jabatan - dt.timedelta(days=1)


def test_everyone_but_the_sekda_has_an_appraiser(seeded: Any) -> None:
    missing: list[Any] = [p for p in Pegawai.objects.all() if appraiser_on(p, ON) is None]
    assert [p.jabatan.jenis for p in missing] == [JenisJabatan.JPT_MADYA]


def test_demo_accounts_have_their_roles_and_can_log_in(seeded: Any) -> None:
    User = get_user_model()
    assert User.objects.filter(pegawai__isnull=False).count() == Pegawai.objects.count()
    for account in demo_accounts():
        user = authenticate(username=account.username, password=account.password)
        assert user is not None, account.username
    admin = User.objects.get(username="admin")
    assert admin.is_admin_bkd and admin.is_staff and admin.is_superuser and admin.pegawai is None
    auditor = User.objects.get(username="auditor")
    assert auditor.is_auditor and not auditor.is_admin_bkd and not auditor.is_staff

    def persona(key: str) -> Any:
        return Pegawai.objects.select_related("jabatan", "unit", "opd", "golongan", "user").get(nip=PERSONAS[key].nip)

    sari = persona("sari")
    assert sari.user.is_admin_bkd and not sari.user.is_superuser
    assert sari.opd.nama == "Badan Kepegawaian Daerah"
    assert sari.jabatan.nama == "Analis Sumber Daya Manusia Aparatur Ahli Pertama"
    assert sari.golongan.kode == "III/b"

    rahmat = persona("rahmat")
    assert rahmat.jabatan.jenis == JenisJabatan.JPT_PRATAMA and rahmat.jabatan.adalah_kepala_unit
    assert rahmat.unit.nama == "Dinas Pendidikan dan Kebudayaan" and rahmat.unit.jenis == JenisUnit.OPD

    wati = persona("wati")
    assert wati.jabatan.jenis == JenisJabatan.ADMINISTRATOR and wati.jenis_kelamin == "P"
    assert wati.opd_id == rahmat.opd_id and wati.jabatan.atasan_id == rahmat.jabatan_id
    team = list(direct_subordinates_on([wati.jabatan_id], ON))
    assert len(team) == 25
    assert all(appraiser_on(a.pegawai, ON).pegawai == wati for a in team)  # type: ignore[union-attr]

    dodi = persona("dodi")
    assert dodi.jabatan.jenis == JenisJabatan.PELAKSANA and dodi.golongan.kode == "II/c"
    assert dodi.opd.nama == "Dinas Komunikasi, Informatika dan Statistik"
    assert appraiser_on(dodi, ON).jabatan.jenis == JenisJabatan.PENGAWAS  # type: ignore[union-attr]


def test_fungsional_positions_use_the_reference_table(seeded: Any) -> None:
    qs = Jabatan.objects.filter(jenis=JenisJabatan.FUNGSIONAL)
    assert not qs.exclude(nama=F("jabatan_fungsional__nama")).exists()
    kelas = {
        "Pemula": 5,
        "Terampil": 6,
        "Mahir": 7,
        "Penyelia": 8,
        "Ahli Pertama": 8,
        "Ahli Muda": 9,
        "Ahli Madya": 11,
        "Ahli Utama": 13,
    }
    for jenjang, k in qs.values_list("jenjang", "kelas").distinct():
        assert kelas[jenjang] == k
    assert qs.values("jabatan_fungsional__nama").distinct().count() >= 15
    assert set(Jabatan.objects.filter(jenis=JenisJabatan.PELAKSANA).values_list("kelas", flat=True)) <= {5, 6, 7}


def test_reset_deletes_standards_plans_and_appraisals_then_reseeds() -> None:
    """`seed-demo --reset` after the whole demo flow of bin/demo (standards, plans, an open period
    with evaluations and a realisation) used to stop on PROTECT; now it wipes them in order and reseeds."""
    from karier.appraisal.models import Evaluasi, PeriodePenilaian, Realisasi
    from karier.core.models import AuditEvent
    from karier.plans.models import Skp, TahunKinerja
    from karier.standards.models import NilaiBerakhlak, PanduanPerilaku, Rpjmd, StandarJabatan

    tahun = dt.date.today().year
    seed_demo(pegawai=300, seed=1)
    call_command("seed_standards", verbosity=0)
    call_command("skp_bulk", "--tahun", str(tahun), verbosity=0)
    call_command("seed_appraisal_demo", "--tahun", str(tahun), verbosity=0)
    ev = Evaluasi.objects.select_related("skp").first()
    assert ev is not None and Skp.objects.exists() and StandarJabatan.objects.exists()
    iki = ev.skp.rhk.first().iki.first()  # type: ignore[union-attr]
    Realisasi.objects.create(evaluasi=ev, iki=iki, realisasi_uraian="10 laporan")
    references = (NilaiBerakhlak.objects.count(), PanduanPerilaku.objects.count())
    assert references[0] == 7
    assert AuditEvent.objects.filter(actor__isnull=False).exists()  # PROTECTs the demo accounts
    out = io.StringIO()
    call_command("periksa_audit", stdout=out)  # the demo is intact: exits 0 (CommandError otherwise)
    assert "utuh" in out.getvalue()
    before = {
        "plans.skp": Skp.objects.count(),
        "appraisal.evaluasi": Evaluasi.objects.count(),
        "appraisal.realisasi": 1,
        "standards.standarjabatan": StandarJabatan.objects.count(),
    }

    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_demo", "--pegawai", "300", verbosity=0)
    call_command("seed_demo", "--pegawai", "300", "--reset", verbosity=0)

    assert Pegawai.objects.count() == 300
    for model in (Realisasi, Evaluasi, PeriodePenilaian, Skp, TahunKinerja, StandarJabatan, Rpjmd):
        assert not model.objects.exists(), model
    assert (NilaiBerakhlak.objects.count(), PanduanPerilaku.objects.count()) == references
    # The audit trail restarts as a whole, opened by the reset itself.
    first = AuditEvent.objects.order_by("seq").first()
    assert first is not None and (first.seq, first.action) == (1, "demo.reset")
    assert {k: first.changes["dihapus"][k] for k in before} == before
    assert first.changes["dihapus"]["pegawai"] == 300
    from karier.core.audit import verify_chain

    assert list(verify_chain()) == []
    # and the demo flow runs again on the fresh data
    call_command("seed_standards", verbosity=0)
    call_command("skp_bulk", "--tahun", str(tahun), verbosity=0)
    call_command("seed_appraisal_demo", "--tahun", str(tahun), verbosity=0)
    assert Evaluasi.objects.exists()
