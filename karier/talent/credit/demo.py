"""Demo angka kredit (issue #12 §3), so the credit screens have real data on the first `bin/demo`:
an opening credit (KONVERSI, the 2023 integration of PermenPANRB 1/2023) for every functional
employee, a few uji kompetensi (passed and failed), formasi for a few agencies, and one issued PAK.

Plausible opening credits: BKN's conversion table (`ak_rentang_per_golongan`: AK integrasi Ahli
Pertama III/a 0–50, III/b 50–100, Ahli Muda III/c 0–100, III/d 100–200, …) is cumulative within the
jenjang; the ledger holds the credit toward the next step, so the demo draws within the step's need
from the person's golongan (III/b: 0–50 toward Ahli Muda), deterministic per person. Written in bulk
(thousands of people) with one audit event each, then the status rows rebuilt set-based; the
handful of uji kompetensi, formasi and the PAK go through the services, as Sari would record them.
Idempotent: once the demo's opening credits exist, nothing is added.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.accounts.models import User
from karier.core import audit
from karier.core.audit import Entry
from karier.people.access import SYSTEM, Actor, as_actor
from karier.people.demo.personas import SARI
from karier.people.models import JabatanFungsional, Pegawai, UnitKerja
from karier.rules.angka_kredit import next_credit_step
from karier.rules.jabatan import next_jenjang
from karier.talent.credit import services
from karier.talent.credit.compute import functional_people, rebuild_status
from karier.talent.credit.ledger import functional_jenjang, golongan_in_jenjang, golongan_kode, to_columns
from karier.talent.credit.selectors import target_jf_ids
from karier.talent.models import EntriAngkaKredit, JenisEntriAk, PenetapanAngkaKredit, UjiKompetensi

TANDA = "integrasi angka kredit (data contoh)"
TAHUN_INTEGRASI = 2023
CHUNK = 2000


def _actor() -> Actor:
    user = User.objects.filter(username=SARI.nip).first()
    return as_actor(user) if user is not None else SYSTEM


def opening_credit(pegawai_id: int, jenjang: str, golongan: str) -> Decimal:
    """A plausible opening credit toward the next step: 10–90 % of its need, three decimals."""
    step = next_credit_step(jenjang, golongan)
    if step is None:
        return Decimal(0)
    share = random.Random(pegawai_id).uniform(0.1, 0.9)
    return (step.need * Decimal(str(share))).quantize(Decimal("0.001"))


def _konversi(actor: Actor) -> tuple[int, list[Pegawai]]:
    ids = list(
        Pegawai.objects.filter(aktif=True, jabatan__jenis="FUNGSIONAL").order_by("pk").values_list("pk", flat=True)
    )
    made = 0
    people: list[Pegawai] = []
    for start in range(0, len(ids), CHUNK):
        chunk = functional_people(ids[start : start + CHUNK])
        rows = []
        for p in chunk:
            jenjang = functional_jenjang(p)
            if jenjang is None or not golongan_in_jenjang(jenjang, golongan_kode(p)):
                continue
            if p.golongan_id is None:
                continue
            people.append(p)
            num, den = to_columns(Fraction(opening_credit(p.pk, jenjang, golongan_kode(p))))
            rows.append(
                EntriAngkaKredit(
                    pegawai_id=p.pk,
                    jenis=JenisEntriAk.KONVERSI,
                    tahun=TAHUN_INTEGRASI,
                    bulan=12,
                    jenjang=jenjang,
                    golongan_id=p.golongan_id,
                    pembilang=num,
                    penyebut=den,
                    keterangan=f"No. 800.1.3.3/{p.pk}/BKD/{TAHUN_INTEGRASI} — {TANDA}",
                    dicatat_oleh_id=actor.user_id,
                )
            )
        with transaction.atomic():
            created = EntriAngkaKredit.objects.bulk_create(rows, batch_size=1000)
            audit.record_many(
                actor=actor,
                entries=[
                    Entry(
                        action="angka_kredit.konversi",
                        obj=e,
                        summary=f"AK konversi (data contoh) untuk pegawai {e.pegawai_id}",
                        changes={"pembilang": e.pembilang, "penyebut": e.penyebut, "tahun": e.tahun},
                    )
                    for e in created
                    if e.pk is not None
                ],
            )
            rebuild_status([r.pegawai_id for r in rows], timezone.localdate())
        made += len(rows)
    return made, people


def _top_of_jenjang(people: list[Pegawai]) -> list[Pegawai]:
    """People at the last golongan of their jenjang (the next step is the jenjang)."""
    out = []
    for p in people:
        jenjang = functional_jenjang(p)
        step = next_credit_step(jenjang, golongan_kode(p)) if jenjang else None
        if step is not None and step.kind == "jenjang":
            out.append(p)
    return out


def _uji(actor: Actor, candidates: list[Pegawai]) -> int:
    today = timezone.localdate()
    done = 0
    for n, p in enumerate(candidates[:4]):
        upper = next_jenjang(functional_jenjang(p) or "")
        if upper is None:
            continue
        lulus = n != 2  # one failed
        try:
            services.uji_kompetensi_record(
                actor=actor,
                pegawai=p,
                jenjang_tujuan=upper.value,
                tanggal=today.replace(day=1),
                lulus=lulus,
                nomor_sertifikat=f"UKOM/{p.pk}/{today.year}" if lulus else "",
                penyelenggara="BKD Provinsi Bengkulu bersama instansi pembina",
            )
        except ValidationError:
            continue
        done += 1
    return done


def _formasi(actor: Actor, candidates: list[Pegawai]) -> int:
    """Formasi at the next jenjang for the agencies of the jenjang candidates (a few, some free)."""
    keys: Counter[tuple[int, str, str]] = Counter()
    for p in candidates:
        jenjang = functional_jenjang(p)
        upper = next_jenjang(jenjang) if jenjang else None
        if upper is None or p.opd_id is None or p.jabatan is None or p.jabatan.jabatan_fungsional_id is None:
            continue
        keys[(p.opd_id, p.jabatan.jabatan_fungsional_id, upper.value)] += 1
    done = 0
    for n, ((opd_id, jf_id, target), count) in enumerate(keys.most_common(6)):
        own = JabatanFungsional.objects.get(pk=jf_id)
        ids = target_jf_ids(own, target)
        row = JabatanFungsional.objects.filter(pk__in=ids).exclude(pk=jf_id).first() or own
        holders = Pegawai.objects.filter(opd_id=opd_id, aktif=True, jabatan__jabatan_fungsional_id__in=ids).count()
        try:
            services.formasi_set(
                actor=actor,
                opd=UnitKerja.objects.get(pk=opd_id),
                jabatan_fungsional=row,
                jenjang=target,
                jumlah=holders + (count if n % 3 else 0) + 1 * (n % 2),
                nomor_dokumen=f"800.1.2/{opd_id}/BKD/{timezone.localdate().year}",
            )
        except ValidationError:
            continue
        done += 1
    return done


def _pak(actor: Actor, people: list[Pegawai]) -> int:
    ids = [p.pk for p in people if p.pk != actor.pegawai_id]
    best = (
        EntriAngkaKredit.objects.filter(pegawai_id__in=ids[:CHUNK], jenis=JenisEntriAk.PREDIKAT)
        .order_by("-tahun", "pegawai_id")
        .values_list("pegawai_id", "tahun")
        .first()
    )
    if best is None:
        return 0
    pegawai_id, tahun = best
    try:
        services.pak_issue(
            actor=actor,
            pegawai=Pegawai.objects.get(pk=pegawai_id),
            tahun=tahun,
            nomor=f"800.1.3.3/PAK/{pegawai_id}/BKD/{tahun + 1}",
            tanggal=timezone.localdate(),
        )
    except ValidationError:
        return 0
    return 1


def seed_demo() -> str:
    if EntriAngkaKredit.objects.filter(jenis=JenisEntriAk.KONVERSI, keterangan__endswith=TANDA).exists():
        return _("Angka kredit: data contoh sudah ada.")
    actor = _actor()
    made, people = _konversi(actor)
    candidates = [p for p in _top_of_jenjang(people) if p.pk != actor.pegawai_id]
    uji = _uji(actor, candidates) if not UjiKompetensi.objects.exists() else 0
    formasi = _formasi(actor, candidates)
    pak = _pak(actor, people) if not PenetapanAngkaKredit.objects.exists() else 0
    return _(
        "Angka kredit: %(n)s angka kredit konversi, %(u)s uji kompetensi, %(f)s formasi, %(p)s PAK ditetapkan."
    ) % {"n": made, "u": uji, "f": formasi, "p": pak}
