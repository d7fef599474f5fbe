"""No names for ids you may not see (issue #8 §3c).

- The nomination endpoints resolve the proposed person through the appraisee's pool: an id of
  someone hidden, of someone visible but ineligible, and of nobody all get the same 404, no name.
- Evidence and nominations take their access from their evaluation's one rule (`visible_evaluasi`):
  an appraiser who may rate an evaluation (the snapshot `penilai`, even from outside the appraisee's
  chain) sees its evidence and its nominations.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from karier.appraisal.evaluation.access import bukti_for_actor, can_rate, evaluasi_for_actor
from karier.appraisal.feedback import services as feedback_services
from karier.appraisal.feedback.access import nominasi_for_actor
from karier.appraisal.models import BuktiDukung, Evaluasi, Realisasi
from karier.people.access import actor_for_user
from tests.appraisal.test_appraisal_support import configured
from tests.orgdata import Org


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


@pytest.fixture
def ev(org: Org) -> Evaluasi:
    for i in range(3):
        org.add_pegawai(f"rekan{i}", "staf1", nama=f"Rekan Rahasia {i}")
    return configured(org, plans={"staf1a": "kasi1"}).ev("staf1a")


@pytest.mark.django_db
def test_nomination_api_answers_the_same_404_for_hidden_ineligible_and_missing(org: Org, ev: Evaluasi) -> None:
    c = _client(org, "staf1a")
    url = f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi"
    answers = []
    for target in (
        org.pegawai["kadiskominfo"].pk,  # another agency: hidden from a plain employee
        org.pegawai["kasi1"].pk,  # his own appraiser: not a peer
        org.pegawai["staf1a"].pk,  # himself
        10**9,
    ):  # nobody
        r = c.post(url, json.dumps({"penilai_rekan_id": target, "jenis": "REKAN"}), content_type="application/json")
        answers.append((r.status_code, r.content))
    assert {a[0] for a in answers} == {404}
    assert len({a[1] for a in answers}) == 1  # the same body: nothing tells them apart
    body = answers[0][1].decode()
    assert org.pegawai["kadiskominfo"].nama not in body and org.pegawai["kasi1"].nama not in body
    assert not ev.nominasi.exists()
    # A peer in the pool is still proposed.
    r = c.post(
        url,
        json.dumps({"penilai_rekan_id": org.pegawai["rekan0"].pk, "jenis": "REKAN"}),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content


@pytest.mark.django_db
def test_nomination_form_answers_404_without_a_name(org: Org, ev: Evaluasi) -> None:
    c = _client(org, "staf1a")
    for target in (org.pegawai["kadiskominfo"].pk, org.pegawai["kasi1"].pk, 10**9):
        r = c.post(reverse("appraisal_feedback:tambah", args=[ev.pk]), {"penilai_rekan": target, "jenis": "REKAN"})
        assert r.status_code == 404
        assert org.pegawai["kadiskominfo"].nama not in r.content.decode()
    # The appraiser is not the one who proposes: 403, as before.
    r = _client(org, "kasi1").post(
        reverse("appraisal_feedback:tambah", args=[ev.pk]),
        {"penilai_rekan": org.pegawai["rekan0"].pk, "jenis": "REKAN"},
    )
    assert r.status_code == 403


@pytest.mark.django_db
def test_an_appraiser_who_may_rate_sees_the_evidence_and_nominations(org: Org, ev: Evaluasi) -> None:
    """The appraiser snapshot is someone outside the appraisee's chain (moved to Kominfo): he may rate
    the evaluation, so he reaches its evidence and nominations; an unrelated colleague does not."""
    Evaluasi.objects.filter(pk=ev.pk).update(penilai=org.pegawai["kadiskominfo"])
    ev.refresh_from_db()
    iki = ev.skp.rhk.first().iki.first()  # type: ignore[union-attr]
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
        actor=org.actor("staf1a"), evaluasi=ev, penilai_rekan=org.pegawai["rekan0"], jenis="REKAN"
    )
    appraiser = actor_for_user(org.users["kadiskominfo"])
    assert can_rate(appraiser, evaluasi_for_actor(appraiser, ev.pk))
    assert bukti_for_actor(appraiser, bukti.pk).pk == bukti.pk
    assert nominasi_for_actor(appraiser, nom.pk).pk == nom.pk
    outsider: Any = actor_for_user(org.users["pranata"])
    with pytest.raises(Http404):
        bukti_for_actor(outsider, bukti.pk)
    with pytest.raises(Http404):
        nominasi_for_actor(outsider, nom.pk)
    # The appraisee and his chain keep their access.
    assert bukti_for_actor(actor_for_user(org.users["staf1a"]), bukti.pk).pk == bukti.pk
    assert bukti_for_actor(actor_for_user(org.users["kabid1"]), bukti.pk).pk == bukti.pk


@pytest.mark.django_db
def test_rows_of_another_plan_answer_404_on_the_screen_and_the_api_alike(org: Org) -> None:
    """An IKI or RHK is reached through its evaluation (`access.iki_of_evaluasi`, `access.rhk_of_evaluasi`),
    the one lookup the screens and the API share: a row of another plan is 404 on both, nothing written;
    the same rows through their own evaluation are accepted."""
    from karier.appraisal.models import UmpanBalik
    from karier.plans.models import IndikatorKinerjaIndividu

    s = configured(org, plans={"staf1a": "kasi1", "staf1b": "kasi1"})
    mine, other = s.ev("staf1a"), s.ev("staf1b")
    iki = IndikatorKinerjaIndividu.objects.select_related("rhk").filter(rhk__skp_id=other.skp_id).first()
    assert iki is not None
    staf, kasi = _client(org, "staf1a"), _client(org, "kasi1")

    def api(c: Client, method: str, url: str, body: dict[str, Any]) -> int:
        r = getattr(c, method)(f"/api/v1{url}", data=json.dumps(body), content_type="application/json")
        return int(r.status_code)

    realisasi = {"realisasi_angka": "1", "realisasi_uraian": ""}
    assert staf.post(reverse("appraisal:realisasi", args=[mine.pk, iki.pk]), realisasi).status_code == 404
    assert api(staf, "put", f"/penilaian/{mine.pk}/iki/{iki.pk}/realisasi", realisasi) == 404
    teks = {"teks": "Laporan rapi."}
    assert kasi.post(reverse("appraisal:umpan_balik", args=[mine.pk, iki.rhk_id]), teks).status_code == 404
    assert api(kasi, "post", f"/penilaian/{mine.pk}/rhk/{iki.rhk_id}/umpan-balik", teks) == 404
    assert not Realisasi.objects.exists() and not UmpanBalik.objects.exists()
    staf_b = _client(org, "staf1b")
    assert api(staf_b, "put", f"/penilaian/{other.pk}/iki/{iki.pk}/realisasi", realisasi) == 200
    assert api(kasi, "post", f"/penilaian/{other.pk}/rhk/{iki.rhk_id}/umpan-balik", teks) == 201
