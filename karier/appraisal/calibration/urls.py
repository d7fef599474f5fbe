"""Unit result, calibration, finalisation, objections, period close and documents (issue #5, parts 5–8).
Included at "penilaian/"."""

from django.urls import path

from karier.appraisal.calibration import views as v

app_name = "appraisal_calibration"
urlpatterns = [
    path("kalibrasi/", v.index, name="index"),
    path("kalibrasi/<int:periode_id>/unit/<int:unit_id>/", v.unit_calibration, name="unit"),
    path("kalibrasi/<int:periode_id>/unit/<int:unit_id>/hasil/", v.unit_result, name="unit_result"),
    path("kalibrasi/<int:periode_id>/unit/<int:unit_id>/pindah/<int:evaluasi_id>/", v.move, name="move"),
    path("kalibrasi/<int:periode_id>/unit/<int:unit_id>/finalisasi/", v.unit_finalise, name="finalise"),
    path("kalibrasi/<int:periode_id>/unit/<int:unit_id>/tanda-tangan/", v.unit_sign, name="sign_unit"),
    path(
        "kalibrasi/<int:periode_id>/unit/<int:unit_id>/tanda-tangan-penilai/",
        v.unit_sign_penilai,
        name="sign_unit_penilai",
    ),
    path("kalibrasi/<int:periode_id>/unit/<int:unit_id>/penetapan.pdf", v.penetapan_pdf, name="penetapan_pdf"),
    path("kalibrasi/<int:periode_id>/unit/<int:unit_id>/rekap.xlsx", v.rekap_xlsx, name="rekap_xlsx"),
    path("kalibrasi/<int:periode_id>/opd/<int:opd_id>/", v.agency, name="agency"),
    path("kalibrasi/<int:periode_id>/opd/<int:opd_id>/rekap.xlsx", v.agency_xlsx, name="agency_xlsx"),
    path("<int:pk>/finalisasi/", v.finalise_status, name="finalise_status"),
    path("<int:pk>/tanda-tangan/", v.sign_one, name="sign_one"),
    path("<int:pk>/tanda-tangan-penilai/", v.sign_one_penilai, name="sign_one_penilai"),
    path("<int:pk>/buka-ulang/", v.reopen, name="reopen"),
    path("<int:pk>/keberatan/", v.objection_file, name="objection_file"),
    path("<int:pk>/dokumen.pdf", v.evaluasi_pdf, name="evaluasi_pdf"),
    path("keberatan/", v.objections, name="objections"),
    path("keberatan/<int:pk>/", v.objection_decide, name="objection_decide"),
    path("tutup/<int:periode_id>/", v.close, name="close"),
    path("tutup/tugas/<int:pk>/", v.close_job, name="close_job"),
]
