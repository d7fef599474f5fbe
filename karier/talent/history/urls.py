"""Screens of the predikat history under /karier/riwayat-kinerja/ (issue #12 item 1)."""

from django.urls import path

from karier.talent.history import views

urlpatterns = [
    path("riwayat-kinerja/", views.impor_daftar, name="history_impor_daftar"),
    path("riwayat-kinerja/unggah/", views.impor, name="history_impor"),
    path("riwayat-kinerja/templat/", views.templat, name="history_templat"),
    path("riwayat-kinerja/<int:impor_id>/", views.impor_laporan, name="history_impor_laporan"),
    path("riwayat-kinerja/pegawai/<int:pegawai_id>/", views.pegawai, name="history_pegawai"),
]
