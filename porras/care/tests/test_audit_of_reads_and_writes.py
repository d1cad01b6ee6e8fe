"""Every read and write of client-level data leaves an audit entry; denied attempts too."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.accounts import audit
from porras.accounts.models import AuditEntry
from porras.care.tests.helpers import PHQ9_NO_RISK, make_case

pytestmark = pytest.mark.django_db


def _last() -> AuditEntry:
    return AuditEntry.objects.order_by("-seq").first()


def test_reading_an_episode_is_audited_with_the_reader(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    api_client_for(cast.colleague_a).get(f"/api/v1/episodes/{case.episode.pk}")
    entry = _last()
    assert (entry.username, entry.action, entry.object_type, entry.object_id, entry.outcome) == (
        "colleague_a", "episode.read", "episode", str(case.episode.pk), "ok")


def test_reading_a_client_and_listing_episodes_are_audited(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    client.get(f"/api/v1/clients/{case.client.pk}")
    assert AuditEntry.objects.filter(action="client.read", object_id=str(case.client.pk)).exists()
    client.get("/api/v1/episodes")
    assert _last().action == "episode.list"


def test_writing_a_measurement_is_audited_without_the_answers(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    api_client_for(cast.clinician_a).post(
        f"/api/v1/episodes/{case.episode.pk}/measurements",
        json.dumps({"instrument": "phq9", "date": dt.date.today().isoformat(), "answers": PHQ9_NO_RISK}),
        content_type="application/json")
    entry = _last()
    assert entry.action == "measurement.create"
    assert entry.detail == {"episode": case.episode.pk, "instrument": "phq9", "risk_flags": 0, "source": "api"}


def test_an_update_is_audited_with_the_fields_changed(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    api_client_for(cast.clinician_a).patch(
        f"/api/v1/episodes/{case.episode.pk}", json.dumps({"version": 1, "intervention": "guided_self_care"}),
        content_type="application/json")
    entry = _last()
    assert entry.action == "episode.update"
    assert entry.detail == {"fields": ["intervention"], "version": 2}


def test_a_denied_read_is_audited_as_denied(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    api_client_for(cast.clinician_b).get(f"/api/v1/episodes/{case.episode.pk}")
    entry = _last()
    assert (entry.username, entry.action, entry.outcome) == ("clinician_b", "episode.read", audit.Outcome.DENIED)


def test_an_analyst_asking_for_client_lists_is_audited_as_denied(cast, api_client_for) -> None:
    api_client_for(cast.national_analyst).get("/api/v1/clients")
    entry = _last()
    assert (entry.username, entry.outcome) == ("national_analyst", audit.Outcome.DENIED)


def test_the_audit_chain_stays_intact(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    api_client_for(cast.clinician_a).get(f"/api/v1/episodes/{case.episode.pk}")
    assert audit.verify().ok
