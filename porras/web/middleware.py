"""Request-level protections for the whole site."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class BodySizeLimitMiddleware:
    """Refuse bodies above ``PORRAS_MAX_BODY_BYTES`` with 413 before anything reads them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PORRAS_MAX_BODY_BYTES:
            body = {"error": "payload_too_large", "detail": f"request body exceeds {settings.PORRAS_MAX_BODY_BYTES} bytes"}
            return HttpResponse(json.dumps(body), status=413, content_type="application/json")
        return self.get_response(request)
