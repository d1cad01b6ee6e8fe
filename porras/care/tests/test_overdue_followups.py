"""A suicide-attempt or self-harm contact schedules a follow-up; missed ones are listed as overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from porras.care import services
from porras.care.models import FollowUp
from porras.care.tests.helpers import make_case

pytestmark = pytest.mark.django_db


def test_a_follow_up_is_due_seven_days_after_the_contact_by_default(cast) -> None:
    case = make_case(cast.clinician_a)
    contact = dt.date.today() - dt.timedelta(days=2)
    followup = services.record_self_harm_contact(cast.clinician_a, case.episode.pk, "suicide_attempt", contact)
    assert followup.due_date == contact + dt.timedelta(days=7)


def test_the_number_of_days_comes_from_settings(cast, settings) -> None:
    settings.PORRAS_FOLLOWUP_DAYS = 3
    case = make_case(cast.clinician_a)
    contact = dt.date.today()
    followup = services.record_self_harm_contact(cast.clinician_a, case.episode.pk, "self_harm", contact)
    assert followup.due_date == contact + dt.timedelta(days=3)


def test_a_missed_follow_up_is_listed_as_overdue_until_done(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    late = services.record_self_harm_contact(cast.clinician_a, case.episode.pk, "self_harm",
                                             dt.date.today() - dt.timedelta(days=10))
    services.record_self_harm_contact(cast.clinician_a, case.episode.pk, "self_harm", dt.date.today())
    client = api_client_for(cast.clinician_a)
    overdue = client.get("/api/v1/followups/overdue").json()
    assert [f["id"] for f in overdue] == [late.pk]
    assert overdue[0]["overdue"] is True
    assert client.get("/api/v1/worklist").json()[0]["overdue_followups"] == 1
    assert api_client_for(cast.clinician_b).get("/api/v1/followups/overdue").json() == []

    services.complete_followup(cast.clinician_a, late.pk, "Reached by phone")
    assert client.get("/api/v1/followups/overdue").json() == []
    assert FollowUp.objects.get(pk=late.pk).done_by == "clinician_a"


def test_the_worklist_page_lists_an_overdue_follow_up(cast, client) -> None:
    case = make_case(cast.clinician_a)
    services.record_self_harm_contact(cast.clinician_a, case.episode.pk, "self_harm",
                                      dt.date.today() - dt.timedelta(days=10))
    client.force_login(cast.clinician_a)
    page = client.get("/care/").content.decode()
    assert 'id="overdue-followups"' in page
    assert f"/care/episodes/{case.episode.pk}/" in page
