"""Screens of insight under /wawasan/ (issue #13): each area keeps its own routes."""

from typing import Any

from django.urls import include, path

app_name = "insight"

urlpatterns: list[Any] = [
    path("", include("karier.insight.dashboards.urls")),  # dashboards: /wawasan/dasbor/…
    path("", include("karier.insight.fairness.urls")),  # fairness analytics: /wawasan/keadilan/…
    path("", include("karier.insight.reports.urls")),  # reports: /wawasan/laporan/…
]
