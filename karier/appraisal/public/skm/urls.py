"""SKM routes, included by `karier.appraisal.public.urls` at "skm/" (namespace public_feedback):
the managers' screens under "skm/kelola/" (sign-in required), the anonymous questionnaire at
"skm/<token>/". The "kelola/" routes come first: a token is never that short."""

from django.urls import path

from karier.appraisal.public.skm import views

urlpatterns = [
    path("kelola/", views.daftar, name="skm_kelola_daftar"),
    path("kelola/unit/<int:unit_id>/", views.unit, name="skm_kelola_unit"),
    path("kelola/<int:periode_id>/", views.periode, name="skm_kelola_periode"),
    path("kelola/<int:periode_id>/status/", views.periode_status, name="skm_kelola_status"),
    path("kelola/<int:periode_id>/tindak-lanjut/", views.tindak_lanjut_tambah, name="skm_kelola_tindak_lanjut"),
    path(
        "kelola/tindak-lanjut/<int:tindak_lanjut_id>/status/",
        views.tindak_lanjut_status,
        name="skm_kelola_tindak_lanjut_status",
    ),
    path("kelola/<int:periode_id>/excel/", views.periode_xlsx, name="skm_kelola_xlsx"),
    path("kelola/<int:periode_id>/laporan.pdf", views.periode_pdf, name="skm_kelola_pdf"),
    path("kelola/<int:periode_id>/qr.<str:fmt>", views.periode_qr, name="skm_kelola_qr"),
    path("<str:token>/", views.public_form, name="skm_form"),
    path("<str:token>/terima-kasih/", views.public_thanks, name="skm_terima_kasih"),
    path("<str:token>/hasil/", views.public_result, name="skm_hasil"),  # published once closed
    path("<str:token>/hasil.pdf", views.public_result_pdf, name="skm_hasil_pdf"),
]
