from django.urls import path

from karier.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("indikator/<int:pk>/", views.indikator_detail, name="indikator"),
    path("renstra/", views.renstra_list, name="renstra_list"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra_detail"),
    path("perjanjian/", views.perjanjian_list, name="perjanjian_list"),
    path("perjanjian/<int:pk>/", views.perjanjian_detail, name="perjanjian_detail"),
    path("jabatan/", views.jabatan_list, name="jabatan_list"),
    path("jabatan/<int:jabatan_id>/", views.jabatan_standar, name="jabatan_standar"),
    path("jabatan/<int:jabatan_id>/terapkan/", views.jabatan_terapkan, name="jabatan_terapkan"),
]
