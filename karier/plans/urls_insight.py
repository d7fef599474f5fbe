app_name = "plans_insight"
urlpatterns: list = []
