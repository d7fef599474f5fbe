"""Routes of this insight area."""

from typing import Any

urlpatterns: list[Any] = []
