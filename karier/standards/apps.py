from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "karier.standards"
    label = "standards"
    verbose_name = "Standar kinerja"

    def ready(self) -> None:
        from karier.core import object_links

        object_links.register("standards.perjanjiankinerja", "standards:perjanjian_detail")
