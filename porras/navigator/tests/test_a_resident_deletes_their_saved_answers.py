"""A resident deletes their saved self-assessment with the code: removed at once, the page says so, the
code no longer opens it; a wrong code deletes nothing."""

from __future__ import annotations

from porras.accounts.models import AuditEntry
from porras.navigator import services
from porras.navigator.models import SavedAssessment

from .conftest import person


def test_deleting_removes_the_answers_at_once_and_says_so(client, db):
    code = services.save_assessment(person(language="sv")).code
    client.cookies["porras_language"] = "sv"
    response = client.post("/navigator/mine/delete/", {"code": code})
    assert response.status_code == 200
    assert "Dina sparade svar har nu raderats. Koden fungerar inte längre." in response.content.decode()
    assert not SavedAssessment.objects.exists()
    assert client.post("/navigator/mine/", {"code": code}).status_code == 404


def test_the_deletion_is_audited_without_anything_identifying(client, db):
    code = services.save_assessment(person()).code
    pk = SavedAssessment.objects.get().pk
    client.post("/navigator/mine/delete/", {"code": code})
    entry = AuditEntry.objects.filter(action="navigator.assessment.delete").get()
    assert (entry.username, entry.object_id) == ("anonymous", str(pk))
    assert code not in str(entry.detail)


def test_a_wrong_code_deletes_nothing(client, db):
    services.save_assessment(person())
    response = client.post("/navigator/mine/delete/", {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 404
    assert SavedAssessment.objects.count() == 1


def test_deleting_needs_a_post(client, db):
    assert client.get("/navigator/mine/delete/").status_code == 405


def test_the_api_deletes_with_the_code_in_the_body(client, db):
    code = services.save_assessment(person()).code
    response = client.post("/api/v1/navigator/assessments/delete", {"code": code}, content_type="application/json")
    assert response.status_code == 204
    assert not SavedAssessment.objects.exists()
    again = client.post("/api/v1/navigator/assessments/delete", {"code": code}, content_type="application/json")
    assert again.status_code == 404
