"""No identity code is stored or returned anywhere (PRODUCT.md §5, "Trust first" finding 4).

Identity codes are sent through every channel that takes one (or could be handed one): FHIR
QuestionnaireResponses naming the client by identity code, with codes in a display, a reference and
a free-text answer, their read-back, search and idempotent replay; REST client registration and
reads; searches by identity code (API query and body, the web search form); the web referral form
and the pages after it; the navigator API; a measurement's wording note; a data-set import; the audit
log's client filter. Then every column of every table and every API/FHIR response body (and the
pages shown after a successful write) is searched for each code in the forms people and systems
write it: as sent, without the century sign, with a lower-case check character.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from porras.care import interchange
from porras.care.models import Client as CareClient
from porras.care.models import Episode

pytestmark = pytest.mark.django_db

# DVV's published example code and two worked by hand (checksums verified by the validator).
LINKED = "131052-308T"  # the client of an episode, sent in subject.identifier
REGISTERED = "010101A123N"  # registered over the REST API (sent with a lower-case check character)
STRAY = "290200A102L"  # sent where no identity code belongs: displays, references, free text
TODAY = dt.date.today()


def forms_of(code: str) -> set[str]:
    """The forms a scan looks for: as written, without the century sign, lower-case check character."""
    bare = code[:6] + code[7:]
    return {code, bare, code[:-1] + code[-1].lower(), bare[:-1] + bare[-1].lower()}


FORMS = forms_of(LINKED) | forms_of(REGISTERED) | forms_of(STRAY)


def found_in(text: str) -> set[str]:
    return {form for form in FORMS if form in text}


def every_cell() -> Iterator[tuple[str, str]]:
    """(table, cell as text) of every column of every table, as the database returns them."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    if value is not None:
                        yield table, value.decode("utf-8", "replace") if isinstance(value, bytes | memoryview) \
                            else str(value)


def gad7(**extra: Any) -> dict[str, Any]:
    resource = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
        "authored": TODAY.isoformat(),
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": "several_days"}}]} for n in range(1, 8)],
    }
    resource.update(extra)
    return resource


class Run:
    """Sends requests and keeps every response body to be scanned."""

    def __init__(self) -> None:
        self.bodies: list[tuple[str, str]] = []

    def keep(self, what: str, response: Any) -> Any:
        self.bodies.append((what, response.content.decode("utf-8", "replace")))
        return response


