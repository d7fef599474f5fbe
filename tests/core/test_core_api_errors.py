"""The API's one set of exception handlers (karier/api/api.py): a service's PermissionDenied is 403
with its reason, a ValidationError is 409 with the reasons by field, a hidden record is 404 — with no
wrapper in any router."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from karier.api.api import forbidden, invalid, not_found
from karier.plans import services
from karier.plans.models import RencanaHasilKerja, Skp
from karier.plans.services import IkiData, RhkData
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
API = "/api/v1"


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _post(c: Client, url: str, body: dict[str, Any]) -> Any:
    return c.post(f"{API}{url}", data=json.dumps(body), content_type="application/json")


def _plan(org: Org) -> Skp:
    skp = services.skp_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR, sumber="KOSONG")
    services.rhk_add(
        actor=org.actor("staf1a"),
        skp=skp,
        data=RhkData(teks="Laporan"),
        iki=IkiData(indikator="Jumlah laporan", target_angka=12, satuan="laporan"),
    )
    return skp


def test_permission_denied_from_a_service_is_403_with_its_reason(org: Org) -> None:
    skp = _plan(org)
    # The appraiser sees the plan but is not its owner: the service refuses (no router wrapper).
    r = _post(_client(org, "kasi1"), f"/skp/{skp.pk}/rhk", {"teks": "oleh atasan"})
    assert r.status_code == 403
    assert r.json() == {"detail": "Hanya pegawai pemilik SKP yang dapat mengubah isinya."}
    assert not RencanaHasilKerja.objects.filter(skp=skp, teks="oleh atasan").exists()


def test_validation_error_from_a_service_is_409_with_errors_by_field(org: Org) -> None:
    skp = _plan(org)
    r = _post(_client(org, "staf1a"), f"/skp/{skp.pk}/rhk", {"teks": "Baris", "rhk_atasan_id": 999_999})
    assert r.status_code == 409
    assert r.json() == {"detail": "Data tidak valid.", "errors": {"rhk_atasan_id": ["RHK atasan tidak ditemukan."]}}
    r = _post(_client(org, "staf1a"), f"/skp/{skp.pk}/setujui", {})  # the owner may not approve: 403
    assert r.status_code == 403 and r.json()["detail"]


def test_hidden_is_404(org: Org) -> None:
    skp = _plan(org)
    r = _post(_client(org, "kabid2"), f"/skp/{skp.pk}/rhk", {"teks": "x"})
    assert r.status_code == 404 and r.json() == {"detail": "SKP tidak ditemukan."}


def test_the_handlers_shape_every_refusal() -> None:
    request = RequestFactory().get("/api/v1/x")
    r = forbidden(request, PermissionDenied("Bukan giliran Anda."))
    assert (r.status_code, json.loads(r.content)) == (403, {"detail": "Bukan giliran Anda."})
    r = forbidden(request, PermissionDenied())
    assert (r.status_code, json.loads(r.content)) == (403, {"detail": "Anda tidak berwenang melakukan ini."})
    r = invalid(request, ValidationError({"tahun": "Tahun sudah ditutup."}))
    assert (r.status_code, json.loads(r.content)) == (
        409,
        {"detail": "Data tidak valid.", "errors": {"tahun": ["Tahun sudah ditutup."]}},
    )
    r = invalid(request, ValidationError("Tidak boleh."))
    assert json.loads(r.content) == {"detail": "Data tidak valid.", "errors": {"__all__": ["Tidak boleh."]}}
    from django.http import Http404

    r = not_found(request, Http404())
    assert (r.status_code, json.loads(r.content)) == (404, {"detail": "Data tidak ditemukan."})
