"""Reads of angka kredit for the screens and the API (issue #12 §3), in a fixed number of queries.

`credit_for_person` is what a person's credit page shows and what the career page (lead) includes:
the ledger with exact values, the accumulated and used credit, the remainder, what the next pangkat
and jenjang still need with their progress, the projection sentence, and the three conditions of a
jenjang promotion (formasi, uji kompetensi, at least Baik in the last year), each met or missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karier.core.numbers import angka
from karier.people.access import Actor
from karier.people.models import JabatanFungsional, Pegawai
from karier.rules.angka_kredit import formasi_vacancies
from karier.rules.career import credit_projection, fraction_to_decimal
from karier.rules.jabatan import next_jenjang
from karier.rules.labels import Predikat
from karier.rules.predikat import predikat_at_least
from karier.talent.access import people_for_actor, person_for_actor
from karier.talent.credit.access import can_decide
from karier.talent.credit.ledger import PersonLedger, credit_text, functional_jenjang, person_ledger
from karier.talent.models import (
    EntriAngkaKredit,
    FormasiJenjang,
    JenisEntriAk,
    PenetapanAngkaKredit,
    PredikatTahunan,
    StatusAngkaKredit,
    UjiKompetensi,
)

__all__ = ["Syarat", "credit_for_person", "formasi_list", "jenjang_conditions", "ledger_rows", "status_list"]


@dataclass(frozen=True)
class Syarat:
    kode: str
    label: str
    met: bool
    detail: str


def ledger_rows(ledger: PersonLedger) -> list[dict[str, Any]]:
    """One row per entry, oldest first, with the running balance toward the next step."""
    rows = []
    running = Fraction(0)
    for n, (e, v) in enumerate(zip(ledger.entries, ledger.values, strict=True)):
        running = max(running + v, Fraction(0)) if e.jenis == JenisEntriAk.PENGGUNAAN else running + v
        rows.append(
            {
                "entri": e,
                "nilai": credit_text(v),
                "nilai_desimal": fraction_to_decimal(v),
                "saldo": credit_text(running),
                "sejak_kenaikan": n >= ledger.since,
                "pecahan": f"{v.numerator}/{v.denominator}" if v.denominator != 1 else str(v.numerator),
            }
        )
    return rows


def _pct(held: Fraction, need: Fraction | None) -> int:
    if not need:
        return 100
    return int(min(held / need, Fraction(1)) * 100)


def target_jf_ids(jf: JabatanFungsional | None, target: str) -> list[str]:
    """The functional position rows a move to `target` lands on: SIASN lists one row per jenjang
    ("Pranata Komputer Ahli Pertama", "… Ahli Muda"), so the same family at the target jenjang, and the
    person's own row (an agency may set the formation on it). One query."""
    if jf is None:
        return []
    base = jf.nama[: -len(jf.jenjang)].strip() if jf.jenjang and jf.nama.endswith(jf.jenjang) else jf.nama
    same_family = JabatanFungsional.objects.filter(nama=f"{base} {target}").values_list("pk", flat=True)
    return [jf.pk, *same_family]


def jenjang_conditions(pegawai: Pegawai, jenjang: str) -> list[Syarat]:
    """The three conditions of a move to the next jenjang besides the credit (three queries)."""
    upper = next_jenjang(jenjang)
    if upper is None:
        return []
    target = upper.value
    jab = pegawai.jabatan
    jf_ids = target_jf_ids(jab.jabatan_fungsional if jab and jab.jabatan_fungsional_id else None, target)
    formasi = (
        FormasiJenjang.objects.filter(opd_id=pegawai.opd_id, jabatan_fungsional_id__in=jf_ids, jenjang=target)
        .order_by("-jumlah")
        .first()
        if jf_ids and pegawai.opd_id
        else None
    )
    if formasi is None:
        f = Syarat("formasi", _("Formasi jenjang %(j)s") % {"j": target}, False, _("Formasi belum ditetapkan BKD."))
    else:
        holders = Pegawai.objects.filter(
            Q(jabatan__jenjang=target) | Q(jabatan__jenjang="", jabatan__jabatan_fungsional__jenjang=target),
            aktif=True,
            opd_id=pegawai.opd_id,
            jabatan__jabatan_fungsional_id__in=jf_ids,
        ).count()
        free = formasi_vacancies(formasi.jumlah, holders)
        f = Syarat(
            "formasi",
            _("Formasi jenjang %(j)s") % {"j": target},
            free > 0,
            _("%(free)s dari %(n)s formasi kosong") % {"free": angka(free), "n": angka(formasi.jumlah)},
        )
    uji = UjiKompetensi.objects.filter(pegawai=pegawai, jenjang_tujuan=target).order_by("-lulus", "-tanggal").first()
    u = Syarat(
        "uji_kompetensi",
        _("Lulus uji kompetensi ke %(j)s") % {"j": target},
        bool(uji and uji.lulus),
        (
            _("Belum pernah mengikuti uji kompetensi.")
            if uji is None
            else (_("Lulus") if uji.lulus else _("Belum lulus")) + f" ({date_format(uji.tanggal, 'j F Y')})"
        ),
    )
    last = PredikatTahunan.objects.filter(pegawai=pegawai).order_by("-tahun").first()
    p = Syarat(
        "predikat",
        _("Predikat paling rendah Baik pada tahun terakhir"),
        bool(last and last.predikat and predikat_at_least(last.predikat, Predikat.BAIK)),
        _("Belum ada predikat tahunan.") if last is None else f"{last.tahun}: {last.predikat}",
    )
    return [f, u, p]


