"""`history_seed`: closed past years for the demo, written set-based.

For each past year: the performance year with its calendar (quarters and the annual period, all
DITUTUP), an approved SKP per active employee with a position (rows from the position's standard, as
`karier skp-bulk` makes them), one FINAL annual evaluation per plan with a realisation of each
indicator that fits the rating (above, on or below target), both ratings and the predikat of
`karier.rules`, signed by the appraiser and by the appraiser's superior (the holders of
the superior posts on 31 December, resolved in memory by `people.selectors.AppraiserTree`), the
signed snapshot that a signature freezes (with its hash anchored in the audit chain, so `karier
periksa-audit` finds nothing amiss), each calibration unit finalised, and finally the year closed
through `plans.years.tahun_close` (which re-checks that nothing is left open).

The position of a year is the definitive assignment in force on 31 December when the demo records
one, else the current position (the demo generator keeps only the latest one or two posts of each
person). Nobody is given a year that ended before their TMT CPNS.

Cost: a fixed number of reads per year (people, assignments, the position tree, standards) and a
fixed number of statements per chunk of `CHUNK` people (plans, rows, indicators, expectations,
evaluations, realisations, their snapshot content and snapshots, one audit insert for the snapshot
anchors), each chunk its own transaction. A year that already has annual evaluations is skipped whole, so running
it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.accounts.models import User
from karier.appraisal import workflow
from karier.appraisal.choices import JenisPeriode, StatusEvaluasi, StatusFinalisasi, StatusPeriode
from karier.appraisal.demo_history.content import contents
from karier.appraisal.demo_history.ratings import Nilai, Stories, counts, pick_stories, ratings_for
from karier.appraisal.demo_history.rows import REALISASI_COLUMNS, realised
from karier.appraisal.evaluation import access as evaluation_access
from karier.appraisal.evaluation import periods, snapshots
from karier.appraisal.models import (
    Evaluasi,
    FinalisasiUnit,
    KalenderPenilaian,
    PeriodePenilaian,
    Realisasi,
    SnapshotEvaluasi,
)
from karier.core import audit
from karier.core.bulk import bulk_insert
from karier.people.access import Actor
from karier.people.choices import JenisPenugasan
from karier.people.demo.personas import DODI, WATI
from karier.people.models import Jabatan, Pegawai, Penugasan
from karier.people.selectors import AppraiserTree, active_on
from karier.plans.bulk import _load_templates, _RhkTemplate, write_plan_rows
from karier.plans.choices import StatusSkp, SumberSkp
from karier.plans.models import Skp, TahunKinerja
from karier.plans.years import tahun_close
from karier.rules import Rating
from karier.standards.models import NilaiBerakhlak

CHUNK = 2_000
MAX_TAHUN = 10
TAHUN_MIN = 2000
Progress = Callable[[str], None]

ALASAN_HASIL = {
    Rating.DI_ATAS: "Realisasi melampaui target pada sebagian besar indikator kinerja individu.",
    Rating.SESUAI: "Realisasi sesuai dengan target yang ditetapkan dalam SKP.",
    Rating.DI_BAWAH: "Sebagian besar realisasi berada di bawah target; perlu bimbingan kinerja.",
}
ALASAN_PERILAKU = {
    Rating.DI_ATAS: "Perilaku kerja menjadi teladan bagi rekan kerja pada nilai-nilai BerAKHLAK.",
    Rating.SESUAI: "Perilaku kerja sesuai dengan ekspektasi pimpinan.",
    Rating.DI_BAWAH: "Perilaku kerja belum sesuai ekspektasi; telah diingatkan dalam dialog kinerja.",
}

SKP_COLUMNS = (
    "pegawai_id",
    "tahun_id",
    "periode_mulai",
    "periode_selesai",
    "jabatan_id",
    "unit_id",
    "penilai_id",
    "penilai_jabatan_id",
    "status",
    "sumber",
    "diajukan_pada",
    "disetujui_pada",
    "disetujui_oleh_id",
)
EVALUASI_COLUMNS = (
    "skp_id",
    "periode_id",
    "pegawai_id",
    "unit_id",
    "jabatan_id",
    "penilai_id",
    "penilai_jabatan_id",
    "rating_hasil_kerja",
    "alasan_hasil_kerja",
    "rating_perilaku",
    "alasan_perilaku",
    "predikat",
    "predikat_akhir",
    "status",
    "dinilai_pada",
    "ditandatangani_penilai_pada",
    "ditandatangani_penilai_oleh_id",
    "ditandatangani_atasan_pada",
    "ditandatangani_atasan_oleh_id",
    "final_pada",
)
SNAPSHOT_COLUMNS = ("evaluasi_id", "versi", "tahap", "isi", "hash", "dibuat_oleh_id")


@dataclass
class TahunResult:
    tahun: int
    dilewati: str = ""  # why the year was skipped ("" = written); command output, Indonesian like the others
    skp: int = 0
    evaluasi: int = 0
    predikat: dict[str, int] = field(default_factory=dict)
    ditutup: bool = False
    catatan: list[str] = field(default_factory=list)


@dataclass
class HistoryResult:
    tahun: list[TahunResult] = field(default_factory=list)
    detik: float = 0.0

    @property
    def evaluasi(self) -> int:
        return sum(t.evaluasi for t in self.tahun)


@dataclass(frozen=True)
class _Person:
    pegawai_id: int
    jabatan_id: int
    unit_id: int
    mulai: dt.date


@dataclass(frozen=True)
class _Moments:
    """When the year's paperwork happened (all in the demo's time zone)."""

    diajukan: dt.datetime
    disetujui: dt.datetime
    dinilai: dt.datetime
    ttd_penilai: dt.datetime
    ttd_atasan: dt.datetime

    @classmethod
    def of(cls, tahun: int) -> _Moments:
        def at(y: int, m: int, d: int, h: int) -> dt.datetime:
            return timezone.make_aware(dt.datetime(y, m, d, h, 0))

        return cls(
            at(tahun, 1, 20, 9),
            at(tahun, 1, 27, 10),
            at(tahun + 1, 1, 8, 9),
            at(tahun + 1, 1, 12, 14),
            at(tahun + 1, 1, 19, 10),
        )


# ---------------------------------------------------------------------------- checks
def _validate(actor: Actor, tahun: Sequence[int], today: dt.date) -> list[int]:
    if not evaluation_access.can_manage_calendar(actor):  # it writes the years' calendars and evaluations
        raise PermissionDenied(_("Hanya admin BKD yang dapat memuat riwayat penilaian."))
    years = sorted(set(tahun))
    if not years or len(years) > MAX_TAHUN:
        raise ValidationError({"tahun": _("Pilih 1 sampai %(n)s tahun.") % {"n": MAX_TAHUN}})
    if years[0] < TAHUN_MIN or years[-1] >= today.year:
        raise ValidationError(
            {
                "tahun": _("Riwayat hanya untuk tahun yang sudah lewat (%(min)s sampai %(max)s).")
                % {"min": TAHUN_MIN, "max": today.year - 1}
            }
        )
    return years


def demo_stories(latest: int, seed: int) -> Stories:
    """Bu Wati's team (the positions directly under hers) and Dodi, when the demo has them."""
    wati = Pegawai.objects.filter(nip=WATI.nip).values_list("pk", "jabatan_id").first()
    dodi = list(Pegawai.objects.filter(nip=DODI.nip).values_list("pk", flat=True))
    team: list[int] = []
    if wati is not None and wati[1] is not None:
        team = list(
            Pegawai.objects.filter(aktif=True, jabatan__atasan_id=wati[1])
            .exclude(pk=wati[0])
            .values_list("pk", flat=True)
        )
    return pick_stories(team, dodi, seed=seed, latest=latest)


