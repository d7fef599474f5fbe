from django.http import HttpRequest, HttpResponse


def directory(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")


def unit_tree(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")
