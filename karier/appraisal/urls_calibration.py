app_name = "appraisal_calibration"
urlpatterns: list = []
