from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "karier.standards"
    label = "standards"
    verbose_name = "Standar kinerja"
