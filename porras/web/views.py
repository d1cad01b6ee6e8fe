"""The web shell: home page, health check and error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database readiness, for load balancers; no details leak."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_GET
def livez(request: HttpRequest) -> HttpResponse:
    """Liveness only: the process answers. Touches no database (the trivial endpoint of load tests)."""
    return JsonResponse({"status": "ok"})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers ask for on pages without a ``<link rel=icon>`` (the API's JSON,
    its docs): the site's SVG icon, cached for a day."""
    response = HttpResponsePermanentRedirect(static("web/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(("/api/", "/fhir/"))


def _error(request: HttpRequest, status: int, code: str, template: str) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": code, "detail": code.replace("_", " ")}, status=status)
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "bad_request", "web/400.html")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "forbidden", "web/403.html")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "not_found", "web/404.html")


def domain_error(request: HttpRequest, status: int, code: str) -> HttpResponse:
    """A domain error no view handled (a conflict, a rate limit): the 400 page with its own status."""
    return _error(request, status, code, "web/400.html")


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": "internal_error", "detail": "an unexpected error occurred"}, status=500)
    return render(request, "web/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, 403, "csrf_failed", "web/403_csrf.html")
