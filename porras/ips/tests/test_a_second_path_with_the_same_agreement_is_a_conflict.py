"""A client has one path per service and agreement date: adding it again is a conflict (409 in the
API, an error on the caseload form), not a server error, and nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from porras.ips import models as m

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def path(cast: Any) -> m.ClientPath:
    return m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=date(2025, 1, 2)
    )


def test_the_api_answers_409(cast: Any, api_client_for: Any, path: m.ClientPath) -> None:
    response = api_client_for(cast.ips_specialist).post(
        "/api/v1/ips/clients",
        {"service": "ips-a", "client_code": "C-1", "agreement_date": "2025-01-02"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    assert m.ClientPath.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fi", "Asiakkaalla on jo polku tässä palvelussa samalla sopimuspäivällä."),
        ("sv", "Klienten har redan en väg i den här tjänsten med samma avtalsdatum."),
        ("en", "The client already has a path in this service with the same agreement date."),
    ],
)
def test_the_caseload_form_says_so_in_the_users_language(
    cast: Any, path: m.ClientPath, language: str, sentence: str
) -> None:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    client.cookies["porras_language"] = language
    response = client.post(
        "/ips/", {"unit": str(cast.ips_unit.pk), "client_code": "C-1", "agreement_date": "2025-01-02"}
    )
    assert response.status_code == 422
    assert sentence in response.content.decode()
    assert m.ClientPath.objects.count() == 1
