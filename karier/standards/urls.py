from django.urls import path

from karier.standards.views import jabatan, perjanjian, renstra, rpjmd

app_name = "standards"
urlpatterns = [
    path("", rpjmd.overview, name="overview"),
    path("indikator/<int:pk>/", rpjmd.indikator_detail, name="indikator"),
    path("renstra/", renstra.renstra_list, name="renstra_list"),
    path("renstra/<int:pk>/", renstra.renstra_detail, name="renstra_detail"),
    path("perjanjian/", perjanjian.perjanjian_list, name="perjanjian_list"),
    path("perjanjian/<int:pk>/", perjanjian.perjanjian_detail, name="perjanjian_detail"),
    path("perjanjian/<int:pk>/dokumen.pdf", perjanjian.perjanjian_pdf, name="perjanjian_pdf"),
    path("jabatan/", jabatan.jabatan_list, name="jabatan_list"),
    path("jabatan/<int:jabatan_id>/", jabatan.jabatan_standar, name="jabatan_standar"),
    path("jabatan/<int:jabatan_id>/terapkan/", jabatan.jabatan_terapkan, name="jabatan_terapkan"),
]
