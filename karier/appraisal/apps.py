from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "karier.appraisal"
    label = "appraisal"
    verbose_name = "Penilaian kinerja"

    def ready(self) -> None:
        from karier.appraisal import home
        from karier.core import object_links

        home.register()
        object_links.register("appraisal.evaluasi", "appraisal:detail")
