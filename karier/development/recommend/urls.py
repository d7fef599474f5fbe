"""Recommendation routes under /pengembangan/rekomendasi/ (issue #11 item 5)."""

from django.urls import path

from karier.development.recommend import views

urlpatterns = [
    path("rekomendasi/", views.rekomendasi_saya, name="rekomendasi_saya"),
    path("rekomendasi/pegawai/<int:pegawai_id>/", views.rekomendasi_pegawai, name="rekomendasi_pegawai"),
    path("rekomendasi/tim/", views.rekomendasi_tim, name="rekomendasi_tim"),
    path("rekomendasi/hitung/", views.rekomendasi_hitung, name="rekomendasi_hitung"),
    path("rekomendasi/hitung/<int:job_id>/", views.rekomendasi_tugas, name="rekomendasi_tugas"),
]
