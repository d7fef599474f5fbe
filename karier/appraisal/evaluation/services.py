"""Every write of the appraisal app (parts 1, 2 and 4 of issue #5). Validate first, then write in one
transaction, then audit. Period/calendar writes live in `periods.py`, realisation and evidence in
`evidence.py`; they are re-exported here so callers have one import.

Refusals: `PermissionDenied` (403 in the API) when the actor is not the party who may act;
`ValidationError` (409), keyed by field where one input is at fault, for bad input, a locked
(FINAL) evaluation or a period that is not open.

Decisions (docs/appraisal.md):
- The appraiser is the evaluation's `penilai` snapshot (resolved on the period's end date) or
  whoever covers `penilai_jabatan` on the day of the rating (definitive, Plt or Plh).
- A rating other than "Sesuai Ekspektasi" needs a written reason of at least 10 characters; "Sesuai"
  needs none (`karier.rules.alasan_rating_wajib`, docs/rating.md — PermenPANRB 6/2022 asks for the
  justification of a rating away from the agreed expectations).
- A unit leader's rating hasil kerja follows the unit's predikat kinerja organisasi for the period
  when one is set (`karier.rules.rating_from_organisasi`); a different value is refused.
- Bulk rating validates every row first and writes all or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from karier import rules
from karier.appraisal.choices import RatingChoice, StatusEvaluasi, StatusFinalisasi
from karier.appraisal.evaluation import access
from karier.appraisal.evaluation.evidence import (  # noqa: F401  (re-exported)
    bukti_delete,
    bukti_upload,
    bukti_upload_for_iki,
    realisasi_set,
)
from karier.appraisal.evaluation.periods import (  # noqa: F401  (re-exported)
    evaluasi_bulk_create,
    evaluasi_get_or_create,
    kalender_set,
    periode_open,
    periode_update,
)
from karier.appraisal.models import (
    CatatanDialog,
    Evaluasi,
    FinalisasiUnit,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
    UmpanBalik,
)
from karier.appraisal.workflow import (
    MSG_TERKUNCI,
    RATEABLE,
    Aksi,
    calibration_unit_id,
    ensure_editable,
    ensure_period_open,
    lock_reason,
    move,
    status_label,
)
from karier.core import audit
from karier.people.access import Actor, decides_instead
from karier.people.selectors import holders_on
from karier.plans.models import RencanaHasilKerja

MIN_ALASAN = rules.MIN_ALASAN_RATING
MAX_TEKS = 2000
MSG_BUKAN_PENILAI = gettext_noop(
    "Hanya pejabat penilai kinerja pegawai ini pada periode tersebut (atau Plt/Plh jabatannya "
    "saat ini) yang dapat memberi rating."
)

MSG_RATING = gettext_noop("Pilih rating: Di Atas, Sesuai, atau Di Bawah Ekspektasi.")
RATING_FIELDS = ("rating_hasil_kerja", "alasan_hasil_kerja", "rating_perilaku", "alasan_perilaku")


# ---------------------------------------------------------------------------- ratings
def required_rating_hasil_kerja(evaluasi: Evaluasi, organisasi: Mapping[int, str] | None = None) -> str | None:
    """The rating hasil kerja a unit leader must have (from the unit's result), or None when free.

    `organisasi` ({unit_id: predikat}) lets a bulk caller pass the period's unit results at once.
    """
    if not evaluasi.jabatan.adalah_kepala_unit:
        return None
    if organisasi is None:
        predikat = (
            PredikatOrganisasiUnit.objects.filter(unit_id=evaluasi.unit_id, periode_id=evaluasi.periode_id)
            .values_list("predikat", flat=True)
            .first()
        )
    else:
        predikat = organisasi.get(evaluasi.unit_id)
    return str(rules.rating_from_organisasi(predikat)) if predikat else None


def unit_results(periode: PeriodePenilaian, unit_ids: Iterable[int]) -> dict[int, str]:
    """{unit_id: predikat organisasi} of the period for these units (one query)."""
    return dict(
        PredikatOrganisasiUnit.objects.filter(periode=periode, unit_id__in=set(unit_ids)).values_list(
            "unit_id", "predikat"
        )
    )


@dataclass(frozen=True)
class RatingInput:
    rating_hasil_kerja: str
    alasan_hasil_kerja: str
    rating_perilaku: str
    alasan_perilaku: str

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> RatingInput:
        return cls(*((str(data.get(f) or "")).strip() for f in RATING_FIELDS))


def alasan_problem(rating: str, alasan: str) -> str | None:
    """Why this reason is refused for this rating, or None: a reason of at least `MIN_ALASAN`
    characters only where the rating is not "Sesuai Ekspektasi" (`karier.rules.alasan_rating_wajib`),
    at most `MAX_TEKS` everywhere. The one rule behind the single rating, the bulk screen and the API."""
    text = (alasan or "").strip()
    if len(text) > MAX_TEKS:
        return gettext("Alasan paling banyak %(n)s karakter.") % {"n": MAX_TEKS}
    if rating in RatingChoice.values and rules.alasan_rating_wajib(rating) and len(text) < MIN_ALASAN:
        return gettext(
            "Rating “%(rating)s” perlu alasan (paling sedikit %(n)s karakter); hanya Sesuai Ekspektasi "
            "yang boleh tanpa alasan."
        ) % {"rating": rating, "n": MIN_ALASAN}
    return None


def alasan_wajib(rating: str) -> bool:
    """Whether the screen should ask for a reason for this (possibly empty or unknown) choice."""
    return rating in RatingChoice.values and rules.alasan_rating_wajib(rating)


def rating_errors(evaluasi: Evaluasi, data: RatingInput, *, required_hk: str | None) -> dict[str, str]:
    """Field errors of one rating ({} when fine); who/lock/period are checked by the callers."""
    errors: dict[str, str] = {}
    for field in ("rating_hasil_kerja", "rating_perilaku"):
        if getattr(data, field) not in RatingChoice.values:
            errors[field] = gettext(MSG_RATING)
    for rating_field, field in (("rating_hasil_kerja", "alasan_hasil_kerja"), ("rating_perilaku", "alasan_perilaku")):
        problem = alasan_problem(getattr(data, rating_field), getattr(data, field))
        if problem:
            errors[field] = problem
    if required_hk and "rating_hasil_kerja" not in errors and data.rating_hasil_kerja != required_hk:
        errors["rating_hasil_kerja"] = (
            f"Pegawai ini memimpin unit {evaluasi.unit.nama}; rating hasil kerjanya mengikuti predikat kinerja "
            f"organisasi unit pada periode ini, yaitu \u201c{required_hk}\u201d (SE MenPANRB 3/2023)."
        )
    return errors


def predikat_for(rating_hasil_kerja: str, rating_perilaku: str) -> str:
    """The predikat the two ratings give (karier.rules); "" while either is missing or unknown."""
    if rating_hasil_kerja not in RatingChoice.values or rating_perilaku not in RatingChoice.values:
        return ""
    return str(rules.predikat_kinerja(rating_hasil_kerja, rating_perilaku))


def _holders_today(evaluations: Iterable[Evaluasi], who: Actor) -> dict[int, int]:
    """{jabatan_id: pegawai_id of its holder today} for the appraiser positions the actor covers (one
    query, none when the actor covers none of them)."""
    if who.pegawai_id is None or who.is_auditor:
        return {}
    jabatan = {
        ev.penilai_jabatan_id
        for ev in evaluations
        if ev.penilai_jabatan_id in who.jabatan_ids and who.pegawai_id not in (ev.penilai_id, ev.pegawai_id)
    }
    if not jabatan:
        return {}
    return {j: c.pegawai_id for j, c in holders_on(jabatan, timezone.localdate()).items()}


def _refusal(who: Actor, ev: Evaluasi, holders: Mapping[int, int], *, finalised: bool | None = None) -> str | None:
    """Who, lock, period, state — the first reason a rating is refused, or None. One rule for a single
    rating and for every row of a bulk rating.

    Who: the rule of `access.is_appraiser`, with the holders of the positions the actor covers looked up
    beforehand (`_holders_today`, once for all rows). Lock: final, signed, or its unit's calibration
    finalised (`finalised` passed by a bulk caller; otherwise one query).
    """
    appraiser = (
        who.pegawai_id is not None
        and not who.is_auditor
        and who.pegawai_id != ev.pegawai_id
        and (
            ev.penilai_id == who.pegawai_id
            or (ev.penilai_jabatan_id is not None and holders.get(ev.penilai_jabatan_id) == who.pegawai_id)
            or (
                ev.penilai_jabatan_id not in who.jabatan_ids  # conflict of interest: next official up
                and decides_instead(who, ev.penilai_jabatan_id, ev.pegawai_id)
            )
        )
    )
    if not appraiser:
        return gettext(MSG_BUKAN_PENILAI)
    locked = lock_reason(ev, finalised=finalised)
    if locked:
        return locked
    try:
        ensure_period_open(ev.periode)
    except ValidationError as exc:
        return exc.messages[0]
    if ev.status not in RATEABLE:
        return gettext("Evaluasi berstatus %(status)s tidak dapat dinilai.") % {"status": status_label(ev.status)}
    return None


def rating_refusals(actor: Actor, periode: PeriodePenilaian, evaluations: list[Evaluasi]) -> dict[int, str]:
    """{evaluasi_id: why the actor may not rate it now} — `_refusal` for many evaluations of one period,
    with the finalised units and the holders read once (two queries). The bulk service refuses these
    rows and the bulk screen shows them read-only, so "Sesuai untuk semua" never fills a row the
    service would refuse (a Plh beside the definitive holder, a finalised unit)."""
    finalised = set(
        FinalisasiUnit.objects.filter(periode=periode, status=StatusFinalisasi.FINAL).values_list("unit_id", flat=True)
    )
    holders = _holders_today(evaluations, actor)
    out: dict[int, str] = {}
    for ev in evaluations:
        reason = _refusal(actor, ev, holders, finalised=calibration_unit_id(ev) in finalised)
        if reason:
            out[ev.pk] = reason
    return out


def _apply(ev: Evaluasi, data: RatingInput, now: Any) -> dict[str, list[Any]]:
    before = {f: getattr(ev, f) for f in (*RATING_FIELDS, "predikat", "status")}
    ev.rating_hasil_kerja, ev.alasan_hasil_kerja = data.rating_hasil_kerja, data.alasan_hasil_kerja
    ev.rating_perilaku, ev.alasan_perilaku = data.rating_perilaku, data.alasan_perilaku
    ev.predikat = predikat_for(data.rating_hasil_kerja, data.rating_perilaku)
    move(ev, Aksi.NILAI)
    ev.dinilai_pada = now
    return audit.diff(before, {f: getattr(ev, f) for f in before})


UPDATE_FIELDS = [*RATING_FIELDS, "predikat", "status", "dinilai_pada"]


def rating_set(
    *,
    actor: Actor,
    evaluasi: Evaluasi,
    rating_hasil_kerja: str,
    alasan_hasil_kerja: str,
    rating_perilaku: str,
    alasan_perilaku: str,
) -> Evaluasi:
    """The appraiser's two ratings with their reasons; the predikat comes from `karier.rules`."""
    reason = _refusal(actor, evaluasi, _holders_today([evaluasi], actor))
    if reason == gettext(MSG_BUKAN_PENILAI):
        raise PermissionDenied(reason)
    if reason:
        raise ValidationError(reason)
    data = RatingInput(
        rating_hasil_kerja.strip(),
        (alasan_hasil_kerja or "").strip(),
        rating_perilaku.strip(),
        (alasan_perilaku or "").strip(),
    )
    errors = rating_errors(evaluasi, data, required_hk=required_rating_hasil_kerja(evaluasi))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
        ensure_editable(locked)
        changes = _apply(locked, data, timezone.now())
        locked.save(update_fields=UPDATE_FIELDS)
        audit.record(
            actor=actor,
            action="penilaian.rating",
            obj=locked,
            summary=f"Rating {evaluasi.periode.nama}: {locked.predikat}",
            changes=changes,
        )
    for f in UPDATE_FIELDS:
        setattr(evaluasi, f, getattr(locked, f))
    return evaluasi


class BulkRatingError(ValidationError):
    """Per-row refusals of a bulk rating: `rows` = {evaluasi_id: {field: message}}; nothing was saved."""

    def __init__(self, rows: dict[int, dict[str, str]]) -> None:
        self.rows = rows
        super().__init__({str(ev_id): list(errs.values()) for ev_id, errs in rows.items()})


def rating_bulk_set(
    *, actor: Actor, periode: PeriodePenilaian, rows: Mapping[int, Mapping[str, Any]] | Mapping[str, Mapping[str, Any]]
) -> int:
    """Rate many subordinates at once: {evaluasi_id: {rating_hasil_kerja, alasan_hasil_kerja,
    rating_perilaku, alasan_perilaku}}. Every row is validated first; if any row is refused,
    nothing is written and `BulkRatingError.rows` says why per row. Unchanged rows are skipped.
    Returns the number of evaluations written. A fixed number of queries whatever the row count.
    """
    if not rows:
        raise ValidationError(gettext("Tidak ada rating yang dikirim."))
    norm = {int(k): v for k, v in rows.items()}
    ids = list(norm)
    # Only evaluations the actor may see: another agency's id answers exactly like a missing one.
    found = {
        ev.pk: ev
        for ev in access.visible_evaluasi(actor)
        .filter(pk__in=ids, periode=periode)
        .select_related("periode", "unit", "jabatan__atasan")
    }
    refusals = rating_refusals(actor, periode, list(found.values()))
    organisasi = unit_results(periode, (ev.unit_id for ev in found.values()))
    errors: dict[int, dict[str, str]] = {}
    cleaned: dict[int, RatingInput] = {}
    for ev_id in ids:
        ev = found.get(ev_id)
        if ev is None:
            errors[ev_id] = {"__all__": gettext("Evaluasi tidak ditemukan pada periode ini.")}
            continue
        reason = refusals.get(ev_id)
        if reason:
            errors[ev_id] = {"__all__": reason}
            continue
        data = RatingInput.of(norm[ev_id])
        row_errors = rating_errors(ev, data, required_hk=required_rating_hasil_kerja(ev, organisasi))
        if row_errors:
            errors[ev_id] = row_errors
        else:
            cleaned[ev_id] = data
    if errors:
        raise BulkRatingError(errors)
    now = timezone.now()
    with transaction.atomic():
        locked = {ev.pk: ev for ev in Evaluasi.objects.select_for_update().filter(pk__in=list(cleaned))}
        if any(ev.terkunci for ev in locked.values()):
            raise BulkRatingError({pk: {"__all__": MSG_TERKUNCI} for pk, ev in locked.items() if ev.terkunci})
        changed: list[Evaluasi] = []
        events: list[tuple[Evaluasi, dict[str, list[Any]]]] = []
        for pk, data in cleaned.items():
            ev = locked[pk]
            same = all(getattr(ev, f) == getattr(data, f) for f in RATING_FIELDS)
            if same and ev.status == StatusEvaluasi.DINILAI:
                continue
            events.append((ev, _apply(ev, data, now)))
            changed.append(ev)
        Evaluasi.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=500)
        _audit_bulk(actor, periode, events)
    return len(changed)


