"""Every read of client-level data names the records read in its audit entry (pseudonymous ids, never
identifiers): lists, the worklist, overdue follow-ups, the safety plan page and the export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from porras.accounts.models import AuditEntry
from porras.care import services
from porras.care.tests.helpers import HETU, HETU_2000, make_case

pytestmark = pytest.mark.django_db


def _last(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).order_by("-seq").first()


@pytest.fixture
def two(cast):
    first = make_case(cast.clinician_a, hetu=HETU)
    second = make_case(cast.clinician_a, hetu=HETU_2000)
    services.record_self_harm_contact(cast.clinician_a, first.episode.pk, "self_harm",
                                      dt.date.today() - dt.timedelta(days=20))
    return first, second


def test_the_client_list_names_the_clients(cast, api_client_for, two) -> None:
    api_client_for(cast.clinician_a).get("/api/v1/clients")
    assert sorted(_last("client.list").detail["clients"]) == sorted(c.client.pk for c in two)


def test_the_episode_list_names_the_episodes_and_their_clients(cast, api_client_for, two) -> None:
    api_client_for(cast.clinician_a).get("/api/v1/episodes")
    detail = _last("episode.list").detail
    assert sorted(detail["episodes"]) == sorted(c.episode.pk for c in two)
    assert sorted(detail["clients"]) == sorted(c.client.pk for c in two)


def test_the_worklist_names_the_episodes_on_it(cast, api_client_for, two) -> None:
    api_client_for(cast.clinician_a).get("/api/v1/worklist")
    assert sorted(_last("worklist.read").detail["episodes"]) == sorted(c.episode.pk for c in two)


def test_the_overdue_follow_ups_name_their_episodes(cast, api_client_for, two) -> None:
    api_client_for(cast.clinician_a).get("/api/v1/followups/overdue")
    detail = _last("followup.list").detail
    assert detail["episodes"] == [two[0].episode.pk] and detail["clients"] == [two[0].client.pk]
    assert len(detail["followups"]) == 1


def test_the_worklist_page_names_what_it_shows(cast, client, two) -> None:
    client.force_login(cast.clinician_a)
    client.get("/care/")
    assert sorted(_last("worklist.read").detail["episodes"]) == sorted(c.episode.pk for c in two)
    assert _last("followup.list").detail["episodes"] == [two[0].episode.pk]


def test_viewing_a_safety_plan_is_audited(cast, client, two) -> None:
    episode = two[0].episode
    services.save_safety_plan(cast.clinician_a, episode.pk, {"warning_signs": "Sleeplessness"})
    client.force_login(cast.colleague_a)
    assert client.get(f"/care/episodes/{episode.pk}/safety-plan/").status_code == 200
    entry = _last("safety_plan.read")
    assert (entry.username, entry.object_type, entry.object_id) == ("colleague_a", "episode", str(episode.pk))
    assert entry.detail["versions"] == [1]


def test_the_export_names_the_episodes_and_clients_it_wrote(cast, two, tmp_path: Path) -> None:
    call_command("export", str(tmp_path))
    detail = _last("dataset.export").detail

    def expand(ranges: list[list[int]]) -> list[int]:  # [[first, last], ...] of consecutive ids
        return [i for first, last in ranges for i in range(first, last + 1)]

    assert expand(detail["episodes"]) == sorted(c.episode.pk for c in two)
    assert expand(detail["clients"]) == sorted(c.client.pk for c in two)


def test_no_identifier_is_named_in_any_read(cast, api_client_for, two) -> None:
    api = api_client_for(cast.clinician_a)
    for path in ("/api/v1/clients", "/api/v1/episodes", "/api/v1/worklist", "/api/v1/followups/overdue"):
        api.get(path)
    text = json.dumps([e.detail for e in AuditEntry.objects.all()])
    assert "131052" not in text and "010101" not in text and two[0].client.pseudonym not in text


def test_the_import_names_the_episodes_and_clients_it_wrote(cast, tmp_path: Path) -> None:
    head = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
            "first_treatment_date,end_date,end_reason,step,intervention,problem")
    (tmp_path / "episodes.csv").write_text(f"{head}\n7,c-1,helsinki,unit-a,1990,female,fi,2025-01-02,,,,,,,\n"
                                           "8,c-1,helsinki,unit-a,1990,female,fi,2025-03-02,,,,,,,\n", encoding="utf-8")
    (tmp_path / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n", encoding="utf-8")
    (tmp_path / "measurements.csv").write_text("measurement_id,episode_id,date,instrument,total,items\n",
                                               encoding="utf-8")
    call_command("import", str(tmp_path))
    from porras.care.models import Client

    detail = _last("dataset.import").detail
    assert detail["episodes"] == [[7, 8]]
    assert detail["clients"] == [[Client.objects.get(code="c-1").pk] * 2]
