"""Competency screens under /pengembangan/kompetensi/ (issue #11 items 1–3)."""

from django.urls import path

from karier.development.competency import views

urlpatterns = [
    path("kompetensi/", views.kamus, name="kompetensi_kamus"),
    path("kompetensi/saya/", views.profil_saya, name="kompetensi_saya"),
    path("kompetensi/jabatan/<int:jabatan_id>/", views.standar, name="kompetensi_standar"),
    path("kompetensi/pegawai/<int:pegawai_id>/", views.profil, name="kompetensi_profil"),
    path("kompetensi/pegawai/<int:pegawai_id>/mandiri/", views.mandiri_ajukan, name="kompetensi_mandiri_ajukan"),
    path("kompetensi/mandiri/<int:usulan_id>/putusan/", views.mandiri_putus, name="kompetensi_mandiri_putus"),
    path("kompetensi/penilaian/<int:penilaian_id>/bukti/", views.bukti, name="kompetensi_bukti"),
    path("kompetensi/impor/", views.impor, name="kompetensi_impor"),
    path("kompetensi/impor/<int:impor_id>/", views.impor_laporan, name="kompetensi_impor_laporan"),
    path("kompetensi/analisis/", views.analisis, name="kompetensi_analisis"),
]
