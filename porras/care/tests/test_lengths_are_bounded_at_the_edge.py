"""Text longer than its column holds is refused at the edge naming the field, not cut or failed on."""

from __future__ import annotations

import json

import pytest

from porras.care.models import Episode
from porras.care.tests.helpers import make_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field,limit", [("navigator_ruleset_id", 80), ("navigator_ruleset_version", 40),
                                         ("intervention", 60)])
def test_a_value_longer_than_its_column_is_refused(cast, api_client_for, field: str, limit: int) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).patch(
        f"/api/v1/episodes/{case.episode.pk}", json.dumps({"version": 1, field: "x" * (limit + 1)}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field
    assert Episode.objects.get(pk=case.episode.pk).version == 1


def test_a_navigator_ruleset_id_longer_than_its_column_is_refused_on_a_referral(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).post(
        "/api/v1/episodes", json.dumps({"client_id": case.client.pk, "unit": "unit-a", "referral_date": "2026-01-05",
                                        "navigator": {"ruleset_id": "r" * 81}}), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "navigator.ruleset_id"
    assert Episode.objects.count() == 1


def test_a_measurement_text_pack_longer_than_its_column_is_refused(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).post(
        f"/api/v1/episodes/{case.episode.pk}/measurements",
        json.dumps({"instrument": "phq9", "date": "2026-01-05", "answers": [0] * 10, "text_pack": "t" * 201}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "text_pack"
