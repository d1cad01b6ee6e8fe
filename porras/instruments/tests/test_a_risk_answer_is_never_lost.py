"""A risk answer (PHQ-9 item 9 answered above "not at all") is kept on every channel: the answer set
says so, and where the answers belong to an episode a risk flag waits for a professional."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from porras.care import interchange
from porras.care.models import RiskFlag
from porras.care.tests.helpers import HETU, PHQ9_WITH_RISK, make_case
from porras.fhir import services as fhir
from porras.instruments.models import InstrumentResponse

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
CODES = ["not_at_all", "several_days", "more_than_half", "nearly_every_day"]


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _flags() -> list[tuple[str, str, int]]:
    return [(f.instrument, f.item, f.value) for f in RiskFlag.objects.all()]


def test_the_instruments_web_form_keeps_it(cast: Any) -> None:
    logged_in(cast.clinician_a).post("/instruments/phq9/", {f"item-{n}": str(a) for n, a in
                                                            enumerate(PHQ9_WITH_RISK, start=1)})
    stored = InstrumentResponse.objects.get()
    assert stored.has_risk and stored.result["risk_flags"] == [{"item": "9", "value": 1}]


def test_the_care_api_keeps_it(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    case = make_case(cast.clinician_a)
    body = {"instrument": "phq9", "date": TODAY.isoformat(), "answers": PHQ9_WITH_RISK}
    created = api_client_for(cast.clinician_a).post(
        f"/api/v1/episodes/{case.episode.pk}/measurements", json.dumps(body), content_type="application/json"
    )
    assert created.json()["risk_flags"][0]["item"] == "9"
    assert _flags() == [("phq9", "9", 1)]
    assert InstrumentResponse.objects.get().has_risk


def test_the_care_form_keeps_it(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    data = {"instrument": "phq9", "date": TODAY.isoformat()} | {
        f"item_{n}": str(a) for n, a in enumerate(PHQ9_WITH_RISK, start=1)}
    logged_in(cast.clinician_a).post(f"/care/episodes/{case.episode.pk}/measurements/new/", data)
    assert _flags() == [("phq9", "9", 1)]
    assert InstrumentResponse.objects.get().has_risk


def _phq9_response(**links: Any) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/phq9",
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": CODES[p]}}]}
                 for n, p in enumerate(PHQ9_WITH_RISK[:9], start=1)],
        **links,
    }


def test_fhir_keeps_it_and_says_so_in_the_operation_outcome(cast: Any) -> None:
    record = fhir.receive_questionnaire_response(_phq9_response(), actor=cast.clinician_a)
    assert record.response.has_risk
    assert any("risk item 9" in i["diagnostics"] for i in record.outcome["issue"])
    assert record.observations[0]["component"][0]["valueInteger"] == 1


def test_fhir_raises_the_flag_on_the_episode_it_names(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    fhir.receive_questionnaire_response(_phq9_response(
        subject={"identifier": {"system": "urn:oid:1.2.246.21", "value": HETU}},
        encounter={"reference": f"EpisodeOfCare/{case.episode.pk}"},
    ), actor=cast.clinician_a)
    assert _flags() == [("phq9", "9", 1)]


def test_an_import_of_item_scores_keeps_it_without_an_answer_set(cast: Any, tmp_path: Path) -> None:
    head = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
            "first_treatment_date,end_date,end_reason,step,intervention,problem")
    (tmp_path / "episodes.csv").write_text(f"{head}\n1,c-1,pirkanmaa,u,1990,female,fi,2026-01-05,,,,,,,\n")
    (tmp_path / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n")
    (tmp_path / "measurements.csv").write_text(
        'measurement_id,episode_id,date,instrument,total,items\n1,1,2026-01-12,phq9,13,"[2,2,2,2,1,1,1,1,1]"\n')
    interchange.import_dataset(tmp_path, "k")
    assert _flags() == [("phq9", "9", 1)]
    assert not InstrumentResponse.objects.exists()
