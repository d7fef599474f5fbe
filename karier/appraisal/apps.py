from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "karier.appraisal"
    label = "appraisal"
    verbose_name = "Penilaian kinerja"

    def ready(self) -> None:
        from karier.appraisal import home

        home.register()
