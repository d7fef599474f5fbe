from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "karier.api"
    label = "api"
    verbose_name = "API"
