"""A throwaway API with one write, to prove the auth schemes' CSRF behaviour before real writes exist."""

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI

from karier.api.auth import SessionOrToken

csrf_api = NinjaAPI(auth=SessionOrToken(), urls_namespace="api_csrf_test")


@csrf_api.post("/tulis")
def tulis(request: HttpRequest) -> dict[str, str]:
    return {"username": request.user.get_username()}


urlpatterns = [path("api/test/", csrf_api.urls)]
