"""Routes of the JP ledger: my JP, self-development reports and their verification, the recap and
the targets (namespace "development")."""

from django.urls import path

from karier.development.jp import views

urlpatterns = [
    path("jp/", views.jp_saya, name="jp_saya"),
    path("jp/mandiri/baru/", views.jp_mandiri_baru, name="jp_mandiri_baru"),
    path("jp/verifikasi/", views.jp_verifikasi, name="jp_verifikasi"),
    path("jp/verifikasi/<int:mandiri_id>/", views.jp_verifikasi_putus, name="jp_verifikasi_putus"),
    path("jp/rekap/", views.jp_rekap, name="jp_rekap"),
    path("jp/rekap/excel/", views.jp_rekap_xlsx, name="jp_rekap_xlsx"),
    path("jp/pengaturan/", views.jp_pengaturan, name="jp_pengaturan"),
]
