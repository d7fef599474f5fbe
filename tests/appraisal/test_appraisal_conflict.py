"""Nobody decides their own rating (issue #8 §2): every decision refuses a subject, and falls to the
next official up (definitive > Plt > Plh), whom the refusal and the screen name.

The combinations are those of the demo: an acting head (Plt or Plh) who also holds a position inside
the unit he acts for (a staff member covering the Seksi head; a Kasi covering the Bidang head above
his own Seksi), next to definitive holders who are not in conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration import finalise
from karier.appraisal.calibration import services as cs
from karier.appraisal.evaluation.access import can_rate
from karier.appraisal.feedback import services as feedback_services
from karier.appraisal.models import Evaluasi, Keberatan, PredikatOrganisasiUnit
from karier.people.access import actor_for_user, decider_instead
from karier.people.models import Penugasan
from karier.plans import access as plan_access
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp
from tests.appraisal.test_appraisal_calibration_support import SESUAI, Seksi, rate_all, seksi
from tests.orgdata import Org

ACTING = ["PLT", "PLH"]


@pytest.fixture
def s(org: Org) -> Seksi:
    return seksi(org, extra=3)


def _acting(s: Seksi, who: str, jabatan: str, jenis: str, *, vacate: str | None = None) -> None:
    """`who` covers `jabatan` as Plt/Plh from yesterday; `vacate` (the definitive holder) left before."""
    today = timezone.localdate()
    if vacate:
        Penugasan.objects.filter(pegawai=s.org.pegawai[vacate], jabatan=s.org.jabatan[jabatan]).update(
            selesai=today - dt.timedelta(days=2)
        )
    Penugasan.objects.create(
        pegawai=s.org.pegawai[who], jabatan=s.org.jabatan[jabatan], jenis=jenis, mulai=today - dt.timedelta(days=1)
    )


def _api(s: Seksi, key: str) -> Client:
    c = Client()
    c.force_login(s.user(key))
    return c


def _post(c: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(c, method)(url, data=json.dumps(body), content_type="application/json")


# ---------------------------------------------------------------------------- the one rule
@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_decider_instead_walks_past_subjects_and_vacancies(s: Seksi, jenis: str) -> None:
    org = s.org
    assert decider_instead(org.jabatan["kasi1"].pk, {org.pegawai["staf1a"].pk}).pegawai_id == org.pegawai["kabid1"].pk
    # Kabid vacant, Kadis covered by a Plt/Plh who is himself the subject: on to the Sekda.
    Penugasan.objects.filter(pegawai=org.pegawai["kabid1"]).update(selesai=timezone.localdate() - dt.timedelta(days=2))
    _acting(s, "kasi1", "kadis", jenis)
    found = decider_instead(org.jabatan["kasi1"].pk, {org.pegawai["kasi1"].pk})
    assert found is not None and found.pegawai_id == org.pegawai["kadis"].pk  # definitive beats Plt/Plh
    Penugasan.objects.filter(pegawai=org.pegawai["kadis"]).update(selesai=timezone.localdate() - dt.timedelta(days=2))
    found = decider_instead(org.jabatan["kasi1"].pk, {org.pegawai["kasi1"].pk})
    assert found is not None and found.pegawai_id == org.pegawai["sekda"].pk


# ---------------------------------------------------------------------------- calibration move
@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_acting_head_cannot_move_own_evaluation_api(s: Seksi, jenis: str) -> None:
    """The demo: staff member Plt/Plh Kasi of his own Seksi moves his own evaluation → refused."""
    _acting(s, "staf1b", "kasi1", jenis, vacate="kasi1")
    base = f"/api/v1/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}"
    own = s.ev("staf1b")
    r = _post(
        _api(s, "staf1b"),
        "post",
        base + "/pindah",
        {"evaluasi_id": own.pk, "ke": "Sangat Baik", "alasan": "Kinerja saya sangat baik."},
    )
    assert r.status_code == 403, r.content
    assert "Wati Susanti" in r.json()["detail"]  # who decides instead: the Kabid above
    own.refresh_from_db()
    assert own.predikat_akhir == ""
    # Others of the unit he still moves; the next official up moves his.
    other = s.ev("staf1a")
    assert (
        _post(
            _api(s, "staf1b"),
            "post",
            base + "/pindah",
            {"evaluasi_id": other.pk, "ke": "Sangat Baik", "alasan": "Rapat kalibrasi."},
        ).status_code
        == 200
    )
    r = _post(
        _api(s, "kabid1"),
        "post",
        base + "/pindah",
        {"evaluasi_id": own.pk, "ke": "Sangat Baik", "alasan": "Rapat kalibrasi."},
    )
    assert r.status_code == 200, r.content


@pytest.mark.django_db
def test_definitive_head_moves_his_staff(s: Seksi) -> None:
    assert not ca.conflicted_heads(s.unit)
    cs.kalibrasi_move(actor=s.actor("kasi1"), evaluasi=s.ev("staf1a"), unit=s.unit, ke="Sangat Baik", alasan="Rapat.")
    assert s.ev("staf1a").predikat_akhir == "Sangat Baik"


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_kasi_acting_as_kabid_cannot_move_his_own_evaluation_in_the_bidang(s: Seksi, jenis: str) -> None:
    """A Kasi covering the Bidang head: his own evaluation is calibrated in the Bidang."""
    rate_all(s, ["kasi1"], SESUAI, SESUAI)  # Baik, by his appraiser (the Kabid) before the Kabid leaves
    _acting(s, "kasi1", "kabid1", jenis, vacate="kabid1")
    bidang = s.org.units["dik_b1"]
    own = s.ev("kasi1")
    with pytest.raises(PermissionDenied, match="Rahmat Hidayat"):  # the Kadis decides instead
        cs.kalibrasi_move(actor=s.actor("kasi1"), evaluasi=own, unit=bidang, ke="Sangat Baik", alasan="Saya.")
    cs.kalibrasi_move(actor=s.actor("kadis"), evaluasi=own, unit=bidang, ke="Sangat Baik", alasan="Rapat.")


# ---------------------------------------------------------------------------- unit result
@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_acting_superior_cannot_set_the_result_that_fixes_his_own_rating_api(s: Seksi, jenis: str) -> None:
    """The demo: the Kasi (head of the Seksi) covers the Kabid post; the Seksi's result fixes his own
    rating hasil kerja → refused, naming the Kadis, who may set it instead."""
    _acting(s, "kasi1", "kabid1", jenis, vacate="kabid1")
    base = f"/api/v1/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}"
    r = _post(_api(s, "kasi1"), "put", base + "/hasil", {"predikat": "Istimewa", "alasan": "Unit saya hebat."})
    assert r.status_code == 403, r.content
    assert "Rahmat Hidayat" in r.json()["detail"]
    assert not PredikatOrganisasiUnit.objects.exists()
    assert s.ev("kasi1").rating_hasil_kerja == ""
    r = _post(_api(s, "kadis"), "put", base + "/hasil", {"predikat": "Baik", "alasan": "Capaian PK sesuai."})
    assert r.status_code == 200, r.content
    # The screen names who decides instead and offers no form.
    page = _api(s, "kasi1").get(f"/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rahmat Hidayat" in html and "Simpan predikat organisasi" not in html


@pytest.mark.django_db
def test_definitive_superior_sets_the_result(s: Seksi) -> None:
    who = actor_for_user(s.user("kabid1"))
    assert ca.can_set_unit_result(who, s.unit, s.periode)
    assert not ca.can_set_unit_result(actor_for_user(s.user("kadis")), s.unit, s.periode)
    cs.predikat_organisasi_set(actor=s.actor("kabid1"), unit=s.unit, periode=s.periode, predikat="Baik", alasan="PK.")


# ---------------------------------------------------------------------------- finalisation
@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_acting_head_cannot_finalise_a_unit_holding_his_own_evaluation(s: Seksi, jenis: str) -> None:
    _acting(s, "staf1b", "kasi1", jenis, vacate="kasi1")
    cs.predikat_organisasi_set(actor=s.actor("kabid1"), unit=s.unit, periode=s.periode, predikat="Baik", alasan="PK.")
    with pytest.raises(PermissionDenied, match="Wati Susanti"):
        finalise.unit_finalise(actor=s.actor("staf1b"), unit=s.unit, periode=s.periode, justifikasi="x")
    assert ca.can_calibrate(actor_for_user(s.user("kabid1")), s.unit)  # falls to the Kabid
    assert ca.calibration_decider(s.unit).pegawai_id == s.org.pegawai["kabid1"].pk  # type: ignore[union-attr]
    page = _api(s, "staf1b").get(f"/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wati Susanti" in html and "Finalisasi dan tandatangani" not in html
    own = s.ev("staf1b")
    assert f"/pindah/{own.pk}/" not in html and f"/pindah/{s.ev('staf1a').pk}/" in html
    # The Kabid passes the access check; only the curve (ten times Baik) stops him.
    with pytest.raises(ValidationError, match="kurva"):
        finalise.unit_finalise(actor=s.actor("kabid1"), unit=s.unit, periode=s.periode, justifikasi="Rapat.")


# ---------------------------------------------------------------------------- rating, signature, objections
@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_acting_appraiser_position_never_rates_or_signs_himself(s: Seksi, jenis: str) -> None:
    """A staff member covering his own appraiser's post cannot rate, sign or decide objections about his
    own evaluation (the evaluation's snapshot still names the Kasi post)."""
    _acting(s, "staf1b", "kasi1", jenis, vacate="kasi1")
    own = s.ev("staf1b")
    who = actor_for_user(s.user("staf1b"))
    assert not can_rate(who, own)
    assert not ca.is_atasan_penilai(who, own)
    assert can_rate(who, s.ev("staf1a"))  # the others he rates


# ---------------------------------------------------------------------------- decisions that fall to the next up
@pytest.fixture
def open_s(org: Org) -> Seksi:
    return seksi(org, extra=3, rate=False)


@pytest.mark.django_db
def test_definitive_holders_decide_as_before(open_s: Seksi) -> None:
    s = open_s
    ev = s.ev("staf1a")
    assert can_rate(actor_for_user(s.user("kasi1")), ev)
    assert ca.is_atasan_penilai(actor_for_user(s.user("kabid1")), ev)
    assert not can_rate(actor_for_user(s.user("kabid1")), ev)
    assert not ca.is_atasan_penilai(actor_for_user(s.user("kadis")), ev)
    skp = ev.skp
    assert plan_access.is_penilai(actor_for_user(s.user("kasi1")), skp)
    assert not plan_access.is_penilai(actor_for_user(s.user("kabid1")), skp)


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_rating_plan_approval_and_nominations_fall_to_the_next_official(open_s: Seksi, jenis: str) -> None:
    """staf1b covers his own appraiser's post (the Kasi's): he rates the others, never himself; his own
    rating, plan approval and nomination decisions fall to the Kabid — not to the Kadis."""
    s = open_s
    _acting(s, "staf1b", "kasi1", jenis, vacate="kasi1")
    own, other = s.ev("staf1b"), s.ev("staf1a")
    me, kabid, kadis = (actor_for_user(s.user(k)) for k in ("staf1b", "kabid1", "kadis"))
    assert not can_rate(me, own) and can_rate(me, other)
    assert can_rate(kabid, own) and not can_rate(kabid, other)
    assert not can_rate(kadis, own)
    # Plan approval (SKP): the same rule.
    skp = own.skp
    Skp.objects.filter(pk=skp.pk).update(status=StatusSkp.DIAJUKAN)
    skp.refresh_from_db()
    assert not plan_access.can_decide(me, skp)
    assert plan_access.can_decide(kabid, skp)
    assert not plan_access.can_decide(kadis, skp)
    # Nomination approval.
    nom = feedback_services.nominasi_add(
        actor=s.actor("staf1b"), evaluasi=own, penilai_rekan=s.org.pegawai["x0"], jenis="REKAN"
    )
    with pytest.raises(PermissionDenied):
        feedback_services.nominasi_decide(actor=s.actor("staf1b"), nominasi=nom, setuju=False)
    assert feedback_services.nominasi_decide(actor=s.actor("kabid1"), nominasi=nom, setuju=False).status == "DITOLAK"


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_signature_and_objection_fall_to_the_next_official(s: Seksi, jenis: str) -> None:
    """staf1b covers the Kabid's post, i.e. he is the atasan pejabat penilai of his own evaluation: he
    neither signs it nor decides his own objection; the Kadis does."""
    _acting(s, "staf1b", "kabid1", jenis, vacate="kabid1")
    own, other = s.ev("staf1b"), s.ev("staf1a")
    me, kadis = actor_for_user(s.user("staf1b")), actor_for_user(s.user("kadis"))
    assert not ca.is_atasan_penilai(me, own) and ca.is_atasan_penilai(me, other)
    assert ca.is_atasan_penilai(kadis, own) and not ca.is_atasan_penilai(kadis, other)
    keberatan = Keberatan(evaluasi=own, alasan="Tidak setuju.")
    assert not ca.can_decide_objection(s.actor("staf1b"), keberatan)
    assert ca.can_decide_objection(s.actor("kadis"), keberatan)


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_bulk_rating_follows_the_same_rule(open_s: Seksi, jenis: str) -> None:
    from karier.appraisal.evaluation.services import BulkRatingError, rating_bulk_set

    s = open_s
    _acting(s, "staf1b", "kasi1", jenis, vacate="kasi1")
    own = s.ev("staf1b")
    row = {
        own.pk: {
            "rating_hasil_kerja": "Di Atas Ekspektasi",
            "alasan_hasil_kerja": "Target terlampaui jauh.",
            "rating_perilaku": "Sesuai Ekspektasi",
            "alasan_perilaku": "Perilaku sesuai BerAKHLAK.",
        }
    }
    with pytest.raises(BulkRatingError):
        rating_bulk_set(actor=s.actor("staf1b"), periode=s.periode, rows=row)
    assert rating_bulk_set(actor=s.actor("kabid1"), periode=s.periode, rows=row) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("post", "instead"), [("kasi1", "Wati Susanti"), ("kabid1", "Rahmat Hidayat")])
