"""Reads of the predikat history screens and API (fixed number of queries per page)."""

from __future__ import annotations

from django.db.models import QuerySet

from karier.people.access import Actor
from karier.talent.history import access
from karier.talent.models import ImporRiwayatKinerja, PredikatTahunan


def impor_list(actor: Actor, *, status: str = "") -> QuerySet[ImporRiwayatKinerja]:
    qs = access.visible_impor(actor).select_related("dibuat_oleh").defer("baris")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-dibuat_pada", "-pk")


def predikat_list(actor: Actor, pegawai_id: int, *, sumber: str = "") -> QuerySet[PredikatTahunan]:
    qs = access.predikat_for_person(actor, pegawai_id).select_related("evaluasi", "impor")
    if sumber:
        qs = qs.filter(sumber=sumber)
    return qs
