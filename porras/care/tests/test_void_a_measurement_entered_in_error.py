"""A measurement entered in error is voided with a reason: it stays in the history (who, when, why),
leaves the chart, and the void is audited. A measurement with an open risk flag is voided only after
the flag is acknowledged - a risk answer is never hidden."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.accounts.models import AuditEntry
from porras.care import services
from porras.care.charts import instrument_charts
from porras.care.models import Correction, Measurement
from porras.care.tests.helpers import PHQ9_NO_RISK, PHQ9_WITH_RISK, make_case
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def measured(cast):
    case = make_case(cast.clinician_a)
    first = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY - dt.timedelta(days=7),
                                        PHQ9_NO_RISK)
    wrong = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, [3] * 8 + [0, 0])
    return case, first, wrong


def test_voiding_keeps_the_record_with_who_when_and_why(cast, measured) -> None:
    case, _first, wrong = measured
    services.void_measurement(cast.clinician_a, wrong.pk, "entered for the wrong client")
    stored = Measurement.objects.get(pk=wrong.pk)
    assert (stored.voided_by, stored.void_reason) == ("clinician_a", "entered for the wrong client")
    assert stored.voided_at is not None
    history = Correction.objects.get(episode=case.episode)
    assert (history.record_type, history.record_id, history.action, history.by) == (
        "measurement", wrong.pk, "void", "clinician_a")


def test_a_voided_measurement_leaves_the_chart(cast, measured) -> None:
    case, first, wrong = measured
    services.void_measurement(cast.clinician_a, wrong.pk, "typo")
    live = [m for m in case.episode.measurements.all() if not m.voided]
    assert [m.pk for m in live] == [first.pk]
    assert [row.total for row in instrument_charts(live, "en")[0].rows] == ["8"]


def test_the_episode_page_shows_the_chart_without_it_and_the_history_with_it(cast, client, measured) -> None:
    case, _first, wrong = measured
    services.void_measurement(cast.clinician_a, wrong.pk, "typo in the answers")
    client.force_login(cast.clinician_a)
    page = client.get(f"/care/episodes/{case.episode.pk}/").content.decode()
    chart = page[page.index('id="progress"'):page.index('id="measurements"')]
    assert ">24<" not in chart and ">8<" in chart
    assert "typo in the answers" in page[page.index('id="corrections"'):]


def test_a_reason_is_required(cast, measured) -> None:
    _case, _first, wrong = measured
    with pytest.raises(InputError) as refused:
        services.void_measurement(cast.clinician_a, wrong.pk, "  ")
    assert refused.value.fields == ["reason"]
    assert not Measurement.objects.get(pk=wrong.pk).voided


def test_an_open_risk_flag_must_be_acknowledged_first(cast) -> None:
    case = make_case(cast.clinician_a)
    risky = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, PHQ9_WITH_RISK)
    with pytest.raises(InputError) as refused:
        services.void_measurement(cast.clinician_a, risky.pk, "wrong client")
    assert refused.value.fields == ["risk_flags"]
    assert not Measurement.objects.get(pk=risky.pk).voided
    services.acknowledge_risk_flag(cast.clinician_a, risky.risk_flags.get().pk, "called, safe, plan made")
    services.void_measurement(cast.clinician_a, risky.pk, "wrong client")
    flag = risky.risk_flags.get()
    assert flag.acknowledged_at is not None  # the flag and its acknowledgement stay


def test_the_api_voids_and_lists_it_as_voided(cast, api_client_for, measured) -> None:
    case, _first, wrong = measured
    api = api_client_for(cast.clinician_a)
    answer = api.post(f"/api/v1/measurements/{wrong.pk}/void", json.dumps({"reason": "typo"}),
                      content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["voided"]["reason"] == "typo"
    listed = {m["id"]: m for m in api.get(f"/api/v1/episodes/{case.episode.pk}/measurements").json()}
    assert listed[wrong.pk]["voided"]["by"] == "clinician_a"
    history = api.get(f"/api/v1/episodes/{case.episode.pk}/corrections").json()
    assert [(h["record_type"], h["record_id"], h["action"]) for h in history] == [("measurement", wrong.pk, "void")]
    again = api.post(f"/api/v1/measurements/{wrong.pk}/void", json.dumps({"reason": "typo"}),
                     content_type="application/json")
    assert again.status_code == 422


def test_the_void_is_audited(cast, measured) -> None:
    case, _first, wrong = measured
    services.void_measurement(cast.clinician_a, wrong.pk, "typo")
    entry = AuditEntry.objects.filter(action="measurement.void").latest("seq")
    assert (entry.object_id, entry.detail) == (str(wrong.pk), {"episode": case.episode.pk})


def test_another_units_measurement_answers_404(cast, api_client_for, measured) -> None:
    _case, _first, wrong = measured
    answer = api_client_for(cast.clinician_b).post(f"/api/v1/measurements/{wrong.pk}/void",
                                                   json.dumps({"reason": "x"}), content_type="application/json")
    assert answer.status_code == 404
    assert not Measurement.objects.get(pk=wrong.pk).voided
