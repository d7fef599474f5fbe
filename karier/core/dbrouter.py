"""Which database a query goes to when a read replica is configured (`DATABASE_REPLICA_URL`).

Only the dashboards' pre-aggregated figures are read from the replica: they are written once a night
(and after a period close) by the refresh job, so a replica a few seconds behind shows the same
numbers, and the dashboards are the pages a whole province opens on the same morning. Everything
else — every write, and every read of a screen where someone has just saved something — stays on
the primary, so nobody ever reads their own change from a copy that has not received it yet.

The replica is a physical (streaming) copy of the primary: no table is created or migrated there,
and relations between objects are only ever resolved on the primary. Listed in DATABASE_ROUTERS only
when the replica is configured (config/settings.py); without it Django's default routing applies.

Core imports no app: the routed models are named by label, not imported.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model

REPLICA_ALIAS = "replica"
# "app_label.ModelName" (lower case, as Model._meta.label_lower): the dashboards' pre-aggregated tables.
REPLICA_READS = frozenset({"insight.angkadasbor", "insight.pembaruandasbor"})


def _replica_configured() -> bool:
    return REPLICA_ALIAS in settings.DATABASES


class ReplicaRouter:
    """Reads of the dashboard figures → `replica`; everything else → `default`."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if model._meta.label_lower in REPLICA_READS and _replica_configured():
            return REPLICA_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # Both copies hold the same rows: an object read from the replica may point at one of the primary.
        aliases = {DEFAULT_DB_ALIAS, REPLICA_ALIAS}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
