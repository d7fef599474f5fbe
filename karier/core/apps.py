from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "karier.core"
    label = "core"
    verbose_name = "Inti"
