"""Writes of angka kredit (issue #12 §3): the opening credit (konversi), uji kompetensi, formasi and
the PAK. Each is a BKD decision (`karier.talent.access`): never about oneself (checked first), only
by a BKD admin; validated before anything is written, one transaction, one audit event, and the
person's StatusAngkaKredit rewritten in the same transaction so lists never read a stale row.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.numbers import baca_angka
from karier.people.access import Actor
from karier.people.choices import JenisUnit, Jenjang
from karier.people.models import JabatanFungsional, Pegawai, UnitKerja
from karier.rules import format_credit
from karier.rules.angka_kredit import konversi_ceiling
from karier.rules.jabatan import next_jenjang
from karier.talent.access import require_bkd, require_bkd_decision
from karier.talent.credit import documents
from karier.talent.credit.compute import rebuild_status
from karier.talent.credit.ledger import functional_jenjang, person_ledger, to_columns
from karier.talent.models import (
    EntriAngkaKredit,
    FormasiJenjang,
    JenisEntriAk,
    PenetapanAngkaKredit,
    UjiKompetensi,
)

__all__ = ["formasi_set", "konversi_record", "pak_issue", "uji_kompetensi_record"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_FORMASI = 100_000


def _text(value: Any, field: str, label: str, max_length: int, *, required: bool = False) -> str:
    text = str(value or "").strip()
    if _CONTROL.search(text):
        raise ValidationError({field: _("%(label)s berisi karakter yang tidak diizinkan.") % {"label": label}})
    if len(text) > max_length:
        raise ValidationError(
            {field: _("%(label)s paling panjang %(n)s karakter.") % {"label": label, "n": max_length}}
        )
    if required and not text:
        raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}})
    return text


def _functional(pegawai: Pegawai) -> str:
    jenjang = functional_jenjang(pegawai)
    if jenjang is None:
        raise ValidationError(
            _("%(nama)s tidak menduduki jabatan fungsional berjenjang, sehingga tidak memiliki angka kredit.")
            % {"nama": pegawai.nama_lengkap}
        )
    if pegawai.golongan_id is None:
        raise ValidationError(_("Golongan %(nama)s belum tercatat.") % {"nama": pegawai.nama_lengkap})
    return jenjang


def _nilai(raw: Decimal | str | int | float) -> Decimal:
    try:
        value = baca_angka(raw) if isinstance(raw, str) else Decimal(str(raw))
    except (ValueError, InvalidOperation):
        raise ValidationError({"nilai": _("Angka kredit “%(v)s” bukan angka.") % {"v": raw}}) from None
    if not value.is_finite():
        raise ValidationError({"nilai": _("Angka kredit “%(v)s” bukan angka.") % {"v": raw}})
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -3:
        raise ValidationError({"nilai": _("Angka kredit paling banyak tiga angka di belakang koma.")})
    return value


def _tahun(tahun: Any, field: str = "tahun") -> int:
    this = timezone.localdate().year
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= this + 1:
        raise ValidationError({field: _("Tahun harus antara 2000 dan %(n)s.") % {"n": this + 1}})
    return tahun


def konversi_record(
    *,
    actor: Actor,
    pegawai: Pegawai,
    nilai: Decimal | str | int | float,
    tahun: int,
    nomor_dokumen: str,
    catatan: str = "",
) -> EntriAngkaKredit:
    """Record the opening credit of a functional employee (first appointment, integration or
    transfer) with the document it rests on; refuses a negative value or one beyond what the jenjang
    can hold (`karier.rules.angka_kredit.konversi_ceiling`)."""
    require_bkd_decision(actor, pegawai)
    jenjang = _functional(pegawai)
    value = _nilai(nilai)
    if value < 0:
        raise ValidationError({"nilai": _("Angka kredit konversi tidak boleh negatif.")})
    batas = konversi_ceiling(jenjang)
    if value > batas:
        raise ValidationError(
            {
                "nilai": _(
                    "Angka kredit konversi %(v)s tidak wajar untuk jenjang %(j)s: paling banyak %(max)s "
                    "(kebutuhan sampai langkah berikutnya). Periksa kembali dokumennya."
                )
                % {"v": format_credit(value), "j": jenjang, "max": format_credit(batas)}
            }
        )
    tahun = _tahun(tahun)
    nomor = _text(nomor_dokumen, "nomor_dokumen", _("Nomor dokumen"), 80, required=True)
    note = _text(catatan, "catatan", _("Keterangan"), 160)
    if EntriAngkaKredit.objects.filter(pegawai=pegawai, jenis=JenisEntriAk.KONVERSI, tahun=tahun).exists():
        raise ValidationError(
            _("Angka kredit konversi tahun %(t)s untuk %(nama)s sudah tercatat.")
            % {"t": tahun, "nama": pegawai.nama_lengkap}
        )
    pembilang, penyebut = to_columns(Fraction(value))
    assert pegawai.golongan_id is not None  # _functional refused a person without one
    with transaction.atomic():
        entry = EntriAngkaKredit.objects.create(
            pegawai=pegawai,
            jenis=JenisEntriAk.KONVERSI,
            tahun=tahun,
            bulan=12,
            jenjang=jenjang,
            golongan_id=pegawai.golongan_id,
            pembilang=pembilang,
            penyebut=penyebut,
            keterangan=(f"No. {nomor}" + (f" — {note}" if note else ""))[:255],
            dicatat_oleh_id=actor.user_id,
        )
        rebuild_status([pegawai.pk], timezone.localdate())
        audit.record(
            actor=actor,
            action="angka_kredit.konversi",
            obj=entry,
            summary=f"AK konversi {format_credit(value)} untuk {pegawai.nip}",
            changes={"nilai": str(value), "tahun": tahun, "nomor_dokumen": nomor, "catatan": note},
        )
    return entry


def uji_kompetensi_record(
    *,
    actor: Actor,
    pegawai: Pegawai,
    jenjang_tujuan: str,
    tanggal: dt.date,
    lulus: bool,
    nomor_sertifikat: str = "",
    penyelenggara: str = "",
) -> UjiKompetensi:
    """Record a competency test for the move to the next jenjang (passed or failed)."""
    require_bkd_decision(actor, pegawai)
    jenjang = _functional(pegawai)
    upper = next_jenjang(jenjang)
    if jenjang_tujuan not in Jenjang.values:
        raise ValidationError({"jenjang_tujuan": _("Jenjang tujuan tidak dikenal.")})
    if upper is None or jenjang_tujuan != upper.value:
        raise ValidationError(
            {
                "jenjang_tujuan": _("Uji kompetensi hanya untuk jenjang berikutnya dari %(j)s%(n)s.")
                % {"j": jenjang, "n": f" ({upper.value})" if upper else _(" — jenjang ini sudah tertinggi")}
            }
        )
    if not isinstance(tanggal, dt.date) or tanggal > timezone.localdate() or tanggal.year < 2000:
        raise ValidationError({"tanggal": _("Tanggal uji harus tanggal yang sudah lewat (paling awal tahun 2000).")})
    if not isinstance(lulus, bool):
        raise ValidationError({"lulus": _("Hasil uji harus lulus atau tidak lulus.")})
    nomor = _text(nomor_sertifikat, "nomor_sertifikat", _("Nomor sertifikat/berita acara"), 80, required=lulus)
    oleh = _text(penyelenggara, "penyelenggara", _("Penyelenggara"), 200)
    with transaction.atomic():
        uji = UjiKompetensi.objects.create(
            pegawai=pegawai,
            jenjang_tujuan=jenjang_tujuan,
            tanggal=tanggal,
            lulus=lulus,
            nomor_sertifikat=nomor,
            penyelenggara=oleh,
            dicatat_oleh_id=actor.user_id,
        )
        audit.record(
            actor=actor,
            action="angka_kredit.uji_kompetensi",
            obj=uji,
            summary=f"Uji kompetensi {pegawai.nip} ke {jenjang_tujuan}: {'lulus' if lulus else 'tidak lulus'}",
            changes={"jenjang_tujuan": jenjang_tujuan, "tanggal": tanggal, "lulus": lulus, "nomor": nomor},
        )
    return uji


def formasi_set(
    *,
    actor: Actor,
    opd: UnitKerja,
    jabatan_fungsional: JabatanFungsional,
    jenjang: str,
    jumlah: int,
    nomor_dokumen: str = "",
) -> FormasiJenjang:
    """Set the formation of a functional position at a jenjang in an agency (creates or changes)."""
    require_bkd(actor)
    if opd.jenis != JenisUnit.OPD:
        raise ValidationError({"opd": _("Formasi ditetapkan per perangkat daerah (OPD), bukan per bidang/seksi.")})
    if jenjang not in Jenjang.values:
        raise ValidationError({"jenjang": _("Jenjang tidak dikenal.")})
    if isinstance(jumlah, bool) or not isinstance(jumlah, int) or not 0 <= jumlah <= MAX_FORMASI:
        raise ValidationError({"jumlah": _("Jumlah formasi harus bilangan bulat 0 sampai %(n)s.") % {"n": "100.000"}})
    nomor = _text(nomor_dokumen, "nomor_dokumen", _("Nomor penetapan formasi"), 80)
    with transaction.atomic():
        row, created = FormasiJenjang.objects.select_for_update().get_or_create(
            opd=opd,
            jabatan_fungsional=jabatan_fungsional,
            jenjang=jenjang,
            defaults={"jumlah": jumlah, "nomor_dokumen": nomor, "diubah_oleh_id": actor.user_id},
        )
        before = None if created else {"jumlah": row.jumlah, "nomor_dokumen": row.nomor_dokumen}
        if not created:
            row.jumlah, row.nomor_dokumen, row.diubah_oleh_id = jumlah, nomor, actor.user_id
            row.save(update_fields=["jumlah", "nomor_dokumen", "diubah_oleh", "diubah_pada"])
        audit.record(
            actor=actor,
            action="angka_kredit.formasi",
            obj=row,
            summary=f"Formasi {jabatan_fungsional.nama} {jenjang} di {opd.nama}: {jumlah}",
            changes={"sebelum": before, "jumlah": jumlah, "nomor_dokumen": nomor},
        )
    return row


def pak_issue(*, actor: Actor, pegawai: Pegawai, tahun: int, nomor: str, tanggal: dt.date) -> PenetapanAngkaKredit:
    """Issue the PAK of a person for a year: its whole content (every figure as a string) and the
    SHA-256 of it are stored, so it prints the same forever; one PAK per person per year."""
    require_bkd_decision(actor, pegawai)
    jenjang = _functional(pegawai)
    tahun = _tahun(tahun)
    nomor = _text(nomor, "nomor", _("Nomor PAK"), 80, required=True)
    if not isinstance(tanggal, dt.date) or tanggal > timezone.localdate() or tanggal.year < tahun:
        raise ValidationError(
            {"tanggal": _("Tanggal penetapan tidak boleh di masa depan atau sebelum tahun %(t)s.") % {"t": tahun}}
        )
    existing = PenetapanAngkaKredit.objects.filter(pegawai=pegawai, tahun=tahun).first()
    if existing is not None:
        raise ValidationError(
            _("PAK tahun %(t)s untuk %(nama)s sudah ditetapkan dengan nomor %(n)s.")
            % {"t": tahun, "nama": pegawai.nama_lengkap, "n": existing.nomor}
        )
    person = Pegawai.objects.select_related("jabatan__jabatan_fungsional", "golongan", "unit", "opd", "instansi").get(
        pk=pegawai.pk
    )
    entries = list(EntriAngkaKredit.objects.filter(pegawai=person, tahun__lte=tahun))
    ledger = person_ledger(person, entries)
    if ledger is None:
        raise ValidationError(
            _("Golongan %(g)s tidak termasuk jenjang %(j)s; perbaiki data kepegawaian lebih dahulu.")
            % {"g": person.golongan.kode if person.golongan else "-", "j": jenjang}
        )
    konten = documents.pak_content(
        pegawai=person, ledger=ledger, tahun=tahun, nomor=nomor, tanggal=tanggal, actor=actor
    )
    try:
        with transaction.atomic():
            pak = PenetapanAngkaKredit.objects.create(
                pegawai=person,
                tahun=tahun,
                nomor=nomor,
                tanggal=tanggal,
                konten=konten,
                hash=documents.content_hash(konten),
                ditetapkan_oleh_id=actor.user_id,
            )
            audit.record(
                actor=actor,
                action="angka_kredit.pak",
                obj=pak,
                summary=f"PAK {nomor} tahun {tahun} untuk {person.nip}",
                changes={"nomor": nomor, "tanggal": tanggal, "tahun": tahun, "hash": pak.hash},
            )
    except IntegrityError:  # issued at the same moment by another request
        raise ValidationError(_("PAK tahun %(t)s untuk orang ini sudah ditetapkan.") % {"t": tahun}) from None
    return pak
