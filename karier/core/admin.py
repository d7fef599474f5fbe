"""Admin wiring shared by every app: `AuditedModelAdmin` routes every save and delete made through
/admin/ into the audit trail (old → new values), and the audit trail itself is read-only here.

Every app's ModelAdmin derives from `AuditedModelAdmin` (or mixes in `AuditedAdminMixin` in front
of a third-party base such as Django's `UserAdmin`); `tests/core/test_core_admin_audit.py` checks
that no registered admin of ours escapes it. An admin whose `save_model` calls a service without
`super()` is audited by that service instead (no duplicate row).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest
from django.utils import timezone

from karier.core import audit
from karier.core.models import AuditChainHead, AuditEvent, PemeriksaanIntegritas

# Never copied into the trail: their values are secrets (the trail shows only that they changed).
SECRET_FIELDS = frozenset({"password", "key_hash"})


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of a row, by field name (foreign keys as ids), secrets masked."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            value = value.astimezone(dt.UTC).isoformat()
        out[field.name] = audit.MASKED if field.name in SECRET_FIELDS and value else value
    return out


def _stored(obj: models.Model) -> dict[str, Any]:
    if obj.pk is None:
        return {}
    row = type(obj)._base_manager.filter(pk=obj.pk).first()
    return snapshot(row) if row is not None else {}


def _m2m(obj: models.Model) -> dict[str, list[Any]]:
    if obj.pk is None:
        return {}
    return {f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many}


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    changes = audit.diff(before, after)
    for name in SECRET_FIELDS & changes.keys():  # a new hash is a change even when both mask to "***"
        changes[name] = [audit.MASKED if before.get(name) else None, audit.MASKED]
    return changes


def _label(obj: models.Model) -> str:
    return f"Admin: {obj._meta.verbose_name} {obj}"[:255]


# Tables that grow with the province (a million employees, their users, positions, plans, evaluations):
# an admin form must never list them as <option>s (issue #14: the reminder form was 2 MB and 5–6 s).
BIG_TABLES = frozenset(
    {
        settings.AUTH_USER_MODEL.lower(),
        "people.pegawai",
        "people.jabatan",
        "people.unitkerja",
        "plans.skp",
        "plans.rencanahasilkerja",
        "plans.indikatorkinerjaindividu",
        "appraisal.evaluasi",
        "core.tugaslatar",
    }
)


def big_relations(model: type[models.Model]) -> list[str]:
    """The model's foreign keys and many-to-many fields to a table in `BIG_TABLES`."""
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete
        and (f.many_to_one or f.many_to_many)
        and f.related_model is not None
        and f.related_model._meta.label_lower in BIG_TABLES  # type: ignore[union-attr]
    ]


class AuditedAdminMixin:
    """Put in front of any `ModelAdmin`: add, change, inline edits, m2m edits and deletes each leave
    an `admin.add` / `admin.change` / `admin.delete` event with {field: [old, new]}.

    Every relation to a big table (`BIG_TABLES`) is a raw id field unless the admin chose an
    autocomplete for it, so no form renders a province's worth of options."""

    def __init__(self, model: type[models.Model], admin_site: Any) -> None:
        super().__init__(model, admin_site)  # type: ignore[call-arg]
        chosen = set(getattr(self, "autocomplete_fields", ())) | set(getattr(self, "raw_id_fields", ()))
        extra = [name for name in big_relations(model) if name not in chosen]
        if extra:
            # setattr: the attribute belongs to ModelAdmin (typed there), this mixin only extends it
            setattr(self, "raw_id_fields", (*getattr(self, "raw_id_fields", ()), *extra))  # noqa: B010

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        request._karier_audited = True  # type: ignore[attr-defined]  # see log_change
        before = _stored(obj) if change else {}
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        changes = _diff(before, snapshot(obj))
        if changes or not change:
            audit.record(
                actor=request.user,
                action="admin.change" if change else "admin.add",
                obj=obj,
                summary=_label(obj),
                changes=changes,
            )

    @transaction.atomic
    def save_related(self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool) -> None:
        obj = form.instance
        before = _m2m(obj) if change else {}
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        changes = audit.diff(before, _m2m(obj))
        if any(old != new for old, new in changes.values() if old or new):
            audit.record(
                actor=request.user,
                action="admin.change",
                obj=obj,
                summary=_label(obj),
                changes={k: v for k, v in changes.items() if v[0] or v[1]},
            )

    @transaction.atomic
    def save_formset(self, request: HttpRequest, form: Any, formset: BaseModelFormSet[Any, Any], change: bool) -> None:
        before = {f.instance.pk: _stored(f.instance) for f in formset.initial_forms if f.has_changed()}
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        entries = [
            audit.Entry(action="admin.add", obj=o, summary=_label(o), changes=_diff({}, snapshot(o)))
            for o in formset.new_objects
        ]
        entries += [
            audit.Entry(
                action="admin.change", obj=o, summary=_label(o), changes=_diff(before.get(o.pk, {}), snapshot(o))
            )
            for o, _fields in formset.changed_objects
        ]
        entries += [
            audit.Entry(
                action="admin.delete", obj=o, summary=_label(o), changes=_diff(before.get(o.pk, {}) or snapshot(o), {})
            )
            for o in formset.deleted_objects
        ]
        audit.record_many(actor=request.user, entries=entries)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        """Django logs every admin change here. A change that did not pass through `save_model` (the
        user admin's password page) is recorded from the logged field names; secrets stay masked."""
        if not getattr(request, "_karier_audited", False):
            fields = sorted(
                {
                    f
                    for part in (message if isinstance(message, list) else [])
                    for f in part.get("changed", {}).get("fields", [])
                }
            )
            audit.record(
                actor=request.user,
                action="admin.change",
                obj=obj,
                summary=_label(obj),
                changes={f: [audit.MASKED, audit.MASKED] if f in SECRET_FIELDS else ["?", "diubah"] for f in fields},
            )
        return super().log_change(request, obj, message)  # type: ignore[misc]

    @transaction.atomic
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        # Recorded first (the row still has its id); a failed delete rolls the record back with it.
        audit.record(actor=request.user, action="admin.delete", obj=obj, summary=_label(obj), changes=_deleted(obj))
        super().delete_model(request, obj)  # type: ignore[misc]

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        audit.record_many(
            actor=request.user,
            entries=[
                audit.Entry(action="admin.delete", obj=o, summary=_label(o), changes=_deleted(o)) for o in queryset
            ],
        )
        super().delete_queryset(request, queryset)  # type: ignore[misc]


def _deleted(obj: models.Model) -> dict[str, list[Any]]:
    return {k: [v, None] for k, v in snapshot(obj).items() if v not in (None, "")}


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    pass


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdminMixin, BaseGroupAdmin):
    """Django's group admin, audited: granting permissions through a group is a change of rights."""


class ReadOnlyAdmin(AuditedModelAdmin):
    """Rows the admin shows but never adds, edits or deletes (actions may still call a service)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "created_at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action",)
    search_fields = ("object_id", "summary")


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(ReadOnlyAdmin):
    list_display = ("seq", "hash")


@admin.register(PemeriksaanIntegritas)
class PemeriksaanIntegritasAdmin(ReadOnlyAdmin):
    list_display = ("dijalankan_pada", "dijalankan_oleh", "jumlah_kerusakan")
