from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "karier.appraisal"
    label = "appraisal"
    verbose_name = "Penilaian kinerja"