def _audit_bulk(actor: Actor, periode: PeriodePenilaian, events: list[tuple[Evaluasi, dict[str, list[Any]]]]) -> None:
    # One insert under one chain-head lock (karier.core.audit keeps the hash chain).
    audit.record_many(
        actor=actor,
        entries=[
            audit.Entry(
                action="penilaian.rating",
                obj=ev,
                summary=f"Rating {periode.nama} (massal): {ev.predikat}",
                changes=changes,
            )
            for ev, changes in events
        ],
    )


# ---------------------------------------------------------------------------- feedback and dialog
def _teks(teks: str | None, field: str = "teks") -> str:
    text = (teks or "").strip()
    if not text:
        raise ValidationError({field: gettext("Tulis isinya lebih dulu.")})
    if len(text) > MAX_TEKS:
        raise ValidationError({field: gettext("Paling banyak %(n)s karakter.") % {"n": MAX_TEKS}})
    return text


def umpan_balik_add(*, actor: Actor, evaluasi: Evaluasi, rhk: RencanaHasilKerja, teks: str) -> UmpanBalik:
    """Continuous feedback (umpan balik berkelanjutan) of the appraiser on one RHK of the plan."""
    if not access.is_appraiser(actor, evaluasi):
        raise PermissionDenied(gettext("Hanya pejabat penilai yang dapat memberi umpan balik berkelanjutan."))
    ensure_editable(evaluasi)
    if rhk.skp_id != evaluasi.skp_id:
        raise ValidationError({"rhk": gettext("RHK ini bukan bagian dari SKP yang dievaluasi.")})
    text = _teks(teks)
    with transaction.atomic():
        row = UmpanBalik.objects.create(evaluasi=evaluasi, rhk=rhk, penulis_id=actor.user_id, teks=text)
        audit.record(actor=actor, action="penilaian.umpan_balik", obj=row, summary=text[:120])
    return row


def catatan_add(*, actor: Actor, evaluasi: Evaluasi, teks: str) -> CatatanDialog:
    """A dialog kinerja note by the appraisee or the appraiser."""
    if not (access.is_appraisee(actor, evaluasi) or access.is_appraiser(actor, evaluasi)):
        raise PermissionDenied(
            gettext("Hanya pegawai yang dinilai dan pejabat penilainya yang dapat menulis catatan dialog kinerja.")
        )
    ensure_editable(evaluasi)
    text = _teks(teks)
    with transaction.atomic():
        row = CatatanDialog.objects.create(evaluasi=evaluasi, penulis_id=actor.user_id, teks=text)
        audit.record(actor=actor, action="penilaian.catatan", obj=row, summary=text[:120])
    return row
