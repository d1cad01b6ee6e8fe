"""The data migrations mend what was stored before: FHIR records lose their identity codes (the
subject becomes Patient/<client id>), measurements with answers refer to their answer sets (a FHIR
one to the set its record stored), FHIR's Idempotency-Keys move to the one table, and no identity
code sent as free text (a measurement's wording note, echoed in a stored answer) is kept."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from porras.care.tests.helpers import HETU

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("care", "0001_initial"), ("fhir", "0002_idempotency_key"), ("idempotency", None)]
SDC = "http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9"
ANSWERS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]


def migrate(targets: list[tuple[str, str | None]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def result(total: int) -> dict[str, Any]:
    return {"instrument": "phq9", "version": "1.0.0", "total": total, "risk_flags": [{"item": "9", "value": 1}]}


def test_stored_rows_are_pseudonymised_linked_and_their_keys_moved(cast: Any) -> None:
    old = migrate(BEFORE)
    user = old.get_model("accounts", "User").objects.get(username="clinician_a")
    client = old.get_model("care", "Client").objects.create(
        identifier_system="hetu", pseudonym="p" * 64, code="c" * 24, birth_year=1952, sex="female",
        home_county_id=cast.county_a.pk, language="fi")
    episode = old.get_model("care", "Episode").objects.create(
        client=client, unit_id=cast.unit_a.pk, referral_date=dt.date(2026, 1, 5))
    Response = old.get_model("instruments", "InstrumentResponse")
    Record = old.get_model("fhir", "QuestionnaireResponseRecord")
    Measurement = old.get_model("care", "Measurement")
    subject = {"identifier": {"system": "urn:oid:1.2.246.21", "value": HETU}, "display": f"hetu {HETU}"}
    fhir_set = Response.objects.create(instrument="phq9", instrument_version="1.0.0", channel="fhir",
                                       answers=ANSWERS, total=9, has_risk=True, result=result(9),
                                       wording=f"questionnaire:{SDC}|0.0.1")
    linked = Record.objects.create(
        id=uuid.uuid4(), response=fhir_set, questionnaire=SDC, created_by=user,
        resource={"resourceType": "QuestionnaireResponse", "subject": subject,
                  "encounter": {"reference": f"EpisodeOfCare/{episode.pk}"}},
        observations=[{"resourceType": "Observation", "id": "o1", "subject": subject}],
        outcome={"resourceType": "OperationOutcome", "issue": [{"diagnostics": f"about {HETU}"}]},
        idempotency_key="k-1", request_hash="h" * 64)
    unlinked = Record.objects.create(
        id=uuid.uuid4(), questionnaire=SDC, created_by=user, observations=[], outcome={"issue": []},
        response=Response.objects.create(instrument="phq9", instrument_version="1.0.0", channel="fhir",
                                         answers=ANSWERS, total=9, result=result(9), wording="x"),
        resource={"resourceType": "QuestionnaireResponse", "subject": {"display": HETU.lower()}})
    from_fhir = Measurement.objects.create(episode=episode, instrument="phq9", instrument_version="1.0.0",
                                           date=dt.date(2026, 1, 12), answers=ANSWERS, total=9, source="fhir",
                                           text_pack=f"{SDC}|0.0.1")
    from_api = Measurement.objects.create(episode=episode, instrument="phq9", instrument_version="1.0.0",
                                          date=dt.date(2026, 1, 19), answers=[0] * 10, total=0, source="api",
                                          text_pack="porras")
    imported = Measurement.objects.create(episode=episode, instrument="phq9", date=dt.date(2026, 1, 26),
                                          total=4, source="import")
    noted = Measurement.objects.create(episode=episode, instrument="phq9", instrument_version="1.0.0",
                                       date=dt.date(2026, 2, 2), answers=[0] * 10, total=0, source="api",
                                       text_pack=f"shown to {HETU}")
    old.get_model("care", "IdempotencyRecord").objects.create(
        key="rest-1", user=user, endpoint=f"episodes.{episode.pk}.measurements", request_hash="r" * 64,
        status=201, body={"id": noted.pk, "text_pack": f"shown to {HETU}"})

    new = migrate(latest())

    Record = new.get_model("fhir", "QuestionnaireResponseRecord")
    stored = Record.objects.get(pk=linked.pk)
    assert stored.resource["subject"] == {"reference": f"Patient/{client.pk}"}
    assert stored.observations[0]["subject"] == {"reference": f"Patient/{client.pk}"}
    assert "subject" not in Record.objects.get(pk=unlinked.pk).resource
    tables = json.dumps([[r.resource, r.observations, r.outcome] for r in Record.objects.all()])
    assert HETU not in tables and HETU.lower() not in tables and "131052308" not in tables

    Measurement = new.get_model("care", "Measurement")
    assert Measurement.objects.get(pk=from_fhir.pk).response_id == fhir_set.pk
    api_set = Measurement.objects.get(pk=from_api.pk).response
    assert (api_set.channel, api_set.answers, api_set.wording) == ("api", [0] * 10, "porras:phq9:1.0.0:")
    assert api_set.result["scored_item_scores"] == [0] * 9
    assert Measurement.objects.get(pk=imported.pk).response_id is None
    assert Measurement.objects.get(pk=noted.pk).response.wording == "legacy:shown to [identity code removed]"

    Key = new.get_model("idempotency", "IdempotencyRecord")
    assert Key.objects.get(key="rest-1").body["text_pack"] == "shown to [identity code removed]"
    key = Key.objects.get(key="k-1")
    assert (key.user_id, key.key, key.endpoint, key.status) == (user.pk, "k-1", "fhir.QuestionnaireResponse", 201)
    assert key.body["entry"][0]["resource"]["subject"] == {"reference": f"Patient/{client.pk}"}
