from django.urls import path

from karier.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("token/", views.token_list, name="tokens"),
    path("token/<int:token_id>/cabut/", views.token_revoke, name="token_revoke"),
]
