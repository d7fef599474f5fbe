"""Routes of the development plan (IDP) under /pengembangan/rencana/, added to
`karier.development.urls` (namespace "development")."""

from django.urls import path

from karier.development.idp import views

urlpatterns = [
    path("rencana/", views.rencana_saya, name="rencana_saya"),
    path("rencana/baru/", views.rencana_buat, name="rencana_buat"),
    path("rencana/tambah/", views.rencana_tambah, name="rencana_tambah"),
    path("rencana/persetujuan/", views.rencana_persetujuan, name="rencana_persetujuan"),
    path("rencana/tim/", views.rencana_tim, name="rencana_tim"),
    path("rencana/excel/", views.rencana_xlsx, name="rencana_xlsx"),
    path("rencana/<int:rencana_id>/", views.rencana_detail, name="rencana_detail"),
    path("rencana/<int:rencana_id>/dokumen.pdf", views.rencana_pdf, name="rencana_pdf"),
    path("rencana/<int:rencana_id>/ajukan/", views.rencana_ajukan, name="rencana_ajukan"),
    path("rencana/<int:rencana_id>/putusan/", views.rencana_putusan, name="rencana_putusan"),
    path("rencana/<int:rencana_id>/item/baru/", views.rencana_item_baru, name="rencana_item_baru"),
    path("rencana/<int:rencana_id>/item/<int:item_id>/ubah/", views.rencana_item_ubah, name="rencana_item_ubah"),
    path("rencana/<int:rencana_id>/item/<int:item_id>/hapus/", views.rencana_item_hapus, name="rencana_item_hapus"),
    path("rencana/<int:rencana_id>/item/<int:item_id>/daftar/", views.rencana_item_daftar, name="rencana_item_daftar"),
    path("rencana/<int:rencana_id>/item/<int:item_id>/lapor/", views.rencana_item_lapor, name="rencana_item_lapor"),
]
