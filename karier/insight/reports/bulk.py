"""The bulk zip of a unit's official documents (issue #13 item 4), the work of the LAPORAN_MASSAL job.

People are read in chunks of `CHUNK` ids; each chunk's documents come from the registry in one query
per kind; each document is rendered by its own app's function into a temporary zip on disk (never
the whole zip in memory), with progress after each person. The finished zip is saved in Django's
default storage (MEDIA, outside the web root, like evidence) at `laporan/<job id>/<name>.zip` and
served only through the access-checked download (`services.laporan_massal_berkas`).

Layout: `<NIP>-<nama>/<the document's own file name>.pdf` per person, and each unit's predikat
decision once, under `Unit/`. A run builds the whole zip again (a restarted job starts over: the
documents are rendered from what is stored now, which is what the reader wants).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files import File
from django.core.files.storage import default_storage

from karier.insight.reports.access import people_of_unit
from karier.insight.reports.registry import BY_KODE, KINDS, Dokumen, documents_of
from karier.people.access import Actor
from karier.people.models import UnitKerja

CHUNK = 50
FOLDER_UNIT = "Unit"


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe form of a name ("Dodi Saputra, S.Kom." → "Dodi-Saputra-S.Kom")."""
    s = re.sub(r"[^0-9A-Za-z.]+", "-", text).strip("-.")
    return s[:limit] or "dokumen"


def zip_name(unit: UnitKerja, tahun: int) -> str:
    return f"Dokumen-Resmi-{slug(unit.singkatan or unit.nama, 40)}-{tahun}.zip"


def storage_path(job_id: int, name: str) -> str:
    return f"laporan/{job_id}/{name}"


@dataclass
class Hasil:
    berkas: str = ""
    nama: str = ""
    pegawai: int = 0
    dokumen: int = 0
    per_jenis: dict[str, int] = field(default_factory=dict)


def build_zip(*, actor: Actor, unit: UnitKerja, tahun: int, job_id: int, progress: Callable[[int, int], None]) -> Hasil:
    """Render every official PDF of the unit's people the actor sees into one zip; returns what it holds."""
    ids_names = list(people_of_unit(actor, unit).values_list("pk", "nip", "nama"))
    total = len(ids_names)
    progress(0, total)
    hasil = Hasil(nama=zip_name(unit, tahun), pegawai=total, per_jenis={k.kode: 0 for k in KINDS})
    seen_unit_docs: set[tuple[str, tuple[int, ...]]] = set()
    checked: dict[tuple[str, int], bool] = {}  # each unit's document rule, decided once for all chunks
    with tempfile.TemporaryFile(suffix=".zip") as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for start in range(0, total, CHUNK):
                chunk = ids_names[start : start + CHUNK]
                found = documents_of(actor, [pid for pid, _nip, _nama in chunk], tahun, checked=checked)
                by_person: dict[int | None, list[tuple[str, Dokumen]]] = {}
                for kode, docs in found.items():
                    for d in docs:
                        by_person.setdefault(d.pegawai_id, []).append((kode, d))
                for n, (pid, nip, nama) in enumerate(chunk, start=start + 1):
                    folder = f"{nip}-{slug(nama)}"
                    for kode, d in by_person.get(pid, []):
                        kind = BY_KODE[kode]
                        if kind.per_unit:
                            if (kode, d.kunci) in seen_unit_docs:
                                continue
                            seen_unit_docs.add((kode, d.kunci))
                            where = FOLDER_UNIT
                        else:
                            where = folder
                        stem, pdf = kind.render(d)
                        zf.writestr(f"{where}/{stem}.pdf", pdf)
                        hasil.dokumen += 1
                        hasil.per_jenis[kode] += 1
                    progress(n, total)
        tmp.seek(0)
        hasil.berkas = default_storage.save(storage_path(job_id, hasil.nama), File(tmp, name=hasil.nama))
    return hasil
