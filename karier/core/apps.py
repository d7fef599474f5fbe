from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "karier.core"
    label = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from karier.core import home, lookups, paths  # noqa: F401  (registers `field__any`, `field__subtree`)

        home.register_panel("core.tugas_latar", 90, home.jobs_panel, "core/home/tugas_latar.html", section="provinsi")
