"""The professional navigator (with the rule trace) and opening a resident's code (audited)."""

from __future__ import annotations

from porras.accounts.models import AuditEntry
from porras.navigator import services

from .conftest import person


def test_the_professional_navigator_needs_a_login(client, db):
    response = client.get("/navigator/professional/")
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]


def test_an_analyst_may_not_use_the_professional_pages(client, cast):
    client.force_login(cast.county_analyst)
    assert client.get("/navigator/professional/").status_code == 403
    assert client.get("/navigator/open/").status_code == 403


def test_the_professional_navigator_shows_the_rule_trace(client, cast):
    client.force_login(cast.clinician_a)
    client.cookies["porras_language"] = "en"
    response = client.post("/navigator/professional/", {
        "age": "35", "county": "helsinki", "phq9": "moderate", "phq9_item9": "1",
        "previous_step": "2", "delivery": "no_preference", "format": "no_preference",
    })
    content = response.content.decode()
    assert response.status_code == 200
    assert "Rule trace" in content
    assert "risk.item" in content and "stepping_up" in content
    assert 'id="crisis"' in content
    assert "Rule set porras-default, version 2026.4." in content


def test_a_professional_opens_a_code_and_sees_answers_result_and_trace(client, cast):
    saved = services.save_assessment(person(
        language="fi", concerns=["depression"], responses={"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1]},
        risk={"plan_to_end_life": False},
    ))
    client.force_login(cast.clinician_b)
    client.cookies["porras_language"] = "en"
    response = client.post("/navigator/open/", {"code": saved.code})
    content = response.content.decode()
    assert response.status_code == 200
    assert "You have had thoughts that you would be better off dead" in content
    assert "On some days" in content
    assert "Rule trace" in content and "risk.item" in content
    assert 'id="crisis"' in content
    entry = AuditEntry.objects.get(action="navigator.assessment.open", outcome="ok")
    assert entry.username == "clinician_b"


def test_a_wrong_code_says_so(client, cast):
    client.force_login(cast.clinician_a)
    response = client.post("/navigator/open/", {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 404


def test_the_open_page_is_rate_limited(client, cast):
    client.force_login(cast.clinician_a)
    for _ in range(10):
        client.post("/navigator/open/", {"code": "AAAA-BBBB-CCCC"})
    assert client.post("/navigator/open/", {"code": "AAAA-BBBB-CCCC"}).status_code == 429
