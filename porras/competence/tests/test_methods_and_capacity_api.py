"""GET /api/v1/methods (public) and GET /api/v1/competence/capacity/{area} (aggregates), figures checked by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from porras.competence import services
from porras.competence.tests.helpers import record

pytestmark = pytest.mark.django_db


def test_the_method_cards_are_public_with_their_sources(db: Any) -> None:
    cards = {c["code"]: c for c in Client().get("/api/v1/methods").json()}
    assert len(cards) == 14  # one per intervention of care
    cbt = cards["cbt_short_individual"]
    assert (cbt["step"], cbt["procedure_code"], cbt["contacts_min"], cbt["contacts_max"], cbt["age_min"]) == (
        2, "IDY03", 5, 10, 18)
    assert cbt["training"]["required"] and cbt["training"]["training_cases"] is None  # not sourced: null
    assert set(cbt["sources"]) == {"tel-navigators", "porras-spec", "tel-trainings"}
    assert Client().get("/api/v1/methods/no_such_method").status_code == 404


def test_helsinkis_adult_need_and_gap_worked_by_hand(cast: Any, api_client_for: Any) -> None:
    services.save_record(cast.clinician_a, record(completed_on=dt.date.today() - dt.timedelta(days=1)))
    body = api_client_for(cast.county_analyst).get("/api/v1/competence/capacity/helsinki").json()
    adults = next(g for g in body["groups"] if g["group"] == "adult_common")
    # The shipped (illustrative) file: Helsinki 18+ = 14 850 + 22 275 + 351 000 + 162 000 = 550 125.
    # x 8 % x 25 % = 11 002.5 people (shown 11 003); x 7.5 = 82 518.75 contacts (82 519);
    # 1 trained x 300 = 300; gap 82 218.75; / 300 = 274.06 -> 275 professionals to train.
    assert (adults["population"], adults["people_in_need"], adults["contacts_needed"]) == (550125, 11003, 82519)
    assert (adults["trained"], adults["capacity_contacts"], adults["to_train"]) == (1, 300, 275)
    assert body["collaborative_area"] == "etela" and body["population_illustrative"] is True


def test_collaborative_areas_and_the_nation_are_for_national_readers(cast: Any, api_client_for: Any) -> None:
    national = api_client_for(cast.national_analyst)
    assert national.get("/api/v1/competence/capacity/lansi").json()["kind"] == "collaborative_area"
    assert national.get("/api/v1/competence/capacity/national").json()["kind"] == "nation"
    county = api_client_for(cast.county_analyst)
    assert county.get("/api/v1/competence/capacity/lansi").status_code == 404
    assert county.get("/api/v1/competence/capacity/pirkanmaa").status_code == 404
    assert api_client_for(cast.clinician_a).get("/api/v1/competence/capacity/helsinki").status_code == 403


def test_a_retried_training_post_with_the_same_key_records_it_once(cast: Any, api_client_for: Any) -> None:
    from porras.competence.models import TrainingRecord

    client = api_client_for(cast.manager_a)
    body = {"professional": "colleague_a", "unit": "unit-a", "method": "ipc", "completed_on": "2025-06-30"}
    first = client.post("/api/v1/training-records", body, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="training-1")
    again = client.post("/api/v1/training-records", body, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="training-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert first.json()["completed_on"] == "2025-06-30" and TrainingRecord.objects.count() == 1
    unknown = client.post("/api/v1/training-records", {**body, "salary": 1}, content_type="application/json")
    assert unknown.status_code == 422
