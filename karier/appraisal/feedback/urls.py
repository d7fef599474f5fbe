"""Multi-rater and public-feedback screens for signed-in people (included at "penilaian/")."""

from django.urls import path

from karier.appraisal.feedback import views as feedback
from karier.appraisal.public import views as public

app_name = "appraisal_feedback"
urlpatterns = [
    # Peers and subordinates (the appraisee nominates, the appraiser approves, the rater answers).
    path("penilai-rekan/", feedback.saya, name="saya"),
    path("penilai-rekan/persetujuan/", feedback.persetujuan, name="persetujuan"),
    path("penilai-rekan/<int:pk>/tarik/", feedback.nominasi_tarik, name="tarik"),
    path("penilai-rekan/<int:pk>/putuskan/", feedback.nominasi_putuskan, name="putuskan"),
    path("<int:evaluasi_id>/penilai-rekan/", feedback.nominasi, name="nominasi"),
    path("<int:evaluasi_id>/penilai-rekan/tambah/", feedback.nominasi_tambah, name="tambah"),
    path("<int:evaluasi_id>/penilai-rekan/setujui-semua/", feedback.nominasi_setujui_semua, name="setujui_semua"),
    path("<int:evaluasi_id>/ringkasan-perilaku/", feedback.ringkasan, name="ringkasan"),
    path("permintaan-penilaian/", feedback.permintaan, name="permintaan"),
    path("permintaan-penilaian/<int:pk>/", feedback.jawab, name="jawab"),
    # Public feedback: links and QR codes, moderation, summaries.
    path("publik/", public.hub, name="publik"),
    path("publik/moderasi/", public.moderasi, name="publik_moderasi"),
    path("publik/pegawai/<int:pegawai_id>/", public.pegawai_link, name="publik_pegawai"),
    path("publik/pegawai/<int:pegawai_id>/ringkasan/", public.ringkasan_pegawai, name="publik_ringkasan_pegawai"),
    path("publik/unit/<int:unit_id>/", public.unit_link, name="publik_unit"),
    path("publik/unit/<int:unit_id>/ringkasan/", public.ringkasan_unit, name="publik_ringkasan_unit"),
    path("publik/tautan/<int:tautan_id>/aktif/", public.tautan_aktif, name="publik_aktif"),
    path("publik/tautan/<int:tautan_id>/ganti/", public.tautan_ganti, name="publik_ganti"),
    path("publik/tautan/<int:tautan_id>/qr.svg", public.tautan_qr, {"fmt": "svg"}, name="publik_qr_svg"),
    path("publik/tautan/<int:tautan_id>/qr.png", public.tautan_qr, {"fmt": "png"}, name="publik_qr_png"),
]
