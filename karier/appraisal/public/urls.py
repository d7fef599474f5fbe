"""The anonymous public feedback form (included at "umpan-balik/"): no account needed."""

from django.urls import path

from karier.appraisal.public import views as public

app_name = "public_feedback"
urlpatterns = [
    path("<str:token>/", public.public_form, name="form"),
    path("<str:token>/terima-kasih/", public.public_thanks, name="terima_kasih"),
]
