"""A person's official documents on one page (issue #13 item 4): listed only when they exist and the
viewer may open them, linking to the existing PDF routes; one query per kind whatever the team."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from karier.appraisal.models import Evaluasi
from karier.development.models import RencanaPengembangan
from karier.insight.reports.registry import KINDS, documents_of
from karier.plans.models import Skp
from karier.standards.models import PerjanjianKinerja
from karier.talent.credit.services import pak_issue
from karier.talent.models import PenetapanAngkaKredit
from tests.insight.test_insight_reports_support import YEAR, as_user, documented, measure
from tests.orgdata import Org, build_org
from tests.talent.talent_credit_helpers import jf


def _page(org: Org, viewer: str, person: str, tahun: int = YEAR) -> str:
    r = as_user(org, viewer).get(reverse("insight:laporan_pegawai", args=[org.pegawai[person].pk]) + f"?tahun={tahun}")
    assert r.status_code == 200, r.status_code
    return r.content.decode()


@pytest.mark.django_db
def test_page_lists_what_exists_and_links_to_the_existing_routes(org: Org) -> None:
    s = documented(org)
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"], tahun_id=YEAR)
    ev = s.ev("staf1a")
    idp = RencanaPengembangan.objects.get(pegawai=org.pegawai["staf1a"])
    html = _page(org, "staf1a", "staf1a")
    assert reverse("plans_insight:skp_pdf", args=[skp.pk]) in html
    assert reverse("appraisal_calibration:evaluasi_pdf", args=[ev.pk]) in html
    assert reverse("development:rencana_pdf", args=[idp.pk]) in html
    penetapan = reverse("appraisal_calibration:penetapan_pdf", args=[s.periode.pk, s.unit.pk])
    # The decision is the unit's document: its own rule (unit head, agency head, BKD) — not the appraisee.
    assert penetapan not in html
    assert penetapan in _page(org, "kasi1", "staf1a")
    assert penetapan in _page(org, "admin", "staf1a")
    # Nothing of another year, and a person without documents sees the empty state.
    assert reverse("plans_insight:skp_pdf", args=[skp.pk]) not in _page(org, "staf1a", "staf1a", YEAR - 1)
    assert "Belum ada dokumen resmi" in _page(org, "kadiskominfo", "pranata")


@pytest.mark.django_db
def test_every_kind_is_found_in_a_fixed_number_of_queries(org: Org, django_assert_num_queries: object) -> None:
    s = documented(org)
    dik = org.units["dik"]
    pk = PerjanjianKinerja.objects.create(opd=dik, tahun=YEAR)
    jab = org.jabatan["pranata"]
    jab.jabatan_fungsional = jf()
    jab.save(update_fields=["jabatan_fungsional"])
    pak = pak_issue(
        actor=org.actor("admin"), pegawai=org.pegawai["pranata"], tahun=YEAR, nomor="PAK/7", tanggal=dt.date.today()
    )
    ids = [org.pegawai[k].pk for k in ("staf1a", "kadis", "pranata", "staf2")]
    found = documents_of(org.actor("admin"), ids, YEAR)
    assert [(d.pegawai_id, d.kunci) for d in found["perjanjian"]] == [(org.pegawai["kadis"].pk, (pk.pk,))]
    assert found["perjanjian"][0].draf is True  # not signed yet
    assert [(d.pegawai_id, d.kunci) for d in found["pak"]] == [(org.pegawai["pranata"].pk, (pak.pk,))]
    assert [d.pegawai_id for d in found["skp"]] == [org.pegawai["staf1a"].pk]
    assert [d.kunci for d in found["penetapan"]] == [(s.periode.pk, s.unit.pk)]
    assert not found["skp"][0].draf and not found["evaluasi"][0].draf  # approved, final
    with django_assert_num_queries(len(KINDS) + 1):  # type: ignore[operator]  # SKM: units, then periods
        for kind in KINDS:
            kind.find(ids, YEAR)
    # the unit rules (penetapan, SKM) are decided once per unit and kept across the bulk job's chunks
    checked: dict[tuple[str, int], bool] = {}
    with django_assert_num_queries(len(KINDS) + 2):  # type: ignore[operator]  # + the units to decide
        first = documents_of(org.actor("admin"), ids, YEAR, checked=checked)
    assert checked == {("penetapan", s.unit.pk): True}
    with django_assert_num_queries(len(KINDS) + 1):  # type: ignore[operator]  # nothing left to decide
        assert documents_of(org.actor("admin"), ids, YEAR, checked=checked) == first


@pytest.mark.django_db
def test_api_lists_the_same_documents_and_hides_hidden_people(org: Org) -> None:
    documented(org)
    pid = org.pegawai["staf1a"].pk
    url = reverse("api:laporan_dokumen", args=[pid]) + f"?tahun={YEAR}"
    body = as_user(org, "kasi1").get(url).json()
    assert body["pegawai_id"] == pid and body["tahun"] == YEAR
    kinds = sorted(d["jenis"] for d in body["dokumen"])
    assert kinds == ["evaluasi", "idp", "penetapan", "skp"], json.dumps(body)
    assert sorted(d["jenis"] for d in as_user(org, "staf1a").get(url).json()["dokumen"]) == ["evaluasi", "idp", "skp"]
    r = as_user(org, "staf1b").get(url)
    assert r.status_code == 404 and r.json()["detail"]
    assert as_user(org, "kasi1").get(reverse("api:laporan_dokumen", args=[pid]) + "?tahun=1999").status_code == 422


@pytest.mark.django_db
def test_person_page_queries_do_not_grow_with_the_team(client: object) -> None:
    org = build_org(extra_staff=2)
    url = reverse("insight:laporan_pegawai", args=[org.pegawai["staf1a"].pk])
    index = reverse("insight:laporan_index")
    kasi = as_user(org, "kasi1")
    small = (measure(kasi, url), measure(kasi, index), measure(as_user(org, "kadis"), index))
    for i in range(2, 38):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    large = (measure(kasi, url), measure(kasi, index), measure(as_user(org, "kadis"), index))
    assert small == large


@pytest.mark.django_db
def test_profile_links_to_the_documents(org: Org) -> None:
    p = org.pegawai["staf1a"]
    html = as_user(org, "kasi1").get(reverse("people:profile", args=[p.pk])).content.decode()
    assert reverse("insight:laporan_pegawai", args=[p.pk]) in html
    assert Evaluasi.objects.count() == 0 and PenetapanAngkaKredit.objects.count() == 0
