from django.urls import path

from karier.people import views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile, name="profile"),
    path("unit/", views.unit_tree, name="unit_tree"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
]
