"""Routes of the catalogue and the JP ledger, added to `karier.development.urls` (namespace
"development")."""

from django.urls import path

from karier.development.catalogue import views, views_jp

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
    path("jp/", views_jp.jp_saya, name="jp_saya"),
    path("jp/mandiri/baru/", views_jp.jp_mandiri_baru, name="jp_mandiri_baru"),
    path("jp/verifikasi/", views_jp.jp_verifikasi, name="jp_verifikasi"),
    path("jp/verifikasi/<int:mandiri_id>/", views_jp.jp_verifikasi_putus, name="jp_verifikasi_putus"),
    path("jp/rekap/", views_jp.jp_rekap, name="jp_rekap"),
    path("jp/rekap/excel/", views_jp.jp_rekap_xlsx, name="jp_rekap_xlsx"),
    path("jp/pengaturan/", views_jp.jp_pengaturan, name="jp_pengaturan"),
]
