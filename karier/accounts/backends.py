"""Login by NIP (spaces allowed, as printed on documents) or by username — throttled here.

Every login path calls `django.contrib.auth.authenticate()`: the site's login form, `/admin/login/`
and the password check before an API token is made. Throttling in the backend therefore covers
them all, and no path can forget it (`karier.accounts.services` has the rules).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from karier.accounts import services
from karier.accounts.services import normalise_login
from karier.core.clientip import client_limit_address

__all__ = ["NipOrUsernameBackend", "normalise_login"]


class NipOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            username = kwargs.pop(get_user_model().USERNAME_FIELD, None)
        if username is None or password is None:
            return None
        ip = (client_limit_address(request) or None) if request is not None else None
        if services.login_blocked(username=username, ip=ip):
            # PermissionDenied makes authenticate() stop and answer "no" without checking the password.
            raise PermissionDenied(services.LOCKED_MESSAGE)
        user = super().authenticate(request, username=normalise_login(username), password=password, **kwargs)
        if user is None:
            services.login_failed(username=username, ip=ip)
        else:
            services.login_succeeded(username=username, ip=ip)
        return user

    def get_user(self, user_id: Any) -> Any:
        """The request's user with their employee record in the same query: every page's header
        names the person (`user.pegawai`), which was one more query on each request (issue #14)."""
        user = get_user_model()._default_manager.select_related("pegawai").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
