from django.urls import path

from karier.appraisal.evaluation import views, views_bulk, views_evidence

app_name = "appraisal"
urlpatterns = [
    path("", views.index, name="index"),
    path("mulai/", views.mulai, name="mulai"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/realisasi/<int:iki_id>/", views.realisasi, name="realisasi"),
    path("<int:pk>/bukti/<int:iki_id>/", views_evidence.bukti_unggah, name="bukti_unggah"),
    path("<int:pk>/umpan-balik/<int:rhk_id>/", views.umpan_balik, name="umpan_balik"),
    path("<int:pk>/catatan/", views.catatan, name="catatan"),
    path("<int:pk>/rating/", views.rating, name="rating"),
    path("predikat/", views.predikat_preview, name="predikat_preview"),
    path("bukti/<int:pk>/", views_evidence.bukti_unduh, name="bukti"),
    path("bukti/<int:pk>/hapus/", views_evidence.bukti_hapus, name="bukti_hapus"),
    path("periode/<int:pk>/nilai/", views_bulk.bulk, name="bulk"),
    path("periode/<int:pk>/nilai/excel/", views_bulk.bulk_excel, name="bulk_excel"),
    path("kalender/", views.kalender, name="kalender"),
    path("kalender/periode/<int:pk>/", views.periode_edit, name="periode_edit"),
    path("kalender/periode/<int:pk>/status/", views.periode_status, name="periode_status"),
    path("kalender/tugas/<int:pk>/", views.periode_open_job, name="periode_open_job"),
    path("pengingat/", views.pengingat, name="pengingat"),
]
