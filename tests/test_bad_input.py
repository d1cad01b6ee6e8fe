"""Bad input gets a clear error naming the field and the reason, and writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from porras.care.models import Client, Episode, Measurement
from porras.care.tests.helpers import make_case

pytestmark = pytest.mark.django_db


def _fields(response: Any) -> str:
    body = response.json()
    assert set(body) == {"error", "detail"}, body
    return json.dumps(body["detail"])


@pytest.fixture
def clinician(cast: Any, api_client_for: Any) -> Any:
    return api_client_for(cast.clinician_a)


def test_malformed_json_is_refused_and_nothing_is_written(cast, clinician) -> None:
    response = clinician.post("/api/v1/clients", '{"identifier": {"system": "local",', content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["error"] in ("bad_request", "validation_error")
    assert not Client.objects.exists()


def test_wrong_types_are_named_field_by_field(cast, clinician) -> None:
    response = clinician.post("/api/v1/clients", {"identifier": "MRN-1", "birth_year": "last year",
                                                  "county": "helsinki"}, content_type="application/json")
    assert response.status_code == 422
    detail = _fields(response)
    assert "identifier" in detail and "birth_year" in detail
    assert not Client.objects.exists()


def test_a_huge_body_gets_413(cast, clinician, settings) -> None:
    settings.PORRAS_MAX_BODY_BYTES = 10_000
    case = make_case(cast.clinician_a)
    body = json.dumps({"instrument": "phq9", "date": "2026-01-01", "answers": [0] * 10, "pad": "x" * 20_000})
    response = clinician.post(f"/api/v1/episodes/{case.episode.pk}/measurements", body, content_type="application/json")
    assert response.status_code == 413
    assert not Measurement.objects.exists()


def test_invalid_utf8_is_refused_and_nothing_is_written(cast, clinician) -> None:
    response = clinician.post("/api/v1/clients", b'{"identifier": {"system": "local", "value": "\xff\xfe"}}',
                              content_type="application/json")
    assert response.status_code in (400, 422)
    assert not Client.objects.exists()


def test_an_unknown_instrument_is_named(cast, clinician) -> None:
    case = make_case(cast.clinician_a)
    response = clinician.post(f"/api/v1/episodes/{case.episode.pk}/measurements",
                              {"instrument": "phq99", "date": dt.date.today().isoformat(), "answers": [0] * 10},
                              content_type="application/json")
    assert response.status_code == 422
    assert "instrument" in _fields(response)
    assert not Measurement.objects.exists()
    assert clinician.post("/api/v1/instruments/phq99/score", {"answers": [0]},
                          content_type="application/json").status_code == 404


def test_an_answer_out_of_range_names_the_item_and_the_range(cast, clinician) -> None:
    response = clinician.post("/api/v1/instruments/phq9/score", {"answers": [0, 0, 7, 0, 0, 0, 0, 0, 0, 0]},
                              content_type="application/json")
    assert response.status_code == 422
    detail = _fields(response)
    assert '"3"' in detail and "0" in detail and "3" in detail


def test_an_end_date_before_the_referral_is_refused_and_the_episode_is_unchanged(cast, clinician) -> None:
    case = make_case(cast.clinician_a)
    before = Episode.objects.get(pk=case.episode.pk)
    impossible = (before.referral_date - dt.timedelta(days=1)).isoformat()
    response = clinician.patch(f"/api/v1/episodes/{before.pk}",
                               {"version": before.version, "end_date": impossible, "end_reason": "completed"},
                               content_type="application/json")
    assert response.status_code == 422
    assert "end_date" in _fields(response)
    after = Episode.objects.get(pk=before.pk)
    assert (after.version, after.end_date, after.end_reason) == (before.version, before.end_date, before.end_reason)


def test_duplicate_ids_in_an_import_are_named_and_nothing_is_written(cast, tmp_path: Path) -> None:
    head = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
            "first_treatment_date,end_date,end_reason,step,intervention,problem")
    row = "1,10,helsinki,unit-a,1990,female,fi,2025-01-02,2025-01-09,2025-01-16,,,2,,depression"
    (tmp_path / "episodes.csv").write_text(f"{head}\n{row}\n{row}\n", encoding="utf-8")
    (tmp_path / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n", encoding="utf-8")
    (tmp_path / "measurements.csv").write_text("measurement_id,episode_id,date,instrument,total,items\n",
                                               encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(tmp_path), stderr=errors)
    report = errors.getvalue()
    assert "episodes, row 2, column episode_id:" in report, report
    assert not Episode.objects.exists() and not Client.objects.exists()
