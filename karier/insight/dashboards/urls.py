"""Routes of the dashboards (issue #13 item 1), under /wawasan/."""

from typing import Any

from django.urls import path

from karier.insight.dashboards import views as v

urlpatterns: list[Any] = [
    path("dasbor/", v.dasbor, name="dasbor"),
    path("dasbor/provinsi/", v.dasbor_provinsi, name="dasbor_provinsi"),
    path("dasbor/opd/", v.dasbor_opd, name="dasbor_opd"),
    path("dasbor/tim/", v.dasbor_tim, name="dasbor_tim"),
    path("dasbor/saya/", v.dasbor_saya, name="dasbor_saya"),
    path("dasbor/segarkan/", v.dasbor_segarkan, name="dasbor_segarkan"),
    path("dasbor/segarkan/<int:job_id>/", v.dasbor_segarkan_tugas, name="dasbor_segarkan_tugas"),
]