def test_no_identity_code_is_stored_or_returned_by_any_channel(
    cast: Any, api_client_for: Callable[[Any], Client], tmp_path: Path
) -> None:
    run = Run()
    api = api_client_for(cast.clinician_a)
    web = Client()
    web.force_login(cast.clinician_a)

    # The web referral form registers the linked client and opens an episode.
    referred = web.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": LINKED, "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": (TODAY - dt.timedelta(days=20)).isoformat(),
        "referral_source": "primary_care", "concerns": ["anxiety"],
    })
    assert referred.status_code == 302, referred.content.decode()[:2000]
    episode = Episode.objects.get()
    run.keep("episode page", web.get(referred["Location"]))
    run.keep("client page", web.get(f"/care/clients/{episode.client_id}/"))

    # REST: register a client by identity code (lower-case check character), read and list.
    registered = run.keep("POST /clients", api.post("/api/v1/clients", json.dumps({
        "identifier": {"system": "hetu", "value": REGISTERED.lower()}, "county": "helsinki", "unit": "unit-a",
    }), content_type="application/json"))
    assert registered.status_code in (200, 201), registered.content
    run.keep("GET /clients/{id}", api.get(f"/api/v1/clients/{registered.json()['id']}"))
    run.keep("GET /clients", api.get("/api/v1/clients"))

    # Finding clients by identity code: the API's query and body, the web search form (posted) and the
    # pages after it; a local identifier or a label that is an identity code is refused, never kept.
    run.keep("GET /clients?identifier", api.get("/api/v1/clients", {"identifier": REGISTERED, "system": "hetu"}))
    run.keep("POST /clients/search", api.post("/api/v1/clients/search", json.dumps(
        {"system": "hetu", "value": LINKED}), content_type="application/json"))
    run.keep("web search finding nobody", web.post("/care/find/", {"system": "hetu", "value": STRAY}))
    run.keep("web search by local identifier", web.post("/care/find/", {"system": "local", "value": STRAY}))
    found = web.post("/care/find/", {"system": "hetu", "value": LINKED})
    assert found.status_code == 302, found.content.decode()[:2000]
    run.keep("client page after the search", web.get(found["Location"]))
    for body in ({"identifier": {"system": "local", "value": STRAY}, "birth_year": 2000},
                 {"identifier": {"system": "hetu", "value": REGISTERED}, "local_identifier": STRAY}):
        refused = run.keep("POST /clients with a code as local identifier", api.post(
            "/api/v1/clients", json.dumps({**body, "county": "helsinki", "unit": "unit-a"}),
            content_type="application/json"))
        assert refused.status_code == 422, refused.content

    # FHIR: a response naming the client by identity code and the episode, with an idempotent retry.
    linked = gad7(subject={"identifier": {"system": "urn:oid:1.2.246.21", "value": LINKED},
                           "display": f"Client {LINKED}"},
                  encounter={"reference": f"EpisodeOfCare/{episode.pk}"})
    for _ in range(2):
        created = run.keep("POST QuestionnaireResponse (linked)", api.post(
            "/fhir/QuestionnaireResponse", json.dumps(linked), content_type="application/fhir+json",
            HTTP_IDEMPOTENCY_KEY="linked-1"))
        assert created.status_code == 201, created.content
    # ... and one naming no episode, with codes where none belongs.
    stray = gad7(subject={"reference": f"Patient/{STRAY}", "display": f"{STRAY[:6]}{STRAY[7:].lower()}"})
    stray["item"].append({"linkId": "note", "text": "Notes", "answer": [{"valueString": f"hetu {STRAY}"}]})
    created_stray = run.keep("POST QuestionnaireResponse (stray)", api.post(
        "/fhir/QuestionnaireResponse", json.dumps(stray), content_type="application/fhir+json"))
    assert created_stray.status_code == 201, created_stray.content
    # ... and one naming the wrong client: refused without repeating the code.
    wrong = gad7(subject={"identifier": {"system": "urn:oid:1.2.246.21", "value": STRAY}},
                 encounter={"reference": f"EpisodeOfCare/{episode.pk}"})
    assert run.keep("POST QuestionnaireResponse (wrong client)", api.post(
        "/fhir/QuestionnaireResponse", json.dumps(wrong), content_type="application/fhir+json")).status_code >= 400
    for entry in created.json()["entry"][:1] + created_stray.json()["entry"][:1]:
        run.keep("GET QuestionnaireResponse", api.get(f"/fhir/QuestionnaireResponse/{entry['resource']['id']}"))
    run.keep("GET Observation", api.get("/fhir/Observation"))
    run.keep("GET Observation?subject", api.get("/fhir/Observation", {"subject": f"Patient/{episode.client_id}"}))
    episode_of_care = run.keep("GET EpisodeOfCare", api.get(f"/fhir/EpisodeOfCare/{episode.pk}"))
    assert episode_of_care.status_code == 200, episode_of_care.content

    # REST measurements and the episode's pages after them.
    run.keep("POST measurement", api.post(f"/api/v1/episodes/{episode.pk}/measurements", json.dumps(
        {"instrument": "gad7", "date": TODAY.isoformat(), "answers": [1] * 7, "text_pack": STRAY}),
        content_type="application/json"))
    run.keep("GET measurements", api.get(f"/api/v1/episodes/{episode.pk}/measurements"))
    run.keep("episode page after", web.get(f"/care/episodes/{episode.pk}/"))

    # The navigator, asked with an identity code where a county belongs.
    run.keep("POST /navigator", Client().post("/api/v1/navigator", json.dumps(
        {"age": 30, "county": STRAY, "concerns": ["anxiety"]}), content_type="application/json"))

    # A data set whose client_id is an identity code.
    head = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
            "first_treatment_date,end_date,end_reason,step,intervention,problem")
    (tmp_path / "episodes.csv").write_text(f"{head}\n9001,{STRAY},pirkanmaa,u,2000,male,fi,2026-01-05,,,,,,,\n")
    (tmp_path / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n")
    (tmp_path / "measurements.csv").write_text("measurement_id,episode_id,date,instrument,total,items\n")
    try:
        interchange.import_dataset(tmp_path, "k")
    except interchange.ImportFailed as exc:
        run.bodies.append(("import errors", json.dumps([str(e) for e in exc.errors])))

    # The audit log's client filter, given an identity code instead of the client number.
    dpo = Client()
    dpo.force_login(cast.admin)
    run.keep("audit log filtered by an identity code", dpo.post("/accounts/audit/", {"client": LINKED}))

    assert CareClient.objects.count() >= 2  # the registrations happened: the scan below means something
    leaks = [f"{table}: {sorted(found_in(cell))}" for table, cell in every_cell() if found_in(cell)]
    leaks += [f"{what}: {sorted(found_in(body))}" for what, body in run.bodies if found_in(body)]
    assert leaks == [], "\n".join(leaks)
