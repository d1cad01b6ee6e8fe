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


_ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "payload_too_large",
                415: "unsupported_media_type", 422: "validation_error", 429: "too_many_requests",
                500: "internal_error", 503: "unavailable"}


class ApiJsonErrorsMiddleware:
    """Under /api/, every error is JSON ``{"error", "detail"}``, whoever produced it (405, CSRF, …)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not request.path.startswith("/api/"):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        code = _ERROR_CODES.get(response.status_code, "error")
        replacement = HttpResponse(
            json.dumps({"error": code, "detail": code.replace("_", " ")}),
            status=response.status_code, content_type="application/json",
        )
        if response.has_header("Allow"):
            replacement["Allow"] = response["Allow"]
        return replacement


class DomainErrorMiddleware:
    """A domain error that reaches a web view unhandled answers like the API would: a missing (or
    hidden) record is the 404 page, a rate limit 429; input errors are the views' to show in forms."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from porras.lib.errors import DomainError, NotFound, http_status
        from porras.web import views

        if isinstance(exception, NotFound):
            return views.not_found(request, exception)
        if isinstance(exception, DomainError):
            status, code = http_status(exception)
            return views.domain_error(request, status, code)
        return None
