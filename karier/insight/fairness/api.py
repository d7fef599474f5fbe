"""REST API of this insight area."""

from ninja import Router

router = Router()
