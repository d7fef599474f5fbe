"""Reads for multi-rater feedback: the pools of peers and subordinates, nominations, the rater's
inbox and the anonymous aggregates.

Anonymity (issue #5): aggregates and comments appear only when at least `AMBANG` (3) raters have
answered; and (issue #8) they are released in batches of at least 3 new or changed answers, so no
sequence of views isolates one rater (see `feedback_release`). The combined figure is the only one
shown unless *every* non-empty group (peers, subordinates) has at least 3 answers: otherwise
"all minus peers" would give away a lone subordinate's scores. Comments carry no name and come in an
order fixed per evaluation but unrelated to who wrote them or when (sorted by a keyed hash of the
row id).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from karier.appraisal.choices import JenisRater, StatusEvaluasi, StatusNominasi, StatusPeriode
from karier.appraisal.feedback.access import sees_rater_status
from karier.appraisal.models import Evaluasi, JawabanPerilaku, NominasiPenilai
from karier.people.access import Actor
from karier.people.choices import JenisPenugasan
from karier.people.models import Pegawai, Penugasan
from karier.people.selectors import active_on
from karier.standards.models import NilaiBerakhlak, PanduanPerilaku

AMBANG = 3  # raters who must have answered before any aggregate or comment is shown
MIN_REKAN = 3  # peer nominations required when the pool has that many (else: all of the pool)
MAX_PER_JENIS = 10
OPEN_STATUSES = frozenset({StatusEvaluasi.DRAFT, StatusEvaluasi.DIBUKA_ULANG})
ACTIVE = (StatusNominasi.DIUSULKAN, StatusNominasi.DISETUJUI, StatusNominasi.DIJAWAB)
ANSWERABLE = (StatusNominasi.DISETUJUI, StatusNominasi.DIJAWAB)


def is_open(evaluasi: Evaluasi) -> bool:
    """Nominations and answers are taken until the appraiser rates (and never in a closed period)."""
    return evaluasi.status in OPEN_STATUSES and evaluasi.periode.status != StatusPeriode.DITUTUP


# ---------------------------------------------------------------------------- pools
def pool_date(evaluasi: Evaluasi) -> dt.date:
    """Who counts as a peer or subordinate: as on today, clamped into the period."""
    return max(evaluasi.periode.mulai, min(timezone.localdate(), evaluasi.periode.selesai))


def _holding(d: dt.date, **jabatan_filter: Any) -> Exists:
    return Exists(
        Penugasan.objects.filter(
            active_on(d), pegawai_id=OuterRef("pk"), jenis=JenisPenugasan.DEFINITIF, **jabatan_filter
        )
    )


def peer_pool(evaluasi: Evaluasi) -> QuerySet[Pegawai]:
    """People whose definitive position has the same superior position as the appraisee's, on the
    pool date; never the appraisee. Empty at the top of the tree."""
    atasan_id = evaluasi.jabatan.atasan_id
    if atasan_id is None:
        return Pegawai.objects.none()
    d = pool_date(evaluasi)
    return Pegawai.objects.filter(_holding(d, jabatan__atasan_id=atasan_id), aktif=True).exclude(pk=evaluasi.pegawai_id)


def subordinate_pool(evaluasi: Evaluasi) -> QuerySet[Pegawai]:
    """People whose definitive position's superior is a position the appraisee covers on the pool
    date (definitive, Plt or Plh)."""
    d = pool_date(evaluasi)
    own = Penugasan.objects.filter(active_on(d), pegawai_id=evaluasi.pegawai_id).values("jabatan_id")
    return Pegawai.objects.filter(_holding(d, jabatan__atasan_id__in=own), aktif=True).exclude(pk=evaluasi.pegawai_id)


def pool(evaluasi: Evaluasi, jenis: str) -> QuerySet[Pegawai]:
    return peer_pool(evaluasi) if jenis == JenisRater.REKAN else subordinate_pool(evaluasi)


def candidates(evaluasi: Evaluasi, jenis: str, q: str = "") -> QuerySet[Pegawai]:
    """The pool not yet nominated, narrowed by a name/NIP fragment, for the nomination screen."""
    qs = pool(evaluasi, jenis).exclude(pk__in=evaluasi.nominasi.values("penilai_rekan_id"))
    text = q.strip()
    if text:
        compact = text.replace(" ", "")
        qs = qs.filter(nip__startswith=compact) if compact.isdigit() else qs.filter(nama__icontains=text)
    return qs.select_related("jabatan", "unit", "golongan").order_by("nama", "id")


def required_peers(evaluasi: Evaluasi) -> int:
    """At least 3 peers where the pool has them; otherwise every available peer."""
    return min(MIN_REKAN, peer_pool(evaluasi).count())


# ---------------------------------------------------------------------------- nominations
@dataclass(frozen=True)
class NominasiState:
    """Where an evaluation's nominations stand (for the screens and the approval rule)."""

    pool_rekan: int
    wajib_rekan: int
    rekan_aktif: int  # proposed, approved or answered (not rejected)
    bawahan_aktif: int
    disetujui: int  # approved or answered
    dijawab: int
    menunggu: int  # proposals awaiting the appraiser

    @property
    def rekan_cukup(self) -> bool:
        return self.rekan_aktif >= self.wajib_rekan

    @property
    def kurang_rekan(self) -> int:
        return max(0, self.wajib_rekan - self.rekan_aktif)


