from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    """Competency development (issue #11): competency standards, assessments, gaps, the training
    catalogue, development plans and the 20-JP ledger. Reads people, standards, plans and appraisal;
    none of them writes here."""

    name = "karier.development"
    label = "development"
    verbose_name = "Pengembangan kompetensi"

    def ready(self) -> None:
        from karier.development.catalogue import home as catalogue_home

        catalogue_home.register()
