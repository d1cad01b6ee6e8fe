"""A programme entity, a project and a grant period each end on or after they start: one rule,
refused alike by the managers' forms (on the end field, in the user's language) and the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from porras.programmes import models as m
from porras.programmes import services

BACKEND = "django.contrib.auth.backends.ModelBackend"
SENTENCES = [
    ("fi", "Päättymispäivä ei voi olla ennen alkamispäivää."),
    ("sv", "Slutdatumet kan inte vara före startdatumet."),
    ("en", "The end cannot be before the start."),
]


@pytest.fixture
def record(cast: Any) -> None:
    services.load_public_record()


def _client(cast: Any, language: str) -> Client:
    client = Client()
    client.force_login(cast.programme_manager, backend=BACKEND)
    client.cookies["porras_language"] = language
    return client


def _entity(**values: Any) -> dict[str, Any]:
    programme = m.Programme.objects.get(code="mental-health-strategy-2020-2030")
    return {"name_fi": "Lapset", "source": "test", "programme": programme.pk} | values


def _project(**values: Any) -> dict[str, Any]:
    return {"name": "Hanke", "entity": m.ProgrammeEntity.objects.get(code="ips").pk} | values


BACKWARDS = {"start": "2024-06-01", "end": "2024-01-01"}


@pytest.mark.parametrize(("language", "sentence"), SENTENCES)
def test_a_new_entity_ending_before_it_starts_is_refused(cast: Any, record: None, language: str, sentence: str) -> None:
    response = _client(cast, language).post("/programmes/manage/entities/new/", _entity(code="lanu", **BACKWARDS))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_end_error"' in page
    assert sentence in page
    assert not m.ProgrammeEntity.objects.filter(code="lanu").exists()


def test_an_entity_edited_to_end_before_it_starts_is_refused(cast: Any, record: None) -> None:
    before = m.ProgrammeEntity.objects.get(code="ips")
    response = _client(cast, "en").post("/programmes/manage/entities/ips/", _entity(name_fi="IPS", **BACKWARDS))
    assert response.status_code == 422
    assert "The end cannot be before the start." in response.content.decode()
    after = m.ProgrammeEntity.objects.get(code="ips")
    assert (after.name_fi, after.start, after.end) == (before.name_fi, before.start, before.end)


@pytest.mark.parametrize(("language", "sentence"), SENTENCES)
def test_a_new_project_ending_before_it_starts_is_refused(
    cast: Any, record: None, language: str, sentence: str
) -> None:
    response = _client(cast, language).post("/programmes/manage/projects/new/", _project(code="p-1", **BACKWARDS))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_end_error"' in page
    assert sentence in page
    assert not m.Project.objects.filter(code="p-1").exists()


def test_a_project_edited_to_end_before_it_starts_is_refused(cast: Any, record: None) -> None:
    project = m.Project.objects.order_by("code").first()
    assert project is not None
    response = _client(cast, "en").post(
        f"/programmes/manage/projects/{project.code}/",
        _project(code=project.code, name="Renamed", entity=project.entity_id, **BACKWARDS),
    )
    assert response.status_code == 422
    assert "The end cannot be before the start." in response.content.decode()
    project.refresh_from_db()
    assert project.name != "Renamed"


def test_an_entity_ending_on_the_day_it_starts_is_saved(cast: Any, record: None) -> None:
    response = _client(cast, "en").post(
        "/programmes/manage/entities/new/", _entity(code="lanu", start="2024-06-01", end="2024-06-01")
    )
    assert response.status_code == 302
    assert m.ProgrammeEntity.objects.get(code="lanu").end == date(2024, 6, 1)


def test_the_api_refuses_a_grant_period_ending_before_it_starts(cast: Any, record: None, api_client_for: Any) -> None:
    response = api_client_for(cast.programme_manager).post(
        "/api/v1/programmes/grants",
        {"code": "g-1", "entity": "ips", "amount_eur": "1", "year": 2024, "source": "test",
         "period_start": "2024-06-01", "period_end": "2024-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["period_end"]
    assert not m.Grant.objects.filter(code="g-1").exists()
