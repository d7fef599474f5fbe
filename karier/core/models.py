"""Cross-cutting records: the audit trail every service writes to, and background jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karier.core.choices import JenisTugasLatar, StatusTugasLatar


class AuditEvent(models.Model):
    """Who changed what, old → new. Written by services (through `karier.core.audit`), never by
    signals (see architecture.md).

    Rows are hash-chained: `seq` numbers them without gaps, `prev_hash` is the previous row's
    `hash`, and `hash` is sha256 over the row's canonical content including `prev_hash`
    (`karier.core.audit.content_hash`). Changing or deleting a row breaks the chain, which
    `karier periksa-audit` reports. `created_at` is set in Python (not auto_now_add) because it is
    part of the hashed content, which is computed before the insert.
    """

    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True, editable=False)
    # PROTECT: the actor is part of the sealed content; an account with history is deactivated, not deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("aksi"), max_length=80)
    object_type = models.CharField(_("jenis objek"), max_length=80)
    object_id = models.CharField(_("id objek"), max_length=64)
    summary = models.CharField(_("ringkasan"), max_length=255, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    seq = models.PositiveBigIntegerField(_("nomor urut"), unique=True, editable=False)
    prev_hash = models.CharField(_("hash baris sebelumnya"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditChainHead(models.Model):
    """The single row (pk=1) naming the last link of the audit chain.

    Writers lock it (`select_for_update`) to append, so links are never forked under concurrency;
    the checker compares it with the last row, so deleting the newest rows is detected too.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("ujung rantai audit")
        verbose_name_plural = _("ujung rantai audit")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class PemeriksaanIntegritas(models.Model):
    """The result of one run of the integrity checks (daily task or on demand), so screens can show
    the status without re-hashing the whole trail on each view."""

    dijalankan_pada = models.DateTimeField(_("dijalankan pada"), default=timezone.now, db_index=True)
    dijalankan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijalankan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    jumlah_kerusakan = models.PositiveIntegerField(_("jumlah kerusakan"), default=0)
    laporan = models.TextField(_("laporan"), blank=True)

    class Meta:
        verbose_name = _("pemeriksaan integritas")
        verbose_name_plural = _("pemeriksaan integritas")
        ordering = ["-dijalankan_pada", "-id"]

    def __str__(self) -> str:
        return f"{self.dijalankan_pada:%Y-%m-%d %H:%M} {self.jumlah_kerusakan}"

    @property
    def utuh(self) -> bool:
        return self.jumlah_kerusakan == 0


class TugasLatar(models.Model):
    """A background job started from a screen, the API or a command (bulk SKP creation, a period's
    close or opening): its parameters (ids only), progress (`diproses` of `total`) and outcome, so a
    screen can poll it, a stopped run can be resumed and the run can be audited. Written only through
    `karier.core.jobs`.

    The table was created by the plans app (`plans_tugaslatar`); the model moved to core with its
    table kept (migrations core 0004 / plans 0005, state only)."""

    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisTugasLatar.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusTugasLatar.choices, default=StatusTugasLatar.MENUNGGU, db_index=True
    )
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    diproses = models.PositiveIntegerField(_("sudah diproses"), default=0)
    pesan = models.TextField(_("pesan"), blank=True)
    hasil = models.JSONField(_("hasil"), default=dict, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dimulai_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "plans_tugaslatar"
        verbose_name = _("tugas latar")
        verbose_name_plural = _("tugas latar")
        ordering = ["-dibuat_pada", "-id"]

    def __str__(self) -> str:
        return f"{self.jenis} #{self.pk} ({self.status})"

    @property
    def selesai(self) -> bool:
        return self.status in (StatusTugasLatar.SELESAI, StatusTugasLatar.GAGAL)

    @property
    def persen(self) -> int:
        if self.status == StatusTugasLatar.SELESAI:
            return 100
        return int(self.diproses * 100 / self.total) if self.total else 0
