"""/skp/cakupan/ at scale (issue #14): the indicator sets are read once a request (a UNION for the
scope, one indexed EXISTS per indicator for the owners) and give exactly what the old OR of `IN
(subquery)` sets gave — same figures, same gap rows, same order — for every scope a person may pick;
person-level lists stay inside what the actor sees; the query count does not grow with the data."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.people import services as people
from karier.people.access import SYSTEM, actor_for_user
from karier.plans import cascade, cascade_coverage
from karier.plans.models import RencanaHasilKerja, Skp, TahunKinerja
from karier.standards.models import Indikator, PerjanjianKinerja, PerjanjianKinerjaRow, SasaranRenstra
from tests.orgdata import Org
from tests.plans.test_plans_cascade import TAHUN, Cascade, build_cascade

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------- the old semantics
def _old_indicators(f: cascade.CascadeFilter) -> QuerySet[Indikator]:
    """The indicator query as it was before issue #14 (the reference the new sets must match)."""
    q = cascade._agency_ind_q(f)
    if not f.opd:
        q |= cascade._province_ind_q(f)
    return Indikator.objects.filter(q)


def _old_owned(f: cascade.CascadeFilter) -> Q:
    rhk = RencanaHasilKerja.objects.filter(skp__tahun_id=f.tahun)
    referenced = (
        Q(pk__in=rhk.filter(indikator_opd__isnull=False).values("indikator_opd_id"))
        | Q(pk__in=rhk.filter(perjanjian_row__isnull=False).values("perjanjian_row__indikator_id"))
        | Q(pk__in=PerjanjianKinerjaRow.objects.filter(perjanjian__tahun=f.tahun).values("indikator_id"))
    )
    parents = Indikator.objects.filter(referenced, induk__isnull=False).values("induk_id")
    return referenced | Q(pk__in=parents)


def _old_figure(f: cascade.CascadeFilter) -> tuple[int, int]:
    qs = _old_indicators(f)
    return qs.filter(_old_owned(f)).count(), qs.count()


def _old_gaps(f: cascade.CascadeFilter) -> list[tuple[int, str | None]]:
    rows = (
        _old_indicators(f)
        .exclude(_old_owned(f))
        .annotate(opd_nama=F("sasaran_renstra__renstra__opd__nama"))
        .order_by("sasaran_renstra__renstra__opd__nama", "kode", "id")
    )
    return [(i.pk, i.opd_nama) for i in rows]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- data
def _more_indicators(c: Cascade, n: int, tag: str) -> None:
    """n more agency indicators of each kind the owner rule distinguishes: referenced by a RHK of the
    year, by a PK row of the year, by a RHK through its PK row, only by a RHK of another year, and
    not at all — plus a province IKU owned only through a child."""
    o = c.org
    sr = SasaranRenstra.objects.get(renstra__opd=o.units["dik"])
    sr_kom = SasaranRenstra.objects.get(renstra__opd=o.units["kominfo"])
    pk = PerjanjianKinerja.objects.get(opd=o.units["dik"], tahun=TAHUN)
    old_pk, _ = PerjanjianKinerja.objects.get_or_create(opd=o.units["dik"], tahun=TAHUN - 1)
    TahunKinerja.objects.get_or_create(tahun=TAHUN - 1, defaults={"batas_penetapan_skp": dt.date(TAHUN - 1, 1, 31)})
    kadis = c.skp["kadis"]
    old_plan, _ = Skp.objects.get_or_create(
        pegawai=o.pegawai["kadis"],
        tahun_id=TAHUN - 1,
        periode_mulai=dt.date(TAHUN - 1, 1, 1),
        defaults={
            "periode_selesai": dt.date(TAHUN - 1, 12, 31),
            "jabatan_id": o.pegawai["kadis"].jabatan_id,
            "unit_id": o.pegawai["kadis"].unit_id,
        },
    )
    iku = c.ind["A"].sasaran

    def ind(i: int, kind: str, sasaran: Any = sr, induk: Any = c.ind["A"]) -> Indikator:
        return Indikator.objects.create(
            sasaran_renstra=sasaran, induk=induk, kode=f"{tag}{i}-{kind}", nama=f"Indikator {kind}", satuan="%"
        )

    for i in range(n):
        RencanaHasilKerja.objects.create(skp=kadis, teks=f"RHK {tag}{i}", indikator_opd=ind(i, "rhk"))
        PerjanjianKinerjaRow.objects.create(perjanjian=pk, sasaran=sr, indikator=ind(i, "pk"), target=1)
        row = PerjanjianKinerjaRow.objects.create(perjanjian=old_pk, sasaran=sr, indikator=ind(i, "rhkpk"), target=1)
        RencanaHasilKerja.objects.create(skp=kadis, teks=f"RHK via PK {tag}{i}", perjanjian_row=row)
        RencanaHasilKerja.objects.create(skp=old_plan, teks=f"RHK lama {tag}{i}", indikator_opd=ind(i, "lama"))
        PerjanjianKinerjaRow.objects.create(perjanjian=old_pk, sasaran=sr, indikator=ind(i, "pklama"), target=1)
        ind(i, "yatim", sasaran=sr_kom, induk=None)
        parent = Indikator.objects.create(sasaran=iku, kode=f"{tag}{i}-IKU", nama="IKU lewat turunan", satuan="%")
        child = ind(i, "anak", sasaran=sr_kom, induk=parent)
        RencanaHasilKerja.objects.create(skp=c.skp["pranata"], teks=f"RHK anak {tag}{i}", indikator_opd=child)
        Indikator.objects.create(sasaran=iku, kode=f"{tag}{i}-IKU0", nama="IKU tanpa pemilik", satuan="%")


