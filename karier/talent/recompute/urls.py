from django.urls import path

from karier.talent.recompute import views

urlpatterns = [
    path("hitung/", views.hitung, name="hitung"),
    path("hitung/<int:job_id>/", views.hitung_tugas, name="hitung_tugas"),
]
