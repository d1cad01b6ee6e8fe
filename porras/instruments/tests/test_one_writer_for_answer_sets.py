"""Every channel stores a scored answer set once, through one writer, with its channel and the typed
wording shown; a care measurement refers to that answer set instead of keeping its own copy."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.care.models import Measurement
from porras.care.tests.helpers import HETU, PHQ9_WITH_RISK, make_case
from porras.fhir import services as fhir
from porras.fhir.models import QuestionnaireResponseRecord
from porras.instruments.models import Channel, InstrumentResponse, TextPack

pytestmark = pytest.mark.django_db

TODAY = dt.date.today().isoformat()


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_web_form_stores_one_answer_set_of_the_web_channel(cast: Any) -> None:
    logged_in(cast.clinician_a).post("/instruments/gad7/", {f"item-{n}": "1" for n in range(1, 8)})
    stored = InstrumentResponse.objects.get()
    assert (stored.channel, stored.wording, stored.answers) == (Channel.WEB, "porras:gad7:1.0.0:fi", [1] * 7)


def test_an_api_measurement_is_an_answer_set_with_the_scored_item_scores(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    case = make_case(cast.clinician_a)
    body = {"instrument": "phq9", "date": TODAY, "answers": PHQ9_WITH_RISK[:9] + [3]}
    created = api_client_for(cast.clinician_a).post(
        f"/api/v1/episodes/{case.episode.pk}/measurements", json.dumps(body), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    measurement = Measurement.objects.get()
    stored = InstrumentResponse.objects.get()
    assert measurement.response == stored
    assert (stored.channel, stored.answers) == (Channel.API, PHQ9_WITH_RISK[:9] + [3])
    # item 10 (how difficult) is answered but unscored: it is in the answers, not in the item scores
    assert stored.result["scored_item_scores"] == [2, 2, 2, 2, 1, 1, 1, 1, 1]
    assert measurement.item_scores == stored.result["scored_item_scores"]
    assert created.json()["answers"] == stored.answers
    assert created.json()["text_pack"] == stored.wording == "porras:phq9:1.0.0:"


def test_the_api_names_a_text_pack_as_a_wording_reference(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    case = make_case(cast.clinician_a)
    pack = TextPack.objects.create(instrument="gad7", language="en", name="official", source="x", texts={})
    other = TextPack.objects.create(instrument="phq9", language="en", name="official", source="x", texts={})
    client = api_client_for(cast.clinician_a)
    path = f"/api/v1/episodes/{case.episode.pk}/measurements"
    for ref, status in ((f"textpack:{other.pk}", 422), ("my own words", 422), (f"textpack:{pack.pk}", 201)):
        body = {"instrument": "gad7", "date": TODAY, "answers": [0] * 7, "text_pack": ref}
        response = client.post(path, json.dumps(body), content_type="application/json")
        assert response.status_code == status, (ref, response.content)
        if status == 422:
            assert response.json()["detail"][0]["field"] == "text_pack"
    stored = InstrumentResponse.objects.get()
    assert (stored.text_pack, stored.language, stored.wording) == (pack, "en", f"textpack:{pack.pk}")


def test_the_care_form_stores_an_answer_set_of_the_web_channel_in_the_language_shown(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    client = logged_in(cast.clinician_a)
    client.cookies["porras_language"] = "sv"
    data = {"instrument": "gad7", "date": TODAY} | {f"item_{n}": "2" for n in range(1, 8)}
    assert client.post(f"/care/episodes/{case.episode.pk}/measurements/new/", data).status_code == 302
    stored = Measurement.objects.get().response
    assert (stored.channel, stored.wording, stored.answers) == (Channel.WEB, "porras:gad7:1.0.0:sv", [2] * 7)


def test_a_fhir_response_of_an_episode_is_one_answer_set_shared_by_record_and_measurement(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    resource = {
        "resourceType": "QuestionnaireResponse", "status": "completed", "language": "en",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
        "subject": {"identifier": {"system": "urn:oid:1.2.246.21", "value": HETU}},
        "encounter": {"reference": f"EpisodeOfCare/{case.episode.pk}"},
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": "several_days"}}]} for n in range(1, 8)],
    }
    fhir.receive_questionnaire_response(resource, actor=cast.clinician_a)
    stored = InstrumentResponse.objects.get()
    assert QuestionnaireResponseRecord.objects.get().response == stored == Measurement.objects.get().response
    assert (stored.channel, stored.wording) == (Channel.FHIR, "porras:gad7:1.0.0:en")
