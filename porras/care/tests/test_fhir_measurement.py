"""A FHIR QuestionnaireResponse naming the client (subject.identifier) and the episode (encounter)
is stored as that episode's measurement; the identity code is kept nowhere."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from porras.care import services
from porras.care.models import Measurement
from porras.care.tests.helpers import HETU, PHQ9_WITH_RISK, make_case
from porras.instruments.domain import score
from porras.lib.errors import NotFound

pytestmark = pytest.mark.django_db

FHIR = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures" / "fhir"


def _response(episode_id: int, hetu: str = HETU) -> dict:
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": {"identifier": {"system": "urn:oid:1.2.246.21", "value": hetu}},
        "encounter": {"reference": f"EpisodeOfCare/{episode_id}"},
        "authored": dt.date.today().isoformat() + "T10:00:00+02:00",
    }


def test_a_scored_response_is_stored_as_the_episodes_measurement_with_its_risk_flag(cast) -> None:
    case = make_case(cast.clinician_a)
    m = services.store_fhir_measurement(cast.clinician_a, _response(case.episode.pk), score("phq9", PHQ9_WITH_RISK))
    assert (m.episode_id, m.instrument, m.total, m.source) == (case.episode.pk, "phq9", 13, "fhir")
    assert m.date == dt.date.today()
    assert [(f.item, f.value) for f in m.risk_flags.all()] == [("9", 1)]
    stored = json.dumps([m.answers, m.item_scores, m.text_pack, m.warnings])
    assert "131052" not in stored


def test_the_hl7_sdc_example_response_is_scored_and_stored(cast, shared_dir) -> None:
    from porras.fhir.domain.registry import QuestionnaireRegistry
    from porras.fhir.domain.response import score_questionnaire_response

    case = make_case(cast.clinician_a)
    registry = QuestionnaireRegistry()
    registry.register(json.loads((FHIR / "hl7-sdc-phq9-questionnaire.json").read_text()), "phq9",
                      link_map={f"H1/T1/Q{n}": str(n) for n in range(1, 10)})
    response = json.loads((FHIR / "hl7-sdc-phq9-questionnaireresponse.json").read_text())
    response.update(_response(case.episode.pk))
    scored = score_questionnaire_response(copy.deepcopy(response), registry)
    m = services.store_fhir_measurement(cast.clinician_a, response, scored)
    # its answers: 0+0+0+1+2+1+3+2+1 = 10 (the stated 13 is not trusted); item 9 answered 1
    assert m.total == 10
    assert [(f.item, f.value) for f in m.risk_flags.all()] == [("9", 1)]
    assert m.answers == scored.answers
    assert "questionnaire-sdc-profile-example-PHQ9" in m.text_pack


def test_a_subject_that_is_not_the_episodes_client_is_refused(cast) -> None:
    case = make_case(cast.clinician_a)
    with pytest.raises(services.FhirLinkError) as caught:
        services.store_fhir_measurement(cast.clinician_a, _response(case.episode.pk, "010101A123N"),
                                        score("phq9", PHQ9_WITH_RISK))
    assert caught.value.field == "subject"
    assert not Measurement.objects.exists()


def test_a_response_without_an_episode_is_refused_naming_encounter(cast) -> None:
    case = make_case(cast.clinician_a)
    qr = _response(case.episode.pk)
    del qr["encounter"]
    with pytest.raises(services.FhirLinkError) as caught:
        services.store_fhir_measurement(cast.clinician_a, qr, score("phq9", PHQ9_WITH_RISK))
    assert caught.value.field == "encounter"


def test_a_professional_of_another_unit_cannot_store_into_the_episode(cast) -> None:
    case = make_case(cast.clinician_a)
    with pytest.raises(NotFound):  # another unit's episode is not found, exactly like a missing one
        services.store_fhir_measurement(cast.clinician_b, _response(case.episode.pk), score("phq9", PHQ9_WITH_RISK))
