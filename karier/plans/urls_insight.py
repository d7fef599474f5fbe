from django.urls import path

from karier.plans import views_insight as v

app_name = "plans_insight"
urlpatterns = [
    path("kaskade/", v.cascade_tree, name="cascade"),
    path("kaskade/simpul/", v.cascade_node, name="cascade_node"),
    path("cakupan/", v.coverage, name="coverage"),
    path("massal/", v.bulk, name="bulk"),
    path("massal/<int:pk>/", v.bulk_job, name="bulk_job"),
    path("<int:pk>/pdf/", v.skp_pdf, name="skp_pdf"),
    path("<int:pk>/xlsx/", v.skp_xlsx, name="skp_xlsx"),
]
