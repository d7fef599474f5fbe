"""Demo proposals (issue #12 item 2), so the promotion screens show each status on the first
`bin/demo`: people eligible on the next promotion date proposed by Sari (BKD admin), one verified,
one rejected, and one decided earlier this year with its SK (written into the rank history).

Runs after the recompute job (it reads the stored eligibility; computes it when none exists).
Idempotent: once demo proposals exist, nothing is added.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.accounts.models import User
from karier.people.access import SYSTEM, Actor, as_actor
from karier.people.choices import JenisAsn
from karier.people.demo.personas import SARI
from karier.people.models import Pegawai
from karier.rules import next_promotion_date
from karier.talent.models import JenisKenaikan, KelayakanPangkat, UsulanKenaikanPangkat
from karier.talent.promotion import services
from karier.talent.promotion.compute import evaluate, load_inputs, recompute_kelayakan

CATATAN = "Usulan contoh untuk demo."
PROPOSED = 3
SCAN = 200  # candidates looked at for the decision earlier this year


def _actor() -> Actor:
    user = User.objects.filter(username=SARI.nip).first()
    return as_actor(user) if user is not None else SYSTEM


def _earlier_date(today: dt.date) -> dt.date:
    """A promotion date earlier this year (1 March, or 1 January early in the year)."""
    return dt.date(today.year, 3, 1) if today >= dt.date(today.year, 4, 1) else dt.date(today.year, 1, 1)


def seed_demo() -> str:
    if UsulanKenaikanPangkat.objects.filter(catatan__startswith=CATATAN).exists():
        return _("Kenaikan pangkat: usulan contoh sudah ada.")
    today = timezone.localdate()
    if not KelayakanPangkat.objects.exists():
        ids = list(Pegawai.objects.filter(aktif=True, jenis_asn=JenisAsn.PNS).values_list("pk", flat=True))
        recompute_kelayakan(ids, today)
    actor = _actor()
    nxt = next_promotion_date(today)
    candidates = list(
        KelayakanPangkat.objects.filter(tmt_terdekat__lte=nxt, jenis=JenisKenaikan.REGULER)
        .exclude(pegawai_id=actor.pegawai_id or 0)
        .order_by("pegawai_id")
        .values_list("pegawai_id", flat=True)[: SCAN + PROPOSED + 2]
    )
    made: list[UsulanKenaikanPangkat] = []
    decided = 0
    earlier = _earlier_date(today)
    used: set[int] = set()
    # One decided earlier this year: the first candidate the rule finds eligible on that date (their
    # inputs loaded at once, not six queries per candidate).
    for inp in load_inputs(candidates[:SCAN], earlier):
        if not evaluate(inp, earlier).layak:
            continue
        pid = inp.pegawai_id
        pegawai = Pegawai.objects.get(pk=pid)
        try:
            u = services.usulan_create(actor=actor, pegawai=pegawai, tmt=earlier, catatan=CATATAN)
            u = services.usulan_verify(actor=actor, usulan=u)
            services.usulan_decide(
                actor=actor,
                usulan=u,
                nomor_sk=f"800.1.3.3/{pid}/BKD/{earlier.year}",
                tanggal_sk=earlier - dt.timedelta(days=21),
            )
        except ValidationError:
            continue
        used.add(pid)
        decided = 1
        break
    for pid in [p for p in candidates if p not in used][: PROPOSED + 2]:
        pegawai = Pegawai.objects.get(pk=pid)
        try:
            made.append(services.usulan_create(actor=actor, pegawai=pegawai, tmt=nxt, catatan=CATATAN))
        except ValidationError:
            continue
    if len(made) > 1:
        services.usulan_verify(actor=actor, usulan=made[1])
    if len(made) > 2:
        services.usulan_reject(
            actor=actor, usulan=made[2], alasan=_("Berkas belum lengkap: SKP dua tahun terakhir belum diunggah.")
        )
    return _("Kenaikan pangkat: %(n)s usulan contoh, %(d)s ditetapkan.") % {"n": len(made) + decided, "d": decided}