def _more_people(c: Cascade, n: int) -> None:
    """n staff in Seksi Kurikulum (kasi1's subtree) and n in Bidang SMK (same agency, outside it): half
    with a plan and one orphan RHK each."""
    o = c.org
    if "smk" not in o.jabatan:
        o.jabatan["smk"] = people.jabatan_create(
            actor=SYSTEM,
            data=people.JabatanData(
                unit=o.units["dik_b2"],
                nama="Pengelola Praktik SMK",
                jenis="PELAKSANA",
                atasan=o.jabatan["kabid2"],
                formasi=200,
            ),
        )
    start = len(o.pegawai)
    for i in range(n):
        for jab in ("staf1", "smk"):
            p = o.add_pegawai(f"{jab}-more{start + i}", jab, user=False)
            if i % 2:
                skp = Skp.objects.create(
                    pegawai=p,
                    tahun_id=TAHUN,
                    periode_mulai=dt.date(TAHUN, 1, 1),
                    periode_selesai=dt.date(TAHUN, 12, 31),
                    jabatan_id=p.jabatan_id,
                    unit_id=p.unit_id,
                )
                RencanaHasilKerja.objects.create(skp=skp, teks=f"RHK yatim {p.nama}")


@pytest.fixture
def cas(org: Org) -> Cascade:
    c = build_cascade(org)
    _more_indicators(c, 2, "X")
    _more_people(c, 3)
    return c


def _scopes(c: Cascade) -> list[tuple[str, dict[str, Any]]]:
    u = c.org.units
    return [
        ("admin", {}),
        ("admin", {"opd_id": u["dik"].pk}),
        ("admin", {"opd_id": u["kominfo"].pk}),
        ("admin", {"opd_id": u["setda"].pk}),
        ("admin", {"unit_id": u["dik_b1"].pk}),
        ("kasi1", {}),
        ("pranata", {}),
        ("kadis", {"unit_id": u["dik_s1"].pk}),
    ]


# ---------------------------------------------------------------------------- same results
def test_indicator_figure_and_gaps_match_the_old_queries(cas: Cascade) -> None:
    for tahun, (who, kw) in itertools.product([TAHUN, TAHUN - 1, TAHUN + 1], _scopes(cas)):
        f = cascade.coverage_scope(actor_for_user(cas.org.users[who]), tahun=tahun, **kw)
        cov = cascade_coverage.coverage(f)
        assert (cov.indikator.bagian, cov.indikator.total) == _old_figure(f), (who, kw, tahun)
        gaps = [(i.pk, i.opd_nama) for i in cascade_coverage.gap_indikator(f)]  # type: ignore[attr-defined]
        assert gaps == _old_gaps(f), (who, kw, tahun)
        # The sets the page computes once give the same answer as computing them in each call.
        sets = cascade_coverage.indicator_sets(f)
        assert cascade_coverage.coverage(f, sets) == cov
        assert list(cascade_coverage.gap_indikator(f, sets)) == list(cascade_coverage.gap_indikator(f))


