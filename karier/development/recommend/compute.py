"""The set-based computation of needs and recommendations for everyone in a scope, as a background job.

`rekomendasi_hitung_start` checks the request and starts the job (`JenisTugasLatar.REKOMENDASI`);
`tasks.rekomendasi_hitung_task` runs `rekomendasi_hitung`, which:

1. reads the active catalogue once (`engine.Katalog`, three queries) and the scope's active people;
2. per chunk of `CHUNK` people: their needs (`competency.gaps.needs_for`, seven queries whatever the
   chunk), the top `TOP_N` activities per person (in memory), and two bulk inserts (COPY on
   PostgreSQL) of the needs snapshot and the recommendations, tagged with the run — one transaction
   per chunk, with progress after each, skipping people the run already wrote (a resumed job picks up
   where it stopped);
3. switches the run on in one short transaction that removes the scope's previous rows — readers see
   the old result or the new one, never half of each — and records one audit event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.bulk import bulk_insert
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import Progress, job_start, jobs_running
from karier.core.models import TugasLatar
from karier.development.competency import gaps
from karier.development.models import KebutuhanTersimpan, PerhitunganRekomendasi, RekomendasiKegiatan
from karier.development.recommend import access
from karier.development.recommend.engine import TOP_N, Katalog, Saran
from karier.people.access import Actor
from karier.people.models import Pegawai, UnitKerja

CHUNK = 2_000
TANPA_KEBUTUHAN = ""  # the code of the marker row of a person the run found no need for
STALE = dt.timedelta(hours=2)  # a job "running" longer than this has died: another may start

KEBUTUHAN_COLUMNS = ("perhitungan_id", "pegawai_id", "kode", "jenis", "nama", "bobot", "disyaratkan", "dinilai")
SARAN_COLUMNS = (
    "perhitungan_id",
    "pegawai_id",
    "kegiatan_id",
    "peringkat",
    "skor",
    "kompetensi_id",
    "dari",
    "ke",
    "disyaratkan",
    "sinyal",
    "sinyal_nama",
    "lainnya",
    "jp",
)


def _check_scope(actor: Actor, opd_id: int | None) -> None:
    access.require_run(actor, opd_id)
    if opd_id is not None:
        # the organisation chart is not personal data: an unknown id is bad input (409), not hidden
        unit = UnitKerja.objects.filter(pk=opd_id).only("parent_id").first()
        if unit is None:
            raise ValidationError({"opd_id": _("Perangkat daerah tidak dikenal.")})
        if unit.parent_id is not None:
            raise ValidationError({"opd_id": _("Pilih perangkat daerah (unit tertinggi), bukan unit di bawahnya.")})


def running_job() -> TugasLatar | None:
    """The computation under way, if any (a job older than `STALE` is taken for dead)."""
    return jobs_running(JenisTugasLatar.REKOMENDASI, STALE).first()


def rekomendasi_hitung_start(*, actor: Actor, opd_id: int | None = None) -> TugasLatar:
    """Start the computation for one agency (`opd_id`) or everyone; one at a time."""
    _check_scope(actor, opd_id)
    if running_job() is not None:
        raise ValidationError(
            {"__all__": _("Perhitungan kebutuhan dan rekomendasi sedang berjalan; tunggu sampai selesai.")}
        )
    from karier.development.recommend.tasks import rekomendasi_hitung_task

    return job_start(
        actor=actor, jenis=JenisTugasLatar.REKOMENDASI, parameter={"opd_id": opd_id}, task=rekomendasi_hitung_task
    )


def saran_row(run_id: int, pegawai_id: int, s: Saran) -> tuple[Any, ...]:
    return (
        run_id,
        pegawai_id,
        s.kegiatan_id,
        s.peringkat,
        s.skor,
        s.kompetensi_id,
        s.dari,
        s.ke,
        s.disyaratkan,
        s.sinyal,
        s.sinyal_nama,
        s.lainnya,
        s.jp,
    )


def _kebutuhan_rows(run_id: int, pegawai_id: int, needs: list[gaps.Kebutuhan]) -> list[tuple[Any, ...]]:
    """One row per need code (several trailing RHK are one need), keeping the highest weight; a person
    with no need gets one row with an empty code (`TANPA_KEBUTUHAN`), so readers know the run covered
    them and do not compute them again."""
    if not needs:
        return [(run_id, pegawai_id, TANPA_KEBUTUHAN, "", "", 0, None, None)]
    by_kode: dict[str, gaps.Kebutuhan] = {}
    for n in needs:
        if n.kode not in by_kode or by_kode[n.kode].bobot < n.bobot:
            by_kode[n.kode] = n
    return [
        (run_id, pegawai_id, n.kode[:60], n.jenis, n.nama[:150], n.bobot, n.disyaratkan, n.dinilai)
        for n in by_kode.values()
    ]


def _run_for(actor: Actor, opd_id: int | None, tugas_id: int | None) -> tuple[PerhitunganRekomendasi, bool]:
    """The job's run and whether it is resumed (the same run when the job runs again), or a new one."""
    if tugas_id is not None:
        found = PerhitunganRekomendasi.objects.filter(tugas_id=tugas_id, aktif=False, selesai_pada=None).first()
        if found is not None:
            return found, True
    created = PerhitunganRekomendasi.objects.create(opd_id=opd_id, tugas_id=tugas_id, dibuat_oleh_id=actor.user_id)
    return created, False


