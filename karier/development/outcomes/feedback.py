"""After the activity (issue #11 §6): the participant's evaluation and the superior's follow-up.

- **Evaluation** (`evaluasi_submit`): the participant only, once per enrolment, after attending
  (attendance recorded and the session over) or completing. Organisers (BKD admins; auditors read)
  see per-activity counts and averages (`evaluasi_rekap`); below `AMBANG` answers — appraisal's
  anonymity threshold — only the count is shown, never an average or a comment, so no single
  participant's marks can be read off the page. Comments come in an order unrelated to who wrote
  them (a keyed hash of the row id, as in multi-rater feedback).
- **Follow-up** (`tindak_lanjut_submit`): "did behaviour change?" — ya / sebagian / belum with a
  note — by the participant's superior (`access.is_superior_of`: whoever appraises the person today;
  nobody on themself), at least `HARI_TINDAK_LANJUT` days after completion, once per enrolment.
  `tindak_lanjut_due` lists what a superior still owes: set-based (one query for the candidates in
  the actor's own subtree, one resolver call for their appraisers).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karier.appraisal.feedback.selectors import AMBANG as AMBANG_RILIS
from karier.core import audit
from karier.development.catalogue.access import is_superior_of, visible_pendaftaran
from karier.development.models import (
    ASPEK_EVALUASI,
    EvaluasiKegiatan,
    HasilTindakLanjut,
    KegiatanPengembangan,
    Pendaftaran,
    StatusPendaftaran,
    TindakLanjutAtasan,
)
from karier.people.access import Actor, is_rater, visibility_q
from karier.people.selectors import appraisers_on
from karier.rules import HARI_TINDAK_LANJUT  # 90: behaviour is judged months later (Kirkpatrick level 3)

#: Answers needed before averages and comments show: appraisal's anonymity threshold (3).
AMBANG = AMBANG_RILIS
MAKS_TEKS = 2000


# ---------------------------------------------------------------------------- evaluation
def _text(value: str, key: str) -> str:
    value = (value or "").strip()
    if len(value) > MAKS_TEKS or "\x00" in value:
        raise ValidationError({key: _("Tulis paling banyak 2.000 karakter.")})
    return value


def _scores(nilai: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    errors: dict[str, str] = {}
    for aspek in ASPEK_EVALUASI:
        v = nilai.get(aspek)
        if isinstance(v, bool) or not isinstance(v, int | str) or str(v).strip() not in {"1", "2", "3", "4", "5"}:
            errors[aspek] = _("Pilih nilai 1 sampai 5.")
        else:
            out[aspek] = int(str(v).strip())
    if errors:
        raise ValidationError(errors)
    return out


def may_evaluate(actor: Actor, row: Pendaftaran, today: dt.date | None = None) -> bool:
    """The participant, after attending (recorded, session over) or completing."""
    today = today or timezone.localdate()
    if actor.pegawai_id is None or actor.pegawai_id != row.pegawai_id or actor.is_auditor:
        return False
    if row.status == StatusPendaftaran.SELESAI:
        return True
    return row.status == StatusPendaftaran.TERDAFTAR and row.hadir is True and row.sesi.selesai <= today


def evaluasi_submit(*, actor: Actor, pendaftaran: Pendaftaran, nilai: dict[str, Any], komentar: str = "") -> Any:
    """Record the participant's evaluation (1–5 on each aspect, and an optional comment)."""
    if actor.pegawai_id != pendaftaran.pegawai_id or actor.is_auditor:
        raise PermissionDenied(_("Hanya peserta sendiri yang dapat mengevaluasi kegiatan yang diikutinya."))
    if not may_evaluate(actor, pendaftaran):
        raise ValidationError(
            {"status": _("Evaluasi dapat diisi setelah Anda hadir dan sesi berakhir, atau setelah kegiatan selesai.")}
        )
    scores = _scores(nilai)
    komentar = _text(komentar, "komentar")
    try:
        with transaction.atomic():
            row = EvaluasiKegiatan.objects.create(pendaftaran_id=pendaftaran.pk, komentar=komentar, **scores)
            audit.record(
                actor=actor,
                action="pengembangan.evaluasi_kegiatan",
                obj=row,
                summary=str(pendaftaran.sesi.kegiatan.nama)[:200],
                changes={k: [None, v] for k, v in scores.items()},
            )
    except IntegrityError:
        raise ValidationError({"status": _("Anda sudah mengisi evaluasi kegiatan ini.")}) from None
    return row


@dataclass
class RekapEvaluasi:
    """One activity's evaluations: always the count; averages and comments only from `AMBANG` answers."""

    kegiatan_id: int
    nama: str
    jumlah: int
    rata: dict[str, Decimal] = field(default_factory=dict)
    komentar: list[str] = field(default_factory=list)

    @property
    def cukup(self) -> bool:
        return self.jumlah >= AMBANG

    @property
    def rata_umum(self) -> Decimal | None:
        if not self.rata:
            return None
        return (sum(self.rata.values(), Decimal(0)) / len(self.rata)).quantize(Decimal("0.01"))


def require_see_evaluations(actor: Actor) -> None:
    if not actor.sees_everyone:
        raise PermissionDenied(_("Rekap evaluasi kegiatan hanya untuk admin BKD (penyelenggara) dan auditor."))