def test_owner_rule_by_kind(cas: Cascade) -> None:
    """Each kind of reference counts (or not) as the rule says, for the province."""
    f = cascade.coverage_scope(actor_for_user(cas.org.users["admin"]), tahun=TAHUN)
    sets = cascade_coverage.indicator_sets(f)
    kode = dict(Indikator.objects.filter(pk__in=sets.scope).values_list("pk", "kode"))
    owned = {kode[i] for i in sets.owned}
    gaps = {kode[i] for i in sets.gaps}
    for i in range(2):
        assert {f"X{i}-rhk", f"X{i}-pk", f"X{i}-rhkpk", f"X{i}-anak", f"X{i}-IKU"} <= owned
        assert {f"X{i}-lama", f"X{i}-pklama", f"X{i}-yatim", f"X{i}-IKU0"} <= gaps
    assert {"IKU-1", "IKU-2", "DIK-I1", "KOM-I3"} <= owned and "DIK-I2" in gaps
    assert sets.owned <= sets.scope


def test_page_shows_the_same_figures_and_rows(cas: Cascade) -> None:
    client = Client()
    client.force_login(cas.org.users["admin"])
    f = cascade.coverage_scope(actor_for_user(cas.org.users["admin"]), tahun=TAHUN)
    r = client.get(f"/skp/cakupan/?tahun={TAHUN}&celah=indikator")
    cov = r.context["cov"]
    assert (cov.indikator.bagian, cov.indikator.total) == _old_figure(f)
    page = r.context["page_obj"]
    assert page.paginator.count == len(_old_gaps(f))
    assert [i.pk for i in page] == [pk for pk, _ in _old_gaps(f)][:25]
    html = r.content.decode()
    assert "X0-yatim" in html and "X0-rhk</td>" not in html


def test_person_lists_stay_inside_what_the_actor_sees(cas: Cascade) -> None:
    """kasi1 sees only Seksi Kurikulum's people: the extra Bidang SMK staff (same agency) never show,
    while the admin sees them; the agency figures are the agency's, whoever reads them."""
    o = cas.org
    admin, kasi = Client(), Client()
    admin.force_login(o.users["admin"])
    kasi.force_login(o.users["kasi1"])
    dik = o.units["dik"].pk
    for gap in ("tanpa-skp", "rhk-yatim"):
        mine = kasi.get("/skp/cakupan/", {"tahun": TAHUN, "celah": gap}).content.decode()
        everyone = admin.get("/skp/cakupan/", {"tahun": TAHUN, "celah": gap, "opd": dik}).content.decode()
        assert "smk-more" not in mine and "smk-more" in everyone, gap
        assert "staf1-more" in mine, gap
    kasi_f = cascade.coverage_scope(actor_for_user(o.users["kasi1"]), tahun=TAHUN)
    people = [p.pk for p in cascade_coverage.gap_tanpa_skp(actor_for_user(o.users["kasi1"]), kasi_f)]
    below = {o.jabatan["staf1"].pk, o.jabatan["kasi1"].pk}
    assert people and all(p.jabatan_id in below for p in o.pegawai.values() if p.pk in people)
    r = kasi.get("/skp/cakupan/", {"tahun": TAHUN})
    assert r.context["cov"] == cascade_coverage.coverage(
        cascade.coverage_scope(actor_for_user(o.users["admin"]), tahun=TAHUN, opd_id=dik)
    )
    # Another agency's scope stays hidden.
    assert kasi.get("/skp/cakupan/", {"tahun": TAHUN, "opd": o.units["kominfo"].pk}).status_code == 404


# ---------------------------------------------------------------------------- query counts
def _count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["admin", "kasi1"])
def test_query_counts_do_not_grow(cas: Cascade, who: str) -> None:
    client = Client()
    client.force_login(cas.org.users[who])
    urls = [
        f"/skp/cakupan/?tahun={TAHUN}",
        f"/skp/cakupan/?tahun={TAHUN}&celah=rhk-yatim",
        f"/skp/cakupan/?tahun={TAHUN}&celah=indikator",
        f"/skp/cakupan/?tahun={TAHUN}&unit={cas.org.units['dik_b1'].pk}",
    ]
    small = [_count(client, u) for u in urls]
    _more_indicators(cas, 12, "Y")
    _more_people(cas, 20)
    large = [_count(client, u) for u in urls]
    assert small == large
    # The second page of the gap list (there is one now; before, it was past the end and read no rows)
    # costs what the first costs.
    assert _count(client, f"/skp/cakupan/?tahun={TAHUN}&celah=indikator&page=2") == large[2]
    # The owners are read once a request, even where the gap list needs them as well as the figure.
    with CaptureQueriesContext(connection) as ctx:
        client.get(urls[2])
    probes = [q for q in ctx.captured_queries if 'FROM "plans_rencanahasilkerja"' in q["sql"] and "EXISTS" in q["sql"]]
    assert len(probes) == 1
