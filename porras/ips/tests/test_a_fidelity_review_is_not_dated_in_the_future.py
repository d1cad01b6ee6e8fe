"""A fidelity review records a review that has taken place: a date after today, or before the
plausible range, is refused by the API and the form alike, and nothing is stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from porras.ips import models as m
from porras.ips.tests.helpers import items_for_total

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _day(offset: int) -> str:
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


def _api(client: Any, day: str) -> Any:
    return client.post(
        "/api/v1/ips/services/ips-a/fidelity",
        {"review_date": day, "items": items_for_total(100)},
        content_type="application/json",
    )


@pytest.mark.parametrize("day", [_day(1), _day(400), "1970-01-01"])
def test_the_api_refuses_a_review_dated_tomorrow_next_year_or_in_1970(
    cast: Any, api_client_for: Any, day: str
) -> None:
    response = _api(api_client_for(cast.ips_specialist), day)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["review_date"]
    assert not m.FidelityReview.objects.exists()


def test_the_api_records_a_review_dated_today(cast: Any, api_client_for: Any) -> None:
    assert _api(api_client_for(cast.ips_specialist), _day(0)).status_code == 201


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fi", "Arvioinnin päivämäärä ei voi olla tulevaisuudessa."),
        ("sv", "Bedömningsdatumet kan inte ligga i framtiden."),
        ("en", "A review date cannot be in the future."),
    ],
)
def test_the_form_refuses_a_review_dated_tomorrow_in_the_users_language(
    cast: Any, language: str, sentence: str
) -> None:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    client.cookies["porras_language"] = language
    data = {"review_date": _day(1)} | {f"item_{n}": "4" for n in range(1, 26)}
    response = client.post("/ips/services/ips-a/fidelity/new/", data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_review_date_error"' in page
    assert sentence in page
    assert not m.FidelityReview.objects.exists()
