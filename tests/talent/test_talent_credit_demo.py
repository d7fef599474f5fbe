"""The angka kredit demo (issue #12 §3): opening credits for the functional employees within what
their step needs, a few uji kompetensi and formasi, one PAK — and nothing more on a second run."""

from __future__ import annotations

import pytest

from karier.rules.angka_kredit import next_credit_step
from karier.talent.credit import compute, demo
from karier.talent.models import (
    EntriAngkaKredit,
    FormasiJenjang,
    JenisEntriAk,
    PenetapanAngkaKredit,
    StatusAngkaKredit,
    UjiKompetensi,
)
from tests.orgdata import Org
from tests.talent.talent_credit_helpers import make_functional, predikat


@pytest.mark.django_db
def test_seed_demo_is_plausible_and_idempotent(org: Org) -> None:
    people = make_functional(org, 3) + make_functional(org, 3, golongan=32, start=10)  # III/a and III/b
    for p in people:
        predikat(p, 2025, "Baik")
    compute.post_credit([p.pk for p in people], 2025)
    summary = demo.seed_demo()
    assert "Angka kredit" in summary
    konversi = EntriAngkaKredit.objects.filter(jenis=JenisEntriAk.KONVERSI)
    assert konversi.count() == 7  # the org's own pranata too
    for e in konversi.select_related("golongan"):
        step = next_credit_step(e.jenjang, e.golongan.kode)
        assert step is not None and 0 < e.pembilang / e.penyebut < step.need
    assert StatusAngkaKredit.objects.count() == 7
    assert UjiKompetensi.objects.filter(lulus=True).exists() and UjiKompetensi.objects.filter(lulus=False).exists()
    assert FormasiJenjang.objects.exists()
    assert PenetapanAngkaKredit.objects.count() == 1
    before = (konversi.count(), UjiKompetensi.objects.count(), FormasiJenjang.objects.count())
    assert "sudah ada" in demo.seed_demo()
    assert (konversi.count(), UjiKompetensi.objects.count(), FormasiJenjang.objects.count()) == before
