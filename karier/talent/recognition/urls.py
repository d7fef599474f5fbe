"""Screens of recognition and motivation under /karier/apresiasi/, /karier/inovasi/ and
/karier/penghargaan/ (issue #12 item 8)."""

from django.urls import path

from karier.talent.recognition import views

urlpatterns = [
    path("apresiasi/", views.apresiasi_feed, name="recognition_apresiasi_feed"),
    path("apresiasi/beri/", views.apresiasi_beri, name="recognition_apresiasi_beri"),
    path("apresiasi/pegawai/<int:pegawai_id>/", views.pegawai, name="recognition_pegawai"),
    path("apresiasi/<int:apresiasi_id>/sembunyikan/", views.apresiasi_sembunyikan, name="recognition_apresiasi_hide"),
    path("inovasi/", views.inovasi_saya, name="recognition_inovasi_saya"),
    path("inovasi/baru/", views.inovasi_baru, name="recognition_inovasi_baru"),
    path("inovasi/verifikasi/", views.inovasi_verifikasi, name="recognition_inovasi_verifikasi"),
    path("inovasi/<int:inovasi_id>/verifikasi/", views.inovasi_verify, name="recognition_inovasi_verify"),
    path("penghargaan/", views.penghargaan, name="recognition_penghargaan"),
    path("penghargaan/<int:usulan_id>/putuskan/", views.penghargaan_putuskan, name="recognition_penghargaan_putuskan"),
]
