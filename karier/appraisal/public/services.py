"""Public (citizen/stakeholder) feedback: links and QR codes, the anonymous answer, moderation.

Spam resistance without third-party services (see docs/feedback.md):
- a long-lived signed random device cookie; stored only as a keyed hash (HMAC with SECRET_KEY);
- one answer per link per device per local day — a unique constraint (link, device, day), so
  simultaneous submissions store one — and at most `MAKS_PER_PERANGKAT_HARI` answers per device per
  day across all links (a citizen may be served at several desks);
- per address (`karier.core.clientip.client_ip`, an IPv6 one by its /64; stored only as a keyed hash): at most
  `MAKS_PER_ALAMAT_JAM` answers per hour across all links, and per link at most
  `MAKS_TAUTAN_ALAMAT_JAM` per hour and `MAKS_TAUTAN_ALAMAT_HARI` per day (HTTP 429);
- a signed form token with its issue time: faster than `MIN_DETIK` or older than `MAKS_DETIK` is
  refused, and each token is accepted once (stored hash, unique); a honeypot; the CSRF token;
- a burst — `BURST_N` or more answers to one link from one network (/24, /64) within `BURST_JAM`
  hours — is held: those answers count only once a moderator accepts them.
A refused answer writes nothing. Other scores count in the summary as soon as they arrive unless a
moderator rejects them; comments are shown only once a moderator accepts them. The checks run in
the transaction that writes the answer, with the link's row locked, so parallel requests cannot
slip past a limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import secrets
import time
from typing import Any, Protocol

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal.choices import StatusModerasi
from karier.appraisal.feedback.access import can_manage_pegawai_link, can_manage_unit_link, can_moderate, moderated
from karier.appraisal.models import TautanPublik, TokenFormulirPublik, UmpanBalikPublik
from karier.core import audit
from karier.core.clientip import limit_address
from karier.people.access import ANONYMOUS, Actor
from karier.people.models import Pegawai, UnitKerja

MAKS_KOMENTAR = 500
MAKS_PER_ALAMAT_JAM = 20
MAKS_TAUTAN_ALAMAT_JAM = 10
MAKS_TAUTAN_ALAMAT_HARI = 30
MAKS_PER_PERANGKAT_HARI = 5
BURST_N = 3
BURST_JAM = 24
MIN_DETIK = 3
MAKS_DETIK = 2 * 60 * 60
TOKEN_SALT = "karier.appraisal.publik.form"
DEVICE_SALT = "karier.appraisal.publik.perangkat"
DEVICE_COOKIE = "karier_perangkat"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 60 * 60

MSG_BANJIR = gettext_noop(
    "Terlalu banyak kiriman dari jaringan Anda dalam satu jam terakhir. Isian Anda tidak hilang: coba kirim lagi nanti."
)
MSG_SUDAH = gettext_noop(
    "Perangkat ini sudah memberi penilaian untuk tautan ini hari ini. Terima kasih; Anda dapat "
    "memberi penilaian lagi besok."
)
MSG_PERANGKAT_HARI = gettext_noop(
    "Perangkat ini sudah mengirim %(n)s penilaian hari ini, batas harian tercapai. Coba lagi besok."
)
MSG_CEPAT = gettext_noop("Formulir dikirim terlalu cepat. Periksa kembali isian Anda, lalu tekan Kirim sekali lagi.")
MSG_KEDALUWARSA = gettext_noop("Formulir sudah terlalu lama terbuka. Isian Anda masih ada: tekan Kirim sekali lagi.")
MSG_TOKEN = gettext_noop("Formulir tidak valid. Isian Anda masih ada: tekan Kirim sekali lagi.")
MSG_TOKEN_DIPAKAI = gettext_noop(
    "Formulir ini sudah pernah dikirim. Jika Anda belum memberi penilaian hari ini, isian Anda "
    "masih ada: tekan Kirim sekali lagi."
)
MSG_BANJIR_TAUTAN = gettext_noop(
    "Terlalu banyak kiriman untuk petugas atau layanan ini dari jaringan Anda. Isian Anda tidak "
    "hilang: coba kirim lagi nanti."
)


class TerlaluBanyak(ValidationError):
    """Too many answers from one network address: the view answers HTTP 429."""


# ---------------------------------------------------------------------------- hashing and tokens
def keyed_hash(kind: str, value: str) -> str:
    """HMAC-SHA256 keyed with SECRET_KEY: comparable, never reversible, useless elsewhere."""
    return salted_hmac(f"karier.appraisal.publik.{kind}", value, algorithm="sha256").hexdigest()


def alamat_key(alamat: str | None) -> str:
    """The stored key of an address for the per-address limits: an IPv6 address counts by its /64
    (`karier.core.clientip.limit_address`), so rotating within one's own prefix gives no fresh limits."""
    return keyed_hash("alamat", limit_address(alamat) or alamat or "tanpa-alamat")


