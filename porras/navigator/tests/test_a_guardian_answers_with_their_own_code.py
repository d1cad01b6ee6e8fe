"""A young person's saved self-assessment gets a second code; a guardian answers with it on their own
device (API and web), and the professional who opens the young person's code sees both side by side."""

from __future__ import annotations

import pytest

from porras.accounts.models import AuditEntry
from porras.navigator import services
from porras.navigator.models import SavedAssessment

from .conftest import person, phq9

GUARDIAN = {"concerns": ["anxiety", "family"], "risk": {"self_harm": False, "plan_to_end_life": False}}


def _save_youth(client):
    response = client.post("/api/v1/navigator/assessments", content_type="application/json",
                           data=person(age=15, concerns=["depression"], scores={"phq9": phq9("mild")}))
    assert response.status_code == 201
    return response.json()


def _guardian(client, code, guardian=GUARDIAN):
    return client.post("/api/v1/navigator/assessments/guardian", content_type="application/json",
                       data={"code": code, "guardian": guardian})


def test_a_young_person_s_saved_answers_get_a_guardian_code_and_an_adult_s_do_not(client, db):
    youth = _save_youth(client)
    assert youth["guardian_code"] and youth["guardian_code"] != youth["code"]
    adult = client.post("/api/v1/navigator/assessments", data=person(age=30), content_type="application/json")
    assert adult.json()["guardian_code"] is None


def test_the_guardian_s_answers_join_the_young_person_s_without_overwriting_them(client, db):
    saved = _save_youth(client)
    response = _guardian(client, saved["guardian_code"])
    assert response.status_code == 201
    assert response.json() == {"urgency": "non_urgent", "crisis_contacts": []}
    row = SavedAssessment.objects.get()
    assert row.answers["concerns"] == ["depression"]
    assert row.answers["guardian"] == GUARDIAN
    assert row.result["respondents"]["guardian"]["concerns"] == ["anxiety", "family"]
    assert "porras.lets_talk_about_children" in [i["code"] for i in row.result["interventions"]]
    entry = AuditEntry.objects.get(action="navigator.assessment.guardian")
    assert (entry.username, entry.object_id) == ("anonymous", str(row.pk))


def test_a_guardian_s_risk_answer_raises_the_urgency_and_shows_them_the_crisis_contacts(client, db):
    saved = _save_youth(client)
    body = _guardian(client, saved["guardian_code"], {"risk": {"self_harm": True}}).json()
    assert body["urgency"] == "same_day"
    assert "09 2525 0111" in [c["phone"] for c in body["crisis_contacts"]]
    assert SavedAssessment.objects.get().urgency == "same_day"


def test_the_guardian_sees_nothing_of_the_young_person_s_risk(client, db):
    response = client.post("/api/v1/navigator/assessments", content_type="application/json",
                           data=person(age=15, scores={"phq9": phq9("mild", item9=2)}))
    body = _guardian(client, response.json()["guardian_code"], {"concerns": []}).json()
    assert body == {"urgency": "non_urgent", "crisis_contacts": []}


def test_the_young_person_s_code_is_not_a_guardian_code(client, db):
    saved = _save_youth(client)
    assert _guardian(client, saved["code"]).status_code == 404
    assert "guardian" not in SavedAssessment.objects.get().answers


def test_a_guardian_answers_once(client, db):
    saved = _save_youth(client)
    assert _guardian(client, saved["guardian_code"]).status_code == 201
    assert _guardian(client, saved["guardian_code"], {"concerns": ["depression"]}).status_code == 409
    assert SavedAssessment.objects.get().answers["guardian"] == GUARDIAN


def test_refused_guardian_answers_write_nothing_and_carry_the_risk(client, db):
    saved = _save_youth(client)
    before = SavedAssessment.objects.values().get()
    response = _guardian(client, saved["guardian_code"], {"concerns": ["nope"], "risk": {"plan_to_end_life": True}})
    assert response.status_code == 422
    assert response.json()["urgency"] == "emergency"
    assert SavedAssessment.objects.values().get() == before
    assert not AuditEntry.objects.filter(action="navigator.assessment.guardian").exists()


