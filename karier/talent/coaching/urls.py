"""Coaching routes under /karier/bimbingan/ (included by `karier.talent.urls`, namespace "talent")."""

from django.urls import path

from karier.talent.coaching import views

urlpatterns = [
    path("bimbingan/", views.coaching_list, name="coaching_list"),
    path("bimbingan/semua/", views.coaching_all, name="coaching_all"),
    path("bimbingan/semua/excel/", views.coaching_xlsx, name="coaching_xlsx"),
    path("bimbingan/saya/", views.coaching_mine, name="coaching_mine"),
    path("bimbingan/baru/<int:pegawai_id>/", views.coaching_create, name="coaching_create"),
    path("bimbingan/<int:rencana_id>/", views.coaching_detail, name="coaching_detail"),
    path("bimbingan/<int:rencana_id>/ubah/", views.coaching_edit, name="coaching_edit"),
    path("bimbingan/<int:rencana_id>/pertemuan/", views.coaching_meeting, name="coaching_meeting"),
    path("bimbingan/<int:rencana_id>/tindakan/", views.coaching_action, name="coaching_action"),
    path(
        "bimbingan/<int:rencana_id>/tindakan/<int:tindakan_id>/selesai/",
        views.coaching_action_done,
        name="coaching_action_done",
    ),
    path("bimbingan/<int:rencana_id>/tutup/", views.coaching_close, name="coaching_close"),
]
