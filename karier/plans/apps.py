from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "karier.plans"
    label = "plans"
    verbose_name = "Sasaran Kinerja Pegawai (SKP)"

    def ready(self) -> None:
        from karier.plans import home

        home.register()
