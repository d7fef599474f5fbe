"""Screens of competency development under /pengembangan/ (issue #11): each area keeps its own routes."""

from karier.development.catalogue.urls import urlpatterns as _catalogue_urls
from karier.development.competency.urls import urlpatterns as _competency_urls
from karier.development.exchange.urls import urlpatterns as _exchange_urls
from karier.development.idp.urls import urlpatterns as _idp_urls
from karier.development.jp.urls import urlpatterns as _jp_urls
from karier.development.outcomes.urls import urlpatterns as _outcomes_urls
from karier.development.recommend.urls import urlpatterns as _recommend_urls

app_name = "development"

urlpatterns = [
    # Competency standards, assessments, needs and the training-needs analysis (items 1–3).
    *_competency_urls,
    # Recommendations and the needs computation job (item 5): /pengembangan/rekomendasi/….
    *_recommend_urls,
    # The training catalogue, sessions, enrolment, attendance and completion (items 4, 6).
    *_catalogue_urls,
    # QR attendance, evaluation, follow-up, certificate, level changes from activities (items 6, 7, 9).
    *_outcomes_urls,
    # The individual development plan (IDP, item 6): /pengembangan/rencana/….
    *_idp_urls,
    # The JP ledger (item 7): /pengembangan/jp/….
    *_jp_urls,
    # SIASN exchange: the course and training history in SIASN's layouts (item 8).
    *_exchange_urls,
]
