"""Import of past predikat and angka kredit in two phases (issue #12 item 1): check, then apply all or nothing.

Phase one (`riwayat_impor_periksa`) reads the file (`reader`), checks every row in a fixed number of
queries (people, who the actor sees, final evaluations, predikat and credit already recorded) and
keeps the rows and a per-row report in Bahasa Indonesia in an `ImporRiwayatKinerja`. Phase two
(`riwayat_impor_terapkan`, run as a background job by `riwayat_impor_start`) re-checks every row as
it is now — a final evaluation may have been signed meanwhile — and writes every `PredikatTahunan`
(sumber IMPOR) and every `EntriAngkaKredit` (IMPOR) in one transaction, or nothing.

Decisions:
- A final annual evaluation of Karier is the record: a row that contradicts it is refused ("bertentangan
  dengan evaluasi final"); a row that agrees is accepted and skipped when applied (nothing to add).
- Angka kredit only for holders of a functional position, and it must be what `karier.rules` gives for
  the predikat, the person's jenjang and the months (within 0,01 — a PAK prints two places); the entry
  stores the rule's exact fraction, of which the figure in the file is the rounding, so the ledger
  keeps summing exactly. Jenjang and golongan are the person's current ones.
- A year already imported, or with credit already in the ledger, is refused (no silent overwrite).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.appraisal.choices import JenisPeriode, StatusEvaluasi
from karier.appraisal.models import Evaluasi
from karier.core import audit
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import Progress, job_start
from karier.core.models import TugasLatar
from karier.core.numbers import angka, baca_angka
from karier.development import two_phase
from karier.people.access import Actor, visible_pegawai
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai
from karier.rules import PREDIKAT_MATRIX, Predikat, Rating, coerce, credit_fraction, fraction_to_decimal
from karier.talent.choices import StatusImporRiwayat
from karier.talent.history import access
from karier.talent.history.reader import Baris, read_rows
from karier.talent.models import EntriAngkaKredit, ImporRiwayatKinerja, JenisEntriAk, PredikatTahunan, SumberPredikat

TAHUN_MIN = 1990
TOLERANSI = Decimal("0.01")
MAX_KETERANGAN = 255
CHUNK = 2_000


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _nip(value: Any) -> tuple[str, str | None]:
    """(NIP, problem). A NIP stored as a spreadsheet number has lost digits: say so, never guess."""
    if isinstance(value, float):
        return "", _("NIP ditulis sebagai angka sehingga digit terakhirnya hilang; format kolom NIP sebagai Teks.")
    text = str(value).strip().lstrip("'").replace(" ", "")
    if not text:
        return "", _("NIP kosong.")
    return text, None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return int(text) if text.isdecimal() and len(text) <= 6 else None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    try:
        return baca_angka(str(value)[:40])
    except ValueError:
        return None


def _option(enum_cls: Any, value: Any) -> tuple[Any, bool]:
    """(member or None when blank, ok)."""
    text = _text(value)
    if not text:
        return None, True
    try:
        return coerce(enum_cls, text[:60]), True
    except ValueError:
        return None, False


def _people(nips: set[str]) -> dict[str, dict[str, Any]]:
    rows = Pegawai.objects.filter(nip__in=nips, aktif=True).values(
        "pk", "nip", "jabatan__jenis", "jabatan__jenjang", "golongan_id"
    )
    return {r["nip"]: dict(r) for r in rows}


def _finals(ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], str]:
    """(person, year) → the predikat of their final annual evaluation (one query)."""
    found: dict[tuple[int, int], str] = {}
    rows = (
        Evaluasi.objects.filter(
            pegawai_id__in=list(ids),
            periode__tahun_id__in=list(years),
            periode__jenis=JenisPeriode.TAHUNAN,
            status=StatusEvaluasi.FINAL,
        )
        .order_by("skp__periode_selesai", "pk")
        .values_list("pegawai_id", "periode__tahun_id", "predikat", "predikat_akhir")
    )
    for pegawai_id, tahun, predikat, akhir in rows:
        if akhir or predikat:
            found[(pegawai_id, tahun)] = akhir or predikat
    return found


def _rating_problem(predikat: Predikat, hasil: Rating | None, perilaku: Rating | None) -> str | None:
    """The ratings must give the predikat by the matrix of PermenPANRB 6/2022 (a calibration may move a
    predikat, but then its ratings are not imported: leave them blank)."""
    if hasil is None and perilaku is None:
        return None
    pairs = [(h, p) for (h, p), v in PREDIKAT_MATRIX.items() if v is predikat]
    if any((hasil is None or h is hasil) and (perilaku is None or p is perilaku) for h, p in pairs):
        return None
    return _(
        "Rating hasil kerja dan rating perilaku tidak menghasilkan predikat %(p)s (matriks PermenPANRB 6/2022)."
    ) % {"p": predikat.value}


def check_rows(
    actor: Actor, rows: Iterable[Baris], today: dt.date | None = None
) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """(clean rows ready to write, [[row number, message], …]). Five queries for any number of rows."""
    rows = list(rows)
    today = today or timezone.localdate()
    parsed_nips = {r.nomor: _nip(r.nilai.get("nip", "")) for r in rows}
    people = _people({nip for nip, _problem in parsed_nips.values() if nip})
    ids = [p["pk"] for p in people.values()]
    visible = set(visible_pegawai(actor).filter(pk__in=ids).values_list("pk", flat=True))
    years = {y for r in rows if (y := _int(r.nilai.get("tahun", ""))) is not None}
    finals = _finals(ids, years)
    recorded = set(
        PredikatTahunan.objects.filter(pegawai_id__in=ids, tahun__in=years).values_list("pegawai_id", "tahun")
    )
    credited = set(
        EntriAngkaKredit.objects.filter(
            pegawai_id__in=ids, tahun__in=years, jenis__in=[JenisEntriAk.PREDIKAT, JenisEntriAk.IMPOR]
        ).values_list("pegawai_id", "tahun")
    )
    errors: list[list[Any]] = []
    clean: list[dict[str, Any]] = []
    seen: dict[tuple[str, int], int] = {}
    for r in rows:
        v = r.nilai
        problems: list[str] = []
        nip, problem = parsed_nips[r.nomor]
        person = people.get(nip) if nip else None
        if problem:
            problems.append(problem)
        elif person is None:
            problems.append(_("NIP %(nip)s tidak ditemukan di antara pegawai aktif.") % {"nip": nip[:30]})
        elif person["pk"] not in visible:
            problems.append(_("NIP %(nip)s bukan pegawai yang dapat Anda kelola.") % {"nip": nip[:30]})
            person = None
        elif actor.pegawai_id == person["pk"]:
            problems.append(_("Anda tidak dapat mengimpor riwayat kinerja Anda sendiri."))
            person = None
        tahun = _int(v.get("tahun", ""))
        if tahun is None or not TAHUN_MIN <= tahun <= today.year:
            problems.append(
                _("Tahun “%(t)s” harus antara %(min)s dan %(max)s.")
                % {"t": _text(v.get("tahun", ""))[:10], "min": TAHUN_MIN, "max": today.year}
            )
            tahun = None
        predikat, _known = _option(Predikat, v.get("predikat", ""))
        if predikat is None:
            problems.append(
                _("Predikat “%(p)s” bukan salah satu dari: %(daftar)s.")
                % {"p": _text(v.get("predikat", ""))[:40], "daftar": ", ".join(p.value for p in Predikat)}
            )
        hasil, ok_h = _option(Rating, v.get("rating_hasil_kerja", ""))
        perilaku, ok_p = _option(Rating, v.get("rating_perilaku", ""))
        if not (ok_h and ok_p):
            problems.append(
                _("Rating harus salah satu dari: %(daftar)s (atau kosong).")
                % {"daftar": ", ".join(x.value for x in Rating)}
            )
        elif predikat is not None and (msg := _rating_problem(predikat, hasil, perilaku)):
            problems.append(msg)
        bulan_text = _text(v.get("jumlah_bulan", ""))
        bulan = _int(bulan_text) if bulan_text else 12
        if bulan is None or not 1 <= bulan <= 12:
            problems.append(_("Jumlah bulan “%(b)s” harus 1 sampai 12.") % {"b": bulan_text[:10]})
            bulan = None
        keterangan = str(v.get("keterangan", "")).strip()
        if len(keterangan) > MAX_KETERANGAN:
            problems.append(_("Keterangan paling banyak 255 karakter."))
        ak_text = _text(v.get("angka_kredit", ""))
        ak = _number(v.get("angka_kredit", "")) if ak_text else None
        if ak_text and ak is None:
            problems.append(_("Angka kredit “%(a)s” bukan angka; tulis mis. 12,5.") % {"a": ak_text[:20]})
        key_final = (person["pk"], tahun) if person and tahun else None
        final = finals.get(key_final) if key_final else None
        lewati = False
        if key_final and predikat is not None:
            if final is not None and final != predikat.value:
                problems.append(
                    _("Predikat %(p)s bertentangan dengan evaluasi final Karier tahun %(t)s (%(f)s); baris ditolak.")
                    % {"p": predikat.value, "t": tahun, "f": final}
                )
            elif final is not None:
                lewati = True  # agrees with Karier's own record: nothing to add
            elif key_final in recorded:
                problems.append(_("Predikat tahun %(t)s untuk NIP ini sudah tercatat.") % {"t": tahun})
        if ak_text and ak is not None and person and predikat is not None and bulan:
            if lewati:
                problems.append(
                    _(
                        "Tahun %(t)s sudah dinilai di Karier; angka kreditnya dihitung dari evaluasi final, "
                        "bukan diimpor."
                    )
                    % {"t": tahun}
                )
            elif person["jabatan__jenis"] != JenisJabatan.FUNGSIONAL or not person["jabatan__jenjang"]:
                problems.append(_("Angka kredit hanya untuk pemangku jabatan fungsional; kosongkan kolomnya."))
            elif person["golongan_id"] is None:
                problems.append(_("Golongan pegawai ini belum tercatat; angka kredit tidak dapat dicatat."))
            elif key_final and key_final in credited:
                problems.append(_("Angka kredit tahun %(t)s untuk NIP ini sudah tercatat.") % {"t": tahun})
            else:
                expected = fraction_to_decimal(credit_fraction(person["jabatan__jenjang"], predikat, bulan))
                if abs(expected - ak) > TOLERANSI:
                    problems.append(
                        _(
                            "Angka kredit %(a)s tidak sesuai aturan: predikat %(p)s, jenjang %(j)s, %(b)s bulan "
                            "memberi %(e)s."
                        )
                        % {
                            "a": angka(ak),
                            "p": predikat.value,
                            "j": person["jabatan__jenjang"],
                            "b": bulan,
                            "e": angka(expected, 3),
                        }
                    )
        if nip and tahun:
            if (nip, tahun) in seen:
                problems.append(_("Baris ganda: NIP dan tahun sama dengan baris %(n)s.") % {"n": seen[(nip, tahun)]})
            seen.setdefault((nip, tahun), r.nomor)
        if problems:
            errors.extend([r.nomor, p] for p in problems)
            continue
        assert person is not None and tahun is not None and predikat is not None and bulan is not None
        clean.append(
            {
                "_nomor": r.nomor,
                "nip": nip,
                "pegawai_id": person["pk"],
                "tahun": tahun,
                "predikat": predikat.value,
                "rating_hasil_kerja": hasil.value if hasil else "",
                "rating_perilaku": perilaku.value if perilaku else "",
                "jumlah_bulan": bulan,
                "angka_kredit": format(ak, "f").replace(".", ",") if ak is not None else "",
                "jenjang": person["jabatan__jenjang"] if ak is not None else "",
                "golongan_id": person["golongan_id"] if ak is not None else None,
                "keterangan": keterangan,
                "lewati": lewati,
            }
        )
    return clean, errors


def _as_rows(baris: list[dict[str, Any]]) -> list[Baris]:
    """Stored clean rows back into file rows, to check them again as things are now."""
    return [
        Baris(
            int(b.get("_nomor", 0)),
            {
                "nip": b["nip"],
                "tahun": b["tahun"],
                "predikat": b["predikat"],
                "rating_hasil_kerja": b["rating_hasil_kerja"],
                "rating_perilaku": b["rating_perilaku"],
                "jumlah_bulan": b["jumlah_bulan"],
                "angka_kredit": b["angka_kredit"],
                "keterangan": b["keterangan"],
            },
        )
        for b in baris
    ]


def riwayat_impor_check(*, actor: Actor, rows: list[Baris], berkas: Any) -> ImporRiwayatKinerja:
    """Phase one from rows already read (the upload, or the demo's rows): keeps the report only."""
    access.require_import(actor)
    clean, errors = check_rows(actor, rows)
    return two_phase.record_checked(
        ImporRiwayatKinerja,
        actor=actor,
        berkas=berkas,
        rows=rows,
        baris=[{k: str(v)[:200] for k, v in r.nilai.items()} | {"_nomor": r.nomor} for r in rows] if errors else clean,
        errors=errors,
        action="riwayat_kinerja.impor_periksa",
    )


def riwayat_impor_periksa(*, actor: Actor, berkas: Any) -> ImporRiwayatKinerja:
    """Phase one: read and check the file; keeps the report, writes no predikat."""
    access.require_import(actor)
    return riwayat_impor_check(actor=actor, rows=read_rows(berkas), berkas=berkas)


def _ensure(actor: Actor, impor: ImporRiwayatKinerja) -> None:
    two_phase.ensure_applicable(impor, checked=StatusImporRiwayat.DIPERIKSA)
    two_phase.ensure_not_own(
        actor, impor, _("Berkas ini memuat riwayat kinerja Anda sendiri; minta admin BKD lain menerapkannya.")
    )


def riwayat_impor_start(*, actor: Actor, impor: ImporRiwayatKinerja) -> TugasLatar:
    """Phase two as a background job; the task re-checks everything when it runs."""
    access.require_import(actor)
    _ensure(actor, impor)
    from karier.talent.history.tasks import riwayat_impor_task

    return job_start(
        actor=actor,
        jenis=JenisTugasLatar.IMPOR_RIWAYAT_KINERJA,
        parameter={"impor_id": impor.pk},
        task=riwayat_impor_task,
    )


def impor_job(impor: ImporRiwayatKinerja) -> TugasLatar | None:
    return two_phase.latest_job(JenisTugasLatar.IMPOR_RIWAYAT_KINERJA, impor)


def _write(actor: Actor, impor: ImporRiwayatKinerja, rows: list[dict[str, Any]], progress: Progress | None) -> int:
    todo = [r for r in rows if not r["lewati"]]
    for start in range(0, len(todo), CHUNK):
        part = todo[start : start + CHUNK]
        created = PredikatTahunan.objects.bulk_create(
            [
                PredikatTahunan(
                    pegawai_id=r["pegawai_id"],
                    tahun=r["tahun"],
                    predikat=r["predikat"],
                    rating_hasil_kerja=r["rating_hasil_kerja"],
                    rating_perilaku=r["rating_perilaku"],
                    bulan=r["jumlah_bulan"],
                    sumber=SumberPredikat.IMPOR,
                    impor=impor,
                )
                for r in part
            ]
        )
        entries = []
        for r, pt in zip(part, created, strict=True):
            if not r["angka_kredit"]:
                continue
            exact = credit_fraction(r["jenjang"], r["predikat"], r["jumlah_bulan"])
            entries.append(
                EntriAngkaKredit(
                    pegawai_id=r["pegawai_id"],
                    jenis=JenisEntriAk.IMPOR,
                    tahun=r["tahun"],
                    bulan=r["jumlah_bulan"],
                    jenjang=r["jenjang"],
                    golongan_id=r["golongan_id"],
                    predikat=r["predikat"],
                    pembilang=exact.numerator,
                    penyebut=exact.denominator,
                    predikat_tahunan_id=pt.pk,
                    keterangan=(r["keterangan"] or _("Impor riwayat #%(n)s") % {"n": impor.pk})[:MAX_KETERANGAN],
                    dicatat_oleh_id=actor.user_id,
                )
            )
        EntriAngkaKredit.objects.bulk_create(entries)
        if progress is not None:
            progress(min(start + CHUNK, len(todo)), len(todo))
    return len(todo)


def riwayat_impor_terapkan(*, actor: Actor, impor: ImporRiwayatKinerja, progress: Progress | None = None) -> int:
    """Phase two: write every row, or none. Every row is checked again as things are now (a final
    evaluation, another import or a move may have come since phase one); one transaction."""
    access.require_import(actor)
    _ensure(actor, impor)
    with transaction.atomic():
        locked = ImporRiwayatKinerja.objects.select_for_update().get(pk=impor.pk)
        _ensure(actor, locked)
        rows, errors = check_rows(actor, _as_rows(locked.baris))
        if errors:
            detail = "; ".join(_("baris %(n)s: %(p)s") % {"n": n, "p": p} for n, p in errors[:5])
            raise ValidationError(
                {
                    "berkas": _(
                        "Data berubah sejak berkas diperiksa (%(d)s). Periksa ulang berkasnya; tidak ada yang disimpan."
                    )
                    % {"d": detail}
                }
            )
        n = _write(actor, locked, rows, progress)
        locked.status = StatusImporRiwayat.DITERAPKAN
        locked.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="riwayat_kinerja.impor_terapkan",
            obj=locked,
            summary=f"{locked.nama_berkas}: {n} predikat",
            changes={"baris": [None, n]},
        )
    impor.status = StatusImporRiwayat.DITERAPKAN
    return n
