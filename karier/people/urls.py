from django.urls import path

from karier.people import export_views, views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile, name="profile"),
    path("unit/", views.unit_tree, name="unit_tree"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("ekspor/", export_views.ekspor_mulai, name="ekspor_mulai"),
    path("ekspor/<int:job_id>/", export_views.ekspor, name="ekspor"),
    path("ekspor/<int:job_id>/unduh/", export_views.ekspor_unduh, name="ekspor_unduh"),
]