def _done(run: PerhitunganRekomendasi, chunk: list[int]) -> set[int]:
    """The people of `chunk` a resumed run has already written (two queries)."""
    return set(
        KebutuhanTersimpan.objects.filter(perhitungan=run, pegawai_id__in=chunk).values_list("pegawai_id", flat=True)
    ) | set(
        RekomendasiKegiatan.objects.filter(perhitungan=run, pegawai_id__in=chunk).values_list("pegawai_id", flat=True)
    )


def rekomendasi_hitung(
    *, actor: Actor, opd_id: int | None = None, tugas_id: int | None = None, progress: Progress | None = None
) -> PerhitunganRekomendasi:
    """Compute and store everyone's needs and top activities in the scope, replacing its previous result."""
    _check_scope(actor, opd_id)
    run, resumed = _run_for(actor, opd_id, tugas_id)
    scope = Pegawai.objects.filter(aktif=True)
    if opd_id is not None:
        scope = scope.filter(opd_id=opd_id)
    ids = list(scope.order_by("pk").values_list("pk", flat=True))
    katalog = Katalog()
    total = len(ids)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            done = _done(run, chunk) if resumed else set()
            todo = [pk for pk in chunk if pk not in done]
            needs = gaps.needs_for(todo, teks=False) if todo else {}
            kebutuhan: list[tuple[Any, ...]] = []
            saran: list[tuple[Any, ...]] = []
            for pk in todo:
                mine = needs.get(pk, [])
                kebutuhan.extend(_kebutuhan_rows(run.pk, pk, mine))
                saran.extend(saran_row(run.pk, pk, s) for s in katalog.recommend(mine, TOP_N))
            bulk_insert(KebutuhanTersimpan, KEBUTUHAN_COLUMNS, kebutuhan)
            bulk_insert(RekomendasiKegiatan, SARAN_COLUMNS, saran)
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    _switch_on(actor, run, opd_id, total)
    return run


def _switch_on(actor: Actor, run: PerhitunganRekomendasi, opd_id: int | None, total: int) -> None:
    """Make the run the scope's result: its previous rows go, in the same transaction."""
    with transaction.atomic():
        for model in (KebutuhanTersimpan, RekomendasiKegiatan):
            old = model.objects.exclude(perhitungan=run)  # type: ignore[attr-defined]
            if opd_id is not None:
                # this agency's people, and whatever runs that never finished left behind
                old.filter(pegawai__opd_id=opd_id).delete()
                old.filter(perhitungan__aktif=False).delete()
            else:
                old.delete()
        superseded = PerhitunganRekomendasi.objects.filter(aktif=True).exclude(pk=run.pk)
        if opd_id is not None:
            superseded = superseded.filter(opd_id=opd_id)
        superseded.update(aktif=False)
        run.aktif = True
        run.selesai_pada = timezone.now()
        run.jumlah_pegawai = total
        run.jumlah_rekomendasi = RekomendasiKegiatan.objects.filter(perhitungan=run).count()
        run.save(update_fields=["aktif", "selesai_pada", "jumlah_pegawai", "jumlah_rekomendasi"])
        audit.record(
            actor=actor,
            action="pengembangan.rekomendasi_hitung",
            obj=run,
            summary=f"{total} pegawai, {run.jumlah_rekomendasi} rekomendasi",
            changes={"opd_id": [None, opd_id]},
        )
