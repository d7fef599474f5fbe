from django.urls import path  # noqa: F401

app_name = "development"

urlpatterns: list = []

# The training catalogue, enrolment and the JP ledger (issue #11 items 4, 6, 7).
from karier.development.catalogue.urls import urlpatterns as _catalogue_urls  # noqa: E402

urlpatterns += _catalogue_urls

# Competency standards, assessments, needs and the training-needs analysis (issue #11 items 1–3).
from karier.development.competency.urls import urlpatterns as _competency_urls  # noqa: E402

urlpatterns += _competency_urls
