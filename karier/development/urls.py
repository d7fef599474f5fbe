"""Screens of competency development under /pengembangan/ (issue #11): each area keeps its own routes."""

from karier.development.catalogue.urls import urlpatterns as _catalogue_urls
from karier.development.competency.urls import urlpatterns as _competency_urls

app_name = "development"

# The training catalogue, enrolment and the JP ledger (items 4, 6, 7); competency standards,
# assessments, needs and the training-needs analysis (items 1–3).
urlpatterns = [*_catalogue_urls, *_competency_urls]