def nominasi_state(evaluasi: Evaluasi) -> NominasiState:
    pool_n = peer_pool(evaluasi).count()
    c = evaluasi.nominasi.aggregate(
        rekan=Count("pk", filter=Q(jenis=JenisRater.REKAN, status__in=ACTIVE)),
        bawahan=Count("pk", filter=Q(jenis=JenisRater.BAWAHAN, status__in=ACTIVE)),
        setuju=Count("pk", filter=Q(status__in=ANSWERABLE)),
        jawab=Count("pk", filter=Q(status=StatusNominasi.DIJAWAB)),
        tunggu=Count("pk", filter=Q(status=StatusNominasi.DIUSULKAN)),
    )
    return NominasiState(
        pool_rekan=pool_n,
        wajib_rekan=min(MIN_REKAN, pool_n),
        rekan_aktif=c["rekan"],
        bawahan_aktif=c["bawahan"],
        disetujui=c["setuju"],
        dijawab=c["jawab"],
        menunggu=c["tunggu"],
    )


def nominasi_list(evaluasi: Evaluasi) -> list[NominasiPenilai]:
    return list(
        evaluasi.nominasi.select_related("penilai_rekan", "penilai_rekan__jabatan").order_by(
            "jenis", "penilai_rekan__nama", "pk"
        )
    )


def public_status(nominasi: NominasiPenilai, show_answers: bool) -> str:
    """The status label a viewer may see: the appraisee never learns who has answered."""
    if nominasi.status == StatusNominasi.DIJAWAB and not show_answers:
        return str(StatusNominasi.DISETUJUI.label)
    return str(StatusNominasi(nominasi.status).label)


def my_evaluations(actor: Actor) -> QuerySet[Evaluasi]:
    """The actor's own evaluations in periods that are not closed (nominations happen there)."""
    if actor.pegawai_id is None:
        return Evaluasi.objects.none()
    return (
        Evaluasi.objects.filter(pegawai_id=actor.pegawai_id)
        .exclude(periode__status=StatusPeriode.DITUTUP)
        .select_related("periode", "jabatan", "penilai")
        .annotate(n_nominasi=Count("nominasi", filter=Q(nominasi__status__in=ACTIVE)))
        .order_by("-periode__mulai", "pk")
    )


def pending_approvals(actor: Actor) -> QuerySet[NominasiPenilai]:
    """Proposals awaiting the actor as appraiser (snapshot or covered position), oldest first."""
    from karier.appraisal.evaluation.access import appraiser_q

    ev = Evaluasi.objects.filter(appraiser_q(actor, instead=True), status__in=OPEN_STATUSES).exclude(
        periode__status=StatusPeriode.DITUTUP
    )
    return (
        NominasiPenilai.objects.filter(evaluasi__in=ev, status=StatusNominasi.DIUSULKAN)
        .select_related("evaluasi", "evaluasi__pegawai", "evaluasi__periode", "penilai_rekan", "penilai_rekan__jabatan")
        .order_by("evaluasi__pegawai__nama", "evaluasi_id", "jenis", "penilai_rekan__nama", "pk")
    )


