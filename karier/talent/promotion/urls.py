"""Routes of promotions under /karier/kenaikan-pangkat/, added to `karier.talent.urls` (namespace "talent")."""

from django.urls import path

from karier.talent.promotion import views

urlpatterns = [
    path("kenaikan-pangkat/", views.promotion_list, name="promotion_list"),
    path("kenaikan-pangkat/excel/", views.promotion_xlsx, name="promotion_xlsx"),
    path("kenaikan-pangkat/usul/", views.promotion_usul, name="promotion_usul"),
    path("kenaikan-pangkat/pegawai/<int:pegawai_id>/", views.promotion_pegawai, name="promotion_pegawai"),
    path("kenaikan-pangkat/usulan/", views.promotion_usulan_list, name="promotion_usulan_list"),
    path("kenaikan-pangkat/usulan/<int:usulan_id>/", views.promotion_usulan_detail, name="promotion_usulan_detail"),
    path(
        "kenaikan-pangkat/usulan/<int:usulan_id>/verifikasi/",
        views.promotion_usulan_verifikasi,
        name="promotion_usulan_verifikasi",
    ),
    path("kenaikan-pangkat/usulan/<int:usulan_id>/tolak/", views.promotion_usulan_tolak, name="promotion_usulan_tolak"),
    path(
        "kenaikan-pangkat/usulan/<int:usulan_id>/tetapkan/",
        views.promotion_usulan_tetapkan,
        name="promotion_usulan_tetapkan",
    ),
]
