"""Routes of angka kredit under /karier/angka-kredit/ (namespace "talent", names "credit_…")."""

from django.urls import path

from karier.talent.credit import views

urlpatterns = [
    path("angka-kredit/", views.status_daftar, name="credit_daftar"),
    path("angka-kredit/excel/", views.status_xlsx, name="credit_daftar_xlsx"),
    path("angka-kredit/pegawai/<int:pegawai_id>/", views.kredit_pegawai, name="credit_pegawai"),
    path("angka-kredit/pegawai/<int:pegawai_id>/excel/", views.kredit_pegawai_xlsx, name="credit_pegawai_xlsx"),
    path("angka-kredit/pegawai/<int:pegawai_id>/konversi/", views.konversi_baru, name="credit_konversi"),
    path("angka-kredit/pegawai/<int:pegawai_id>/uji-kompetensi/", views.uji_kompetensi_baru, name="credit_uji"),
    path("angka-kredit/pegawai/<int:pegawai_id>/pak/", views.pak_terbit, name="credit_pak_terbit"),
    path("angka-kredit/pak/<int:pak_id>/dokumen.pdf", views.pak_pdf, name="credit_pak_pdf"),
    path("angka-kredit/formasi/", views.formasi_daftar, name="credit_formasi"),
    path("angka-kredit/formasi/excel/", views.formasi_xlsx, name="credit_formasi_xlsx"),
    path("angka-kredit/formasi/ubah/", views.formasi_ubah, name="credit_formasi_ubah"),
]
