from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("NIP atau nama pengguna"), max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "text"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
