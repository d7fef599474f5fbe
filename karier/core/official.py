"""Official documents speak Bahasa Indonesia, whatever language the person asking has chosen.

The SKP, the evaluation document, the rating decision and the Perjanjian Kinerja follow the
regulations' Indonesian forms, and a signed evaluation is frozen with its hash: a label such as
"Penerima Layanan" or a predikat must read the same whoever signed or downloaded it. Functions that
build or render such a document run under `in_indonesian`, so the English catalogue never leaks
into them (the screens around them stay in the chosen language).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")


def in_indonesian(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper
