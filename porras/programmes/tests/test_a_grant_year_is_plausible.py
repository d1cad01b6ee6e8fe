"""A grant's decision year lies between 1990 and five years from now, in the form as in the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from porras.programmes import models as m
from porras.programmes import services

BACKEND = "django.contrib.auth.backends.ModelBackend"
LATEST = date.today().year + 5


@pytest.fixture
def record(cast: Any) -> None:
    services.load_public_record()


def _form(cast: Any, year: int, language: str = "en") -> Any:
    client = Client()
    client.force_login(cast.programme_manager, backend=BACKEND)
    client.cookies["porras_language"] = language
    entity = m.ProgrammeEntity.objects.get(code="ips")
    return client.post(
        "/programmes/manage/grants/new/",
        {"code": "g-1", "entity": entity.pk, "amount_eur": "1", "year": str(year), "source": "test"},
    )


@pytest.mark.parametrize("year", [1980, LATEST + 1, 32000])
def test_the_form_refuses_an_implausible_year(cast: Any, record: None, year: int) -> None:
    response = _form(cast, year)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_year_error"' in page
    assert f"Enter a year between 1990 and {LATEST}." in page
    assert not m.Grant.objects.filter(code="g-1").exists()


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("fi", f"Anna vuosi väliltä 1990–{LATEST}."), ("sv", f"Ange ett år mellan 1990 och {LATEST}.")],
)
def test_the_form_says_so_in_finnish_and_swedish(cast: Any, record: None, language: str, sentence: str) -> None:
    assert sentence in _form(cast, 1980, language).content.decode()


@pytest.mark.parametrize("year", [1980, LATEST + 1, 10**30])
def test_the_api_refuses_the_same_years_naming_the_field(
    cast: Any, record: None, api_client_for: Any, year: int
) -> None:
    response = api_client_for(cast.programme_manager).post(
        "/api/v1/programmes/grants",
        {"code": "g-1", "entity": "ips", "amount_eur": "1", "year": year, "source": "test"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["year"]
    assert not m.Grant.objects.filter(code="g-1").exists()


@pytest.mark.parametrize("year", [1990, LATEST])
def test_the_first_and_the_last_year_are_accepted(cast: Any, record: None, year: int) -> None:
    assert _form(cast, year).status_code == 302
