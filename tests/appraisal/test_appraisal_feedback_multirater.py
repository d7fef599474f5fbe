"""Issue #5 part 3: peers and subordinates nominated by the appraisee, approved by the appraiser,
answered by the nominee only, shown as anonymous aggregates from 3 answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from karier.appraisal.choices import StatusEvaluasi, StatusNominasi
from karier.appraisal.feedback import selectors as sel
from karier.appraisal.feedback import services
from karier.appraisal.models import Evaluasi, NominasiPenilai
from karier.people.access import actor_for_user
from karier.standards.models import NilaiBerakhlak
from tests.appraisal.test_appraisal_support import configured
from tests.orgdata import PASSWORD, Org

pytestmark = pytest.mark.django_db


def client_for(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def peers(org: Org, n: int, prefix: str = "rekan") -> list[str]:
    keys = []
    for i in range(n):
        key = f"{prefix}{i}"
        org.add_pegawai(key, "staf1", nama=f"Rekan Rahasia {i}")
        keys.append(key)
    return keys


def all_scores(value: int) -> dict[str, int]:
    return dict.fromkeys(NilaiBerakhlak.objects.values_list("kode", flat=True), value)


@pytest.fixture
def dodi(org: Org) -> tuple[Org, Evaluasi]:
    """Dodi (staf1a) appraised by the Kasi; three more peers besides staf1b (pool of 4)."""
    peers(org, 3)
    setup = configured(org, plans={"staf1a": "kasi1"})
    return org, setup.ev("staf1a")


def nominate(org: Org, ev: Evaluasi, keys: list[str], jenis: str = "REKAN") -> list[NominasiPenilai]:
    return [
        services.nominasi_add(actor=org.actor("staf1a"), evaluasi=ev, penilai_rekan=org.pegawai[k], jenis=jenis)
        for k in keys
    ]


def approved(org: Org, ev: Evaluasi, keys: list[str]) -> list[NominasiPenilai]:
    noms = nominate(org, ev, keys)
    services.nominasi_approve_all(actor=org.actor("kasi1"), evaluasi=ev)
    return [NominasiPenilai.objects.select_related("evaluasi", "evaluasi__periode").get(pk=n.pk) for n in noms]


def answer(org: Org, nom: NominasiPenilai, key: str, scores: dict[str, int], komentar: str = "") -> None:
    kode = next(iter(scores))
    services.jawaban_submit(
        actor=org.actor(key), nominasi=nom, skor=scores, komentar={kode: komentar} if komentar else None
    )


# ---------------------------------------------------------------------------- pools and nominations
def test_peer_pool_is_same_superior_position_without_self(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    got = set(sel.peer_pool(ev).values_list("pk", flat=True))
    expected = {org.pegawai[k].pk for k in ("staf1b", "rekan0", "rekan1", "rekan2")}
    assert got == expected
    assert org.pegawai["kasi1"].pk not in got and org.pegawai["staf2"].pk not in got
    assert sel.required_peers(ev) == 3


def test_subordinate_pool_is_people_below_own_positions(org: Org) -> None:
    setup = configured(org, plans={"kasi1": "kabid1"})
    ev = setup.ev("kasi1")
    got = set(sel.subordinate_pool(ev).values_list("pk", flat=True))
    assert got == {org.pegawai["staf1a"].pk, org.pegawai["staf1b"].pk}
    assert sel.required_peers(ev) == 0  # the Kabid has no other Kasi under them
    services.nominasi_add(actor=org.actor("kasi1"), evaluasi=ev, penilai_rekan=org.pegawai["staf1a"], jenis="BAWAHAN")
    with pytest.raises(ValidationError) as exc:  # a subordinate is not a peer
        services.nominasi_add(actor=org.actor("kasi1"), evaluasi=ev, penilai_rekan=org.pegawai["staf1b"], jenis="REKAN")
    assert "penilai_rekan" in exc.value.message_dict


def test_nomination_refuses_self_outsiders_duplicates_and_non_appraisees(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    with pytest.raises(ValidationError, match="diri sendiri"):
        nominate(org, ev, ["staf1a"])
    with pytest.raises(ValidationError, match="bukan rekan"):
        nominate(org, ev, ["pranata"])
    with pytest.raises(ValidationError, match="bukan bawahan"):
        nominate(org, ev, ["staf1b"], jenis="BAWAHAN")
    nominate(org, ev, ["staf1b"])
    with pytest.raises(ValidationError, match="sudah diusulkan"):
        nominate(org, ev, ["staf1b"])
    for key in ("kasi1", "staf1b", "admin"):
        with pytest.raises(PermissionDenied):
            services.nominasi_add(actor=org.actor(key), evaluasi=ev, penilai_rekan=org.pegawai["rekan0"], jenis="REKAN")


def test_at_least_three_peers_before_approval(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    first = nominate(org, ev, ["staf1b", "rekan0"])
    with pytest.raises(ValidationError, match="Minimal 3 rekan"):
        services.nominasi_decide(actor=org.actor("kasi1"), nominasi=first[0], setuju=True)
    services.nominasi_decide(actor=org.actor("kasi1"), nominasi=first[1], setuju=False)  # rejecting is fine
    nominate(org, ev, ["rekan1", "rekan2"])
    services.nominasi_decide(actor=org.actor("kasi1"), nominasi=first[0], setuju=True)
    assert NominasiPenilai.objects.get(pk=first[0].pk).status == StatusNominasi.DISETUJUI


def test_small_unit_needs_every_available_peer(org: Org) -> None:
    setup = configured(org, plans={"staf1a": "kasi1"})
    ev = setup.ev("staf1a")
    assert sel.required_peers(ev) == 1  # only staf1b shares the Kasi
    nom = nominate(org, ev, ["staf1b"])[0]
    services.nominasi_decide(actor=org.actor("kasi1"), nominasi=nom, setuju=True)
    assert sel.nominasi_state(ev).rekan_cukup


def test_only_the_appraiser_decides(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    noms = nominate(org, ev, ["staf1b", "rekan0", "rekan1"])
    for key in ("staf1a", "kabid1", "admin", "auditor"):
        with pytest.raises(PermissionDenied):
            services.nominasi_decide(actor=org.actor(key), nominasi=noms[0], setuju=True)
    c = client_for(org, "kabid1")  # sees Dodi (superior chain) but is not the appraiser → 403
    r = c.post(
        f"/api/v1/penilaian/nominasi/{noms[0].pk}/putusan",
        json.dumps({"setuju": True}),
        content_type="application/json",
    )
    assert (r.status_code, r.json()) == (
        403,
        {"detail": "Hanya pejabat penilai yang dapat menyetujui atau menolak usulan penilai."},
    )
    r = client_for(org, "pranata").post(
        f"/api/v1/penilaian/nominasi/{noms[0].pk}/putusan",
        json.dumps({"setuju": True}),
        content_type="application/json",
    )
    assert r.status_code == 404  # cannot see Dodi at all
    r = client_for(org, "kasi1").post(
        f"/api/v1/penilaian/nominasi/{noms[0].pk}/putusan",
        json.dumps({"setuju": True}),
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert NominasiPenilai.objects.get(pk=noms[0].pk).status == StatusNominasi.DISETUJUI


# ---------------------------------------------------------------------------- answers
def test_only_the_nominee_answers_with_scores_1_to_5(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    nom = approved(org, ev, ["staf1b", "rekan0", "rekan1"])[0]
    with pytest.raises(PermissionDenied):
        services.jawaban_submit(actor=org.actor("rekan0"), nominasi=nom, skor=all_scores(4))
    with pytest.raises(PermissionDenied):
        services.jawaban_submit(actor=org.actor("kasi1"), nominasi=nom, skor=all_scores(4))
    for bad in (0, 6, "x", 3.5):
        with pytest.raises(ValidationError):
            services.jawaban_submit(actor=org.actor("staf1b"), nominasi=nom, skor=all_scores(bad))  # type: ignore[arg-type]
    partial = all_scores(4)
    partial.pop(next(iter(partial)))
    with pytest.raises(ValidationError):
        services.jawaban_submit(actor=org.actor("staf1b"), nominasi=nom, skor=partial)
    services.jawaban_submit(actor=org.actor("staf1b"), nominasi=nom, skor=all_scores(4))
    services.jawaban_submit(actor=org.actor("staf1b"), nominasi=nom, skor=all_scores(5))  # editable while open
    assert set(nom.jawaban.values_list("skor", flat=True)) == {5}
    assert NominasiPenilai.objects.get(pk=nom.pk).status == StatusNominasi.DIJAWAB
    # Another person's request is hidden (404) on screen and API.
    assert client_for(org, "rekan0").get(reverse("appraisal_feedback:jawab", args=[nom.pk])).status_code == 404
    r = client_for(org, "rekan0").put(
        f"/api/v1/penilaian/permintaan/{nom.pk}/jawaban",
        json.dumps({"skor": all_scores(3)}),
        content_type="application/json",
    )
    assert r.status_code == 404
    r = client_for(org, "staf1b").put(
        f"/api/v1/penilaian/permintaan/{nom.pk}/jawaban",
        json.dumps({"skor": all_scores(9)}),
        content_type="application/json",
    )
    assert r.status_code == 422  # outside the schema
    partial = all_scores(3)
    partial.pop(next(iter(partial)))
    r = client_for(org, "staf1b").put(
        f"/api/v1/penilaian/permintaan/{nom.pk}/jawaban", json.dumps({"skor": partial}), content_type="application/json"
    )
    assert r.status_code == 422  # all seven values are required by the schema itself


def test_unapproved_and_rated_evaluations_take_no_answers(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    nom = nominate(org, ev, ["staf1b"])[0]
    with pytest.raises(ValidationError, match="belum disetujui"):
        services.jawaban_submit(actor=org.actor("staf1b"), nominasi=nom, skor=all_scores(4))
    noms = approved(org, ev, ["rekan0", "rekan1"])
    Evaluasi.objects.filter(pk=ev.pk).update(status=StatusEvaluasi.DINILAI)
    noms[0].evaluasi.refresh_from_db()
    with pytest.raises(ValidationError, match="ditutup"):
        services.jawaban_submit(actor=org.actor("rekan0"), nominasi=noms[0], skor=all_scores(4))


def test_answer_form_screen(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    nom = approved(org, ev, ["staf1b", "rekan0", "rekan1"])[0]
    c = client_for(org, "staf1b")
    inbox = c.get(reverse("appraisal_feedback:permintaan"))
    assert inbox.status_code == 200 and "Dodi Saputra" in inbox.content.decode()
    url = reverse("appraisal_feedback:jawab", args=[nom.pk])
    page = c.get(url).content.decode()
    assert "Berorientasi Pelayanan" in page and "Sangat baik" in page
    data = {f"skor_{k}": "4" for k in all_scores(4)}
    data.pop(next(iter(data)))
    r = c.post(url, data)
    assert r.status_code == 400 and "Pilih skor 1 sampai 5." in r.content.decode()
    r = c.post(url, {**{f"skor_{k}": "4" for k in all_scores(4)}, "komentar_KOMPETEN": "Rajin berbagi ilmu."})
    assert r.status_code == 302
    assert nom.jawaban.count() == 7


# ---------------------------------------------------------------------------- anonymity
def test_two_answers_show_nothing_three_show_the_mean(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    noms = approved(org, ev, ["staf1b", "rekan0", "rekan1"])
    answer(org, noms[0], "staf1b", all_scores(5), "Selalu ramah kepada tamu.")
    answer(org, noms[1], "rekan0", all_scores(4))
    appraisee = actor_for_user(org.users["staf1a"])
    r = sel.ringkasan_perilaku(ev, appraisee)
    assert not r.tampil and r.nilai == [] and r.komentar == []
    assert r.penilai is None and (r.n_dijawab, r.kurang) == (0, 3)  # the appraisee never sees the count rise
    assert sel.ringkasan_perilaku(ev, actor_for_user(org.users["kasi1"])).kurang == 1  # the appraiser knows
    c = client_for(org, "staf1a")
    api = c.get(f"/api/v1/penilaian/evaluasi/{ev.pk}/ringkasan-perilaku").json()
    assert api["tampil"] is False and api["nilai"] == [] and api["komentar"] == []
    assert "Selalu ramah" not in c.get(reverse("appraisal_feedback:ringkasan", args=[ev.pk])).content.decode()

    answer(org, noms[2], "rekan1", all_scores(2))
    r = sel.ringkasan_perilaku(ev, appraisee)
    assert r.tampil and r.n_dijawab == 3
    assert all(v.rata == round((5 + 4 + 2) / 3, 2) and v.n == 3 for v in r.nilai)
    assert r.rata_keseluruhan == round(11 / 3, 2)
    assert [t for _n, t in r.komentar] == ["Selalu ramah kepada tamu."]
    assert r.kelompok == []  # one group only: the combined figure is the group's


def test_rater_identities_never_reach_the_appraisee(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    noms = approved(org, ev, ["rekan0", "rekan1", "rekan2"])
    for n, key, s in zip(noms, ["rekan0", "rekan1", "rekan2"], [5, 4, 3], strict=True):
        answer(org, n, key, all_scores(s), f"Komentar penilai {s}")
    c = client_for(org, "staf1a")
    html = c.get(reverse("appraisal_feedback:ringkasan", args=[ev.pk])).content.decode()
    body = json.dumps(c.get(f"/api/v1/penilaian/evaluasi/{ev.pk}/ringkasan-perilaku").json())
    for name in ("Rekan Rahasia 0", "Rekan Rahasia 1", "Rekan Rahasia 2"):
        assert name not in html and name not in body
    assert "Komentar penilai 5" in html and "Komentar penilai 5" in body
    # The appraisee's own list shows their proposals as approved, never who has answered.
    listing = c.get(f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi").json()
    assert {i["status"] for i in listing["items"]} == {"DISETUJUI"}
    page = c.get(reverse("appraisal_feedback:nominasi", args=[ev.pk])).content.decode()
    assert "Sudah dijawab" not in page and "sudah menjawab" not in page
    # The appraiser sees who answered (not what): names with a yes/no, figures only in aggregate.
    boss = client_for(org, "kasi1").get(f"/api/v1/penilaian/evaluasi/{ev.pk}/ringkasan-perilaku").json()
    assert {p["nama"] for p in boss["penilai"]} == {"Rekan Rahasia 0", "Rekan Rahasia 1", "Rekan Rahasia 2"}
    assert all(p["sudah_menjawab"] for p in boss["penilai"])
    assert set(boss["penilai"][0]) == {"nama", "jenis", "status", "sudah_menjawab"}


def test_two_subordinates_stay_below_the_threshold(org: Org) -> None:
    setup = configured(org, plans={"kasi1": "kabid1"})
    ev = setup.ev("kasi1")
    sub = [
        services.nominasi_add(actor=org.actor("kasi1"), evaluasi=ev, penilai_rekan=org.pegawai[k], jenis="BAWAHAN")
        for k in ("staf1a", "staf1b")
    ]
    services.nominasi_approve_all(actor=org.actor("kabid1"), evaluasi=ev)
    for n, k in zip(sub, ("staf1a", "staf1b"), strict=True):
        services.jawaban_submit(actor=org.actor(k), nominasi=NominasiPenilai.objects.get(pk=n.pk), skor=all_scores(3))
    r = sel.ringkasan_perilaku(ev, actor_for_user(org.users["kabid1"]))
    assert not r.tampil  # two subordinates: below the threshold


def test_aggregate_reads_a_fixed_number_of_queries(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    noms = approved(org, ev, ["staf1b", "rekan0", "rekan1"])
    viewer = actor_for_user(org.users["kasi1"])
    for n, k in zip(noms, ["staf1b", "rekan0", "rekan1"], strict=True):
        answer(org, n, k, all_scores(4), "baik")
    with CaptureQueriesContext(connection) as small:
        sel.ringkasan_perilaku(ev, viewer)
    more = nominate(org, ev, ["rekan2"])
    services.nominasi_decide(actor=org.actor("kasi1"), nominasi=more[0], setuju=True)
    answer(org, NominasiPenilai.objects.get(pk=more[0].pk), "rekan2", all_scores(2), "cukup")
    with CaptureQueriesContext(connection) as large:
        sel.ringkasan_perilaku(ev, viewer)
    assert len(small) == len(large)


# ---------------------------------------------------------------------------- screens and API
def test_screens_for_each_party(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    c = client_for(org, "staf1a")
    assert c.get(reverse("appraisal_feedback:saya")).status_code == 200
    page = c.get(reverse("appraisal_feedback:nominasi", args=[ev.pk]) + "?jenis=REKAN").content.decode()
    assert "Rekan Rahasia 0" in page and "Usulkan" in page  # the appraisee picks from the pool
    r = c.post(
        reverse("appraisal_feedback:tambah", args=[ev.pk]),
        {"penilai_rekan": org.pegawai["staf1b"].pk, "jenis": "REKAN"},
    )
    assert r.status_code == 302 and ev.nominasi.count() == 1
    r = c.post(
        reverse("appraisal_feedback:tambah", args=[ev.pk]),
        {"penilai_rekan": org.pegawai["pranata"].pk, "jenis": "REKAN"},
        follow=True,
    )
    assert r.status_code == 404 and "Pranata" not in r.content.decode()  # issue #8 §3c: no name, same 404
    nominate(org, ev, ["rekan0", "rekan1"])
    boss = client_for(org, "kasi1")
    assert "Dodi Saputra" in boss.get(reverse("appraisal_feedback:persetujuan")).content.decode()
    page = boss.get(reverse("appraisal_feedback:nominasi", args=[ev.pk])).content.decode()
    assert "Setujui semua (3) usulan" in page and "Status penilai (0 dari 0 menjawab)" in page
    r = boss.post(reverse("appraisal_feedback:setujui_semua", args=[ev.pk]))
    assert r.status_code == 302
    assert ev.nominasi.filter(status=StatusNominasi.DISETUJUI).count() == 3
    assert client_for(org, "pranata").get(reverse("appraisal_feedback:nominasi", args=[ev.pk])).status_code == 404


def test_api_nomination_crud(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    c = client_for(org, "staf1a")
    cand = c.get(f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi/kandidat?jenis=REKAN").json()
    assert cand["count"] == 4
    r = c.post(
        f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi",
        json.dumps({"penilai_rekan_id": org.pegawai["staf1b"].pk, "jenis": "REKAN"}),
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["state"]["rekan_aktif"] == 1
    r = c.post(
        f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi",
        json.dumps({"penilai_rekan_id": org.pegawai["staf1a"].pk, "jenis": "REKAN"}),
        content_type="application/json",
    )
    assert r.status_code == 404  # himself: not in his pool (issue #8 §3c)
    r = c.post(
        f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi",
        json.dumps({"penilai_rekan_id": 0, "jenis": "X"}),
        content_type="application/json",
    )
    assert r.status_code == 422
    nom_id = r_id = ev.nominasi.get().pk
    assert c.delete(f"/api/v1/penilaian/nominasi/{r_id}").status_code == 204
    assert not NominasiPenilai.objects.filter(pk=nom_id).exists()
    r = client_for(org, "kasi1").get(f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi/kandidat")
    assert (r.status_code, r.json()) == (
        403,
        {"detail": "Hanya pegawai yang dinilai yang dapat melihat calon penilai."},
    )
    assert Client().get(f"/api/v1/penilaian/evaluasi/{ev.pk}/nominasi").status_code == 401
    inbox: Any = client_for(org, "staf1b").get("/api/v1/penilaian/permintaan").json()
    assert inbox["count"] == 0


# ---------------------------------------------------------------------------- issue #8 §7: anonymity over time
def _shown(ev: Evaluasi, viewer: Any) -> tuple[Any, ...]:
    r = sel.ringkasan_perilaku(ev, viewer)
    return (r.tampil, r.n_dijawab, r.rata_keseluruhan, [(v.kode, v.rata, v.n) for v in r.nilai], r.komentar)


def test_difference_attack_on_a_fourth_answer_reveals_nothing(dodi: tuple[Org, Evaluasi]) -> None:
    """4 × new mean − 3 × old mean would give the 4th rater's scores: the figures shown do not move
    until a batch of at least 3 new answers is released."""
    org, ev = dodi
    extra = peers(org, 3, prefix="rekanb")
    keys = ["staf1b", "rekan0", "rekan1", "rekan2", *extra[:2]]
    noms = approved(org, ev, keys)
    for n, k, v in zip(noms[:3], keys[:3], (5, 4, 2), strict=True):
        answer(org, n, k, all_scores(v))
    appraisee = actor_for_user(org.users["staf1a"])
    before = _shown(ev, appraisee)
    assert before[0] and before[1] == 3 and before[2] == round(11 / 3, 2)

    answer(org, noms[3], keys[3], all_scores(1), "Jawaban keempat")  # the 4th rater
    after = _shown(ev, appraisee)
    assert after == before  # nothing to subtract: count, means and comments unchanged
    assert round(4 * (after[2] or 0) - 3 * (before[2] or 0), 2) != 1
    c = client_for(org, "staf1a")
    api = c.get(f"/api/v1/penilaian/evaluasi/{ev.pk}/ringkasan-perilaku").json()
    assert (api["n_dijawab"], api["rata_keseluruhan"]) == (3, round(11 / 3, 2))
    assert "Jawaban keempat" not in c.get(reverse("appraisal_feedback:ringkasan", args=[ev.pk])).content.decode()
    # An edit by a released rater is a change too: still fewer than 3 changes, still unchanged.
    answer(org, noms[0], keys[0], all_scores(1))
    assert _shown(ev, appraisee) == before
    # The appraiser learns that answers wait for release (they already know who answered), not what.
    r = sel.ringkasan_perilaku(ev, actor_for_user(org.users["kasi1"]))
    assert r.n_dijawab == 4 and r.belum_dirilis == 2 and r.rata_keseluruhan == round(11 / 3, 2)

    answer(org, noms[4], keys[4], all_scores(3))  # the third change: a batch is released
    released = sel.ringkasan_perilaku(ev, appraisee)
    assert released.n_dijawab == 5 and released.rata_keseluruhan == round((1 + 4 + 2 + 1 + 3) / 5, 2)
    assert "Jawaban keempat" in [t for _n, t in released.komentar]


def test_the_batch_difference_mixes_at_least_three_raters(dodi: tuple[Org, Evaluasi]) -> None:
    org, ev = dodi
    extra = peers(org, 3, prefix="rekanc")
    keys = ["staf1b", "rekan0", "rekan1", "rekan2", *extra]
    noms = approved(org, ev, keys)
    appraisee = actor_for_user(org.users["staf1a"])
    seen = set()
    for i, (n, k) in enumerate(zip(noms, keys, strict=True)):
        answer(org, n, k, all_scores(1 + i % 5))
        seen.add(sel.ringkasan_perilaku(ev, appraisee).n_dijawab)
    assert seen == {0, 3, 6}  # never 1, 2, 4, 5 or 7: the count rises in steps of at least 3