def inbox(actor: Actor) -> QuerySet[NominasiPenilai]:
    """Requests to rate someone: approved nominations of the actor, open ones first."""
    if actor.pegawai_id is None or actor.is_auditor:
        return NominasiPenilai.objects.none()
    return (
        NominasiPenilai.objects.filter(penilai_rekan_id=actor.pegawai_id, status__in=ANSWERABLE)
        .select_related("evaluasi", "evaluasi__pegawai", "evaluasi__jabatan", "evaluasi__periode")
        .order_by("status", "-evaluasi__periode__mulai", "evaluasi__pegawai__nama", "pk")
    )


def nilai_with_panduan() -> list[NilaiBerakhlak]:
    """The 7 values with their guidelines (two queries)."""
    from django.db.models import Prefetch

    return list(
        NilaiBerakhlak.objects.prefetch_related(
            Prefetch("panduan", queryset=PanduanPerilaku.objects.order_by("urutan"))
        ).order_by("urutan")
    )


def answers_of(nominasi: NominasiPenilai) -> dict[str, JawabanPerilaku]:
    """The rater's own answers, for editing (shown to the rater only)."""
    return {j.nilai_id: j for j in nominasi.jawaban.all()}


# ---------------------------------------------------------------------------- aggregates
@dataclass(frozen=True)
class NilaiAgregat:
    kode: str
    nama: str
    rata: float | None
    n: int


@dataclass(frozen=True)
class KelompokAgregat:
    jenis: str
    label: str
    n: int
    nilai: list[NilaiAgregat]


@dataclass(frozen=True)
class StatusPenilai:
    """Only for the appraiser: who was nominated and whether they answered (never what)."""

    nama: str
    jenis: str
    status: str
    sudah_menjawab: bool


@dataclass
class RingkasanPerilaku:
    ambang: int
    n_disetujui: int
    n_dijawab: int  # as far as the viewer may know: live for the appraiser, the released count otherwise
    tampil: bool
    nilai: list[NilaiAgregat] = field(default_factory=list)
    kelompok: list[KelompokAgregat] = field(default_factory=list)
    komentar: list[tuple[str, str]] = field(default_factory=list)  # (nilai, teks), no names
    penilai: list[StatusPenilai] | None = None  # None: the viewer may not see statuses
    rata_keseluruhan: float | None = None
    n_dirilis: int = 0  # answers inside the figures shown (the last release)
    dirilis_pada: dt.datetime | None = None
    belum_dirilis: int | None = None  # new or changed answers awaiting the next release (status viewers only)

    @property
    def kurang(self) -> int:
        return max(0, self.ambang - self.n_dijawab)


def _shuffle_key(evaluasi_id: int, pk: int) -> str:
    return salted_hmac("karier.appraisal.komentar", f"{evaluasi_id}:{pk}").hexdigest()


def _mean(total: float | None) -> float | None:
    return None if total is None else round(float(total), 2)


