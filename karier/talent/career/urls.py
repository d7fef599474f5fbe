from django.urls import path

from karier.talent.career import views

urlpatterns = [
    path("", views.karier_saya, name="karier_saya"),
    path("pegawai/<int:pegawai_id>/", views.karier_pegawai, name="karier_pegawai"),
    path("tim/", views.karier_tim, name="karier_tim"),
]
