from django.urls import path

app_name = "standards"
urlpatterns: list = []
