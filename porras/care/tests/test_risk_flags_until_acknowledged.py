"""A risk answer raises a flag that stays on the client's episode and worklist until acknowledged."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care import services
from porras.care.tests.helpers import PHQ9_WITH_RISK, make_case

pytestmark = pytest.mark.django_db


def _measure(client, episode_id: int, answers: list[int]):
    return client.post(f"/api/v1/episodes/{episode_id}/measurements",
                       json.dumps({"instrument": "phq9", "date": dt.date.today().isoformat(), "answers": answers}),
                       content_type="application/json")


def test_a_positive_phq9_item_nine_is_returned_as_a_risk_flag(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    body = _measure(api_client_for(cast.clinician_a), case.episode.pk, PHQ9_WITH_RISK).json()
    # 2+2+2+2+1+1+1+1+1 = 13 (item 10 unscored)
    assert body["score"]["total"] == 13
    assert [(f["item"], f["value"], f["open"]) for f in body["risk_flags"]] == [("9", 1, True)]


def test_the_flag_stays_open_on_the_worklist_until_a_professional_acknowledges_it(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    flag = _measure(client, case.episode.pk, PHQ9_WITH_RISK).json()["risk_flags"][0]
    # a later measurement without risk does not clear it
    _measure(client, case.episode.pk, [0] * 10)
    open_flags = client.get(f"/api/v1/episodes/{case.episode.pk}/risk-flags?open=true").json()
    assert [f["id"] for f in open_flags] == [flag["id"]]
    assert client.get("/api/v1/worklist").json()[0]["open_risk_flags"] == 1

    refused = client.post(f"/api/v1/risk-flags/{flag['id']}/acknowledge", json.dumps({"note": "  "}),
                          content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "note"

    done = client.post(f"/api/v1/risk-flags/{flag['id']}/acknowledge",
                       json.dumps({"note": "Asked directly; no plans; safety plan updated."}),
                       content_type="application/json")
    assert done.status_code == 200
    assert done.json()["acknowledged_by"] == "clinician_a"
    assert client.get(f"/api/v1/episodes/{case.episode.pk}/risk-flags?open=true").json() == []
    assert client.get("/api/v1/worklist").json()[0]["open_risk_flags"] == 0
    # still listed (acknowledged) among all flags
    assert len(client.get(f"/api/v1/episodes/{case.episode.pk}/risk-flags").json()) == 1


def test_the_client_page_shows_an_open_flag_until_acknowledged(cast, client) -> None:
    case = make_case(cast.clinician_a)
    m = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", dt.date.today(), PHQ9_WITH_RISK)
    client.force_login(cast.clinician_a)
    page = client.get(f"/care/episodes/{case.episode.pk}/").content.decode()
    assert 'id="risk-flags"' in page and "risk-open" in page
    services.acknowledge_risk_flag(cast.clinician_a, m.risk_flags.get().pk, "Discussed")
    page = client.get(f"/care/episodes/{case.episode.pk}/").content.decode()
    assert "risk-open" not in page
