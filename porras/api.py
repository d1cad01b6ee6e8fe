"""The JSON API at ``/api/v1/``: one NinjaAPI, routers collected from each app's ``api.py``.

An app's ``api.py`` defines ``router = Router(tags=[...])`` with full paths (``"/instruments"``,
``"/counties"``); endpoints are authenticated by a bearer token or a session unless they say
``auth=None``. Errors always come as ``{"error": ..., "detail": ...}``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import APIKeyCookie, HttpBearer

from porras.accounts import authn
from porras.lib import jsonsafe
from porras.lib.discovery import app_modules
from porras.lib.errors import DomainError, TooManyRequests, detail_of, http_status

logger = logging.getLogger("porras.api")


class BearerToken(HttpBearer):
    """``Authorization: Bearer porras_…``: an unexpired, unrevoked token of an active user who has
    every factor the configuration requires (:func:`porras.accounts.authn.token_user`)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authn.token_user(token)
        if user is not None:
            request.user = user
        return user


class SessionCookie(APIKeyCookie):
    """The web session, for the UI's own calls; unsafe methods need the CSRF token. A session
    without a second factor that the configuration requires is no session here (401)."""

    param_name = "porras_session"

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session there is nothing to protect from CSRF: answer 401, not 403.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return authn.session_user(request)


class BoundedJsonParser(Parser):
    """Request bodies through porras.lib.jsonsafe: nesting past its limit is refused (ninja answers
    400 "Cannot parse request body", as for any body that is not JSON), never a RecursionError."""

    def parse_body(self, request: HttpRequest) -> Any:
        return jsonsafe.loads(request.body)


api = NinjaAPI(
    title="Porras API",
    parser=BoundedJsonParser(),
    version="1",
    description="Stepped-care mental-health services with measurement-based care.",
    auth=[BearerToken(), SessionCookie(csrf=True)],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error(request: HttpRequest, status: int, code: str, detail: Any, extra: Any = None) -> HttpResponse:
    body = {"error": code, "detail": detail}
    body.update({key: value for key, value in (extra or {}).items() if key not in body})
    return api.create_response(request, body, status=status)


@api.exception_handler(NinjaValidationError)
def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    detail = [
        {"field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "payload")), "reason": e.get("msg")}
        for e in exc.errors
    ]
    return error(request, 422, "validation_error", detail)


@api.exception_handler(DomainError)
def _domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status, code = http_status(exc)
    response = error(request, status, code, detail_of(exc), exc.extra)
    if isinstance(exc, TooManyRequests) and exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(DjangoValidationError)
def _django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return error(request, 422, "validation_error", detail)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error(request, 401, "unauthorized", "valid credentials are required")
    response["WWW-Authenticate"] = 'Bearer realm="porras"'
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error(request, 403, "forbidden", str(exc) or "not allowed")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "not_found", str(exc) or "not found")


@api.exception_handler(ObjectDoesNotExist)
def _does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    return error(request, 404, "not_found", str(exc) or "not found")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
             409: "conflict", 413: "payload_too_large", 422: "validation_error", 429: "too_many_requests"}
    return error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled API error on %s %s", request.method, request.path)
    return error(request, 500, "internal_error", "an unexpected error occurred; it has been logged")


def _collect_routers() -> None:
    for module in app_modules("api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router("", router)


_collect_routers()
