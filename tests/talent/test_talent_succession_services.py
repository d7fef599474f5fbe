"""Succession services (issue #12 item 5): marking key positions (BKD only, validated, audited, nothing
half-written), nominations (BKD or the position's agency head) and the committee's decisions (BKD;
never about oneself nor about the position one holds)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from karier.core.models import AuditEvent
from karier.people.access import SYSTEM
from karier.talent.models import JabatanKritikal, KandidatSuksesi, NominasiSuksesi, StatusNominasi
from karier.talent.models import SyaratKompetensiKritikal as Syarat
from karier.talent.succession import access, services, workflow
from tests.orgdata import Org
from tests.talent.test_talent_succession_support import kid, kritikal_set, scenario, standard_syarat

pytestmark = pytest.mark.django_db


def test_set_writes_requirements_audits_and_computes(org: Org) -> None:
    jk = scenario(org)
    assert jk.aktif and jk.golongan_minimal_id == 34 and jk.jenis_jabatan == ["PENGAWAS", "ADMINISTRATOR"]
    assert dict(Syarat.objects.filter(jabatan_kritikal=jk).values_list("kompetensi_id", "level")) == {
        kid("M.1"): 3,
        kid("M.5"): 3,
    }
    assert KandidatSuksesi.objects.filter(jabatan_kritikal=jk).count() == 3
    event = AuditEvent.objects.filter(action="jabatan_kritikal.set", object_id=str(jk.pk)).get()
    assert event.changes["golongan_minimal"] == [None, 34]
    # Changing the requirements replaces them (one competency dropped) and recomputes.
    kritikal_set(actor=org.actor("admin"), jabatan=jk.jabatan, data=standard_syarat(kompetensi={kid("M.1"): 3}))
    assert list(Syarat.objects.filter(jabatan_kritikal=jk).values_list("kompetensi_id", flat=True)) == [kid("M.1")]
    assert JabatanKritikal.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"jenis_jabatan": ["RAJA"]}, "jenis_jabatan"),
        ({"jenis_jabatan": ["PENGAWAS", "PENGAWAS"]}, "jenis_jabatan"),
        ({"jenjang_minimal": "Ahli Super"}, "jenjang_minimal"),
        ({"golongan_minimal_id": 99}, "golongan_minimal"),
        ({"pendidikan_minimal": "S9"}, "pendidikan_minimal"),
        ({"masa_kerja_minimal": 99}, "masa_kerja_minimal"),
        ({"masa_kerja_minimal": -1}, "masa_kerja_minimal"),
        ({"kompetensi": {999999: 3}}, "kompetensi"),
        ({"kompetensi": {0: 6}}, "kompetensi"),
        ({"catatan": "x" * 2001}, "catatan"),
    ],
)
def test_set_refuses_bad_input_and_writes_nothing(org: Org, change: dict[str, Any], field: str) -> None:
    if field == "kompetensi" and 0 in change["kompetensi"]:
        change = {"kompetensi": {kid("M.1"): 6}}
    with pytest.raises(ValidationError) as exc:
        kritikal_set(actor=org.actor("admin"), jabatan=org.jabatan["kabid1"], data=standard_syarat(**change))
    assert field in exc.value.message_dict
    assert (
        not JabatanKritikal.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="jabatan_kritikal").exists()
    )


@pytest.mark.parametrize("who", ["auditor", "kadis", "kabid1", "kasi1", "staf1a", "unlinked"])
def test_only_bkd_marks_key_positions(org: Org, who: str) -> None:
    with pytest.raises(PermissionDenied):
        kritikal_set(actor=org.actor(who), jabatan=org.jabatan["kabid1"], data=standard_syarat())
    assert not JabatanKritikal.objects.exists()


def test_remove_deactivates_and_drops_candidates(org: Org) -> None:
    jk = scenario(org)
    with pytest.raises(PermissionDenied):
        services.jabatan_kritikal_remove(actor=org.actor("auditor"), jabatan_kritikal=jk)
    services.jabatan_kritikal_remove(actor=org.actor("admin"), jabatan_kritikal=jk)
    jk.refresh_from_db()
    assert not jk.aktif and not KandidatSuksesi.objects.exists()
    assert AuditEvent.objects.filter(action="jabatan_kritikal.remove").count() == 1
    with pytest.raises(ValidationError):
        services.jabatan_kritikal_remove(actor=org.actor("admin"), jabatan_kritikal=jk)
    # Marking it again reactivates it.
    kritikal_set(actor=SYSTEM, jabatan=jk.jabatan, data=standard_syarat())
    jk.refresh_from_db()
    assert jk.aktif and KandidatSuksesi.objects.filter(jabatan_kritikal=jk).exists()


def _nominate(org: Org, who: str, jk: JabatanKritikal, target: str, alasan: str = "Kinerja konsisten") -> Any:
    actor = org.actor(who)
    kritikal = access.kritikal_for_actor(actor, jk.pk)
    return services.nominasi_create(actor=actor, jabatan_kritikal=kritikal, pegawai=org.pegawai[target], alasan=alasan)


@pytest.mark.parametrize("who", ["admin", "kadis"])
def test_bkd_or_the_agency_head_nominates(org: Org, who: str) -> None:
    jk = scenario(org)
    n = _nominate(org, who, jk, "kasi1")
    assert n.status == StatusNominasi.DIUSULKAN and n.diusulkan_oleh_id == org.users[who].pk
    assert AuditEvent.objects.filter(action="nominasi_suksesi.create", object_id=str(n.pk)).exists()


def test_others_cannot_nominate(org: Org) -> None:
    jk = scenario(org)
    for who in ("kadiskominfo", "kabid1", "kasi1", "staf1a", "unlinked"):
        with pytest.raises(Http404):
            _nominate(org, who, jk, "kasi1")
    with pytest.raises(PermissionDenied):
        _nominate(org, "auditor", jk, "kasi1")
    assert not NominasiSuksesi.objects.exists()


@pytest.mark.parametrize(
    ("target", "alasan", "field"),
    [("kasi1", "   ", "alasan"), ("kasi1", "x" * 2001, "alasan"), ("kabid1", "Pemangku sendiri", "pegawai")],
)
def test_nomination_bad_input(org: Org, target: str, alasan: str, field: str) -> None:
    jk = scenario(org)
    with pytest.raises(ValidationError) as exc:
        _nominate(org, "admin", jk, target, alasan)
    assert field in exc.value.message_dict
    assert not NominasiSuksesi.objects.exists()


def test_one_open_nomination_per_person_and_position(org: Org) -> None:
    jk = scenario(org)
    _nominate(org, "admin", jk, "kasi1")
    with pytest.raises(ValidationError) as exc:
        _nominate(org, "kadis", jk, "kasi1")
    assert "menunggu keputusan komite" in exc.value.message_dict["pegawai"][0]
    assert NominasiSuksesi.objects.count() == 1


def _decide(org: Org, who: str, n: NominasiSuksesi, **kw: Any) -> NominasiSuksesi:
    actor = org.actor(who)
    found = access.nominasi_for_actor(actor, n.pk)
    args = {"setuju": True, "nomor_berita_acara": "BA-01/KOMITE/2026", "catatan": "Disetujui", **kw}
    return services.nominasi_decide(actor=actor, nominasi=found, **args)


def test_committee_decision_is_recorded_and_final(org: Org) -> None:
    jk = scenario(org)
    n = _decide(org, "admin", _nominate(org, "kadis", jk, "kasi1"))
    assert n.status == StatusNominasi.DISETUJUI and n.nomor_berita_acara == "BA-01/KOMITE/2026"
    assert n.diputuskan_oleh_id == org.users["admin"].pk and n.diputuskan_pada is not None
    event = AuditEvent.objects.get(action="nominasi_suksesi.decide")
    assert event.changes["status"] == ["DIUSULKAN", "DISETUJUI"]
    with pytest.raises(ValidationError) as exc:
        _decide(org, "admin", n, setuju=False)
    assert "status" in exc.value.message_dict
    rejected = _decide(org, "admin", _nominate(org, "admin", jk, "kabid2"), setuju=False)
    assert rejected.status == StatusNominasi.DITOLAK


def test_decision_needs_the_minutes_number(org: Org) -> None:
    jk = scenario(org)
    n = _nominate(org, "admin", jk, "kasi1")
    for bad in ("", "  ", "x" * 81):
        with pytest.raises(ValidationError) as exc:
            _decide(org, "admin", n, nomor_berita_acara=bad)
        assert "nomor_berita_acara" in exc.value.message_dict
    n.refresh_from_db()
    assert (
        n.status == StatusNominasi.DIUSULKAN
        and not AuditEvent.objects.filter(action="nominasi_suksesi.decide").exists()
    )


@pytest.mark.parametrize("who", ["auditor", "kadis"])
def test_only_bkd_records_the_decision(org: Org, who: str) -> None:
    jk = scenario(org)
    n = _nominate(org, "admin", jk, "kasi1")
    with pytest.raises(PermissionDenied):
        _decide(org, who, n)


def _make_bkd(org: Org, key: str) -> None:
    user = org.users[key]
    user.is_admin_bkd = True
    user.save()


def test_nobody_decides_about_themselves(org: Org) -> None:
    jk = scenario(org)
    n = _nominate(org, "admin", jk, "kasi1")
    _make_bkd(org, "kasi1")
    with pytest.raises(PermissionDenied) as exc:
        _decide(org, "kasi1", n)
    assert "diri Anda sendiri" in str(exc.value)
    n.refresh_from_db()
    assert n.status == StatusNominasi.DIUSULKAN


def test_nobody_decides_about_the_position_they_hold(org: Org) -> None:
    jk = scenario(org)  # kabid1's post
    n = _nominate(org, "admin", jk, "kasi1")
    _make_bkd(org, "kabid1")
    with pytest.raises(PermissionDenied) as exc:
        _decide(org, "kabid1", n)
    assert "jabatan yang Anda duduki" in str(exc.value)
    # Another BKD admin with a position (kabid2) may decide.
    _make_bkd(org, "kabid2")
    assert _decide(org, "kabid2", n).status == StatusNominasi.DISETUJUI


def test_nobody_nominates_themselves(org: Org) -> None:
    jk = scenario(org)
    _make_bkd(org, "kasi1")
    with pytest.raises(PermissionDenied) as exc:
        _nominate(org, "kasi1", jk, "kasi1")
    assert "diri Anda sendiri" in str(exc.value)
    assert not NominasiSuksesi.objects.exists()
    assert _nominate(org, "kasi1", jk, "kabid2").status == StatusNominasi.DIUSULKAN  # someone else: fine


@pytest.mark.parametrize("aksi", list(workflow.Aksi))
def test_the_workflow_table_makes_a_decision_final(aksi: workflow.Aksi) -> None:
    assert workflow.check(aksi, status=StatusNominasi.DIUSULKAN) is None
    assert workflow.TRANSITIONS[aksi].ke in {StatusNominasi.DISETUJUI, StatusNominasi.DITOLAK}
    for decided in (StatusNominasi.DISETUJUI, StatusNominasi.DITOLAK):
        refusal = workflow.check(aksi, status=decided)
        assert refusal is not None and not refusal.forbidden and refusal.field == "status"
        with pytest.raises(ValidationError) as exc:
            workflow.ensure(aksi, status=decided)
        assert "sudah diputuskan" in exc.value.message_dict["status"][0]


def test_candidates_are_a_background_job_not_the_request(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    """The pool is the province's boxes 7–9: marking a position starts a job (after commit) instead of
    reading the province inside the request; the job computes, finishes and is audited."""
    from karier.core.choices import JenisTugasLatar, StatusTugasLatar
    from karier.core.models import TugasLatar
    from karier.talent.succession.services import jabatan_kritikal_set

    jk = scenario(org)  # run with its job: three candidates (test above)
    KandidatSuksesi.objects.all().delete()
    jabatan_kritikal_set(actor=org.actor("admin"), jabatan=jk.jabatan, data=standard_syarat())  # not committed
    job = TugasLatar.objects.filter(jenis=JenisTugasLatar.SUKSESI).latest("pk")
    assert job.parameter == {"jabatan_kritikal": [jk.pk]} and job.status == StatusTugasLatar.MENUNGGU
    assert not KandidatSuksesi.objects.exists()  # nothing computed inside the request
    with django_capture_on_commit_callbacks(execute=True):
        services.suksesi_hitung_start(actor=org.actor("admin"), jabatan_kritikal=jk)
    done = TugasLatar.objects.filter(jenis=JenisTugasLatar.SUKSESI).latest("pk")
    assert done.status == StatusTugasLatar.SELESAI and done.hasil == {"kandidat": 3}
    assert KandidatSuksesi.objects.filter(jabatan_kritikal=jk).count() == 3
    assert AuditEvent.objects.filter(action="suksesi.hitung", object_id=str(done.pk)).exists()


def test_only_the_bkd_starts_the_candidates_job(org: Org) -> None:
    from karier.core.models import TugasLatar

    jk = scenario(org)
    before = TugasLatar.objects.count()
    for who in ("kadis", "kabid1", "staf1a"):
        with pytest.raises(PermissionDenied):
            services.suksesi_hitung_start(actor=org.actor(who), jabatan_kritikal=jk)
    assert TugasLatar.objects.count() == before
