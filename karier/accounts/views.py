from typing import cast

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from karier.accounts import services, tokens
from karier.accounts.forms import LoginForm, TokenCreateForm
from karier.accounts.models import User
from karier.core.clientip import client_limit_address
from karier.core.forms import apply_errors
from karier.core.paging import page_for
from karier.people.access import actor_from_request

ALL_TOKENS_PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        # The backend enforces the throttle; asking first only picks the message and the status.
        if services.login_blocked(username=username, ip=client_limit_address(request) or None):
            form.add_error(None, _("Terlalu banyak percobaan masuk yang gagal. Coba lagi 15 menit lagi."))
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                form.add_error(None, _("NIP/nama pengguna atau kata sandi salah."))
                status = 400
            else:
                login(request, user)
                target = request.GET.get("next", "")
                if target and url_has_allowed_host_and_scheme(
                    target, {request.get_host()}, require_https=request.is_secure()
                ):
                    return redirect(target)
                return redirect("core:home")
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


def _signed_in_user(request: HttpRequest) -> User:
    return cast(User, request.user)  # the views using it are behind @login_required


def _token_page(request: HttpRequest, form: TokenCreateForm, *, new_key: str = "", status: int = 200) -> HttpResponse:
    actor = actor_from_request(request)
    context: dict = {
        "form": form,
        "new_key": new_key,
        "own_tokens": tokens.own_tokens(actor),
        "manage_all": tokens.may_manage_all_tokens(actor),
    }
    if context["manage_all"]:
        context["page_obj"] = page_for(request, tokens.others_active_tokens(actor), ALL_TOKENS_PAGE_SIZE)
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's API tokens: make one (password asked again, throttled like a login), revoke one."""
    if request.method == "GET":
        return _token_page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _token_page(request, form, status=400)
    user = _signed_in_user(request)
    username = user.get_username()
    if services.login_blocked(username=username, ip=client_limit_address(request) or None):
        form.add_error("password", _("Terlalu banyak percobaan yang gagal. Coba lagi 15 menit lagi."))
        return _token_page(request, form, status=429)
    if authenticate(request, username=username, password=form.cleaned_data["password"]) is None:
        form.add_error("password", _("Kata sandi salah."))
        return _token_page(request, form, status=400)
    try:
        token, key = tokens.token_create(actor=actor_from_request(request), user=user, name=form.cleaned_data["name"])
    except ValidationError as exc:
        apply_errors(form, exc)
        return _token_page(request, form, status=400)
    messages.success(
        request,
        _("Token %(nama)s dibuat. Simpan sekarang: token ini tidak dapat ditampilkan lagi.") % {"nama": token.name},
    )
    return _token_page(request, TokenCreateForm(), new_key=key)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    token = tokens.token_for_actor(actor, token_id)
    try:
        tokens.token_revoke(actor=actor, token=token)
    except PermissionDenied as exc:  # the access function already narrowed; kept for safety
        return HttpResponse(str(exc), status=403)
    messages.success(request, _("Token %(nama)s dicabut.") % {"nama": token.name})
    return redirect("accounts:tokens")
