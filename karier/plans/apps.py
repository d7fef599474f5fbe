from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "karier.plans"
    label = "plans"
    verbose_name = "Sasaran Kinerja Pegawai (SKP)"

    def ready(self) -> None:
        from karier.core import object_links
        from karier.plans import home

        home.register()
        object_links.register("plans.skp", "plans:detail")
