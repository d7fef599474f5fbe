"""REST endpoints for the standards: RPJMD (read), indicators and their yearly values, Renstra,
Perjanjian Kinerja (rows and signing) and position standards — one router per entity, mounted
on `router` (what `karier.api.api` adds).

Same rules as the screens: everyone signed in reads; writes follow `karier.standards.access`, which
the services check themselves (403 with the reason for objects one may read but not change, through
the API's one `PermissionDenied` handler; 404 for ids that do not exist). Services refuse bad input
with ValidationError, which the API turns into 409 with the messages in Bahasa Indonesia
(`{"detail": "Data tidak valid.", "errors": {field: [message]}}`). Every path has a GET, so
clients can discover each resource before they change it. Targets and other decimal numbers are
JSON strings ("12.0000"), as everywhere in the API.
"""

from __future__ import annotations

from ninja import Router

from karier.standards.api import indikator, perjanjian, renstra, rpjmd, standar

ROUTERS = (rpjmd.router, indikator.router, renstra.router, perjanjian.router, standar.router)

router = Router(tags=["standar"])
for _child in ROUTERS:
    # The operation ids clients were generated with, from before the split into one module per entity.
    for _operations in _child.path_operations.values():
        for _op in _operations.operations:
            _op.operation_id = _op.operation_id or f"karier_standards_api_{_op.view_func.__name__}"
    router.add_router("", _child)
