"""Routes of "Laporan" (issue #13 item 4), included by `karier.insight.urls` at /wawasan/."""

from typing import Any

from django.urls import path

from karier.insight.reports import views as v

urlpatterns: list[Any] = [
    path("laporan/", v.index, name="laporan_index"),
    path("laporan/pegawai/<int:pegawai_id>/", v.pegawai, name="laporan_pegawai"),
    path("laporan/massal/", v.massal_mulai, name="laporan_massal_mulai"),
    path("laporan/massal/<int:job_id>/", v.massal, name="laporan_massal"),
    path("laporan/massal/<int:job_id>/unduh/", v.massal_unduh, name="laporan_massal_unduh"),
    path("laporan/perangkat-daerah/<int:opd_id>/laporan.pdf", v.opd_pdf, name="laporan_opd_pdf"),
]
