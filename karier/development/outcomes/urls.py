"""Routes around and after a session (QR attendance, evaluation, follow-up, certificate, the level
change a completed activity proposes), namespace "development"."""

from django.urls import path

from karier.development.outcomes import views, views_level

urlpatterns = [
    path("sesi/<int:sesi_id>/kode-kehadiran/", views.kehadiran_kode, name="kehadiran_kode"),
    path("hadir/<str:kode>/", views.kehadiran_qr, name="kehadiran_qr"),
    path("pendaftaran/<int:pendaftaran_id>/evaluasi/", views.kegiatan_evaluasi, name="kegiatan_evaluasi"),
    path("evaluasi-kegiatan/", views.kegiatan_evaluasi_rekap, name="kegiatan_evaluasi_rekap"),
    path("tindak-lanjut/", views.tindak_lanjut_daftar, name="tindak_lanjut_daftar"),
    path("pendaftaran/<int:pendaftaran_id>/tindak-lanjut/", views.tindak_lanjut_isi, name="tindak_lanjut_isi"),
    path("pendaftaran/<int:pendaftaran_id>/sertifikat.pdf", views.sertifikat_pdf, name="sertifikat_pdf"),
    path("sertifikat/<str:kode>/", views.sertifikat_verifikasi, name="sertifikat_verifikasi"),
    # Level changes proposed by completed activities, confirmed by the superior (issue #11 §7).
    path("usulan-level/", views_level.usulan_level, name="usulan_level"),
    path("usulan-level/<int:usulan_id>/putusan/", views_level.usulan_level_putus, name="usulan_level_putus"),
]
