from django.apps import AppConfig


class InsightConfig(AppConfig):
    """Insight (issue #13): dashboards, fairness analytics and reports. It only reads the apps below
    it; its own tables are pre-aggregated figures written by its refresh job, never by a page."""

    name = "karier.insight"
    label = "insight"
    verbose_name = "Wawasan"
