"""A FHIR QuestionnaireResponse naming the client (subject.identifier) and the episode (encounter)
is stored as that episode's measurement; the identity code is kept nowhere. (The FHIR app reads the
links; care receives plain values.)"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest

from porras.care import services as care_services
from porras.care.models import Measurement
from porras.care.tests.helpers import HETU, PHQ9_WITH_RISK, make_case
from porras.fhir import services
from porras.fhir.domain import FhirInputError
from porras.lib.errors import InputError, NotFound

from .fixtures import HL7_LINK_MAP, load

pytestmark = pytest.mark.django_db

CODES = ["not_at_all", "several_days", "more_than_half", "nearly_every_day"]


def _response(episode_id: int, hetu: str = HETU) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/phq9",
        "subject": {"identifier": {"system": "urn:oid:1.2.246.21", "value": hetu}},
        "encounter": {"reference": f"EpisodeOfCare/{episode_id}"},
        "authored": dt.date.today().isoformat() + "T10:00:00+02:00",
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": CODES[p]}}]}
                 for n, p in enumerate(PHQ9_WITH_RISK[:9], start=1)],
    }


def test_a_scored_response_is_stored_as_the_episodes_measurement_with_its_risk_flag(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    services.receive_questionnaire_response(_response(case.episode.pk), actor=cast.clinician_a)
    m = Measurement.objects.get()
    assert (m.episode_id, m.instrument, m.total, m.source) == (case.episode.pk, "phq9", 13, "fhir")
    assert m.date == dt.date.today()
    assert [(f.item, f.value) for f in m.risk_flags.all()] == [("9", 1)]
    stored = json.dumps([m.answers, m.item_scores, m.text_pack, m.warnings])
    assert "131052" not in stored


def test_the_hl7_sdc_example_response_is_scored_and_stored(cast: Any, shared_dir: Any) -> None:
    case = make_case(cast.clinician_a)
    services.import_questionnaire(load("hl7-sdc-phq9-questionnaire.json"), "phq9", link_map=HL7_LINK_MAP)
    response = load("hl7-sdc-phq9-questionnaireresponse.json")
    links = _response(case.episode.pk)
    del links["item"], links["questionnaire"]
    response.update(links)
    record = services.receive_questionnaire_response(copy.deepcopy(response), actor=cast.clinician_a)
    m = Measurement.objects.get()
    # its answers: 0+0+0+1+2+1+3+2+1 = 10 (the stated 13 is not trusted); item 9 answered 1
    assert m.total == 10
    assert [(f.item, f.value) for f in m.risk_flags.all()] == [("9", 1)]
    assert m.answers == record.response.answers
    assert "questionnaire-sdc-profile-example-PHQ9" in m.text_pack


def test_a_subject_that_is_not_the_episodes_client_is_refused(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    with pytest.raises(InputError) as caught:
        services.receive_questionnaire_response(_response(case.episode.pk, "010101A123N"), actor=cast.clinician_a)
    assert caught.value.fields == ["subject"]
    assert not Measurement.objects.exists()


def test_a_response_without_an_episode_is_refused_naming_encounter(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    qr = _response(case.episode.pk)
    del qr["encounter"]
    with pytest.raises(FhirInputError) as caught:
        services.receive_questionnaire_response(qr, actor=cast.clinician_a)
    assert caught.value.issues[0]["expression"] == ["encounter"]


def test_a_professional_of_another_unit_cannot_store_into_the_episode(cast: Any) -> None:
    case = make_case(cast.clinician_a)
    with pytest.raises(NotFound):
        services.receive_questionnaire_response(_response(case.episode.pk), actor=cast.clinician_b)


def test_a_voided_measurement_leaves_the_observation_search_and_its_response_reads_entered_in_error(
    cast: Any,
) -> None:
    case = make_case(cast.clinician_a)
    response = _response(case.episode.pk)
    for item, position in zip(response["item"], [1, 1, 1, 1, 1, 1, 1, 1, 0], strict=True):
        item["answer"] = [{"valueCoding": {"code": CODES[position]}}]  # no risk answer: it may be voided
    record = services.receive_questionnaire_response(response, actor=cast.clinician_a)
    assert len(services.search_observations(cast.clinician_a)) == 2  # total and PHQ-2
    care_services.void_measurement(cast.clinician_a, Measurement.objects.get().pk, "Entered for the wrong client")
    assert services.search_observations(cast.clinician_a) == []
    assert services.read_questionnaire_response(cast.clinician_a, str(record.pk))["status"] == "entered-in-error"
