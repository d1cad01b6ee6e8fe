"""An episode over FHIR as an EpisodeOfCare: the children of the client (whether the client has
children under 18, when their situation was discussed and how, any referral to family services)
travel both ways as Porras's own extensions, checked at the edge (a bad value is an
OperationOutcome naming the element and nothing is written) and audited like the episode's other
fields; no child's identity."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from fhir.resources.R4B.episodeofcare import EpisodeOfCare

from porras.accounts.models import AuditEntry
from porras.care.models import Episode
from porras.care.tests.helpers import make_case
from porras.catalogue.models import Service, ServiceTerm

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
BASE = "https://porras.example/fhir/StructureDefinition/"


def _url(episode_id: int) -> str:
    return f"/fhir/EpisodeOfCare/{episode_id}"


def _put(client: Any, episode_id: int, body: Any) -> Any:
    return client.put(_url(episode_id), json.dumps(body), content_type="application/fhir+json")


def _ext(resource: dict[str, Any]) -> dict[str, Any]:
    return {e["url"].removeprefix(BASE): next(v for k, v in e.items() if k.startswith("value"))
            for e in resource.get("extension", [])}


def _family_centre(county: Any) -> Service:
    service = Service.objects.create(county=county, name_fi="Perhekeskus", status="published")
    ServiceTerm.objects.create(service=service, vocabulary="category", code="family_centre")
    return service


def _with_children(resource: dict[str, Any], **values: Any) -> dict[str, Any]:
    names = {"minor": ("episode-minor-children", "valueCode"),
             "discussed": ("episode-children-discussed-date", "valueDate"),
             "method": ("episode-children-discussion-method", "valueCode"),
             "referred": ("episode-family-referral-date", "valueDate"),
             "service": ("episode-family-service", "valueReference")}
    body = dict(resource)
    body["extension"] = [{"url": BASE + names[k][0], names[k][1]: v} for k, v in values.items()]
    return body


def test_an_episode_is_read_as_a_valid_episode_of_care_with_the_children_unknown(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).get(_url(case.episode.pk))
    assert response.status_code == 200, response.content
    body = response.json()
    EpisodeOfCare.model_validate(body)
    assert body["patient"] == {"reference": f"Patient/{case.client.pk}"}
    assert body["meta"]["versionId"] == str(case.episode.version)
    assert _ext(body) == {"episode-minor-children": "unknown"}
    assert AuditEntry.objects.filter(action="episode.read", object_id=str(case.episode.pk)).exists()


def test_the_children_are_written_through_fhir_and_read_back(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    centre = _family_centre(cast.county_a)
    read = client.get(_url(case.episode.pk)).json()
    day = (TODAY - dt.timedelta(days=2)).isoformat()
    body = _with_children(read, minor="yes", discussed=day, method="lets_talk_about_children", referred=day,
                          service={"reference": f"HealthcareService/{centre.uuid}"})
    response = _put(client, case.episode.pk, body)
    assert response.status_code == 200, response.content
    episode = Episode.objects.get(pk=case.episode.pk)
    assert (episode.minor_children, episode.children_discussed_date, episode.children_discussion_method,
            episode.family_referral_date, episode.family_service_id) == (
        "yes", TODAY - dt.timedelta(days=2), "lets_talk_about_children", TODAY - dt.timedelta(days=2), centre.pk)
    again = client.get(_url(case.episode.pk)).json()
    assert _ext(again) == {"episode-minor-children": "yes", "episode-children-discussed-date": day,
                           "episode-children-discussion-method": "lets_talk_about_children",
                           "episode-family-referral-date": day,
                           "episode-family-service": {"reference": f"HealthcareService/{centre.uuid}"}}
    entry = AuditEntry.objects.filter(action="episode.update", object_id=str(case.episode.pk)).get()
    assert "minor_children" in entry.detail["fields"]


@pytest.mark.parametrize(("values", "field"), [
    ({"minor": "maybe"}, "episode-minor-children"),
    ({"minor": "yes", "discussed": "2026-13-01"}, "episode-children-discussed-date"),
    ({"minor": "yes", "discussed": "yesterday"}, "episode-children-discussed-date"),
    ({"minor": "yes", "method": "chat", "discussed": "2026-01-01"}, "episode-children-discussion-method"),
    ({"minor": "yes", "referred": TODAY.isoformat(), "service": {"reference": "Patient/1"}}, "episode-family-service"),
])
def test_a_bad_value_is_refused_naming_the_extension_and_nothing_is_written(cast, api_client_for, values,
                                                                            field) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    read = client.get(_url(case.episode.pk)).json()
    response = _put(client, case.episode.pk, _with_children(read, **values))
    assert response.status_code == 400, response.content
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"][0]["expression"] == [f"EpisodeOfCare.extension('{BASE}{field}')"]
    episode = Episode.objects.get(pk=case.episode.pk)
    assert (episode.version, episode.minor_children) == (case.episode.version, "unknown")


def test_a_rule_of_the_episode_is_refused_naming_the_extension_and_nothing_is_written(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    read = client.get(_url(case.episode.pk)).json()
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    response = _put(client, case.episode.pk, _with_children(read, minor="yes", discussed=future))
    assert response.status_code == 422, response.content
    assert response.json()["issue"][0]["expression"] == [
        f"EpisodeOfCare.extension('{BASE}episode-children-discussed-date')"]
    response = _put(client, case.episode.pk, _with_children(read, minor="no", referred=TODAY.isoformat()))
    assert response.status_code == 422
    assert response.json()["issue"][0]["expression"] == [
        f"EpisodeOfCare.extension('{BASE}episode-family-referral-date')"]
    assert Episode.objects.get(pk=case.episode.pk).version == case.episode.version


def test_an_update_at_an_old_version_is_a_conflict(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    read = client.get(_url(case.episode.pk)).json()
    assert _put(client, case.episode.pk, _with_children(read, minor="no")).status_code == 200
    assert _put(client, case.episode.pk, _with_children(read, minor="yes")).status_code == 409
    assert Episode.objects.get(pk=case.episode.pk).minor_children == "no"


def test_an_update_without_the_version_read_or_for_another_id_is_refused(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    read = client.get(_url(case.episode.pk)).json()
    no_version = _with_children(read, minor="no")
    del no_version["meta"]
    assert _put(client, case.episode.pk, no_version).json()["issue"][0]["expression"] == [
        "EpisodeOfCare.meta.versionId"]
    other = _with_children(read, minor="no") | {"id": str(case.episode.pk + 1)}
    assert _put(client, case.episode.pk, other).status_code == 400
    assert Episode.objects.get(pk=case.episode.pk).version == case.episode.version


def test_another_units_episode_is_not_found_either_way(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    outsider = api_client_for(cast.clinician_b)
    assert outsider.get(_url(case.episode.pk)).status_code == 404
    read = api_client_for(cast.clinician_a).get(_url(case.episode.pk)).json()
    assert _put(outsider, case.episode.pk, _with_children(read, minor="yes")).status_code == 404
    assert Episode.objects.get(pk=case.episode.pk).minor_children == "unknown"


def test_the_capability_statement_lists_episode_of_care_with_its_extensions(client) -> None:
    statement = client.get("/fhir/metadata").json()
    (found,) = [r for r in statement["rest"][0]["resource"] if r["type"] == "EpisodeOfCare"]
    assert [i["code"] for i in found["interaction"]] == ["read", "update"]
    assert f"{BASE}episode-minor-children" in found["documentation"]


def test_our_extension_under_another_base_is_refused_rather_than_read_as_absent(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    read = client.get(_url(case.episode.pk)).json()
    assert _put(client, case.episode.pk, _with_children(read, minor="yes")).status_code == 200
    again = client.get(_url(case.episode.pk)).json()
    other = "https://elsewhere.example/fhir/StructureDefinition/episode-minor-children"
    again["extension"] = [{"url": other, "valueCode": "no"}]
    response = _put(client, case.episode.pk, again)
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == [f"EpisodeOfCare.extension('{other}')"]
    assert Episode.objects.get(pk=case.episode.pk).minor_children == "yes"


def test_a_family_service_not_in_the_catalogue_is_refused_and_an_outsider_learns_nothing(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    read = api_client_for(cast.clinician_a).get(_url(case.episode.pk)).json()
    body = _with_children(read, minor="yes", referred=TODAY.isoformat(),
                          service={"reference": "HealthcareService/00000000-0000-4000-8000-000000000000"})
    response = _put(api_client_for(cast.clinician_a), case.episode.pk, body)
    assert response.status_code == 422
    assert response.json()["issue"][0]["expression"] == [
        f"EpisodeOfCare.extension('{BASE}episode-family-service')"]
    assert _put(api_client_for(cast.clinician_b), case.episode.pk, body).status_code == 404
    assert Episode.objects.get(pk=case.episode.pk).version == case.episode.version
