from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from karier.accounts import services
from karier.accounts.forms import LoginForm


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = _client_ip(request)
        if services.login_blocked(username=username, ip=ip):
            form.add_error(None, _("Terlalu banyak percobaan masuk yang gagal. Coba lagi 15 menit lagi."))
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                services.login_failed(username=username, ip=ip)
                form.add_error(None, _("NIP/nama pengguna atau kata sandi salah."))
                status = 400
            else:
                services.login_succeeded(username=username)
                login(request, user)
                target = request.GET.get("next", "")
                if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                              require_https=request.is_secure()):
                    return redirect(target)
                return redirect("core:home")
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")
