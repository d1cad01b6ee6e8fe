"""URL configuration. Each app's ``urls.py`` (if any) is mounted at its prefix below."""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, URLResolver, include, path

from porras.api import api

# Where each app's web pages live. The FHIR app serves the FHIR REST API.
APP_PREFIXES: dict[str, str] = {
    "porras.web": "",
    "porras.accounts": "accounts/",
    "porras.instruments": "instruments/",
    "porras.navigator": "navigator/",
    "porras.catalogue": "services/",
    "porras.care": "care/",
    "porras.outcomes": "reports/",
    "porras.programmes": "programmes/",
    "porras.ips": "ips/",
    "porras.competence": "competence/",
    "porras.fhir": "fhir/",
    "porras.integrated": "integrated/",
    "porras.selfcare": "selfcare/",
}

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

for _app, _prefix in APP_PREFIXES.items():
    try:
        import_module(f"{_app}.urls")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{_app}.urls":
            raise
        continue
    urlpatterns.append(path(_prefix, include(f"{_app}.urls")))

handler400 = "porras.web.views.bad_request"
handler403 = "porras.web.views.forbidden"
handler404 = "porras.web.views.not_found"
handler500 = "porras.web.views.server_error"
