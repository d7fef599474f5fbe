"""Succession routes under /karier/suksesi/ (issue #12 item 5)."""

from django.urls import path

from karier.talent.succession import views

urlpatterns = [
    path("suksesi/", views.succession_list, name="succession_list"),
    path("suksesi/baru/", views.succession_create, name="succession_create"),
    path("suksesi/berisiko/", views.succession_at_risk, name="succession_at_risk"),
    path("suksesi/kelompok-talenta/", views.succession_pool, name="succession_pool"),
    path("suksesi/<int:kritikal_id>/", views.succession_detail, name="succession_detail"),
    path("suksesi/<int:kritikal_id>/ubah/", views.succession_edit, name="succession_edit"),
    path("suksesi/<int:kritikal_id>/hapus/", views.succession_remove, name="succession_remove"),
    path("suksesi/<int:kritikal_id>/hitung/", views.succession_recompute, name="succession_recompute"),
    path("suksesi/<int:kritikal_id>/nominasi/", views.succession_nominate, name="succession_nominate"),
    path("suksesi/nominasi/<int:nominasi_id>/putuskan/", views.succession_decide, name="succession_decide"),
]
