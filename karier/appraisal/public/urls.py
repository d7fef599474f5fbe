"""The anonymous public feedback form (included at "umpan-balik/"): no account needed."""

from django.urls import include, path

from karier.appraisal.public import views as public
from karier.appraisal.public.skm import urls as skm_urls

app_name = "public_feedback"
urlpatterns = [
    path("skm/", include(skm_urls.urlpatterns)),
    path("<str:token>/", public.public_form, name="form"),
    path("<str:token>/terima-kasih/", public.public_thanks, name="terima_kasih"),
]