def test_the_professional_sees_both_respondents_side_by_side(client, cast):
    saved = services.save_assessment(person(age=15, language="en", concerns=["depression"],
                                            scores={"phq9": phq9("moderate")}))
    services.add_guardian_answers({"concerns": ["anxiety"], "risk": {"self_harm": True}},
                                  saved.guardian_code or "", address="192.0.2.1")
    client.force_login(cast.clinician_a)
    client.cookies["porras_language"] = "en"
    content = client.post("/navigator/open/", {"code": saved.code}).content.decode()
    assert "The young person's and the guardian's answers" in content
    assert "Has spoken of self-harm or of not wanting to live" in content
    assert "The recommendation follows the answers of: The young person, The guardian" in content
    assert "Start a referral from this self-assessment" in content
    assert "guardian.risk.self_harm" in content


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_guardian_page_answers_in_every_language(client, db, language):
    saved = services.save_assessment(person(age=15, language=language))
    client.cookies["porras_language"] = language
    assert client.get("/navigator/guardian/").status_code == 200
    response = client.post("/navigator/guardian/", {"code": saved.guardian_code, "concerns": ["anxiety"],
                                                    "self_harm": "yes", "plan_to_end_life": "no"})
    assert response.status_code == 201
    assert b"data-crisis" in response.content
    assert b"09 2525 011" in response.content


def test_the_guardian_page_names_a_wrong_code(client, db):
    response = client.post("/navigator/guardian/", {"code": "AAAA-BBBB-CCCC", "self_harm": "no",
                                                    "plan_to_end_life": "no"})
    assert response.status_code == 404
    assert SavedAssessment.objects.count() == 0


def test_the_young_person_reopening_their_answers_sees_nothing_of_the_guardian_s(client, db):
    saved = services.save_assessment(person(age=15, language="en", concerns=["depression"]))
    services.add_guardian_answers({"concerns": ["family"], "risk": {"self_harm": True}},
                                  saved.guardian_code or "", address="192.0.2.1")
    client.cookies["porras_language"] = "en"
    content = client.post("/navigator/mine/", {"code": saved.code}).content.decode()
    assert "Let&#x27;s Talk about Children" not in content and "Let's Talk about Children" not in content
    assert 'class="crisis-box"' not in content  # the guardian's risk answer is not the young person's to see
    found = SavedAssessment.objects.get()
    answers, result = services.residents_own(found)
    assert "guardian" not in answers
    assert result["urgency"] == "non_urgent"
    assert found.result["urgency"] == "same_day"  # the professional's report keeps both


def test_the_professional_downloads_the_joint_report_as_a_pdf(client, cast):
    pytest.importorskip("weasyprint")
    saved = services.save_assessment(person(age=15, language="en", concerns=["depression"]))
    services.add_guardian_answers({"concerns": ["anxiety"]}, saved.guardian_code or "", address="192.0.2.1")
    client.force_login(cast.clinician_a)
    response = client.post("/navigator/open/report.pdf", {"code": saved.code})
    if response.status_code == 503:
        pytest.skip("no Pango on this machine: PDFs answer 503")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="navigator.assessment.open", object_id=str(SavedAssessment.objects.get().pk)).exists()


def test_an_analyst_may_not_download_the_report(client, cast):
    saved = services.save_assessment(person(age=15))
    client.force_login(cast.county_analyst)
    assert client.post("/navigator/open/report.pdf", {"code": saved.code}).status_code == 403


def test_every_choice_on_the_guardian_page_sits_inside_its_label_as_on_the_other_navigator_pages(client, db):
    """The navigator's CSS lays out a choice as one 44-px row only when its input is inside its label; an
    input beside its label fell onto a line of its own above the text at 390 px."""
    import re

    html = client.get("/navigator/guardian/").content.decode()
    inputs = re.findall(r'<input type="(?:checkbox|radio)"[^>]*>', html)
    assert len(inputs) >= 3
    wrapped = re.findall(r'<label for="[^"]+">\s*<input type="(?:checkbox|radio)"[^>]*>', html)
    assert len(wrapped) == len(inputs)
    assert 'class="checkboxes radios"' in html


def test_an_unanswered_risk_question_on_the_guardian_page_names_its_error_to_a_screen_reader(client, db):
    """The group's error is read out with the group: the fieldset names the error's id, as the resident's
    questionnaire pages do."""
    html = client.post("/navigator/guardian/", {"code": "", "concerns": []}).content.decode()
    for name in ("self_harm", "plan_to_end_life"):
        assert f'id="{name}-error"' in html
        assert f'id="{name}" aria-describedby="{name}-error"' in html
