from django.urls import path

app_name = "plans_insight"
urlpatterns: list = []
