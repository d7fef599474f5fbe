from django.http import HttpRequest, HttpResponse


def login_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("login")


def logout_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("logout")
