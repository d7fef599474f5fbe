"""Plans under signed evaluations (issue #8 §3, §3a): a revision needs the final evaluation reopened first,
rows with realisations are refused (not a 500) on delete, and row edits lock and re-check the plan."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from karier.appraisal.calibration.finalise import evaluasi_reopen
from karier.appraisal.models import Realisasi
from karier.plans import services
from karier.plans.choices import StatusSkp
from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from karier.plans.services import IkiData, RhkData, rows
from tests.appraisal.test_appraisal_calibration_support import client_for, signed_seksi
from tests.appraisal.test_appraisal_support import YEAR, configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_revision_of_a_plan_with_a_final_evaluation_needs_the_audited_reopen(org: Org) -> None:
    s = signed_seksi(org)
    skp = s.ev("staf1a").skp
    with pytest.raises(ValidationError, match="buka ulang evaluasi tersebut"):
        services.skp_revise(actor=org.actor("staf1a"), skp=skp, alasan="Target berubah.")
    r = client_for(org, "staf1a").post(
        f"{API}/skp/{skp.pk}/revisi", data=json.dumps({"alasan": "Target berubah."}), content_type="application/json"
    )
    assert r.status_code == 409 and "Tahunan" in json.dumps(r.json())
    assert Skp.objects.get(pk=skp.pk).status == StatusSkp.DISETUJUI  # nothing changed, the IKI stays signed
    evaluasi_reopen(actor=s.actor("admin"), evaluasi=s.ev("staf1a"), alasan="Target SKP direvisi.")
    services.skp_revise(actor=org.actor("staf1a"), skp=skp, alasan="Target berubah.")
    assert Skp.objects.get(pk=skp.pk).status == StatusSkp.DRAFT


def _with_realisation(org: Org) -> tuple[Skp, IndikatorKinerjaIndividu]:
    s = configured(org)
    skp = s.skp["staf1a"]
    iki = IndikatorKinerjaIndividu.objects.filter(rhk__skp=skp).order_by("pk").first()
    assert iki is not None
    Realisasi.objects.create(evaluasi=s.ev("staf1a"), iki=iki, realisasi_angka=3)
    services.skp_revise(actor=org.actor("staf1a"), skp=skp, alasan="Menambah indikator.")  # back to draft
    return skp, iki


def test_deleting_rows_with_a_realisation_is_refused_in_the_api(org: Org) -> None:
    skp, iki = _with_realisation(org)
    c = client_for(org, "staf1a")
    r = c.delete(f"{API}/skp/{skp.pk}/iki/{iki.pk}")
    assert r.status_code == 409 and "sudah mempunyai realisasi" in " ".join(r.json()["errors"]["iki"])
    r = c.delete(f"{API}/skp/{skp.pk}/rhk/{iki.rhk_id}")
    assert r.status_code == 409 and "sudah mempunyai realisasi" in " ".join(r.json()["errors"]["rhk"])
    assert IndikatorKinerjaIndividu.objects.filter(pk=iki.pk).exists()


def test_deleting_rows_with_a_realisation_is_refused_in_the_form(org: Org) -> None:
    skp, iki = _with_realisation(org)
    c = client_for(org, "staf1a")
    for url in (
        reverse("plans:iki_delete", args=[skp.pk, iki.pk]),
        reverse("plans:rhk_delete", args=[skp.pk, iki.rhk_id]),
    ):
        r = c.post(url)
        assert r.status_code == 302
        assert any("sudah mempunyai realisasi" in str(m) for m in get_messages(r.wsgi_request))
    assert RencanaHasilKerja.objects.filter(pk=iki.rhk_id).exists()
    # A row without realisation still goes.
    other = IndikatorKinerjaIndividu.objects.filter(rhk__skp=skp).exclude(pk=iki.pk).get()
    services.iki_delete(actor=org.actor("staf1a"), iki=other)
    assert not IndikatorKinerjaIndividu.objects.filter(pk=other.pk).exists()


def _draft(org: Org) -> Skp:
    skp = services.skp_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR, sumber="KOSONG")
    services.rhk_add(
        actor=org.actor("staf1a"),
        skp=skp,
        data=RhkData(teks="Laporan"),
        iki=IkiData(indikator="Jumlah laporan", aspek="KUANTITAS", target_angka="12", satuan="laporan"),
    )
    return skp


@pytest.mark.parametrize("edit", ["rhk_add", "iki_update", "iki_add", "lampiran_update"])
def test_row_edit_racing_an_approval_is_refused(org: Org, monkeypatch: Any, edit: str) -> None:
    """§3a: the approval lands between the edit's first check and its write; the edit must not commit."""
    skp = _draft(org)
    services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    services.skp_return(actor=org.actor("kasi1"), skp=skp, komentar="Lengkapi indikator.")
    stale = Skp.objects.get(pk=skp.pk)  # the owner's request read it while DIKEMBALIKAN (editable)
    rhk = RencanaHasilKerja.objects.get(skp=skp)
    iki = IndikatorKinerjaIndividu.objects.get(rhk=rhk)
    real_check = rows._owner_may_edit
    calls = {"n": 0}

    def approve_meanwhile(actor: Any, plan: Skp) -> Any:
        calls["n"] += 1
        result = real_check(actor, plan)
        if calls["n"] == 1:  # after the outer check: the appraiser approves in between
            fresh = Skp.objects.get(pk=skp.pk)
            services.skp_submit(actor=org.actor("staf1a"), skp=fresh)
            services.skp_approve(actor=org.actor("kasi1"), skp=fresh)
        return result

    monkeypatch.setattr(rows, "_owner_may_edit", approve_meanwhile)
    before = (
        list(RencanaHasilKerja.objects.filter(skp=skp).values_list("teks", flat=True)),
        list(IndikatorKinerjaIndividu.objects.filter(rhk=rhk).values_list("indikator", "target_angka")),
        Skp.objects.get(pk=skp.pk).konsekuensi,
    )
    with pytest.raises(ValidationError, match="Disetujui"):
        if edit == "rhk_add":
            services.rhk_add(actor=org.actor("staf1a"), skp=stale, data=RhkData(teks="Baris susulan"))
        elif edit == "iki_update":
            services.iki_update(
                actor=org.actor("staf1a"),
                iki=IndikatorKinerjaIndividu.objects.get(pk=iki.pk),
                data=IkiData(indikator="Diganti", aspek="KUANTITAS", target_angka="1", satuan="laporan"),
            )
        elif edit == "iki_add":
            services.iki_add(
                actor=org.actor("staf1a"),
                rhk=RencanaHasilKerja.objects.get(pk=rhk.pk),
                data=IkiData(indikator="Susulan", aspek="KUALITAS", target_kualitatif="baik"),
            )
        else:
            services.lampiran_update(actor=org.actor("staf1a"), skp=stale, konsekuensi="Diganti diam-diam")
    after = (
        list(RencanaHasilKerja.objects.filter(skp=skp).values_list("teks", flat=True)),
        list(IndikatorKinerjaIndividu.objects.filter(rhk=rhk).values_list("indikator", "target_angka")),
        Skp.objects.get(pk=skp.pk).konsekuensi,
    )
    assert after == before and Skp.objects.get(pk=skp.pk).status == StatusSkp.DISETUJUI
