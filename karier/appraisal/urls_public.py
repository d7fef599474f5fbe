app_name = "public_feedback"
urlpatterns: list = []
