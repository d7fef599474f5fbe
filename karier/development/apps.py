from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    """Competency development (issue #11): competency standards, assessments, gaps, the training
    catalogue, development plans and the 20-JP ledger. Reads people, standards, plans and appraisal;
    none of them writes here."""

    name = "karier.development"
    label = "development"
    verbose_name = "Pengembangan kompetensi"

    def ready(self) -> None:
        # Home cards (core.home registry) and audit-entry links (core.object_links) of each area.
        from karier.core import object_links
        from karier.development.catalogue import home as catalogue_home
        from karier.development.idp import home as idp_home
        from karier.development.outcomes import home as outcomes_home

        catalogue_home.register()
        outcomes_home.register()
        idp_home.register()
        object_links.register("development.rencanapengembangan", "development:rencana_detail")
