"""The REST API: /api/v1/, OpenAPI at /api/v1/openapi.json, interactive docs at /api/v1/docs.

Each app contributes a router; authentication is the browser session or a bearer token.
"""

from ninja import NinjaAPI

from karier.api.auth import SessionOrToken
from karier.people.api import router as people_router

api = NinjaAPI(
    title="Karier API",
    version="1.0.0",
    description="API Karier: data pegawai, unit kerja dan jabatan. Semua data mengikuti aturan akses "
    "yang sama dengan layar aplikasi: data yang tidak boleh dilihat menjawab 404.",
    auth=SessionOrToken(),
    urls_namespace="api",
)
api.add_router("/", people_router)
