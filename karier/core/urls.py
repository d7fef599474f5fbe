from django.urls import path

from karier.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("jejak-audit/", views.audit_log, name="audit_log"),
    path("jejak-audit/periksa/", views.audit_check, name="audit_check"),
    path("jejak-audit/excel/", views.audit_xlsx, name="audit_xlsx"),
    path("istilah/", views.glossary, name="glossary"),
    path("angka/pratinjau/", views.angka_pratinjau, name="angka_pratinjau"),
]
