"""The anonymous resident self-assessment: public, no login, fi/sv/en, crisis box whenever risk shows.

Questionnaires come from the instruments engine; PHQ-9 bands as in Kroenke et al. 2001 (5, 10, 15, 20).
"""

from __future__ import annotations

import json
import re

import pytest

from porras.navigator.models import SavedAssessment

URL = "/navigator/"


def _about(**fields):
    data = {"stage": "about", "age": "30", "sex": "female", "county": "pirkanmaa"}
    data.update(fields)
    return data


def _answers(phq9, plan="no", **fields):
    data = _about(stage="answers", concerns=["depression"], **fields)
    data.update({f"phq9-{i}": str(v) for i, v in enumerate(phq9, start=1) if v is not None})
    data["plan_to_end_life"] = plan
    return data


def test_the_start_page_is_public(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Pirkanmaan hyvinvointialue" in response.content


@pytest.mark.parametrize(
    ("language", "county_name"),
    [("fi", "Pirkanmaan hyvinvointialue"), ("sv", "Birkalands välfärdsområde"),
     ("en", "Pirkanmaa Wellbeing Services County")],
)
def test_the_start_page_speaks_the_chosen_language(client, db, language, county_name):
    client.cookies["porras_language"] = language
    response = client.get(URL)
    assert f'lang="{language}"'.encode() in response.content
    assert county_name.encode() in response.content


def test_it_asks_the_questionnaires_of_the_chosen_concerns(client, db):
    response = client.post(URL, _about(concerns=["depression", "alcohol"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="phq9-9"' in content
    assert 'name="auditc-3"' in content
    assert 'name="gad7-1"' not in content
    assert 'name="plan_to_end_life"' in content


def test_it_asks_phq9_and_gad7_when_no_concern_is_chosen(client, db):
    content = client.post(URL, _about()).content.decode()
    assert 'name="phq9-1"' in content and 'name="gad7-1"' in content


def test_it_names_a_bad_age(client, db):
    response = client.post(URL, _about(age="-4"))
    assert response.status_code == 422
    assert b'id="id_age_error"' in response.content


def test_it_shows_the_step_and_reasons_without_a_crisis_box_when_no_risk(client, db):
    response = client.post(URL, _answers([1, 1, 1, 1, 1, 1, 1, 0, 0]))  # 7: mild
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="crisis"' not in content
    assert "Porras 1: Ohjattu omahoito ja nettiterapia" in content  # Finnish is the default
    assert "PHQ-9 (masennusoireet): lievät oireet. Tämä sopii portaalle 1." in content


def test_it_shows_the_crisis_box_at_the_top_for_a_risk_answer(client, db):
    client.cookies["porras_language"] = "en"
    content = client.post(URL, _answers([0, 0, 0, 0, 0, 0, 0, 0, 2])).content.decode()
    assert 'id="crisis"' in content
    assert content.index('id="crisis"') < content.index('id="step-title"')
    assert "tel:0925250111" in content
    assert "Get help today" in content


def test_it_shows_112_first_for_a_plan_to_end_life(client, db):
    client.cookies["porras_language"] = "en"
    content = client.post(URL, _answers([0] * 9, plan="yes")).content.decode()
    assert "Get help now" in content
    crisis = content[content.index('id="crisis"'):]
    assert crisis.index("tel:112") < crisis.index("tel:116117") < crisis.index("tel:0925250111")


def test_it_saves_nothing_until_asked(client, db):
    client.post(URL, _answers([2] * 9))
    assert not SavedAssessment.objects.exists()


def test_saving_shows_a_code_once(client, db):
    content = client.post(URL, _answers([1] * 9)).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', content).group(1)
    payload = payload.replace("&quot;", '"').replace("&#x27;", "'")
    response = client.post("/navigator/save/", {"payload": payload})
    assert response.status_code == 200
    code = re.search(r'id="saved-code">([^<]+)<', response.content.decode()).group(1)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    saved = SavedAssessment.objects.get()
    assert saved.answers["responses"]["phq9"] == [1] * 9 + [None]  # item 10 left unanswered
    assert json.loads(payload)["age"] == 30


def test_saving_a_tampered_payload_is_refused(client, db):
    response = client.post("/navigator/save/", {"payload": '{"age": "x"}'})
    assert response.status_code == 400
    assert not SavedAssessment.objects.exists()


def test_it_shows_the_crisis_box_when_only_the_risk_question_was_answered(client, db):
    content = client.post(URL, _answers([None] * 8 + [1])).content.decode()
    assert 'id="crisis"' in content


def test_it_puts_the_preferred_format_first(client, db):
    content = client.post(URL, _answers([1, 1, 1, 1, 1, 1, 2, 2, 0], format="group")).content.decode()
    assert content.index("Kognitiivinen lyhytterapia, ryhmä") < content.index("Kognitiivinen lyhytterapia, yksilö")


def test_answers_that_cannot_be_saved_get_a_whole_page_with_the_crisis_numbers_and_a_way_back(client, db):
    response = client.post("/navigator/save/", {"payload": '{"age": "x"}'}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<main" in page and "112" in page  # the site's frame, its footer crisis numbers
    assert "Svaren kunde inte sparas." in page
    assert 'href="/navigator/"' in page