def test_the_evaluation_screen_names_who_decides_instead(s: Seksi, post: str, instead: str) -> None:
    _acting(s, "staf1b", post, "PLT", vacate=post)
    own = s.ev("staf1b")
    html = _api(s, "staf1b").get(f"/penilaian/{own.pk}/finalisasi/").content.decode()
    assert "benturan kepentingan" in html and instead in html
    other = _api(s, "staf1a").get(f"/penilaian/{s.ev('staf1a').pk}/finalisasi/").content.decode()
    assert "benturan kepentingan" not in other
    if post == "kasi1":  # nominations are decided by the appraiser: the page names who instead
        page = _api(s, "staf1b").get(reverse("appraisal_feedback:nominasi", args=[own.pk])).content.decode()
        assert "benturan kepentingan" in page and instead in page


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ACTING)
def test_the_appraiser_never_countersigns_as_his_own_superior(s: Seksi, jenis: str) -> None:
    """kasi1 rates and signs as appraiser; acting (Plt/Plh) in the Kabid's post he would also be the
    atasan pejabat penilai. Two signatures mean two people: the Kadis countersigns and decides objections."""
    _acting(s, "kasi1", "kabid1", jenis, vacate="kabid1")
    ev = s.ev("staf1a")
    Evaluasi.objects.filter(pk=ev.pk).update(ditandatangani_penilai_oleh=s.org.pegawai["kasi1"])
    ev.refresh_from_db()
    kasi, kadis = actor_for_user(s.user("kasi1")), actor_for_user(s.user("kadis"))
    assert not ca.is_atasan_penilai(kasi, ev)
    assert ca.is_atasan_penilai(kadis, ev)
    keberatan = Keberatan(evaluasi=ev, alasan="Tidak setuju.")
    assert not ca.can_decide_objection(s.actor("kasi1"), keberatan)
    assert ca.can_decide_objection(s.actor("kadis"), keberatan)