# ---------------------------------------------------------------------------- the run
def history_seed(
    *,
    actor: Actor,
    tahun: Sequence[int],
    seed: int = 1,
    latest: int | None = None,
    chunk_size: int = CHUNK,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> HistoryResult:
    """Write the closed past years `tahun` (BKD admin or `SYSTEM`); years already holding annual
    evaluations are skipped. `latest` is the year the struggling persona stories fall in (default:
    the last of `tahun`)."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    years = _validate(actor, tahun, today)
    stories = demo_stories(latest or years[-1], seed)
    result = HistoryResult()
    for y in years:
        result.tahun.append(_seed_year(actor=actor, tahun=y, seed=seed, stories=stories, chunk_size=chunk_size))
        if progress:
            t = result.tahun[-1]
            progress(f"{y}: {t.dilewati}" if t.dilewati else f"{y}: {t.evaluasi} evaluasi final")
    result.detik = time.perf_counter() - started
    return result


def _seed_year(*, actor: Actor, tahun: int, seed: int, stories: Stories, chunk_size: int) -> TahunResult:
    out = TahunResult(tahun)
    if Evaluasi.objects.filter(periode__tahun_id=tahun, periode__jenis=JenisPeriode.TAHUNAN).exists():
        out.dilewati = "sudah ada evaluasi tahunan (dilewati)"
        return out
    year = TahunKinerja.objects.filter(pk=tahun).first()
    if year is not None and year.ditutup:
        out.dilewati = "tahun kinerja sudah ditutup tanpa evaluasi tahunan (dilewati)"
        return out
    if not KalenderPenilaian.objects.filter(tahun_id=tahun).exists():
        periods.kalender_set(actor=actor, tahun=tahun)  # the year, its calendar and periods (audited)
    annual = PeriodePenilaian.objects.get(tahun_id=tahun, jenis=JenisPeriode.TAHUNAN)
    people = _people(tahun)
    dec31 = dt.date(tahun, 12, 31)
    tree = AppraiserTree(dec31)
    penilai = tree.resolve_many({p.pegawai_id: p.jabatan_id for p in people})
    atasan = _superiors(tree, set(penilai.values()))
    ratings = ratings_for([p.pegawai_id for p in people], tahun, seed, stories)
    # Standards of every post anyone holds or held (a subquery: no id list, whatever the headcount).
    templates, perilaku = _load_templates(Penugasan.objects.all())
    nilai = list(NilaiBerakhlak.objects.order_by("urutan").values_list("kode", flat=True))
    moments = _Moments.of(tahun)
    users = dict(User.objects.filter(pegawai__isnull=False).values_list("pegawai_id", "pk"))  # who approved, signed
    for start in range(0, len(people), chunk_size):
        chunk = people[start : start + chunk_size]
        n = _write_chunk(
            chunk,
            tahun=tahun,
            annual=annual,
            penilai=penilai,
            atasan=atasan,
            ratings=ratings,
            templates=templates,
            perilaku=perilaku,
            nilai=nilai,
            moments=moments,
            users=users,
            actor=actor,
        )
        out.skp += n
        out.evaluasi += n
    out.predikat = counts(ratings)
    _finalise_units(annual, moments.ttd_atasan)
    # Every period of the year closed at once, from the statuses the period's workflow table allows.
    PeriodePenilaian.objects.filter(tahun_id=tahun, status__in=workflow.PERIODE_DARI[StatusPeriode.DITUTUP]).update(
        status=StatusPeriode.DITUTUP
    )
    audit.record(
        actor=actor,
        action="appraisal.history_seed",
        obj=annual,
        summary=f"Riwayat penilaian demo {tahun}: {out.evaluasi} evaluasi tahunan final",
        changes={"tahun": tahun, "skp": out.skp, "evaluasi": out.evaluasi, "predikat": out.predikat},
    )
    try:
        tahun_close(actor=actor, tahun=TahunKinerja.objects.get(pk=tahun))
        out.ditutup = True
    except ValidationError as exc:
        out.catatan.extend(exc.messages)
    return out


def _people(tahun: int) -> list[_Person]:
    """Active employees with a position who were ASN in `tahun`, without a plan for it, with the
    position of the year (module docstring)."""
    dec31 = dt.date(tahun, 12, 31)
    held: dict[int, tuple[int, int, dt.date]] = {}
    for pegawai_id, jabatan_id, unit_id, mulai in (
        Penugasan.objects.filter(active_on(dec31), jenis=JenisPenugasan.DEFINITIF)
        .order_by("pegawai_id", "mulai", "id")
        .values_list("pegawai_id", "jabatan_id", "jabatan__unit_id", "mulai")
    ):
        held[pegawai_id] = (jabatan_id, unit_id, mulai)  # the latest appointment wins
    rows = (
        Pegawai.objects.filter(aktif=True, jabatan__isnull=False)
        .exclude(tmt_cpns__gt=dec31)
        .exclude(pk__in=Skp.objects.filter(tahun_id=tahun).values("pegawai_id"))
        .order_by("pk")
        .values_list("pk", "jabatan_id", "jabatan__unit_id", "tmt_cpns")
    )
    jan1 = dt.date(tahun, 1, 1)
    out = []
    for pk, jabatan_id, unit_id, tmt_cpns in rows:
        jab, unit, _mulai = held.get(pk, (jabatan_id, unit_id, jan1))
        out.append(_Person(pk, jab, unit, max(jan1, tmt_cpns or jan1)))
    return out


def _superiors(tree: AppraiserTree, appraisers: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """{(appraiser, their post): (the appraiser's superior, post)}: who countersigns. One appraiser may
    cover two posts (Plt), so the posts are resolved in rounds of one post per person."""
    by_person: dict[int, list[int]] = defaultdict(list)
    for pegawai_id, jabatan_id in sorted(appraisers):
        by_person[pegawai_id].append(jabatan_id)
    out: dict[tuple[int, int], tuple[int, int]] = {}
    round_ = 0
    while True:
        batch = {p: jabs[round_] for p, jabs in by_person.items() if len(jabs) > round_}
        if not batch:
            return out
        for p, found in tree.resolve_many(batch).items():
            out[(p, batch[p])] = found
        round_ += 1


def _write_chunk(
    chunk: Sequence[_Person],
    *,
    tahun: int,
    annual: PeriodePenilaian,
    penilai: dict[int, tuple[int, int]],
    atasan: dict[tuple[int, int], tuple[int, int]],
    ratings: dict[int, Nilai],
    templates: dict[int, list[_RhkTemplate]],
    perilaku: dict[int, dict[str, str]],
    nilai: list[str],
    moments: _Moments,
    users: dict[int, int],
    actor: Actor,
) -> int:
    dec31 = dt.date(tahun, 12, 31)
    with transaction.atomic():
        skp_rows = []
        for c in chunk:
            pen, pen_jab = penilai.get(c.pegawai_id, (None, None))
            skp_rows.append(
                (
                    c.pegawai_id,
                    tahun,
                    c.mulai,
                    dec31,
                    c.jabatan_id,
                    c.unit_id,
                    pen,
                    pen_jab,
                    StatusSkp.DISETUJUI.value,
                    SumberSkp.MASSAL.value,
                    moments.diajukan,
                    moments.disetujui,
                    users.get(pen) if pen is not None else None,
                )
            )
        skp_ids = bulk_insert(Skp, SKP_COLUMNS, skp_rows, ids=True)
        targets = write_plan_rows(
            [(skp_id, c.jabatan_id) for c, skp_id in zip(chunk, skp_ids, strict=True)],
            templates,
            perilaku,
            nilai,
            indicators=True,
        ).indicators
        ev_rows = []
        last: list[tuple[bool, int | None]] = []
        for c, skp_id in zip(chunk, skp_ids, strict=True):
            pen, pen_jab = penilai.get(c.pegawai_id, (None, None))
            sup = atasan.get((pen, pen_jab)) if pen is not None and pen_jab is not None else None
            r = ratings[c.pegawai_id]
            last.append((True, sup[0]) if sup else (False, pen))  # the last signature: superior's, else appraiser's
            ev_rows.append(
                (
                    skp_id,
                    annual.pk,
                    c.pegawai_id,
                    c.unit_id,
                    c.jabatan_id,
                    pen,
                    pen_jab,
                    r.hasil_kerja.value,
                    ALASAN_HASIL[r.hasil_kerja],
                    r.perilaku.value,
                    ALASAN_PERILAKU[r.perilaku],
                    r.predikat.value,
                    r.predikat.value,
                    StatusEvaluasi.FINAL.value,
                    moments.dinilai,
                    moments.ttd_penilai,
                    pen,
                    moments.ttd_atasan if sup else None,
                    sup[0] if sup else None,
                    moments.ttd_atasan if sup else moments.ttd_penilai,
                )
            )
        ev_ids = bulk_insert(Evaluasi, EVALUASI_COLUMNS, ev_rows, ids=True)
        ev_of_skp = dict(zip(skp_ids, ev_ids, strict=True))
        hasil = {ev_id: ratings[c.pegawai_id].hasil_kerja for c, ev_id in zip(chunk, ev_ids, strict=True)}
        bulk_insert(
            Realisasi,
            REALISASI_COLUMNS,
            [
                realised(ev_of_skp[skp_id], iki_id, hasil[ev_of_skp[skp_id]], aspek, target)
                for skp_id, iki_id, aspek, target in targets
            ],
        )
        _snapshots(ev_ids, dict(zip(ev_ids, last, strict=True)), actor, users)
    return len(skp_ids)


def _snapshots(
    ev_ids: list[int], last: dict[int, tuple[bool, int | None]], actor: Actor, users: dict[int, int]
) -> None:
    """What the last signature froze: the superior's snapshot (the appraiser's when nobody signs above
    him), its hash anchored in the audit chain as `snapshots.take` does — one insert each for the chunk."""
    isi = contents(ev_ids)
    rows = []
    for ev_id in ev_ids:
        content = isi[ev_id]
        countersigned, signer = last[ev_id]
        rows.append(
            (
                ev_id,
                content["nilai"]["versi"],
                snapshots.TAHAP_ATASAN if countersigned else snapshots.TAHAP_PENILAI,
                snapshots.canonical(content).decode("utf-8"),
                snapshots.content_hash(content),
                users.get(signer) if signer is not None else None,
            )
        )
    snap_ids = bulk_insert(SnapshotEvaluasi, SNAPSHOT_COLUMNS, rows, ids=True)
    audit.record_many(
        actor=actor,
        entries=[
            audit.Entry(
                action=snapshots.ANCHOR_ACTION,
                obj=SnapshotEvaluasi(pk=snap_id),
                summary=f"Snapshot evaluasi {ev_id} v{versi} {tahap}",
                changes={"hash": [None, h]},
            )
            for snap_id, (ev_id, versi, tahap, _isi, h, _oleh) in zip(snap_ids, rows, strict=True)
        ],
    )


def _finalise_units(annual: PeriodePenilaian, pada: dt.datetime) -> None:
    """Every calibration unit of the year finalised (a unit head is calibrated one level up, as
    `appraisal.workflow.calibration_unit_id` says), in one insert."""
    jabatan = {
        j: (unit, kepala, atasan)
        for j, unit, kepala, atasan in Jabatan.objects.values_list("pk", "unit_id", "adalah_kepala_unit", "atasan_id")
    }
    units: set[int] = set()
    for jab, unit_id in Evaluasi.objects.filter(periode=annual).values_list("jabatan_id", "unit_id").distinct():
        j_unit, kepala, atasan_id = jabatan[jab]
        if kepala and j_unit == unit_id:
            if atasan_id is not None:
                units.add(jabatan[atasan_id][0])
        else:
            units.add(unit_id)
    done = set(FinalisasiUnit.objects.filter(periode=annual).values_list("unit_id", flat=True))
    bulk_insert(
        FinalisasiUnit,
        ("unit_id", "periode_id", "status", "pada"),
        [(u, annual.pk, StatusFinalisasi.FINAL.value, pada) for u in sorted(units - done)],
    )
