from django.urls import path

from karier.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("buat/", views.create, name="create"),
    path("bawahan/", views.bawahan, name="bawahan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rhk/", views.rhk_add, name="rhk_add"),
    path("<int:pk>/rhk/<int:rhk_id>/ubah/", views.rhk_edit, name="rhk_edit"),
    path("<int:pk>/rhk/<int:rhk_id>/hapus/", views.rhk_delete, name="rhk_delete"),
    path("<int:pk>/rhk/<int:rhk_id>/tautkan/", views.rhk_link, name="rhk_link"),
    path("<int:pk>/rhk/<int:rhk_id>/iki/", views.iki_add, name="iki_add"),
    path("<int:pk>/iki/<int:iki_id>/ubah/", views.iki_edit, name="iki_edit"),
    path("<int:pk>/iki/<int:iki_id>/hapus/", views.iki_delete, name="iki_delete"),
    path("<int:pk>/perilaku/<int:ekspektasi_id>/", views.ekspektasi, name="ekspektasi"),
    path("<int:pk>/lampiran/", views.lampiran, name="lampiran"),
    path("<int:pk>/dialog/", views.dialog, name="dialog"),
    # Explicit names (not "<str:aksi>/"): the insight routes share the "skp/<pk>/" prefix.
    path("<int:pk>/ajukan/", views.transisi, {"aksi": "ajukan"}, name="ajukan"),
    path("<int:pk>/tarik/", views.transisi, {"aksi": "tarik"}, name="tarik"),
    path("<int:pk>/kembalikan/", views.transisi, {"aksi": "kembalikan"}, name="kembalikan"),
    path("<int:pk>/setujui/", views.transisi, {"aksi": "setujui"}, name="setujui"),
    path("<int:pk>/revisi/", views.transisi, {"aksi": "revisi"}, name="revisi"),
]
