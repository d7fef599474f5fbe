"""SIASN exchange screens under /pengembangan/siasn/ (issue #11 item 8)."""

from django.urls import path

from karier.development.exchange import views

urlpatterns = [
    path("siasn/", views.ekspor, name="siasn_ekspor"),
    path("siasn/ekspor.xlsx", views.ekspor_xlsx, name="siasn_ekspor_xlsx"),
    path("siasn/ekspor-<str:layout>.csv", views.ekspor_csv, name="siasn_ekspor_csv"),
    path("siasn/impor/", views.impor, name="siasn_impor"),
    path("siasn/impor/<int:impor_id>/", views.impor_laporan, name="siasn_impor_laporan"),
]
