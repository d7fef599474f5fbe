"""Deleting a previous demo (`seed-demo --reset`), and refusing to seed over existing data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model, Q

from karier.core.numbers import angka
from karier.people.access import SYSTEM
from karier.people.demo.personas import ADMIN_USERNAME, AUDITOR_USERNAME, PERSONAS
from karier.people.demo.state import SeedError
from karier.people.models import Instansi, Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja
from karier.people.refdata import PEMPROV_BENGKULU_KODE


def _demo_users_q() -> Q:
    return Q(pegawai__instansi__kode=PEMPROV_BENGKULU_KODE) | Q(
        username__in=[ADMIN_USERNAME, AUDITOR_USERNAME, *(p.nip for p in PERSONAS.values())]
    )


def _chunks(ids: list[int], size: int = 5000) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


# Tables filled by migrations (reference data): a reset keeps them. Everything else above people is
# demo data: standards, plans, appraisal (and any later domain app), and the audit trail about them.
REFERENCE_MODELS = frozenset(
    {
        "standards.nilaiberakhlak",
        "standards.panduanperilaku",
        "development.kompetensi",  # the Kamus kompetensi (development 0003): a reset emptied it
        "development.levelkompetensi",
    }
)
_NOT_DEMO_APPS = frozenset({"people", "accounts", "api", "rules"})
_PEOPLE_DEMO_MODELS = (Pegawai, Jabatan, UnitKerja, RiwayatGolongan, Penugasan)


def _fks(model: type[Model]) -> list[type[Model]]:
    return [f.related_model for f in model._meta.concrete_fields if f.is_relation and isinstance(f.related_model, type)]


def demo_data_models() -> list[type[Model]]:
    """Every model whose rows belong to the demo, children before parents (the delete order).

    Found from the app registry, not imported, because people sits below the apps that build on it:
    each model of a karier app other than people/accounts (except REFERENCE_MODELS), plus any model
    anywhere that points at one of those or at the demo's employees, positions and units. Users are
    not in it (`reset_demo` deletes the demo accounts by name). A model inside a cycle of foreign
    keys is still deleted inside the same transaction: the constraints are deferred to commit.
    """
    from graphlib import CycleError, TopologicalSorter

    from django.apps import apps

    User = get_user_model()
    everything = [m for m in apps.get_models(include_auto_created=True) if m is not User]
    chosen = {
        m
        for m in everything
        if m.__module__.startswith("karier.")
        and m._meta.app_label not in _NOT_DEMO_APPS
        and m._meta.label_lower not in REFERENCE_MODELS
    }
    targets = chosen | set(_PEOPLE_DEMO_MODELS)
    grew = True
    while grew:  # whatever points at demo data is demo data (auto-created m2m tables included)
        more = {m for m in everything if m not in targets and any(t in targets for t in _fks(m))}
        grew = bool(more)
        chosen |= more
        targets |= more
    graph = {m: {child for child in chosen if child is not m and m in _fks(child)} for m in chosen}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError:
        return sorted(chosen, key=lambda m: m._meta.label_lower)


def reset_demo() -> dict[str, int]:
    """Delete the demo: appraisal → plans → standards (and the audit trail) → accounts → people.

    Set-based, in one transaction: one DELETE per table for the data above people (children first,
    see `demo_data_models`), then the demo accounts, employees, positions and units in chunks.
    Reference tables (golongan, eselon, jabatan fungsional, instansi, BerAKHLAK) are kept.

    The audit trail goes too: it is hash-chained and names the demo accounts (PROTECT), so it can
    only restart as a whole; the new chain opens with one `demo.reset` event giving the counts.
    """
    from django.db.models import ProtectedError, RestrictedError

    User = get_user_model()
    inst = Instansi.objects.filter(kode=PEMPROV_BENGKULU_KODE).first()
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            for model in demo_data_models():
                deleted = model._base_manager.all()._raw_delete(model._base_manager.db)
                if deleted:
                    counts[model._meta.label_lower] = deleted
            user_ids = list(User.objects.filter(_demo_users_q()).values_list("pk", flat=True))
            for chunk in _chunks(user_ids):
                User.objects.filter(pk__in=chunk).delete()
            counts["akun"] = len(user_ids)
            if inst is not None:
                _reset_people(inst, counts)
            _record_reset(counts)
    except (ProtectedError, RestrictedError) as exc:
        raise SeedError(
            "Data demo tidak dapat dihapus karena masih dirujuk oleh data lain "
            f"({exc.args[0]}). Hapus data tersebut lebih dahulu."
        ) from exc
    return counts


def _reset_people(inst: Instansi, counts: dict[str, int]) -> None:
    counts["penugasan"] = Penugasan.objects.filter(pegawai__instansi=inst).delete()[0]
    counts["riwayat_golongan"] = RiwayatGolongan.objects.filter(pegawai__instansi=inst).delete()[0]
    pegawai_ids = list(Pegawai.objects.filter(instansi=inst).values_list("pk", flat=True))
    for chunk in _chunks(pegawai_ids):
        Pegawai.objects.filter(pk__in=chunk).delete()
    counts["pegawai"] = len(pegawai_ids)
    jabatan = Jabatan.objects.filter(unit__instansi=inst)
    jabatan.exclude(atasan=None).update(atasan=None)
    jabatan_ids = list(jabatan.values_list("pk", flat=True))
    for chunk in _chunks(jabatan_ids):
        Jabatan.objects.filter(pk__in=chunk).delete()
    counts["jabatan"] = len(jabatan_ids)
    units = UnitKerja.objects.filter(instansi=inst)
    units.update(parent=None, opd=None)
    unit_ids = list(units.values_list("pk", flat=True))
    for chunk in _chunks(unit_ids):
        UnitKerja.objects.filter(pk__in=chunk).delete()
    counts["unit"] = len(unit_ids)


def _record_reset(counts: dict[str, int]) -> None:
    from karier.core import audit

    inst = Instansi.objects.filter(kode=PEMPROV_BENGKULU_KODE).first()
    if inst is not None:
        audit.record(
            actor=SYSTEM,
            action="demo.reset",
            obj=inst,
            summary="Data demo dihapus (seed-demo --reset)",
            changes={"dihapus": counts},
        )


def refuse_if_data() -> None:
    existing = Pegawai.objects.count()
    if existing:
        raise SeedError(
            f"Sudah ada {angka(existing)} data pegawai di basis data. "
            + "Jalankan dengan --reset untuk menghapus data demo lama lebih dahulu."
        )
    User = get_user_model()
    taken = list(User.objects.filter(_demo_users_q()).values_list("username", flat=True)[:3])
    if taken:
        raise SeedError(f"Akun demo sudah ada ({', '.join(taken)}). Jalankan dengan --reset.")