def credit_for_person(actor: Actor, pegawai: Pegawai) -> dict[str, Any] | None:
    """Everything the credit section shows about a visible person; None for someone without angka
    kredit (not in a functional position). Fixed number of queries."""
    person = person_for_actor(actor, pegawai.pk)
    person = Pegawai.objects.select_related("jabatan__jabatan_fungsional", "golongan", "unit", "opd").get(pk=person.pk)
    jenjang = functional_jenjang(person)
    if jenjang is None:
        return None
    entries = list(EntriAngkaKredit.objects.filter(pegawai=person).select_related("golongan"))
    ledger = person_ledger(person, entries) if person.golongan_id else None
    paks = list(PenetapanAngkaKredit.objects.filter(pegawai=person).order_by("-tahun", "-pk"))
    uji = list(UjiKompetensi.objects.filter(pegawai=person).order_by("-tanggal", "-pk"))
    ctx: dict[str, Any] = {
        "pegawai": person,
        "jenjang": jenjang,
        "ledger": ledger,
        "paks": paks,
        "uji": uji,
        "boleh_putuskan": can_decide(actor, person.pk),
    }
    if ledger is None:
        ctx["golongan_salah"] = True
        return ctx
    step = ledger.next_step
    projection = (
        credit_projection(jenjang, ledger.golongan, ledger.held, timezone.localdate()) if step is not None else None
    )
    rows = ledger_rows(ledger)
    ctx.update(
        rows=rows,
        total=credit_text(ledger.total),
        digunakan=credit_text(ledger.used),
        sisa=credit_text(ledger.held),
        langkah=step,
        kebutuhan=credit_text(Fraction(step.need)) if step else "-",
        kekurangan=credit_text(ledger.shortfall),
        persen=_pct(ledger.held, Fraction(step.need) if step else None),
        kebutuhan_jenjang=credit_text(ledger.jenjang_need),
        kekurangan_jenjang=credit_text(ledger.jenjang_shortfall),
        persen_jenjang=_pct(ledger.held, ledger.jenjang_need) if ledger.jenjang_need is not None else None,
        proyeksi=projection,
        memenuhi=ledger.eligible_by_credit,
        syarat_jenjang=jenjang_conditions(person, jenjang),
        penggunaan=[r for r in rows if r["entri"].jenis == JenisEntriAk.PENGGUNAAN],
    )
    return ctx


def formasi_list(*, opd_id: int | None = None, jenjang: str = "", q: str = "") -> QuerySet[FormasiJenjang]:
    """Formasi with filters (agency, jenjang, name of the functional position)."""
    qs = FormasiJenjang.objects.select_related("opd", "jabatan_fungsional").order_by(
        "opd__nama", "jabatan_fungsional__nama", "jenjang", "pk"
    )
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    if jenjang:
        qs = qs.filter(jenjang=jenjang)
    if q:
        qs = qs.filter(jabatan_fungsional__nama__icontains=q)
    return qs


def status_list(
    actor: Actor, *, opd_id: int | None = None, jenjang: str = "", memenuhi: str = ""
) -> QuerySet[StatusAngkaKredit]:
    """The computed credit status of the functional employees the actor may see (the BKD list):
    reads the StatusAngkaKredit rows, never sums a ledger. `memenuhi`: "ya" (credit for the next
    step complete), "tidak", or "" (all)."""
    qs = (
        StatusAngkaKredit.objects.filter(pegawai__in=people_for_actor(actor).values("pk"))
        .select_related("pegawai__opd", "golongan", "golongan_berikut")
        .order_by("pegawai__nama", "pegawai_id")
    )
    if opd_id:
        qs = qs.filter(pegawai__opd_id=opd_id)
    if jenjang:
        qs = qs.filter(jenjang=jenjang)
    if memenuhi == "ya":
        qs = qs.filter(kekurangan__lte=0)
    elif memenuhi == "tidak":
        qs = qs.filter(kekurangan__gt=0)
    return qs