def network_of(alamat: str | None) -> str:
    """The network an address belongs to: its /24 (IPv4) or /64 (IPv6); the text itself otherwise."""
    try:
        ip = ipaddress.ip_address((alamat or "").strip())
    except ValueError:
        return alamat or "tanpa-alamat"
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def new_device_id() -> str:
    return secrets.token_urlsafe(24)


class HasToken(Protocol):
    """A public link (`TautanPublik`, an SKM period): whatever carries the public token."""

    token: str


def form_token(tautan: HasToken, now: float | None = None, *, salt: str = TOKEN_SALT) -> str:
    """A signed token carrying the link and the time the form was shown. Each public form signs
    with its own `salt`, so one form's token is refused by another (the SKM uses its own)."""
    return signing.dumps(
        {"t": tautan.token, "w": int(now if now is not None else time.time()), "n": secrets.token_hex(4)},
        salt=salt,
        compress=False,
    )


def check_form_token(value: str, tautan: HasToken, now: float | None = None, *, salt: str = TOKEN_SALT) -> None:
    """Refuse a missing, forged, foreign, too fast (< MIN_DETIK) or stale (> MAKS_DETIK) token."""
    moment = now if now is not None else time.time()
    try:
        data = signing.loads(value or "", salt=salt)
        shown, link = int(data["w"]), str(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_(MSG_TOKEN), code="token") from exc
    if link != tautan.token:
        raise ValidationError(_(MSG_TOKEN), code="token")
    age = moment - shown
    if age < MIN_DETIK:
        raise ValidationError(_(MSG_CEPAT), code="cepat")
    if age > MAKS_DETIK:
        raise ValidationError(_(MSG_KEDALUWARSA), code="kedaluwarsa")


# ---------------------------------------------------------------------------- links
def _new_token() -> str:
    return secrets.token_urlsafe(16)  # 22 characters, 128 bits


def tautan_get_or_create(
    *, actor: Actor, pegawai: Pegawai | None = None, unit: UnitKerja | None = None
) -> TautanPublik:
    """The active public link of an employee or a unit, made on first use."""
    if (pegawai is None) == (unit is None):
        raise ValidationError(_("Pilih satu sasaran tautan: pegawai atau unit kerja."))
    target: dict[str, Any]
    if pegawai is not None:
        allowed, target = can_manage_pegawai_link(actor, pegawai), {"pegawai": pegawai}
    else:
        assert unit is not None
        allowed, target = can_manage_unit_link(actor, unit), {"unit": unit}
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang membuat tautan umpan balik untuk sasaran ini."))
    existing = TautanPublik.objects.filter(aktif=True, **target).order_by("-dibuat_pada", "-pk").first()
    if existing is not None:
        return existing
    with transaction.atomic():
        tautan = TautanPublik.objects.create(token=_new_token(), **target)
        audit.record(
            actor=actor,
            action="tautan_publik.buat",
            obj=tautan,
            summary=f"Tautan umpan balik publik untuk {pegawai or unit}",
            changes={"aktif": [None, True]},
        )
    return tautan