def evaluasi_rekap(actor: Actor, kegiatan: KegiatanPengembangan, *, comments: int = 20) -> RekapEvaluasi:
    """One activity's figures for its page (two queries)."""
    require_see_evaluations(actor)
    rows = evaluasi_rekap_semua(actor, kegiatan_ids=[kegiatan.pk])
    rekap = rows[0] if rows else RekapEvaluasi(kegiatan.pk, kegiatan.nama, 0)
    if rekap.cukup:
        found = list(
            EvaluasiKegiatan.objects.filter(pendaftaran__sesi__kegiatan=kegiatan)
            .exclude(komentar="")
            .values_list("pk", "komentar")
        )
        key = f"karier.development.evaluasi.{kegiatan.pk}"
        found.sort(key=lambda r: salted_hmac(key, str(r[0])).hexdigest())
        rekap.komentar = [text for _pk, text in found[:comments]]
    return rekap


def evaluasi_rekap_semua(actor: Actor, *, kegiatan_ids: list[int] | None = None) -> list[RekapEvaluasi]:
    """Per activity with at least one evaluation: count and (from `AMBANG` answers) averages — one query."""
    require_see_evaluations(actor)
    qs = EvaluasiKegiatan.objects.all()
    if kegiatan_ids is not None:
        qs = qs.filter(pendaftaran__sesi__kegiatan_id__in=kegiatan_ids)
    data = (
        qs.values("pendaftaran__sesi__kegiatan_id", "pendaftaran__sesi__kegiatan__nama")
        .annotate(
            jumlah=Count("pk"),
            **{f"r_{a}": Avg(a) for a in ASPEK_EVALUASI},
        )
        .order_by("pendaftaran__sesi__kegiatan__nama", "pendaftaran__sesi__kegiatan_id")
    )
    out = []
    for d in data:
        r = RekapEvaluasi(d["pendaftaran__sesi__kegiatan_id"], d["pendaftaran__sesi__kegiatan__nama"], d["jumlah"])
        if r.cukup:
            r.rata = {a: Decimal(str(d[f"r_{a}"])).quantize(Decimal("0.01")) for a in ASPEK_EVALUASI}
        out.append(r)
    return out


# ---------------------------------------------------------------------------- the superior's follow-up
def due_since(today: dt.date | None = None) -> dt.datetime:
    """Completed on or before this instant → the follow-up is due."""
    today = today or timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=HARI_TINDAK_LANJUT), dt.time.max))


def tindak_lanjut_submit(*, actor: Actor, pendaftaran: Pendaftaran, hasil: str, catatan: str = "") -> Any:
    """The superior's answer to "did behaviour change?" for a completed activity, once."""
    pegawai = pendaftaran.pegawai
    atasan_id = actor.pegawai_id
    if atasan_id == pegawai.pk:
        raise PermissionDenied(
            _("Anda tidak dapat menilai tindak lanjut kegiatan Anda sendiri; atasan Anda yang menilai.")
        )
    if atasan_id is None or not is_superior_of(actor, pegawai):
        raise PermissionDenied(_("Hanya atasan langsung peserta yang dapat mengisi tindak lanjut ini."))
    if pendaftaran.status != StatusPendaftaran.SELESAI or pendaftaran.selesai_pada is None:
        raise ValidationError({"status": _("Tindak lanjut hanya untuk kegiatan yang sudah selesai.")})
    if pendaftaran.selesai_pada > due_since():
        mulai = timezone.localdate(pendaftaran.selesai_pada) + dt.timedelta(days=HARI_TINDAK_LANJUT)
        message = _("Tindak lanjut diisi paling cepat %(hari)s hari setelah kegiatan selesai (mulai %(tanggal)s).")
        tanggal = date_format(mulai, "j M Y")
        raise ValidationError({"status": message % {"hari": HARI_TINDAK_LANJUT, "tanggal": tanggal}})
    if hasil not in HasilTindakLanjut.values:
        raise ValidationError({"hasil": _("Pilih ya, sebagian, atau belum.")})
    catatan = _text(catatan, "catatan")
    try:
        with transaction.atomic():
            row = TindakLanjutAtasan.objects.create(
                pendaftaran_id=pendaftaran.pk,
                hasil=hasil,
                catatan=catatan,
                atasan_id=atasan_id,
                dicatat_oleh_id=actor.user_id,
            )
            audit.record(
                actor=actor,
                action="pengembangan.tindak_lanjut",
                obj=row,
                summary=f"{pegawai.nama}: {hasil}",
                changes={"hasil": [None, hasil]},
            )
    except IntegrityError:
        raise ValidationError({"status": _("Tindak lanjut kegiatan ini sudah diisi.")}) from None
    return row


def _own_subtree(actor: Actor) -> Actor:
    """The actor as a superior only: a BKD admin who also leads a team sees everyone, yet follows up
    only on their own people (and a Sekda's subtree stays a subquery, not a list)."""
    return dataclasses.replace(actor, is_admin=False, is_auditor=False)


def tindak_lanjut_due(actor: Actor, today: dt.date | None = None) -> list[Pendaftaran]:
    """Completed ≥ 90 days ago, no follow-up yet, and the actor appraises the person today."""
    today = today or timezone.localdate()
    if actor.pegawai_id is None or actor.is_auditor or not actor.has_subordinates:
        return []
    candidates = list(
        visible_pendaftaran(actor)
        .filter(
            visibility_q(_own_subtree(actor), "pegawai"),
            status=StatusPendaftaran.SELESAI,
            selesai_pada__lte=due_since(today),
            tindak_lanjut__isnull=True,
        )
        .exclude(pegawai_id=actor.pegawai_id)
        .select_related("pegawai", "sesi", "sesi__kegiatan")
        .order_by("selesai_pada", "pk")
    )
    found = appraisers_on({p.pegawai_id for p in candidates}, today)
    out = []
    for p in candidates:
        a = found.get(p.pegawai_id)
        if a is not None and is_rater(
            actor, subject_id=p.pegawai_id, penilai_id=a.pegawai.pk, penilai_jabatan_id=a.jabatan.pk
        ):
            out.append(p)
    return out
