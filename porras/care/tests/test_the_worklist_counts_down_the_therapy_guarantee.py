"""For clients under 23 at assessment, the work list shows the days left until treatment must start
(28 days from the assessment, HE 131/2024 vp) and warns from PORRAS_THERAPY_GUARANTEE_WARN_DAYS
(default 7) days before; the API row carries the same."""

from __future__ import annotations

import datetime as dt

import pytest

from porras.care import services
from porras.care.domain.episodes import therapy_guarantee_days_left

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_the_days_left_count_from_the_assessment_for_the_under_23s():
    assessed = dt.date(2026, 11, 1)
    # 1 Nov + 28 days = 29 Nov; on 20 Nov 9 days are left, on 1 Dec treatment is 2 days late
    assert therapy_guarantee_days_left(2010, assessed, None, dt.date(2026, 11, 20), age_limit=23, days=28) == 9
    assert therapy_guarantee_days_left(2010, assessed, None, dt.date(2026, 12, 1), age_limit=23, days=28) == -2
    # 2026 - 2004 = 22 at assessment: covered; 2026 - 2003 = 23: not
    assert therapy_guarantee_days_left(2004, assessed, None, assessed, age_limit=23, days=28) == 28
    assert therapy_guarantee_days_left(2003, assessed, None, assessed, age_limit=23, days=28) is None


def test_no_count_before_the_assessment_or_after_treatment_started():
    assert therapy_guarantee_days_left(2010, None, None, TODAY, age_limit=23, days=28) is None
    assert therapy_guarantee_days_left(2010, TODAY, TODAY, TODAY, age_limit=23, days=28) is None


def _episode(cast, identifier: str, birth_year: int, assessed: dt.date):
    client, _ = services.register_client(cast.clinician_a, services.ClientInput(
        "local", identifier, birth_year=birth_year, sex="female", county="helsinki", unit="unit-a"))
    episode = services.open_episode(cast.clinician_a, client.pk, "unit-a", assessed - dt.timedelta(days=3),
                                    ["depression"])
    services.add_appointment(cast.clinician_a, episode.pk, assessed, "assessment", "attended")
    return episode


def _row(listing, episode):
    (row,) = [r for r in listing.rows if r.episode.pk == episode.pk]
    return row


def test_the_worklist_warns_a_week_before_the_limit(cast):
    young = TODAY.year - 16
    soon = _episode(cast, "TG-1", young, TODAY - dt.timedelta(days=23))     # 5 days left
    later = _episode(cast, "TG-2", young, TODAY - dt.timedelta(days=10))    # 18 days left
    late = _episode(cast, "TG-3", young, TODAY - dt.timedelta(days=30))     # 2 days late
    adult = _episode(cast, "TG-4", TODAY.year - 40, TODAY - dt.timedelta(days=30))
    listing = services.worklist(cast.clinician_a, mine_only=False)
    assert (_row(listing, soon).guarantee_days_left, _row(listing, soon).guarantee_warning) == (5, True)
    assert (_row(listing, later).guarantee_days_left, _row(listing, later).guarantee_warning) == (18, False)
    assert (_row(listing, late).guarantee_days_left, _row(listing, late).guarantee_days_late) == (-2, 2)
    assert _row(listing, adult).guarantee_days_left is None
    assert _row(listing, soon).needs_attention


def test_the_warning_starts_from_the_configured_number_of_days(cast, settings):
    settings.PORRAS_THERAPY_GUARANTEE_WARN_DAYS = 20
    episode = _episode(cast, "TG-5", TODAY.year - 16, TODAY - dt.timedelta(days=10))  # 18 days left
    assert _row(services.worklist(cast.clinician_a, mine_only=False), episode).guarantee_warning


def test_the_worklist_page_and_api_show_the_days_left(cast, client):
    episode = _episode(cast, "TG-6", TODAY.year - 16, TODAY - dt.timedelta(days=23))
    client.force_login(cast.clinician_a)
    client.cookies["porras_language"] = "en"
    page = client.get("/care/?all=1").content.decode()
    assert "Therapy guarantee: treatment must start within 5 days" in page
    rows = client.get("/api/v1/worklist", {"mine": "false"}).json()
    (row,) = [r for r in rows if r["episode"]["id"] == episode.pk]
    assert (row["therapy_guarantee_days_left"], row["therapy_guarantee_warning"]) == (5, True)
