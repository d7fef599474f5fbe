"""Writes of succession (issue #12 item 5): key positions with their requirements, nominations and the
talent committee's decisions. Each service checks the actor itself, validates everything before it
writes, writes once inside a transaction and records one audit event."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_start
from karier.core.models import TugasLatar
from karier.development.models import Kompetensi
from karier.people.access import Actor
from karier.people.choices import JenisJabatan, Jenjang, Pendidikan
from karier.people.models import Golongan, Jabatan, Pegawai
from karier.talent.models import JabatanKritikal, KandidatSuksesi, NominasiSuksesi, StatusNominasi
from karier.talent.models import SyaratKompetensiKritikal as Syarat
from karier.talent.succession import access
from karier.talent.succession.workflow import TERBUKA, TRANSITIONS, Aksi, check, ensure

MAX_CATATAN = 2000
MAX_KOMPETENSI = 30
MAX_MASA_KERJA = 40
MAX_NOMOR = 80


@dataclass
class SyaratData:
    """What a key position asks of its successor (every field optional: empty means "no requirement")."""

    jenis_jabatan: list[str] = field(default_factory=list)
    jenjang_minimal: str = ""
    golongan_minimal_id: int | None = None
    pendidikan_minimal: str = ""
    masa_kerja_minimal: int = 0
    kompetensi: dict[int, int] = field(default_factory=dict)  # Kompetensi id → level 1–5
    catatan: str = ""


def _clean(jabatan: Jabatan, data: SyaratData) -> dict[int, int]:
    errors: dict[str, str] = {}
    if not jabatan.aktif:
        errors["jabatan"] = _("Jabatan ini tidak aktif; pilih jabatan yang masih ada.")
    jenis = list(data.jenis_jabatan)
    if any(j not in JenisJabatan.values for j in jenis) or len(set(jenis)) != len(jenis):
        errors["jenis_jabatan"] = _("Pilih jenis jabatan asal dari daftar (masing-masing sekali).")
    if data.jenjang_minimal and data.jenjang_minimal not in Jenjang.values:
        errors["jenjang_minimal"] = _("Pilih jenjang minimal dari daftar.")
    if data.golongan_minimal_id is not None and not Golongan.objects.filter(pk=data.golongan_minimal_id).exists():
        errors["golongan_minimal"] = _("Golongan minimal tidak dikenal.")
    if data.pendidikan_minimal and data.pendidikan_minimal not in Pendidikan.values:
        errors["pendidikan_minimal"] = _("Pilih pendidikan minimal dari daftar.")
    masa = data.masa_kerja_minimal
    if isinstance(masa, bool) or not isinstance(masa, int) or not 0 <= masa <= MAX_MASA_KERJA:
        errors["masa_kerja_minimal"] = _("Masa kerja minimal harus bilangan bulat 0–40 tahun.")
    if len(data.catatan) > MAX_CATATAN or "\x00" in data.catatan:
        errors["catatan"] = _("Catatan paling banyak 2000 karakter, tanpa karakter kendali.")
    levels: dict[int, int] = {}
    if len(data.kompetensi) > MAX_KOMPETENSI:
        errors["kompetensi"] = _("Paling banyak 30 syarat kompetensi untuk satu jabatan.")
    elif data.kompetensi:
        known = set(Kompetensi.objects.filter(pk__in=list(data.kompetensi), aktif=True).values_list("pk", flat=True))
        for kid, level in data.kompetensi.items():
            if kid not in known:
                errors["kompetensi"] = _("Kompetensi yang dipilih tidak dikenal atau tidak aktif.")
            elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
                errors["kompetensi"] = _("Level kompetensi harus antara 1 dan 5.")
            else:
                levels[kid] = level
    if errors:
        raise ValidationError(errors)
    return levels


def jabatan_kritikal_set(*, actor: Actor, jabatan: Jabatan, data: SyaratData) -> JabatanKritikal:
    """Mark a position as key (or change its requirements; a removed one is marked again), then start
    recomputing its candidates (`suksesi_hitung_start`)."""
    access.require_manage(actor)
    levels = _clean(jabatan, data)
    with transaction.atomic():
        existing = JabatanKritikal.objects.select_for_update().filter(jabatan=jabatan).first()
        before = _snapshot(existing) if existing else {}
        jk = existing or JabatanKritikal(jabatan=jabatan)
        jk.jenis_jabatan = list(data.jenis_jabatan)
        jk.jenjang_minimal = data.jenjang_minimal
        jk.golongan_minimal_id = data.golongan_minimal_id
        jk.pendidikan_minimal = data.pendidikan_minimal
        jk.masa_kerja_minimal = data.masa_kerja_minimal
        jk.catatan = data.catatan.strip()
        jk.aktif = True
        jk.ditetapkan_oleh_id = actor.user_id
        jk.save()
        Syarat.objects.filter(jabatan_kritikal=jk).delete()
        Syarat.objects.bulk_create([Syarat(jabatan_kritikal=jk, kompetensi_id=k, level=v) for k, v in levels.items()])
        after = _snapshot(jk)
        audit.record(
            actor=actor,
            action="jabatan_kritikal.set",
            obj=jk,
            summary=f"Jabatan kritikal: {jabatan.nama}",
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        )
        suksesi_hitung_start(actor=actor, jabatan_kritikal=jk)  # runs after commit
    return jk


def suksesi_hitung_start(*, actor: Actor, jabatan_kritikal: JabatanKritikal) -> TugasLatar:
    """Start recomputing one key position's candidates in the background (BKD admins): the pool is
    the whole province's boxes 7–9, too much for a request. On the embedded default the job runs
    inline when the request commits, so the succession view shows the new candidates at once."""
    access.require_manage(actor)
    from karier.talent.succession.tasks import suksesi_hitung_task

    return job_start(
        actor=actor,
        jenis=JenisTugasLatar.SUKSESI,
        parameter={"jabatan_kritikal": [jabatan_kritikal.pk]},
        task=suksesi_hitung_task,
    )


def _snapshot(jk: JabatanKritikal) -> dict[str, object]:
    return {
        "jenis_jabatan": list(jk.jenis_jabatan),
        "jenjang_minimal": jk.jenjang_minimal,
        "golongan_minimal": jk.golongan_minimal_id,
        "pendidikan_minimal": jk.pendidikan_minimal,
        "masa_kerja_minimal": jk.masa_kerja_minimal,
        "kompetensi": {
            str(k): v for k, v in Syarat.objects.filter(jabatan_kritikal=jk).values_list("kompetensi_id", "level")
        },
        "catatan": jk.catatan,
        "aktif": jk.aktif,
    }


def jabatan_kritikal_remove(*, actor: Actor, jabatan_kritikal: JabatanKritikal) -> JabatanKritikal:
    """Stop treating a position as key: it is deactivated (nominations stay as history) and its
    computed candidates are dropped."""
    access.require_manage(actor)
    if not jabatan_kritikal.aktif:
        raise ValidationError({"aktif": _("Jabatan ini sudah tidak ditandai sebagai jabatan kritikal.")})
    with transaction.atomic():
        jk = JabatanKritikal.objects.select_for_update().get(pk=jabatan_kritikal.pk)
        if not jk.aktif:
            raise ValidationError({"aktif": _("Jabatan ini sudah tidak ditandai sebagai jabatan kritikal.")})
        jk.aktif = False
        jk.save(update_fields=["aktif", "diubah_pada"])
        KandidatSuksesi.objects.filter(jabatan_kritikal=jk).delete()
        audit.record(
            actor=actor,
            action="jabatan_kritikal.remove",
            obj=jk,
            summary=f"Jabatan kritikal dinonaktifkan: {jk.jabatan_id}",
            changes={"aktif": [True, False]},
        )
    return jk


def nominasi_create(
    *, actor: Actor, jabatan_kritikal: JabatanKritikal, pegawai: Pegawai, alasan: str
) -> NominasiSuksesi:
    """Propose a person to a key position's succession group, with the reason, for the committee."""
    access.require_nominate(actor, jabatan_kritikal, pegawai.pk)
    alasan = alasan.strip()
    errors: dict[str, str] = {}
    if not jabatan_kritikal.aktif:
        errors["jabatan_kritikal"] = _("Jabatan ini tidak lagi ditandai sebagai jabatan kritikal.")
    if not alasan:
        errors["alasan"] = _("Tulis alasan pengusulan.")
    elif len(alasan) > MAX_CATATAN or "\x00" in alasan:
        errors["alasan"] = _("Alasan paling banyak 2000 karakter, tanpa karakter kendali.")
    if not pegawai.aktif:
        errors["pegawai"] = _("Pegawai ini tidak aktif.")
    elif pegawai.jabatan_id == jabatan_kritikal.jabatan_id:
        errors["pegawai"] = _("Pegawai ini sudah menduduki jabatan tersebut.")
    if not errors and _open(jabatan_kritikal, pegawai).exists():
        errors["pegawai"] = _("Pegawai ini sudah diusulkan untuk jabatan ini dan menunggu keputusan komite.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        JabatanKritikal.objects.select_for_update().filter(pk=jabatan_kritikal.pk).first()
        if _open(jabatan_kritikal, pegawai).exists():
            raise ValidationError(
                {"pegawai": _("Pegawai ini sudah diusulkan untuk jabatan ini dan menunggu keputusan komite.")}
            )
        nominasi = NominasiSuksesi.objects.create(
            jabatan_kritikal=jabatan_kritikal, pegawai=pegawai, alasan=alasan, diusulkan_oleh_id=actor.user_id
        )
        audit.record(
            actor=actor,
            action="nominasi_suksesi.create",
            obj=nominasi,
            summary=f"Nominasi suksesi: {pegawai.nama_lengkap} → {jabatan_kritikal.jabatan_id}",
            changes={"pegawai": [None, pegawai.pk], "alasan": [None, alasan]},
        )
    return nominasi


def _open(jabatan_kritikal: JabatanKritikal, pegawai: Pegawai) -> QuerySet[NominasiSuksesi]:
    return NominasiSuksesi.objects.filter(jabatan_kritikal=jabatan_kritikal, pegawai=pegawai, status__in=TERBUKA)


def nominasi_decide(
    *, actor: Actor, nominasi: NominasiSuksesi, setuju: bool, nomor_berita_acara: str, catatan: str = ""
) -> NominasiSuksesi:
    """Record the talent committee's decision (approve or reject) with its minutes number; the new
    status comes from the workflow table, and a decision is final."""
    access.require_decide(actor, nominasi)
    nomor, catatan = nomor_berita_acara.strip(), catatan.strip()
    aksi = Aksi.SETUJUI if setuju is True else Aksi.TOLAK
    errors: dict[str, str] = {}
    if refusal := check(aksi, status=nominasi.status):
        errors["status"] = refusal.reason
    if not nomor:
        errors["nomor_berita_acara"] = _("Isi nomor berita acara rapat komite talenta.")
    elif len(nomor) > MAX_NOMOR or "\x00" in nomor:
        errors["nomor_berita_acara"] = _("Nomor berita acara paling banyak 80 karakter, tanpa karakter kendali.")
    if len(catatan) > MAX_CATATAN or "\x00" in catatan:
        errors["catatan"] = _("Catatan paling banyak 2000 karakter, tanpa karakter kendali.")
    if not isinstance(setuju, bool):
        errors["setuju"] = _("Pilih setujui atau tolak.")
    if errors:
        raise ValidationError(errors)
    status = StatusNominasi(TRANSITIONS[aksi].ke)
    with transaction.atomic():
        locked = NominasiSuksesi.objects.select_for_update().get(pk=nominasi.pk)
        ensure(aksi, status=locked.status)  # decided meanwhile by someone else
        before = locked.status
        locked.status = status
        locked.nomor_berita_acara = nomor
        locked.catatan_komite = catatan
        locked.diputuskan_oleh_id = actor.user_id
        locked.diputuskan_pada = timezone.now()
        locked.save(
            update_fields=["status", "nomor_berita_acara", "catatan_komite", "diputuskan_oleh", "diputuskan_pada"]
        )
        audit.record(
            actor=actor,
            action="nominasi_suksesi.decide",
            obj=locked,
            summary=f"Keputusan komite talenta: {status.label} ({nomor})",
            changes={"status": [before, status.value], "nomor_berita_acara": [None, nomor]},
        )
    nominasi.refresh_from_db()
    return nominasi