def tautan_set_aktif(*, actor: Actor, tautan: TautanPublik, aktif: bool) -> TautanPublik:
    """Switch a link off (its QR code stops working at once) or on again."""
    allowed = (
        can_manage_pegawai_link(actor, tautan.pegawai)
        if tautan.pegawai is not None
        else tautan.unit is not None and can_manage_unit_link(actor, tautan.unit)
    )
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang mengubah tautan ini."))
    if tautan.aktif == aktif:
        return tautan
    with transaction.atomic():
        if aktif:  # at most one active link per target
            TautanPublik.objects.filter(aktif=True, pegawai=tautan.pegawai, unit=tautan.unit).exclude(
                pk=tautan.pk
            ).update(aktif=False)
        TautanPublik.objects.filter(pk=tautan.pk).update(aktif=aktif)
        audit.record(
            actor=actor,
            action="tautan_publik.aktif" if aktif else "tautan_publik.nonaktif",
            obj=tautan,
            summary=f"Tautan umpan balik {'diaktifkan' if aktif else 'dinonaktifkan'}",
            changes={"aktif": [tautan.aktif, aktif]},
        )
    tautan.aktif = aktif
    return tautan


def tautan_replace(*, actor: Actor, tautan: TautanPublik) -> TautanPublik:
    """Replace a link (e.g. a printed QR code was misused): the old one stops, a new one starts."""
    allowed = (
        can_manage_pegawai_link(actor, tautan.pegawai)
        if tautan.pegawai is not None
        else tautan.unit is not None and can_manage_unit_link(actor, tautan.unit)
    )
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang mengubah tautan ini."))
    with transaction.atomic():
        TautanPublik.objects.filter(aktif=True, pegawai=tautan.pegawai, unit=tautan.unit).update(aktif=False)
        baru = TautanPublik.objects.create(token=_new_token(), pegawai=tautan.pegawai, unit=tautan.unit)
        audit.record(
            actor=actor,
            action="tautan_publik.ganti",
            obj=baru,
            summary=f"Tautan umpan balik diganti (lama: {tautan.pk})",
            changes={"pengganti_dari": [None, tautan.pk]},
        )
    tautan.aktif = False
    return baru