def live_figures(evaluasi: Evaluasi) -> dict[str, Any]:
    """The aggregates of every current answer, as JSON-ready data (for a release only — never shown
    directly: see feedback_release). Four queries."""
    answered = list(evaluasi.nominasi.filter(status=StatusNominasi.DIJAWAB).values_list("jenis", flat=True))
    nilai = list(NilaiBerakhlak.objects.order_by("urutan").values_list("kode", "nama"))
    answers = JawabanPerilaku.objects.filter(nominasi__evaluasi=evaluasi, nominasi__status=StatusNominasi.DIJAWAB)
    by_value = {r["nilai_id"]: r for r in answers.values("nilai_id").annotate(rata=Avg("skor"), n=Count("pk"))}
    data: dict[str, Any] = {
        "n": len(answered),
        "nilai": [
            {
                "kode": k,
                "nama": nm,
                "rata": _mean(by_value.get(k, {}).get("rata")),
                "n": by_value.get(k, {}).get("n", 0),
            }
            for k, nm in nilai
        ],
        "rata_keseluruhan": _mean(answers.aggregate(r=Avg("skor"))["r"]),
        "kelompok": [],
    }
    groups: dict[str, int] = {}
    for jenis in answered:
        groups[jenis] = groups.get(jenis, 0) + 1
    if len(groups) > 1 and all(c >= AMBANG for c in groups.values()):
        per: dict[tuple[str, str], dict[str, Any]] = {
            (r["nominasi__jenis"], r["nilai_id"]): r
            for r in answers.values("nominasi__jenis", "nilai_id").annotate(rata=Avg("skor"), n=Count("pk"))
        }
        for jenis in (JenisRater.REKAN, JenisRater.BAWAHAN):
            if jenis in groups:
                data["kelompok"].append(
                    {
                        "jenis": str(jenis),
                        "label": str(jenis.label),
                        "n": groups[jenis],
                        "nilai": [
                            {
                                "kode": k,
                                "nama": nm,
                                "rata": _mean(per.get((jenis, k), {}).get("rata")),
                                "n": per.get((jenis, k), {}).get("n", 0),
                            }
                            for k, nm in nilai
                        ],
                    }
                )
    names = dict(nilai)
    comments = [
        (pk, nilai_id, teks)
        for pk, nilai_id, teks in answers.exclude(komentar="").values_list("pk", "nilai_id", "komentar")
    ]
    comments.sort(key=lambda c: _shuffle_key(evaluasi.pk, c[0]))
    data["komentar"] = [[names.get(nilai_id, nilai_id), teks] for _pk, nilai_id, teks in comments]
    return data


def _nilai(rows: list[dict[str, Any]]) -> list[NilaiAgregat]:
    return [NilaiAgregat(kode=r["kode"], nama=r["nama"], rata=r["rata"], n=r["n"]) for r in rows]


def ringkasan_perilaku(evaluasi: Evaluasi, viewer: Actor) -> RingkasanPerilaku:
    """Per BerAKHLAK value the mean (1–5) and count of answers, as last *released*, in three queries
    whatever the size.

    Issue #8 (rater anonymity over time): the figures are a snapshot (`RilisRingkasanPerilaku`) taken
    only when at least `AMBANG` answers are new or changed since the previous one
    (`feedback.release.ringkasan_release`), so comparing any two views never isolates one rater, and the
    appraisee never sees the count rise one by one. Names never appear, except for the appraiser's
    list of nominees with whether each has answered (`penilai`).
    """
    from karier.appraisal.models import RilisRingkasanPerilaku

    noms = list(
        evaluasi.nominasi.filter(status__in=ANSWERABLE)
        .select_related("penilai_rekan")
        .order_by("jenis", "penilai_rekan__nama", "pk")
    )
    answered = [n for n in noms if n.status == StatusNominasi.DIJAWAB]
    rilis = RilisRingkasanPerilaku.objects.filter(evaluasi=evaluasi).first()
    released = rilis.n_dijawab if rilis is not None else 0
    sees = sees_rater_status(viewer, evaluasi)
    result = RingkasanPerilaku(
        ambang=AMBANG,
        n_disetujui=len(noms),
        n_dijawab=len(answered) if sees else released,
        tampil=rilis is not None and released >= AMBANG,
        n_dirilis=released,
    )
    if sees:
        result.penilai = [
            StatusPenilai(
                nama=n.penilai_rekan.nama_lengkap,
                jenis=str(JenisRater(n.jenis).label),
                status=str(StatusNominasi(n.status).label),
                sudah_menjawab=n.status == StatusNominasi.DIJAWAB,
            )
            for n in noms
        ]
    if not result.tampil or rilis is None:
        return result
    if sees:
        from karier.appraisal.feedback.release import changed_since

        result.belum_dirilis = changed_since(evaluasi.pk, rilis)
    data = rilis.data
    result.dirilis_pada = rilis.dirilis_pada
    result.nilai = _nilai(data.get("nilai", []))
    result.rata_keseluruhan = data.get("rata_keseluruhan")
    result.kelompok = [
        KelompokAgregat(jenis=g["jenis"], label=g["label"], n=g["n"], nilai=_nilai(g["nilai"]))
        for g in data.get("kelompok", [])
    ]
    result.komentar = [(str(a), str(b)) for a, b in data.get("komentar", [])]
    return result
