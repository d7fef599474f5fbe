from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.defaults import page_not_found

from karier.api.api import api
from karier.core import datainduk

admin.site.site_header = "Karier — Administrasi Data Induk"
admin.site.site_title = "Karier"
admin.site.index_title = "Data induk"

urlpatterns = [
    path("", include("karier.core.urls")),
    path("akun/", include("karier.accounts.urls")),
    path("pegawai/", include("karier.people.urls")),
    path("standar/", include("karier.standards.urls")),
    path("skp/", include("karier.plans.urls")),
    path("skp/", include("karier.plans.urls_insight")),
    path("penilaian/", include("karier.appraisal.evaluation.urls")),
    path("penilaian/", include("karier.appraisal.feedback.urls")),
    path("penilaian/", include("karier.appraisal.calibration.urls")),
    path("umpan-balik/", include("karier.appraisal.public.urls")),
    path("pengembangan/", include("karier.development.urls")),
    path("karier/", include("karier.talent.urls")),
    path("wawasan/", include("karier.insight.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),  # superusers only; BKD admins use /data-induk/
    path("data-induk/", datainduk.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    """API clients get JSON for a path that matches no route (e.g. a negative id), like every
    other API answer; people get the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Tidak ditemukan."}, status=404)
    return page_not_found(request, exception)
