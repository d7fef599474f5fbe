"""9-box screens under /karier/talenta/ and /karier/hukuman-disiplin/ (issue #12 item 4)."""

from django.urls import path

from karier.talent.ninebox import views

urlpatterns = [
    path("talenta/", views.grid, name="ninebox_grid"),
    path("talenta/kotak/<int:kotak>/", views.kotak, name="ninebox_kotak"),
    path("talenta/perpindahan/", views.perpindahan, name="ninebox_perpindahan"),
    path("talenta/saya/", views.saya, name="ninebox_saya"),
    path("talenta/pegawai/<int:pegawai_id>/", views.pegawai, name="ninebox_pegawai"),
    path("talenta/aturan/", views.aturan_list, name="ninebox_aturan_list"),
    path("talenta/aturan/<int:aturan_id>/versi-baru/", views.aturan_versi, name="ninebox_aturan_versi"),
    path("talenta/aturan/<int:aturan_id>/aktifkan/", views.aturan_aktifkan, name="ninebox_aturan_aktifkan"),
    path("hukuman-disiplin/", views.hukuman_list, name="ninebox_hukuman_list"),
    path("hukuman-disiplin/baru/", views.hukuman_baru, name="ninebox_hukuman_baru"),
    path("hukuman-disiplin/<int:hukuman_id>/ubah/", views.hukuman_ubah, name="ninebox_hukuman_ubah"),
    path("hukuman-disiplin/pegawai/<int:pegawai_id>/", views.hukuman_pegawai, name="ninebox_hukuman_pegawai"),
]
