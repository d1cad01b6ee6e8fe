"""A resident reopens their own saved self-assessment with the code: no login, the code in the POST body
only, no audit entry for an anonymous read (a signed-in reader is audited), nothing cached."""

from __future__ import annotations

import html

from porras.accounts.models import AuditEntry
from porras.navigator import services

from .conftest import person, phq9


def _saved_code(**fields) -> str:  # type: ignore[no-untyped-def]
    data = person(language="fi", concerns=["depression"], scores={"phq9": phq9("moderate")}, **fields)
    return services.save_assessment(data).code


def test_a_resident_opens_their_answers_with_the_code_on_the_web(client, db):
    code = _saved_code()
    before = AuditEntry.objects.count()
    response = client.post("/navigator/mine/", {"code": code})
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Masennus tai alakulo" in content
    assert 'id="step-title"' in content
    assert 'name="code"' in content and 'action="/navigator/mine/delete/"' in content
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.count() == before  # an anonymous read writes no audit entry


def test_the_code_is_read_case_and_hyphen_insensitively(client, db):
    code = _saved_code()
    response = client.post("/navigator/mine/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 200


def test_an_unknown_code_is_a_404_that_names_the_field(client, db):
    _saved_code()
    response = client.post("/navigator/mine/", {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 404
    assert b'id="id_code"' in response.content


def test_the_page_asks_for_the_code_and_never_takes_it_from_the_url(client, db):
    code = _saved_code()
    response = client.get(f"/navigator/mine/?code={code}")
    assert response.status_code == 200
    assert f'value="{code}"'.encode() not in response.content  # the field is not filled from the URL


def test_the_api_gives_the_resident_their_saved_answers_without_a_login(client, db):
    code = _saved_code()
    before = AuditEntry.objects.count()
    response = client.post("/api/v1/navigator/assessments/mine", {"code": code}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["answers"]["concerns"] == ["depression"]
    assert body["result"]["step"] == 2
    assert AuditEntry.objects.count() == before


def test_the_api_refuses_unknown_fields_and_an_unknown_code(client, db):
    response = client.post("/api/v1/navigator/assessments/mine", {"code": "X", "user": 1},
                           content_type="application/json")
    assert response.status_code == 422
    response = client.post("/api/v1/navigator/assessments/mine", {"code": "AAAA-BBBB-CCCC"},
                           content_type="application/json")
    assert response.status_code == 404


def test_a_signed_in_reader_is_audited_naming_the_assessment(client, cast):
    code = _saved_code()
    client.force_login(cast.clinician_a)
    response = client.post("/navigator/mine/", {"code": code})
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="navigator.assessment.reopen").get()
    assert entry.username == "clinician_a"
    assert entry.object_type == "SavedAssessment" and entry.object_id
