"""Making a plan: blank, copied from last year, or from the position standard (JPT: from the agency's
performance agreement); a position change mid-year ends the previous plan's period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.models import Pegawai, Penugasan
from karier.people.selectors import appraiser_on, definitive_assignment_on
from karier.plans import access
from karier.plans.choices import JenisDialog, JenisHasil, SumberSkp
from karier.plans.models import (
    DialogKinerja,
    EkspektasiPerilaku,
    IndikatorKinerjaIndividu,
    RencanaHasilKerja,
    Skp,
)
from karier.plans.services.common import JPT, SUMBER_MANUAL, _year_open, tahun_kinerja_get_or_create
from karier.standards.choices import Aspek, Dimensi
from karier.standards.models import NilaiBerakhlak, PerjanjianKinerjaRow, StandarJabatan


# ---------------------------------------------------------------------------- create
@dataclass
class _Plan:
    """What skp_create decided before writing anything."""

    periode_mulai: dt.date
    periode_selesai: dt.date
    assignment: Penugasan
    shorten: Skp | None  # the plan whose period ends the day before (position change)


def _plan_period(pegawai: Pegawai, tahun: int, periode_mulai: dt.date | None) -> _Plan:
    first, last = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    existing = list(Skp.objects.filter(pegawai=pegawai, tahun_id=tahun).order_by("periode_mulai"))
    if periode_mulai is not None:
        if not first <= periode_mulai <= last:
            raise ValidationError({"periode_mulai": _("Periode harus di dalam tahun %(tahun)s.") % {"tahun": tahun}})
        assignment = definitive_assignment_on(pegawai, periode_mulai)
        if assignment is None:
            raise ValidationError({"periode_mulai": _("Pada tanggal itu pegawai tidak menduduki jabatan definitif.")})
        start = periode_mulai
    else:
        ref = min(max(timezone.localdate(), first), last)
        assignment = definitive_assignment_on(pegawai, ref) or definitive_assignment_on(pegawai, first)
        if assignment is None:
            raise ValidationError(
                {
                    "pegawai": _(
                        "Pegawai belum menduduki jabatan definitif pada tahun ini; "
                        "SKP dibuat setelah penugasan jabatan dicatat."
                    )
                }
            )
        start = max(first, assignment.mulai)
        if existing and start <= existing[-1].periode_mulai:
            start = existing[-1].periode_mulai  # same position as the latest plan: a duplicate below
    covering = next((s for s in existing if s.periode_mulai <= start <= s.periode_selesai), None)
    if any(s.periode_mulai == start for s in existing) or (
        covering is not None and covering.jabatan_id == assignment.jabatan_id
    ):
        raise ValidationError(
            {
                "tahun": (
                    _("SKP tahun %(tahun)s untuk jabatan ini sudah ada. SKP baru hanya dibuat setelah pindah jabatan.")
                    % {"tahun": tahun}
                )
            }
        )
    later = [s.periode_mulai for s in existing if s.periode_mulai > start]
    end = covering.periode_selesai if covering else (min(later) - dt.timedelta(days=1) if later else last)
    return _Plan(start, end, assignment, covering)


def _from_standard(skp: Skp, standar: StandarJabatan | None) -> tuple[list[RencanaHasilKerja], list[list[dict]]]:
    if standar is None:
        return [], []
    rows: list[RencanaHasilKerja] = []
    ikis: list[list[dict]] = []
    by_text: dict[str, int] = {}
    for h in standar.hasil.all().order_by("urutan", "id"):
        key = h.rhk.strip()
        if key not in by_text:
            by_text[key] = len(rows)
            rows.append(
                RencanaHasilKerja(
                    skp=skp,
                    jenis=JenisHasil.UTAMA,
                    urutan=len(rows) + 1,
                    teks=key,
                    dimensi=h.dimensi,
                    standar_hasil=h,
                    indikator_opd=h.indikator_opd,
                )
            )
            ikis.append([])
        ikis[by_text[key]].append(
            {
                "aspek": h.aspek,
                "indikator": h.indikator,
                "target_angka": h.target_angka,
                "satuan": h.satuan,
                "target_kualitatif": h.target_kualitatif,
            }
        )
    return rows, ikis


def _from_pk(skp: Skp, pk_rows: list[PerjanjianKinerjaRow]) -> tuple[list[RencanaHasilKerja], list[list[dict]]]:
    """JPT: one RHK per sasaran of the performance agreement, one IKI per indicator, with perspective."""
    rows: list[RencanaHasilKerja] = []
    ikis: list[list[dict]] = []
    by_sasaran: dict[int, int] = {}
    for r in pk_rows:
        if r.sasaran_id not in by_sasaran:
            by_sasaran[r.sasaran_id] = len(rows)
            rows.append(
                RencanaHasilKerja(
                    skp=skp,
                    jenis=JenisHasil.UTAMA,
                    urutan=len(rows) + 1,
                    teks=r.sasaran.teks,
                    perspektif=r.perspektif,
                    perjanjian_row=r,
                    indikator_opd=r.indikator,
                    dimensi=Dimensi.PRODUKTIVITAS,
                )
            )
            ikis.append([])
        ikis[by_sasaran[r.sasaran_id]].append(
            {
                "aspek": Aspek.KUANTITAS if r.target is not None else Aspek.KUALITAS,
                "indikator": r.indikator.nama,
                "target_angka": r.target,
                "satuan": r.indikator.satuan,
                "target_kualitatif": r.target_kualitatif,
            }
        )
    return rows, ikis


def _from_last_year(skp: Skp, prev: Skp) -> tuple[list[RencanaHasilKerja], list[list[dict]]]:
    rows: list[RencanaHasilKerja] = []
    ikis: list[list[dict]] = []
    for r in prev.rhk.prefetch_related("iki").order_by("jenis", "urutan", "id"):
        # The superior's RHK and the agreement rows belong to last year: links are made again.
        rows.append(
            RencanaHasilKerja(
                skp=skp,
                jenis=r.jenis,
                urutan=r.urutan,
                teks=r.teks,
                dimensi=r.dimensi,
                perspektif=r.perspektif,
                indikator_opd=r.indikator_opd,
                standar_hasil=r.standar_hasil,
            )
        )
        ikis.append(
            [
                {
                    "aspek": i.aspek,
                    "indikator": i.indikator,
                    "target_angka": i.target_angka,
                    "satuan": i.satuan,
                    "target_kualitatif": i.target_kualitatif,
                }
                for i in sorted(r.iki.all(), key=lambda x: (x.urutan, x.pk))
            ]
        )
    return rows, ikis


def skp_create(*, actor: Actor, pegawai: Pegawai, tahun: int, sumber: str, periode_mulai: dt.date | None = None) -> Skp:
    """A new plan: blank, copied from last year, or from the position standard (JPT: from the
    agency's performance agreement). Snapshots position, unit and appraiser (at `periode_mulai`)."""
    if not access.can_create_for(actor, pegawai.pk):
        raise PermissionDenied(_("Anda hanya dapat membuat SKP untuk diri sendiri."))
    if sumber not in SUMBER_MANUAL:
        raise ValidationError(
            {"sumber": _("Pilih cara membuat SKP: kosong, salin dari tahun lalu, atau dari standar jabatan.")}
        )
    tk = tahun_kinerja_get_or_create(tahun)
    _year_open(tk)
    plan = _plan_period(pegawai, tahun, periode_mulai)
    jabatan = plan.assignment.jabatan
    is_jpt = jabatan.jenis in JPT
    standar = StandarJabatan.objects.filter(jabatan=jabatan).first()
    pk_rows: list[PerjanjianKinerjaRow] = []
    prev: Skp | None = None
    if sumber == SumberSkp.STANDAR and is_jpt:
        pk_rows = list(
            PerjanjianKinerjaRow.objects.filter(
                perjanjian__opd_id=jabatan.unit.opd_id or jabatan.unit_id,
                perjanjian__tahun=tahun,
            )
            .select_related("sasaran", "indikator")
            .order_by("urutan", "id")
        )
        if not pk_rows:
            raise ValidationError(
                {
                    "sumber": (
                        _(
                            "Perjanjian kinerja perangkat daerah tahun %(tahun)s belum ada atau belum berisi "
                            "sasaran. SKP JPT diturunkan dari perjanjian kinerja."
                        )
                        % {"tahun": tahun}
                    )
                }
            )
    elif sumber == SumberSkp.STANDAR and (standar is None or not standar.hasil.exists()):
        raise ValidationError(
            {
                "sumber": (
                    _(
                        "Jabatan %(jabatan)s belum mempunyai standar hasil kerja. Buat SKP kosong atau salin "
                        "dari tahun lalu."
                    )
                    % {"jabatan": jabatan.nama}
                )
            }
        )
    elif sumber == SumberSkp.TAHUN_LALU:
        prev = Skp.objects.filter(pegawai=pegawai, tahun_id=tahun - 1).order_by("-periode_mulai").first()
        if prev is None:
            raise ValidationError({"sumber": _("Tidak ada SKP tahun %(tahun)s untuk disalin.") % {"tahun": tahun - 1}})
    penilai = appraiser_on(pegawai, plan.periode_mulai)
    nilai = list(NilaiBerakhlak.objects.order_by("urutan"))
    khusus = dict(standar.perilaku.values_list("nilai_id", "ekspektasi")) if standar else {}

    with transaction.atomic():
        if plan.shorten is not None:
            _end_period(actor=actor, skp=plan.shorten, selesai=plan.periode_mulai - dt.timedelta(days=1))
        skp = Skp.objects.create(
            pegawai=pegawai,
            tahun=tk,
            periode_mulai=plan.periode_mulai,
            periode_selesai=plan.periode_selesai,
            jabatan=jabatan,
            unit=jabatan.unit,
            penilai=penilai.pegawai if penilai else None,
            penilai_jabatan=penilai.jabatan if penilai else None,
            sumber=sumber,
            dukungan_sumber_daya=prev.dukungan_sumber_daya if prev else "",
            skema_pertanggungjawaban=prev.skema_pertanggungjawaban if prev else "",
            konsekuensi=prev.konsekuensi if prev else "",
        )
        if sumber == SumberSkp.STANDAR:
            rows, ikis = _from_pk(skp, pk_rows) if is_jpt else _from_standard(skp, standar)
        elif prev is not None:
            rows, ikis = _from_last_year(skp, prev)
        else:
            rows, ikis = [], []
        _bulk_rows(rows, ikis)
        EkspektasiPerilaku.objects.bulk_create(
            [EkspektasiPerilaku(skp=skp, nilai=n, ekspektasi_khusus=khusus.get(n.pk, "")) for n in nilai]
        )
        audit.record(
            actor=actor,
            action="skp.create",
            obj=skp,
            summary=f"SKP {tahun} {pegawai.nama} ({SumberSkp(sumber).label})",
            changes={
                "sumber": [None, sumber],
                "periode_mulai": [None, plan.periode_mulai],
                "jabatan": [None, jabatan.nama],
                "rhk": [0, len(rows)],
            },
        )
    return skp


def _bulk_rows(rows: list[RencanaHasilKerja], ikis: list[list[dict]]) -> None:
    RencanaHasilKerja.objects.bulk_create(rows)
    IndikatorKinerjaIndividu.objects.bulk_create(
        [
            IndikatorKinerjaIndividu(rhk=r, urutan=n, **data)
            for r, group in zip(rows, ikis, strict=True)
            for n, data in enumerate(group, start=1)
        ]
    )


def _end_period(*, actor: Actor, skp: Skp, selesai: dt.date) -> None:
    old = skp.periode_selesai
    skp.periode_selesai = selesai
    skp.save(update_fields=["periode_selesai", "diubah_pada"])
    DialogKinerja.objects.create(
        skp=skp,
        penulis_id=actor.user_id,
        jenis=JenisDialog.CATATAN,
        versi=skp.versi,
        teks=f"Periode SKP berakhir {selesai:%d-%m-%Y} karena pindah jabatan.",
    )
    audit.record(
        actor=actor,
        action="skp.periode_akhir",
        obj=skp,
        summary=f"Periode berakhir {selesai}",
        changes={"periode_selesai": [old, selesai]},
    )
