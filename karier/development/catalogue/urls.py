"""Routes of the catalogue: activities, sessions, enrolment, attendance and completion, added to
`karier.development.urls` (namespace "development")."""

from django.urls import path

from karier.development.catalogue import views

urlpatterns = [
    path("katalog/", views.katalog, name="katalog"),
    path("katalog/baru/", views.katalog_baru, name="katalog_baru"),
    path("katalog/<int:kegiatan_id>/", views.katalog_detail, name="katalog_detail"),
    path("katalog/<int:kegiatan_id>/ubah/", views.katalog_ubah, name="katalog_ubah"),
    path("katalog/<int:kegiatan_id>/sesi/baru/", views.katalog_sesi_baru, name="katalog_sesi_baru"),
    path("sesi/<int:sesi_id>/", views.sesi_detail, name="sesi_detail"),
    path("sesi/<int:sesi_id>/ubah/", views.sesi_ubah, name="sesi_ubah"),
    path("sesi/<int:sesi_id>/daftar/", views.sesi_daftar, name="sesi_daftar"),
    path("sesi/<int:sesi_id>/kehadiran/", views.sesi_kehadiran, name="sesi_kehadiran"),
    path("pendaftaran/<int:pendaftaran_id>/batal/", views.pendaftaran_batal, name="pendaftaran_batal"),
    path("pendaftaran/<int:pendaftaran_id>/selesai/", views.pendaftaran_selesai, name="pendaftaran_selesai"),
]
