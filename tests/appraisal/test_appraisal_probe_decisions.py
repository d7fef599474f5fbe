"""Reviewer's probe of issue #8 §2, §3, §3a and §3c: decisions about oneself, signed content, hidden ids.

Each probe is an attack that a previous review found open (or checks that it stays closed):

- §2 a BKD admin who is himself the subject: setting the result of his own unit (the top of the tree,
  where the admin records it for the regional head) and reopening his own final evaluation;
- §3 a plan revised *before* its evaluation was signed: its rows (indicator, target, appendix,
  behaviour expectations) must not change once the evaluation is signed — the API GET of the
  evaluation shows the live rows;
- §3c hidden and missing child ids (nominations, evidence, objections) answer alike.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration.finalise import evaluasi_reopen
from karier.appraisal.calibration.services import predikat_organisasi_set
from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.evaluation.access import appraiser_q, can_rate, falls_to_ids
from karier.appraisal.evaluation.selectors import subordinate_evaluations
from karier.appraisal.feedback import services as feedback_services
from karier.appraisal.feedback.selectors import pending_approvals
from karier.appraisal.models import BuktiDukung, Evaluasi, Keberatan, PredikatOrganisasiUnit, Realisasi
from karier.people.access import actor_for_user
from karier.people.models import Penugasan
from karier.plans import access as plan_access
from karier.plans import services as plan_services
from karier.plans.choices import StatusSkp
from karier.plans.models import EkspektasiPerilaku, IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from tests.appraisal.test_appraisal_calibration_support import calibrate, client_for, finalise_and_sign, seksi
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _send(c: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    if method == "get":
        return c.get(url)
    return getattr(c, method)(url, data=json.dumps(body or {}), content_type="application/json")


def _rows(skp: Skp) -> tuple[RencanaHasilKerja, IndikatorKinerjaIndividu]:
    rhk = skp.rhk.order_by("pk").first()
    assert rhk is not None
    iki = rhk.iki.order_by("pk").first()
    assert iki is not None
    return rhk, iki


# ---------------------------------------------------------------------------- §2: the admin who is the subject
def test_admin_who_heads_the_top_unit_cannot_set_its_result(org: Org) -> None:
    """The Sekretariat Daerah's result is recorded by a BKD admin for the regional head; a Sekda who
    is also a BKD admin would fix his own rating hasil kerja with it."""
    s = seksi(org, extra=0, rate=False)
    setda = org.units["setda"]
    org.users["sekda"].is_admin_bkd = True
    org.users["sekda"].save(update_fields=["is_admin_bkd"])
    sekda = actor_for_user(org.users["sekda"])
    assert not ca.can_set_unit_result(sekda, setda, s.periode)
    with pytest.raises(PermissionDenied, match="benturan kepentingan"):
        predikat_organisasi_set(
            actor=org.actor("sekda"), unit=setda, periode=s.periode, predikat="Istimewa", alasan="Unit saya hebat."
        )
    r = _send(
        client_for(org, "sekda"),
        "put",
        f"{API}/penilaian/kalibrasi/{s.periode.pk}/unit/{setda.pk}/hasil",
        {"predikat": "Istimewa", "alasan": "Unit saya hebat."},
    )
    assert r.status_code == 403 and "admin BKD" in r.json()["detail"]
    assert not PredikatOrganisasiUnit.objects.exists()
    # Another admin records it.
    assert ca.can_set_unit_result(actor_for_user(org.users["admin"]), setda, s.periode)


@pytest.mark.parametrize("jenis", ["PLT", "PLH"])
def test_acting_official_above_his_own_unit_does_not_set_its_result(org: Org, jenis: str) -> None:
    """A staff member of the Seksi covers the Kabid post (the head above the Seksi): the Seksi's result
    sets the curve his own predikat must fit, so it falls to the Kadis."""
    s = seksi(org, extra=3, rate=False)
    today = timezone.localdate()
    Penugasan.objects.filter(pegawai=org.pegawai["kabid1"]).update(selesai=today - dt.timedelta(days=2))
    Penugasan.objects.create(pegawai=org.pegawai["staf1b"], jabatan=org.jabatan["kabid1"], jenis=jenis, mulai=today)
    me = actor_for_user(org.users["staf1b"])
    assert not ca.can_set_unit_result(me, s.unit, s.periode)
    assert not ca.can_set_unit_result(me, s.unit)  # the screen's check, without a period
    with pytest.raises(PermissionDenied, match="Rahmat Hidayat"):  # the Kadis decides instead
        predikat_organisasi_set(
            actor=org.actor("staf1b"), unit=s.unit, periode=s.periode, predikat="Istimewa", alasan="Unit saya hebat."
        )
    predikat_organisasi_set(
        actor=org.actor("kadis"), unit=s.unit, periode=s.periode, predikat="Baik", alasan="Capaian PK sesuai."
    )


def test_admin_cannot_reopen_his_own_final_evaluation(org: Org) -> None:
    s = seksi(org, extra=3)
    finalise_and_sign(calibrate(s))
    org.users["staf1a"].is_admin_bkd = True
    org.users["staf1a"].save(update_fields=["is_admin_bkd"])
    own = s.ev("staf1a")
    assert own.status == StatusEvaluasi.FINAL
    with pytest.raises(PermissionDenied, match="benturan kepentingan"):
        evaluasi_reopen(actor=org.actor("staf1a"), evaluasi=own, alasan="Saya ingin dinilai ulang.")
    r = _send(
        client_for(org, "staf1a"),
        "post",
        f"{API}/penilaian/evaluasi/{own.pk}/buka-ulang",
        {"alasan": "Saya ingin dinilai ulang."},
    )
    assert r.status_code in (403, 404), r.content
    assert s.ev("staf1a").status == StatusEvaluasi.FINAL
    # Reopening someone else's stays the admin's to do.
    evaluasi_reopen(actor=org.actor("staf1a"), evaluasi=s.ev("staf1b"), alasan="Bukti dukung baru diterima.")


@pytest.mark.parametrize("jenis", ["DEFINITIF", "PLT", "PLH"])
@pytest.mark.parametrize("post", ["kasi1", "kabid1"])
def test_nobody_rates_signs_or_decides_for_himself(org: Org, jenis: str, post: str) -> None:
    """staf1b covers his appraiser's post (kasi1) or the one two levels up (kabid1), as definitive
    holder (moved up), Plt or Plh: no decision about his own evaluation is his."""
    s = seksi(org, extra=3, rate=False)
    today = timezone.localdate()
    if jenis == "DEFINITIF":
        Penugasan.objects.filter(pegawai=org.pegawai["staf1b"]).update(selesai=today - dt.timedelta(days=1))
    Penugasan.objects.filter(pegawai=org.pegawai[post]).update(selesai=today - dt.timedelta(days=2))
    Penugasan.objects.create(pegawai=org.pegawai["staf1b"], jabatan=org.jabatan[post], jenis=jenis, mulai=today)
    me = actor_for_user(org.users["staf1b"])
    own = s.ev("staf1b")
    assert not can_rate(me, own)
    assert not ca.is_atasan_penilai(me, own)
    assert not Evaluasi.objects.filter(appraiser_q(me), pk=own.pk).exists()
    keberatan = Keberatan(evaluasi=own, alasan="Tidak setuju.")
    assert not ca.can_decide_objection(me, keberatan)
    skp = own.skp
    Skp.objects.filter(pk=skp.pk).update(status=StatusSkp.DIAJUKAN)
    skp.refresh_from_db()
    assert not plan_access.can_decide(me, skp)
    nom = feedback_services.nominasi_add(
        actor=org.actor("staf1b"), evaluasi=own, penilai_rekan=org.pegawai["x0"], jenis="REKAN"
    )
    with pytest.raises(PermissionDenied):
        feedback_services.nominasi_decide(actor=org.actor("staf1b"), nominasi=nom, setuju=True)


# ---------------------------------------------------------------------------- §3: rows of a signed plan
EDITS = {
    "iki": lambda s, skp, iki, rhk, eks: ("patch", f"/skp/{skp.pk}/iki/{iki.pk}", {"indikator": "Diganti"}),
    "iki_target": lambda s, skp, iki, rhk, eks: ("patch", f"/skp/{skp.pk}/iki/{iki.pk}", {"target_angka": "1"}),
    "rhk": lambda s, skp, iki, rhk, eks: ("patch", f"/skp/{skp.pk}/rhk/{rhk.pk}", {"teks": "Hasil lain"}),
    "rhk_add": lambda s, skp, iki, rhk, eks: ("post", f"/skp/{skp.pk}/rhk", {"teks": "Hasil tambahan"}),
    "iki_add": lambda s, skp, iki, rhk, eks: (
        "post",
        f"/skp/{skp.pk}/rhk/{rhk.pk}/iki",
        {"indikator": "Indikator baru", "target_angka": "3", "satuan": "x"},
    ),
    "lampiran": lambda s, skp, iki, rhk, eks: ("patch", f"/skp/{skp.pk}/lampiran", {"konsekuensi": "Lain"}),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_plan_revised_before_the_signature_keeps_its_rows_after_it(org: Org, edit: str) -> None:
    """The owner opened a revision while the evaluation was still unsigned; the evaluation was then
    signed and became FINAL. Editing the draft's rows would change the signed evaluation as the API
    shows it: refused (409) and nothing changes."""
    s = seksi(org, extra=3)
    skp = s.ev("staf1a").skp
    plan_services.skp_revise(actor=org.actor("staf1a"), skp=skp, alasan="Target berubah.")
    finalise_and_sign(calibrate(s))
    ev = s.ev("staf1a")
    assert ev.status == StatusEvaluasi.FINAL
    c = client_for(org, "staf1a")
    before = c.get(f"{API}/penilaian/{ev.pk}").json()
    rhk, iki = _rows(skp)
    method, url, body = EDITS[edit](s, skp, iki, rhk, None)
    r = _send(c, method, API + url, body)
    assert r.status_code == 409, (r.status_code, r.content)
    assert "evaluasi" in json.dumps(r.json()).lower()
    assert c.get(f"{API}/penilaian/{ev.pk}").json() == before


def test_plan_revised_before_the_signature_form_answers_with_a_message(org: Org) -> None:
    s = seksi(org, extra=3)
    skp = s.ev("staf1a").skp
    plan_services.skp_revise(actor=org.actor("staf1a"), skp=skp, alasan="Target berubah.")
    finalise_and_sign(calibrate(s))
    _rhk, iki = _rows(skp)
    r = client_for(org, "staf1a").post(
        reverse("plans:iki_edit", args=[skp.pk, iki.pk]),
        {
            "e-aspek": iki.aspek,
            "e-indikator": "Diganti",
            "e-target_angka": "1",
            "e-satuan": iki.satuan,
            "e-target_kualitatif": "",
        },
    )
    assert r.status_code == 422, r.status_code  # the form again, with the refusal; not a 500
    assert "buka ulang evaluasi" in r.content.decode()
    iki.refresh_from_db()
    assert iki.indikator != "Diganti"


def test_appraiser_expectations_of_a_signed_plan_stay(org: Org) -> None:
    s = seksi(org, extra=3)
    skp = s.ev("staf1a").skp
    plan_services.skp_revise(actor=org.actor("staf1a"), skp=skp, alasan="Target berubah.")
    finalise_and_sign(calibrate(s))
    eks = EkspektasiPerilaku.objects.filter(skp=skp).first()
    assert eks is not None
    r = _send(
        client_for(org, "kasi1"),
        "patch",
        f"{API}/skp/{skp.pk}/perilaku/{eks.pk}",
        {"ekspektasi_khusus": "Ekspektasi baru setelah tanda tangan."},
    )
    assert r.status_code == 409, (r.status_code, r.content)
    eks.refresh_from_db()
    assert eks.ekspektasi_khusus != "Ekspektasi baru setelah tanda tangan."


# ---------------------------------------------------------------------------- §3c: hidden vs missing child ids
def test_hidden_and_missing_child_ids_answer_alike(org: Org) -> None:
    s = seksi(org, extra=3, rate=False)
    ev = s.ev("staf1a")
    _rhk, iki = _rows(ev.skp)
    real = Realisasi.objects.create(evaluasi=ev, iki=iki, realisasi_uraian="Selesai.")
    bukti = BuktiDukung.objects.create(
        realisasi=real,
        berkas="bukti/x.pdf",
        nama_asli="x.pdf",
        jenis_konten="application/pdf",
        ukuran=10,
        sha256="0" * 64,
    )
    nom = feedback_services.nominasi_add(
        actor=org.actor("staf1a"), evaluasi=ev, penilai_rekan=org.pegawai["x0"], jenis="REKAN"
    )
    kb = Keberatan.objects.create(evaluasi=ev, alasan="Tidak setuju.")
    outsider = client_for(org, "staf1b")  # a peer: sees neither the evaluation nor its children
    missing = 10**9
    probes = [
        ("get", "/penilaian/bukti/{}", None),
        ("delete", "/penilaian/bukti/{}", None),
        ("delete", "/penilaian/nominasi/{}", None),
        ("post", "/penilaian/nominasi/{}/putusan", {"setuju": True}),
        ("get", "/penilaian/permintaan/{}", None),
        ("post", "/penilaian/keberatan/{}/putusan", {"diterima": False, "keputusan": "Ditolak."}),
    ]
    ids = {"bukti": bukti.pk, "nominasi": nom.pk, "permintaan": nom.pk, "keberatan": kb.pk}
    for method, url, body in probes:
        hidden_id = next(v for k, v in ids.items() if f"/{k}/" in url)
        hidden = _send(outsider, method, API + url.format(hidden_id), body)
        gone = _send(outsider, method, API + url.format(missing), body)
        assert (hidden.status_code, hidden.content) == (gone.status_code, gone.content) and hidden.status_code == 404, (
            url,
            hidden.status_code,
            hidden.content,
            gone.content,
        )
        assert org.pegawai["staf1a"].nama not in hidden.content.decode()


# ---------------------------------------------------------------------------- the appraiser's "to rate" list
@pytest.mark.parametrize("jenis", ["PLT", "PLH"])
def test_to_rate_lists_what_falls_to_the_next_official(org: Org, jenis: str) -> None:
    """staf1b covers his own appraiser's post: the Kabid rates him instead, and his list says so; the
    Kadis (not the next official up) and the Kasi post's other evaluations are not in it."""
    s = seksi(org, extra=3, rate=False)
    today = timezone.localdate()
    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"]).update(selesai=today - dt.timedelta(days=2))
    Penugasan.objects.create(pegawai=org.pegawai["staf1b"], jabatan=org.jabatan["kasi1"], jenis=jenis, mulai=today)
    kabid, kadis = actor_for_user(org.users["kabid1"]), actor_for_user(org.users["kadis"])
    own = s.ev("staf1b")
    listed = set(subordinate_evaluations(kabid, s.periode).values_list("pk", flat=True))
    assert own.pk in listed and can_rate(kabid, own)
    assert all(can_rate(kabid, e) for e in Evaluasi.objects.filter(pk__in=listed))
    assert own.pk not in set(subordinate_evaluations(kadis, s.periode).values_list("pk", flat=True))
    assert own.pk not in set(
        subordinate_evaluations(actor_for_user(org.users["staf1b"]), s.periode).values_list("pk", flat=True)
    )
    # Set-based: the lookup costs the same few queries whatever the size of the unit, once per actor.
    fresh = actor_for_user(org.users["kabid1"])
    with CaptureQueriesContext(connection) as first:
        assert falls_to_ids(fresh) == [own.pk]
    assert len(first) <= 6
    with CaptureQueriesContext(connection) as again:
        falls_to_ids(fresh)
    assert len(again) == 0
    # The nominations he decides instead are in his approvals list.
    nom = feedback_services.nominasi_add(
        actor=org.actor("staf1b"), evaluasi=own, penilai_rekan=org.pegawai["x0"], jenis="REKAN"
    )
    assert nom.pk in set(pending_approvals(kabid).values_list("pk", flat=True))


