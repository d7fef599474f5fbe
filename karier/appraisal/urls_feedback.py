app_name = "appraisal_feedback"
urlpatterns: list = []
