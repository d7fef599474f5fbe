from django.apps import AppConfig


class TalentConfig(AppConfig):
    """Career and talent (issue #12). Reads people, plans, appraisal and development; none of them
    writes here, and this app writes only through its own services."""

    name = "karier.talent"
    label = "talent"
    verbose_name = "Karier dan talenta"

    def ready(self) -> None:
        # Home cards (core.home registry) of each area: one import and register() line per area.
        from karier.talent.coaching import home as coaching_home

        coaching_home.register()
