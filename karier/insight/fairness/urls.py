"""Routes of the fairness analytics (issue #13 item 2): /wawasan/keadilan/."""

from typing import Any

from django.urls import path

from karier.insight.fairness import views

urlpatterns: list[Any] = [
    path("keadilan/", views.keadilan, name="keadilan"),
    path("keadilan/unduh.xlsx", views.keadilan_xlsx, name="keadilan_xlsx"),
]
