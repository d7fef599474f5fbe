"""Builders for the catalogue tests: an activity and a session made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone


def kegiatan(actor: Any, kode: str = "K-001", jp: object = "12", **kw: Any) -> Any:
    from karier.development.catalogue.services import KegiatanData, kegiatan_create

    data = KegiatanData(
        kode=kode,
        nama=kw.pop("nama", f"Pelatihan {kode}"),
        jenis=kw.pop("jenis", "TEKNIS"),
        metode=kw.pop("metode", "PELATIHAN"),
        penyelenggara=kw.pop("penyelenggara", "DISKOMINFO"),
        jp=jp,
        **kw,
    )
    return kegiatan_create(actor=actor, data=data)


def sesi(actor: Any, keg: Any, *, kapasitas: int = 2, mulai: dt.date | None = None, hari: int = 2) -> Any:
    from karier.development.catalogue.services import SesiData, sesi_create

    start = mulai or timezone.localdate() + dt.timedelta(days=7)
    return sesi_create(
        actor=actor,
        kegiatan=keg,
        data=SesiData(
            mulai=start, selesai=start + dt.timedelta(days=hari), kapasitas=kapasitas, tempat="Aula BPSDM Bengkulu"
        ),
    )


def pdf(name: str = "sertifikat.pdf") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf")


def past(sesi_obj: Any, days_ago: int = 3) -> Any:
    """Move a session into the past (a test shortcut for 'the session took place')."""
    from karier.development.models import SesiKegiatan

    end = timezone.localdate() - dt.timedelta(days=days_ago)
    SesiKegiatan.objects.filter(pk=sesi_obj.pk).update(mulai=end - dt.timedelta(days=1), selesai=end)
    sesi_obj.refresh_from_db()
    return sesi_obj
