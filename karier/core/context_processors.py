from typing import Any

from django.http import HttpRequest

from karier.people.access import actor_from_request


def actor(request: HttpRequest) -> dict[str, Any]:
    return {"actor": actor_from_request(request)}
