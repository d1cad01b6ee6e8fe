"""Dates of care events outside plausible bounds (0001-01-01, 9999-12-31) are refused, in the API and
in the forms alike, naming the field; nothing is written."""

from __future__ import annotations

import json

import pytest

from porras.care.models import Client, Episode, FollowUp
from porras.care.tests.helpers import HETU_2000, make_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_an_implausible_referral_date_is_refused_by_the_api(cast, api_client_for, day: str) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).post(
        "/api/v1/episodes", json.dumps({"client_id": case.client.pk, "unit": "unit-a", "referral_date": day}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "referral_date"
    assert Episode.objects.count() == 1


def test_an_episode_cannot_be_moved_to_year_one(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).patch(
        f"/api/v1/episodes/{case.episode.pk}", json.dumps({"version": 1, "referral_date": "0001-01-01"}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "referral_date"
    assert Episode.objects.get().referral_date == case.episode.referral_date


def test_a_self_harm_contact_in_year_one_is_refused(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).post(
        f"/api/v1/episodes/{case.episode.pk}/followups", json.dumps({"reason": "self_harm",
                                                                     "contact_date": "0001-01-01"}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "contact_date"
    assert not FollowUp.objects.exists()


def test_the_referral_form_refuses_year_one_on_the_field(cast, client) -> None:
    client.force_login(cast.clinician_a)
    response = client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": HETU_2000, "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": "0001-01-01", "referral_source": "self"})
    assert response.status_code == 200
    assert 'id="id_referral_date_error"' in response.content.decode()
    assert not Client.objects.exists() and not Episode.objects.exists()


@pytest.mark.parametrize("column,cells", [
    ("referral_date", "1980-01-01,,"),  # year 1 itself is refused as before the client's birth
    ("assessment_date", "2026-01-05,9999-12-31,"),
])
def test_an_import_with_an_implausible_date_is_refused_naming_the_row(cast, tmp_path, column: str,
                                                                      cells: str) -> None:
    from porras.care import interchange

    head = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
            "first_treatment_date,end_date,end_reason,step,intervention,problem")
    (tmp_path / "episodes.csv").write_text(f"{head}\n1,c-1,helsinki,u-1,1970,female,fi,{cells},,,,,\n",
                                           encoding="utf-8")
    (tmp_path / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n", encoding="utf-8")
    (tmp_path / "measurements.csv").write_text("measurement_id,episode_id,date,instrument,total,items\n",
                                               encoding="utf-8")
    with pytest.raises(interchange.ImportFailed) as caught:
        interchange.import_dataset(tmp_path, "k")
    assert ("episodes", 1, column) in {(e.table, e.row, e.column) for e in caught.value.errors}
    assert not Episode.objects.exists()