# ---------------------------------------------------------------------------- §3: every write on a FINAL evaluation
RATING = {
    "rating_hasil_kerja": "Di Atas Ekspektasi",
    "alasan_hasil_kerja": "Target terlampaui jauh.",
    "rating_perilaku": "Di Atas Ekspektasi",
    "alasan_perilaku": "Perilaku sangat baik.",
}
WRITES = {
    # name: (who, method, url template, body)
    "realisasi": ("staf1a", "put", "/penilaian/{ev}/iki/{iki}/realisasi", {"realisasi_uraian": "Diubah."}),
    "umpan_balik": ("kasi1", "post", "/penilaian/{ev}/rhk/{rhk}/umpan-balik", {"teks": "Umpan balik baru."}),
    "catatan_pegawai": ("staf1a", "post", "/penilaian/{ev}/catatan", {"teks": "Catatan baru."}),
    "catatan_penilai": ("kasi1", "post", "/penilaian/{ev}/catatan", {"teks": "Catatan baru."}),
    "rating": ("kasi1", "put", "/penilaian/{ev}/rating", RATING),
    "rating_massal": (
        "kasi1",
        "post",
        "/penilaian/periode/{periode}/rating",
        {"rows": [{"evaluasi_id": "{ev}", **RATING}]},
    ),
    "rating_kabid": ("kabid1", "put", "/penilaian/{ev}/rating", RATING),
    "pindah": (
        "kasi1",
        "post",
        "/penilaian/kalibrasi/{periode}/unit/{unit}/pindah",
        {"evaluasi_id": "{ev}", "ke": "Sangat Baik", "alasan": "Rapat."},
    ),
    "pindah_kepala_dinas": (
        "kadis",
        "post",
        "/penilaian/kalibrasi/{periode}/unit/{unit}/pindah",
        {"evaluasi_id": "{ev}", "ke": "Sangat Baik", "alasan": "Rapat."},
    ),
    "hasil_unit": (
        "kabid1",
        "put",
        "/penilaian/kalibrasi/{periode}/unit/{unit}/hasil",
        {"predikat": "Istimewa", "alasan": "Capaian PK melampaui."},
    ),
    "revisi_skp": ("staf1a", "post", "/skp/{skp}/revisi", {"alasan": "Target berubah."}),
    "ttd_penilai_lagi": ("kasi1", "post", "/penilaian/evaluasi/{ev}/tanda-tangan-penilai", {}),
    "ttd_atasan_lagi": ("kabid1", "post", "/penilaian/evaluasi/{ev}/tanda-tangan", {}),
    "finalisasi_lagi": ("kasi1", "post", "/penilaian/kalibrasi/{periode}/unit/{unit}/finalisasi", {}),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_no_write_changes_a_final_evaluation(org: Org, write: str) -> None:
    """Every write route, by every party, on a FINAL evaluation: refused, and what the API shows and
    the signed snapshot stay the same (the only ways on are the audited reopen and an objection)."""
    from karier.appraisal.evaluation.snapshots import verify_snapshots
    from karier.appraisal.models import SnapshotEvaluasi

    s = seksi(org, extra=3)
    finalise_and_sign(calibrate(s))
    ev = s.ev("staf1a")
    assert ev.status == StatusEvaluasi.FINAL
    rhk, iki = _rows(ev.skp)
    ids = {"ev": ev.pk, "iki": iki.pk, "rhk": rhk.pk, "periode": s.periode.pk, "unit": s.unit.pk, "skp": ev.skp_id}
    who, method, url, body = WRITES[write]
    text = json.dumps(body)
    for k, v in ids.items():
        text = text.replace(f'"{{{k}}}"', str(v))
    reader = client_for(org, "staf1a")
    before = reader.get(f"{API}/penilaian/{ev.pk}").json()
    snaps = list(SnapshotEvaluasi.objects.filter(evaluasi=ev).values_list("pk", "hash"))
    r = _send(client_for(org, who), method, API + url.format(**ids), json.loads(text))
    assert r.status_code in (403, 404, 409), (write, r.status_code, r.content)
    assert reader.get(f"{API}/penilaian/{ev.pk}").json() == before
    assert list(SnapshotEvaluasi.objects.filter(evaluasi=ev).values_list("pk", "hash")) == snaps
    assert list(verify_snapshots()) == []
