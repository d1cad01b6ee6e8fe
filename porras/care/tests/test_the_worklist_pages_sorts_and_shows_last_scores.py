"""The work list comes a page at a time, sorted as asked (those needing attention first by default),
with each client's label and language, the next appointment and the last score of each instrument -
voided measurements and voided episodes left out, open risk flags never."""

from __future__ import annotations

import datetime as dt

import pytest

from porras.care import services
from porras.care.tests.helpers import GAD7, PHQ9_NO_RISK, PHQ9_WITH_RISK, make_case
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _cases(cast, n: int) -> list:
    out = []
    for i in range(n):
        client, _ = services.register_client(cast.clinician_a, services.ClientInput(
            "local", f"W-{i:02d}", birth_year=1940 + i, sex="female", county="helsinki", unit="unit-a"))
        out.append(services.open_episode(cast.clinician_a, client.pk, "unit-a", TODAY - dt.timedelta(days=90 - i),
                                         ["depression"]))
    return out


def test_the_worklist_comes_a_page_at_a_time(cast) -> None:
    episodes = _cases(cast, 5)
    first = services.worklist(cast.clinician_a, page=1, page_size=2, order="waiting")
    last = services.worklist(cast.clinician_a, page=3, page_size=2, order="waiting")
    assert (first.total, first.pages, first.next_page, first.previous_page) == (5, 3, 2, None)
    assert [r.episode.pk for r in first.rows] == [e.pk for e in episodes[:2]]  # the longest waiting first
    assert [r.episode.pk for r in last.rows] == [episodes[4].pk]
    with pytest.raises(InputError):
        services.worklist(cast.clinician_a, page=4, page_size=2)


def test_the_worklist_sorts_by_client_label_and_next_appointment(cast) -> None:
    episodes = _cases(cast, 3)
    services.add_appointment(cast.clinician_a, episodes[2].pk, TODAY + dt.timedelta(days=1), "assessment", "booked")
    services.add_appointment(cast.clinician_a, episodes[0].pk, TODAY + dt.timedelta(days=5), "assessment", "booked")
    by_label = services.worklist(cast.clinician_a, order="client")
    assert [r.episode.client.label for r in by_label.rows] == ["W-00", "W-01", "W-02"]
    by_appointment = services.worklist(cast.clinician_a, order="next_appointment")
    assert [r.episode.pk for r in by_appointment.rows] == [episodes[2].pk, episodes[0].pk, episodes[1].pk]
    with pytest.raises(InputError):
        services.worklist(cast.clinician_a, order="alphabetical")


def test_those_needing_attention_come_first(cast) -> None:
    episodes = _cases(cast, 3)
    services.record_measurement(cast.clinician_a, episodes[1].pk, "phq9", TODAY, PHQ9_WITH_RISK)
    rows = services.worklist(cast.clinician_a).rows
    assert rows[0].episode.pk == episodes[1].pk and rows[0].open_risk_flags == 1


def test_the_last_scores_leave_voided_measurements_out(cast) -> None:
    case = make_case(cast.clinician_a)
    services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY - dt.timedelta(days=7), PHQ9_NO_RISK)
    services.record_measurement(cast.clinician_a, case.episode.pk, "gad7", TODAY - dt.timedelta(days=7), GAD7)
    wrong = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, [3] * 8 + [0, 0])
    assert [(s.abbreviation, s.total) for s in services.worklist(cast.clinician_a).rows[0].last_scores] == [
        ("PHQ-9", 24.0), ("GAD-7", 9.0)]
    services.void_measurement(cast.clinician_a, wrong.pk, "entered for the wrong client")
    assert [(s.abbreviation, s.total) for s in services.worklist(cast.clinician_a).rows[0].last_scores] == [
        ("PHQ-9", 8.0), ("GAD-7", 9.0)]


def test_a_voided_episode_leaves_the_worklist(cast) -> None:
    case = make_case(cast.clinician_a)
    services.void_episode(cast.clinician_a, case.episode.pk, case.episode.version, "the wrong client")
    assert services.worklist(cast.clinician_a).rows == []


def test_the_api_worklist_gives_label_language_and_last_scores(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    services.record_measurement(cast.clinician_a, case.episode.pk, "gad7", TODAY, GAD7)
    rows = api_client_for(cast.clinician_a).get("/api/v1/worklist", {"order": "waiting", "page_size": 10}).json()
    assert rows[0]["client"] == {"id": case.client.pk, "label": f"#{case.client.pk}", "language": "fi"}
    assert rows[0]["last_scores"] == [{"instrument": "gad7", "total": 9, "date": TODAY.isoformat(),
                                       "severity": "mild"}]


def test_the_worklist_page_links_the_next_page(cast, client) -> None:
    episodes = _cases(cast, services.WORKLIST_PAGE_SIZE + 1)
    client.force_login(cast.clinician_a)
    first = client.get("/care/", {"order": "waiting"}).content.decode()
    assert "page=2" in first and f'href="/care/episodes/{episodes[-1].pk}/"' not in first
    second = client.get("/care/", {"order": "waiting", "page": "2"}).content.decode()
    assert f'href="/care/episodes/{episodes[-1].pk}/"' in second and "page=1" in second