# ---------------------------------------------------------------------------- the anonymous answer
def _start_of_day(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _clean_skor(value: Any, field: str, errors: dict[str, str]) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or not 1 <= number <= 5:
        errors[field] = "Pilih salah satu angka 1 sampai 5."
    return number


def check_alamat_limit(
    alamat: str | None, now: dt.datetime | None = None, *, tautan: TautanPublik | None = None
) -> None:
    """Refuse (HTTP 429) an address over its limits: `MAKS_PER_ALAMAT_JAM` answers in the last hour on
    all links; with a link, also `MAKS_TAUTAN_ALAMAT_JAM` in the last hour and `MAKS_TAUTAN_ALAMAT_HARI`
    since the start of the local day on that link (one query)."""
    moment = now or timezone.now()
    hour_ago = moment - dt.timedelta(hours=1)
    day_start = min(_start_of_day(moment), hour_ago)
    rows = UmpanBalikPublik.objects.filter(alamat_hash=alamat_key(alamat), dibuat_pada__gte=day_start)
    if tautan is None:
        if rows.filter(dibuat_pada__gte=hour_ago).count() >= MAKS_PER_ALAMAT_JAM:
            raise TerlaluBanyak(_(MSG_BANJIR), code="banjir")
        return
    c = rows.aggregate(
        jam=Count("pk", filter=Q(dibuat_pada__gte=hour_ago)),
        tautan_jam=Count("pk", filter=Q(dibuat_pada__gte=hour_ago, tautan=tautan)),
        tautan_hari=Count("pk", filter=Q(dibuat_pada__gte=_start_of_day(moment), tautan=tautan)),
    )
    if c["jam"] >= MAKS_PER_ALAMAT_JAM:
        raise TerlaluBanyak(_(MSG_BANJIR), code="banjir")
    if c["tautan_jam"] >= MAKS_TAUTAN_ALAMAT_JAM or c["tautan_hari"] >= MAKS_TAUTAN_ALAMAT_HARI:
        raise TerlaluBanyak(_(MSG_BANJIR_TAUTAN), code="banjir")


def _token_hash(form_token: str) -> str:
    return hashlib.sha256(form_token.encode()).hexdigest()


def _use_token(form_token: str, tautan: HasToken, moment: dt.datetime, *, salt: str = TOKEN_SALT) -> None:
    """Accept a form token once: its hash is stored under a unique constraint (in the caller's
    transaction, so a refused answer leaves the token usable)."""
    check_form_token(form_token, tautan, salt=salt)
    try:
        with transaction.atomic():
            TokenFormulirPublik.objects.create(token_hash=_token_hash(form_token), dipakai_pada=moment)
    except IntegrityError as exc:
        raise ValidationError(_(MSG_TOKEN_DIPAKAI), code="token_dipakai") from exc


def _hold_burst(tautan: TautanPublik, jaringan_hash: str, moment: dt.datetime) -> bool:
    """Whether a new answer from this network is part of a burst; if so, the burst's earlier answers
    still waiting for moderation are held too (they stop counting until a moderator accepts them)."""
    recent = UmpanBalikPublik.objects.filter(
        tautan=tautan, jaringan_hash=jaringan_hash, dibuat_pada__gte=moment - dt.timedelta(hours=BURST_JAM)
    )
    if recent.count() + 1 < BURST_N:
        return False
    recent.filter(status=StatusModerasi.MENUNGGU, ditahan=False).update(ditahan=True)
    return True


def umpan_balik_send(
    *,
    tautan: TautanPublik,
    skor_layanan: Any,
    skor_perilaku: Any,
    komentar: str,
    perangkat_id: str,
    alamat: str | None,
    form_token: str | None = None,
    now: dt.datetime | None = None,
) -> UmpanBalikPublik:
    """Store one anonymous answer after every limit holds; refuse (writing nothing) otherwise. No actor:
    whoever holds the link may answer (its audit event carries no user, `ANONYMOUS`).

    Raises `TerlaluBanyak` (HTTP 429) when the address is over a limit, and `ValidationError` for bad
    input, a used form token or a device that already answered today. The limits are checked again
    with the link's row locked, and the (link, device, day) constraint settles any remaining race.
    """
    moment = now or timezone.now()
    if not tautan.aktif:
        raise ValidationError(_("Tautan ini sudah tidak aktif."))
    alamat_hash = alamat_key(alamat)
    jaringan_hash = keyed_hash("jaringan", network_of(alamat))
    perangkat_hash = keyed_hash("perangkat", perangkat_id)
    check_alamat_limit(alamat, moment, tautan=tautan)
    errors: dict[str, str] = {}
    layanan = _clean_skor(skor_layanan, "skor_layanan", errors)
    perilaku = _clean_skor(skor_perilaku, "skor_perilaku", errors)
    teks = (komentar or "").strip()
    if len(teks) > MAKS_KOMENTAR:
        errors["komentar"] = f"Komentar paling banyak {MAKS_KOMENTAR} karakter (sekarang {len(teks)})."
    elif "\x00" in teks:
        errors["komentar"] = "Komentar berisi karakter yang tidak diizinkan."
    if errors:
        raise ValidationError(errors)
    pegawai = tautan.pegawai
    hari = timezone.localtime(moment).date()
    with transaction.atomic():
        locked = TautanPublik.objects.select_for_update().get(pk=tautan.pk)
        if not locked.aktif:
            raise ValidationError(_("Tautan ini sudah tidak aktif."))
        if form_token is not None:
            _use_token(form_token, tautan, moment)
        check_alamat_limit(alamat, moment, tautan=tautan)
        today = UmpanBalikPublik.objects.filter(perangkat_hash=perangkat_hash, dibuat_pada__gte=_start_of_day(moment))
        if today.filter(tautan=tautan).exists():
            raise ValidationError(_(MSG_SUDAH), code="sudah")
        if today.count() >= MAKS_PER_PERANGKAT_HARI:
            raise ValidationError(_(MSG_PERANGKAT_HARI) % {"n": MAKS_PER_PERANGKAT_HARI}, code="sudah")
        ditahan = _hold_burst(tautan, jaringan_hash, moment)
        try:
            with transaction.atomic():
                row = UmpanBalikPublik.objects.create(
                    tautan=tautan,
                    pegawai=pegawai,
                    unit_id=tautan.unit_id or (pegawai.unit_id if pegawai else None),
                    skor_layanan=layanan,
                    skor_perilaku=perilaku,
                    komentar=teks,
                    perangkat_hash=perangkat_hash,
                    alamat_hash=alamat_hash,
                    jaringan_hash=jaringan_hash,
                    hari=hari,
                    ditahan=ditahan,
                )
        except IntegrityError as exc:  # the (link, device, day) constraint: a parallel twin won
            raise ValidationError(_(MSG_SUDAH), code="sudah") from exc
        if now is not None:  # tests and imports may date an answer
            UmpanBalikPublik.objects.filter(pk=row.pk).update(dibuat_pada=now)
            row.dibuat_pada = now
        audit.record(
            actor=ANONYMOUS,
            action="umpan_balik_publik.kirim",
            obj=row,
            summary=f"Umpan balik publik melalui tautan {tautan.pk}",
            changes={"status": [None, row.status], "ditahan": [None, ditahan]},
        )
        TokenFormulirPublik.objects.filter(dipakai_pada__lt=moment - dt.timedelta(days=1)).delete()
    return row


# ---------------------------------------------------------------------------- moderation
def umpan_balik_moderate(*, actor: Actor, umpan_balik: UmpanBalikPublik, status: str) -> UmpanBalikPublik:
    """Accept (comment shown, scores count) or reject (hidden, scores no longer count). A decision
    may be changed later; each change is audited."""
    if status not in (StatusModerasi.DITERIMA, StatusModerasi.DITOLAK):
        raise ValidationError({"status": _("Pilih Terima atau Tolak.")})
    if not can_moderate(actor, umpan_balik.tautan):
        raise PermissionDenied(_("Anda tidak berwenang memoderasi umpan balik ini."))
    old = umpan_balik.status
    if old == status:
        return umpan_balik
    with transaction.atomic():
        UmpanBalikPublik.objects.filter(pk=umpan_balik.pk).update(status=status, dimoderasi_oleh_id=actor.user_id)
        audit.record(
            actor=actor,
            action="umpan_balik_publik.moderasi",
            obj=umpan_balik,
            summary=f"Umpan balik publik {StatusModerasi(status).label.lower()}",
            changes={"status": [old, status]},
        )
    umpan_balik.status, umpan_balik.dimoderasi_oleh_id = status, actor.user_id
    return umpan_balik


def umpan_balik_moderate_many(*, actor: Actor, ids: list[int], status: str) -> int:
    """Decide several answers at once; only those the actor may moderate are touched."""
    rows = list(moderated(actor).filter(pk__in=ids).select_related("tautan", "tautan__pegawai", "tautan__unit"))
    done = 0
    with transaction.atomic():
        for row in rows:
            if row.status != status:
                umpan_balik_moderate(actor=actor, umpan_balik=row, status=status)
                done += 1
    return done
