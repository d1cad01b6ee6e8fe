"""The children of clients: an episode records whether the client has children under 18, whether
their situation was discussed with the parent, and a referral to family services - yes / no /
unknown and dates only (no child's name, age or identity), through the API and the episode page,
audited and versioned."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.accounts.models import AuditEntry
from porras.care.models import Episode
from porras.care.tests.helpers import make_case
from porras.catalogue.models import Service, ServiceTerm

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _patch(client, episode_id: int, body: dict):
    return client.patch(f"/api/v1/episodes/{episode_id}", json.dumps(body), content_type="application/json")


def _family_centre(county, name: str = "Perhekeskus", status: str = "published") -> Service:
    service = Service.objects.create(county=county, name_fi=name, status=status)
    ServiceTerm.objects.create(service=service, vocabulary="category", code="family_centre")
    return service


def test_a_new_episode_does_not_know_of_children(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    body = api_client_for(cast.clinician_a).get(f"/api/v1/episodes/{case.episode.pk}").json()
    assert (body["minor_children"], body["children_discussed_date"], body["family_referral_date"],
            body["children_addressed"]) == ("unknown", None, None, False)


def test_a_discussion_with_the_parent_is_recorded_and_addresses_the_children(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    body = _patch(api_client_for(cast.clinician_a), case.episode.pk, {
        "version": 1, "minor_children": "yes", "children_discussed_date": TODAY.isoformat(),
        "children_discussion_method": "lets_talk_about_children"}).json()
    assert (body["minor_children"], body["children_discussed_date"], body["children_discussion_method"],
            body["children_addressed"], body["version"]) == (
        "yes", TODAY.isoformat(), "lets_talk_about_children", True, 2)


def test_a_referral_to_a_family_centre_of_the_county_is_recorded(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    centre = _family_centre(cast.county_a)
    body = _patch(api_client_for(cast.clinician_a), case.episode.pk, {
        "version": 1, "minor_children": "yes", "family_referral_date": TODAY.isoformat(),
        "family_service": centre.pk}).json()
    assert (body["family_referral_date"], body["family_service"], body["children_addressed"]) == (
        TODAY.isoformat(), centre.pk, True)


def test_a_client_with_children_whose_situation_is_not_yet_discussed_is_not_addressed(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    body = _patch(api_client_for(cast.clinician_a), case.episode.pk, {"version": 1, "minor_children": "yes"}).json()
    assert body["children_addressed"] is False


@pytest.mark.parametrize(("changes", "field"), [
    ({"minor_children": "no", "children_discussed_date": TODAY.isoformat()}, "children_discussed_date"),
    ({"minor_children": "unknown", "family_referral_date": TODAY.isoformat()}, "family_referral_date"),
    ({"minor_children": "yes", "children_discussion_method": "other"}, "children_discussed_date"),
    ({"minor_children": "yes", "children_discussed_date": (TODAY - dt.timedelta(days=60)).isoformat()},
     "children_discussed_date"),
    ({"minor_children": "yes", "family_referral_date": (TODAY + dt.timedelta(days=3)).isoformat()},
     "family_referral_date"),
    ({"minor_children": "maybe"}, "minor_children"),
])
def test_an_inconsistent_record_of_children_is_refused_by_field_and_writes_nothing(
        cast, api_client_for, changes, field) -> None:
    case = make_case(cast.clinician_a)  # referred 30 days ago
    refused = _patch(api_client_for(cast.clinician_a), case.episode.pk, {"version": 1, **changes})
    assert refused.status_code == 422
    assert field in {e.get("field") or e.get("loc", [None])[-1] for e in refused.json()["detail"]}
    episode = Episode.objects.get(pk=case.episode.pk)
    assert (episode.version, episode.minor_children) == (1, "unknown")


def test_a_family_service_of_another_county_or_a_draft_is_refused(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    for service in (_family_centre(cast.county_b, "Muualla"), _family_centre(cast.county_a, "Luonnos", "draft")):
        refused = _patch(client, case.episode.pk, {"version": 1, "minor_children": "yes",
                                                   "family_referral_date": TODAY.isoformat(),
                                                   "family_service": service.pk})
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["field"] == "family_service"


def test_the_change_is_audited_by_field_names_without_values(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    _patch(api_client_for(cast.clinician_a), case.episode.pk, {"version": 1, "minor_children": "yes"})
    entry = AuditEntry.objects.filter(action="episode.update", outcome="ok").get()
    assert entry.detail["fields"] == ["minor_children"]
    assert "yes" not in json.dumps(entry.detail)


def test_another_unit_cannot_read_or_write_the_children_s_details(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    assert _patch(api_client_for(cast.clinician_b), case.episode.pk,
                  {"version": 1, "minor_children": "yes"}).status_code == 404


@pytest.mark.parametrize(("language", "saved"), [("fi", "tallennettiin"), ("sv", "sparades"), ("en", "saved")])
def test_the_episode_page_form_records_the_children_in_the_ui_language(cast, client, language, saved) -> None:
    case = make_case(cast.clinician_a)
    centre = _family_centre(cast.county_a, "Kalasataman perhekeskus")
    client.force_login(cast.clinician_a)
    client.cookies["porras_language"] = language
    url = f"/care/episodes/{case.episode.pk}/children/"
    assert "Kalasataman perhekeskus" in client.get(url).content.decode()
    response = client.post(url, {
        "version": "1", "minor_children": "yes", "children_discussed_date": TODAY.isoformat(),
        "children_discussion_method": "lets_talk_about_children", "family_referral_date": TODAY.isoformat(),
        "family_service": str(centre.pk)}, follow=True)
    assert saved in response.content.decode().lower()
    episode = Episode.objects.get(pk=case.episode.pk)
    assert (episode.minor_children, episode.children_discussed_date, episode.family_service_id) == (
        "yes", TODAY, centre.pk)
    assert 'id="children"' in response.content.decode()


def test_the_form_shows_a_refusal_on_its_field(cast, client) -> None:
    case = make_case(cast.clinician_a)
    client.force_login(cast.clinician_a)
    client.cookies["porras_language"] = "en"
    response = client.post(f"/care/episodes/{case.episode.pk}/children/", {
        "version": "1", "minor_children": "yes", "children_discussion_method": "other"})
    assert response.status_code == 200
    assert "needs the date of the discussion" in response.content.decode().lower()
    assert Episode.objects.get(pk=case.episode.pk).version == 1


def test_a_referral_corrected_to_after_the_children_s_dates_is_refused_on_the_referral_date(
        cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)  # referred 30 days ago
    client = api_client_for(cast.clinician_a)
    discussed = TODAY - dt.timedelta(days=20)
    _patch(client, case.episode.pk, {"version": 1, "minor_children": "yes",
                                     "children_discussed_date": discussed.isoformat()})
    refused = client.post(f"/api/v1/episodes/{case.episode.pk}/correct", json.dumps({
        "version": 2, "reason": "the referral came later", "referral_date": (TODAY - dt.timedelta(days=10)).isoformat(),
    }), content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "referral_date"
    assert Episode.objects.get(pk=case.episode.pk).referral_date == TODAY - dt.timedelta(days=30)
