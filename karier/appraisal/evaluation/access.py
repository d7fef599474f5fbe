"""Who may see and do what with an evaluation (Evaluasi). Builds on `karier.people.access`.

- An evaluation is visible exactly when its appraisee is visible (self, superior chain, agency
  head, BKD admin, auditor); a hidden one answers 404.
- Two parties act on it: the appraisee (`pegawai`: realisation, evidence, dialog notes) and the
  appraiser: the `penilai` snapshot, or whoever covers `penilai_jabatan` on the date asked
  (today by default) as definitive holder, Plt or Plh.
- Auditors read everything and act on nothing; admins read everything and rate nobody (unless
  they are the appraiser themselves).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.appraisal.choices import StatusPeriode
from karier.appraisal.models import BuktiDukung, Evaluasi
from karier.appraisal.workflow import period_is_open
from karier.people.access import SYSTEM, Actor, is_rater, visibility_q
from karier.people.choices import JenisPenugasan
from karier.people.models import Penugasan
from karier.people.selectors import active_on, holders_on, officials_above
from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja


def visible_evaluasi(actor: Actor) -> QuerySet[Evaluasi]:
    if actor.user_id is None:
        return Evaluasi.objects.none()
    if actor.sees_everyone:
        return Evaluasi.objects.all()
    # The appraiser always sees what they rate, even after moving out of the appraisee's chain.
    return Evaluasi.objects.filter(visibility_q(actor, prefix="pegawai") | appraiser_q(actor))


def evaluasi_for_actor(actor: Actor, evaluasi_id: int) -> Evaluasi:
    """The evaluation if the actor may see its appraisee; 404 otherwise (ids reveal nothing). The one
    lookup by id of the screens and the API; every child below derives from it."""
    ev = (
        visible_evaluasi(actor)
        .filter(pk=evaluasi_id)
        .select_related("periode", "periode__tahun", "skp", "pegawai", "unit", "jabatan", "penilai", "penilai_jabatan")
        .first()
    )
    if ev is None:
        raise Http404(_("Evaluasi tidak ditemukan."))
    return ev


def iki_of_evaluasi(evaluasi: Evaluasi, iki_id: int) -> IndikatorKinerjaIndividu:
    """An indicator of the evaluated plan (realisation and evidence hang on it), from an evaluation the
    caller already reached through `evaluasi_for_actor`; 404 for any other id."""
    return get_object_or_404(
        IndikatorKinerjaIndividu.objects.select_related("rhk"), pk=iki_id, rhk__skp_id=evaluasi.skp_id
    )


def rhk_of_evaluasi(evaluasi: Evaluasi, rhk_id: int) -> RencanaHasilKerja:
    """A plan row of the evaluated plan (continuous feedback hangs on it); 404 for any other id."""
    return get_object_or_404(RencanaHasilKerja, pk=rhk_id, skp_id=evaluasi.skp_id)


def bukti_of_evaluasi(evaluasi: Evaluasi) -> QuerySet[BuktiDukung]:
    """The evidence of an evaluation the caller already reached, oldest first."""
    return BuktiDukung.objects.filter(realisasi__evaluasi=evaluasi).order_by("diunggah_pada", "pk")


def bukti_for_actor(actor: Actor, bukti_id: int) -> BuktiDukung:
    """Evidence is visible exactly when its evaluation is (`visible_evaluasi`, the parent's one rule:
    the appraiser who rates an evaluation sees its evidence); 404 otherwise."""
    if actor.user_id is None:
        raise Http404(_("Bukti dukung tidak ditemukan."))
    bukti = (
        BuktiDukung.objects.filter(realisasi__evaluasi_id__in=visible_evaluasi(actor).values("pk"), pk=bukti_id)
        .select_related("realisasi", "realisasi__evaluasi", "realisasi__evaluasi__periode")
        .first()
    )
    if bukti is None:
        raise Http404(_("Bukti dukung tidak ditemukan."))
    return bukti


def is_appraisee(actor: Actor, evaluasi: Evaluasi) -> bool:
    return not actor.is_auditor and actor.pegawai_id is not None and actor.pegawai_id == evaluasi.pegawai_id


def is_appraiser(actor: Actor, evaluasi: Evaluasi, on: dt.date | None = None) -> bool:
    """The evaluation's appraiser by the one rule of `karier.people.access.is_rater`: the `penilai`
    snapshot, or whoever covers `penilai_jabatan` on `on` (today by default) as definitive holder, Plt
    or Plh, or — when the appraisee covers his own appraiser's post — the next official up. Never the
    appraisee, never an auditor."""
    return is_rater(
        actor,
        subject_id=evaluasi.pegawai_id,
        penilai_id=evaluasi.penilai_id,
        penilai_jabatan_id=evaluasi.penilai_jabatan_id,
        on=on,
    )


def appraiser_q(actor: Actor, *, instead: bool = False) -> Q:
    """A filter on Evaluasi for the evaluations the actor rates today (snapshot or covered position).

    Positions are those the actor covers today (`actor.jabatan_ids`); a co-covering Plh of a
    position that also has a definitive holder is narrowed by `is_appraiser` on the write.
    With `instead` (the "to rate" lists), also the evaluations that fall to the actor because their
    appraisee covers his own appraiser's post (`falls_to_ids`, a few queries); reads leave it off,
    the actor sees those appraisees through the chain anyway.
    """
    if actor.pegawai_id is None or actor.is_auditor:
        return Q(pk__in=[])
    q = Q(penilai_id=actor.pegawai_id)
    if actor.jabatan_ids:
        q |= Q(penilai_jabatan_id__in=actor.jabatan_ids)
    if instead:
        ids = falls_to_ids(actor)
        if ids:
            q |= Q(pk__in=ids)
    return q & ~Q(pegawai_id=actor.pegawai_id)


def falls_to_ids(actor: Actor, d: dt.date | None = None) -> list[int]:
    """Evaluations the actor rates instead of their appraisee, in open periods (the only ones anybody
    rates): the appraisee covers his own appraiser's post as Plt/Plh on d, is its holder (definitive >
    Plt > Plh), and the actor is the next official up — the rule of `people.access.decides_instead`,
    set-based. One query for the candidates below the actor (driven by the few acting assignments),
    one for who holds their appraiser posts, two per tree level walked; none for an actor without
    subordinates. Memoised on the actor per day."""
    if actor.pegawai_id is None or actor.is_auditor or not actor.has_subordinates:
        return []
    d = d or timezone.localdate()
    memo: dict[dt.date, list[int]] = actor.__dict__.setdefault("_falls_to_ids", {})
    if d in memo:
        return memo[d]
    acting = Penugasan.objects.filter(active_on(d), jenis__in=(JenisPenugasan.PLT, JenisPenugasan.PLH))
    covers_own_post = acting.filter(jabatan_id=OuterRef("penilai_jabatan_id"), pegawai_id=OuterRef("pegawai_id"))
    candidates = list(
        Evaluasi.objects.filter(
            visibility_q(actor, prefix="pegawai"),
            Exists(covers_own_post),
            pegawai_id__in=acting.values("pegawai_id"),
            periode__status=StatusPeriode.DIBUKA,
        )
        .exclude(pegawai_id=actor.pegawai_id)
        .order_by()  # a set: not Evaluasi's ordering, which joins the period, the year and the person
        .values_list("pk", "penilai_jabatan_id", "pegawai_id")
    )
    held = holders_on({j for _pk, j, _p in candidates}, d) if candidates else {}
    starts = {pk: j for pk, j, p in candidates if (c := held.get(j)) is not None and c.pegawai_id == p}
    subject = {pk: p for pk, _j, p in candidates}
    found = officials_above(starts, d, excluded={pk: (subject[pk],) for pk in starts}) if starts else {}
    memo[d] = sorted(pk for pk, o in found.items() if o.pegawai_id == actor.pegawai_id)
    return memo[d]


def can_record(actor: Actor, evaluasi: Evaluasi) -> bool:
    """Realisation and evidence: the appraisee, while the period is open and the evaluation unlocked."""
    return is_appraisee(actor, evaluasi) and not evaluasi.terkunci and period_is_open(evaluasi.periode)


def can_rate(actor: Actor, evaluasi: Evaluasi) -> bool:
    return not evaluasi.terkunci and period_is_open(evaluasi.periode) and is_appraiser(actor, evaluasi)


def can_comment(actor: Actor, evaluasi: Evaluasi) -> bool:
    """Dialog notes: either party while unlocked."""
    return not evaluasi.terkunci and (is_appraisee(actor, evaluasi) or is_appraiser(actor, evaluasi))


def can_fill_from_source(actor: Actor) -> bool:
    """Filling a realisation from another record (the unit's IKM when its SKM period closes) is
    Karier's own work (`SYSTEM`): a person's realisation is theirs to record, and nobody else —
    not even a BKD admin — writes it for them."""
    return SYSTEM.roles[0] in actor.roles


def can_manage_calendar(actor: Actor) -> bool:
    return actor.is_admin and not actor.is_auditor
