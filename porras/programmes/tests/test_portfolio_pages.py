from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from porras.programmes import models as m
from porras.programmes import services

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def record(cast: Any) -> None:
    services.load_public_record()


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fi", "Strategiaohjelmat, hankkeet ja valtionavustukset"),
        ("sv", "Strategiprogram, projekt och statsunderstöd"),
        ("en", "Strategy programmes, projects and state grants"),
    ],
)
def test_the_public_portfolio_is_readable_in_three_languages(
    record: None, language: str, heading: str
) -> None:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get("/programmes/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    text = response.content.decode()
    assert heading in text
    assert "3\u00a0300\u00a0000\u00a0€" in text


def test_entity_and_project_pages_are_public(record: None) -> None:
    assert Client().get("/programmes/entities/mito/").status_code == 200
    response = Client().get("/programmes/projects/mito-pasek/")
    assert response.status_code == 200
    assert "PASEK-hanke - Pirkanmaan shp" in response.content.decode()


def test_the_funding_report_page_offers_csv_and_xlsx(record: None) -> None:
    response = Client().get("/programmes/reports/funding/?by=programme&by=year")
    assert response.status_code == 200
    assert "format=csv" in response.content.decode()
    csv_response = Client().get("/programmes/reports/funding/?by=year&format=csv")
    assert csv_response.content.decode() == "year,amount_eur,grants,approximate\n2020,8400000.00,3,true\n"


def test_the_timeline_lists_the_2020_round_first(record: None) -> None:
    text = Client().get("/programmes/timeline/").content.decode()
    assert text.index("PASEK-hanke") < text.index("Hyvän mielen kunta")


def test_only_programme_managers_reach_the_maintenance_pages(cast: Any, record: None) -> None:
    assert _client_for(cast.clinician_a).get("/programmes/manage/").status_code == 403
    assert _client_for(cast.programme_manager).get("/programmes/manage/").status_code == 200
    assert Client().get("/programmes/manage/").status_code == 302


def test_a_programme_manager_adds_a_grant_through_the_form(cast: Any, record: None) -> None:
    client = _client_for(cast.programme_manager)
    entity = m.ProgrammeEntity.objects.get(code="ips")
    response = client.post(
        "/programmes/manage/grants/new/",
        {
            "code": "ips-2021-extra",
            "entity": entity.pk,
            "amount_eur": "50000",
            "year": "2021",
            "source": "test",
        },
    )
    assert response.status_code == 302
    assert m.Grant.objects.get(code="ips-2021-extra").amount_eur == 50000


def test_a_grant_period_ending_before_it_starts_is_refused_with_the_field_named(
    cast: Any, record: None
) -> None:
    client = _client_for(cast.programme_manager)
    entity = m.ProgrammeEntity.objects.get(code="ips")
    response = client.post(
        "/programmes/manage/grants/new/",
        {
            "code": "ips-bad",
            "entity": entity.pk,
            "amount_eur": "1",
            "year": "2021",
            "source": "test",
            "period_start": "2021-06-01",
            "period_end": "2021-01-01",
        },
    )
    assert response.status_code == 422
    assert "id_period_end_error" in response.content.decode()
    assert not m.Grant.objects.filter(code="ips-bad").exists()


def test_a_programme_manager_adds_an_entity_and_a_project(cast: Any, record: None) -> None:
    client = _client_for(cast.programme_manager)
    programme = m.Programme.objects.get(code="mental-health-strategy-2020-2030")
    area = m.PriorityArea.objects.get(number=2)
    response = client.post(
        "/programmes/manage/entities/new/",
        {
            "code": "lanu",
            "name_fi": "Lasten ja nuorten hankkeet",
            "programme": programme.pk,
            "priority_area": area.pk,
            "source": "test",
        },
    )
    assert response.status_code == 302
    entity = m.ProgrammeEntity.objects.get(code="lanu")
    response = client.post(
        "/programmes/manage/projects/new/",
        {
            "code": "lanu-1",
            "entity": entity.pk,
            "name": "Koulun hyvä mieli",
            "funding_round": "2023-13",
        },
    )
    assert response.status_code == 422
    assert "id_funding_round_error" in response.content.decode()
    response = client.post(
        "/programmes/manage/projects/new/",
        {
            "code": "lanu-1",
            "entity": entity.pk,
            "name": "Koulun hyvä mieli",
            "funding_round": "2023-05",
        },
    )
    assert response.status_code == 302
    assert Client().get("/programmes/entities/lanu/").status_code == 200
