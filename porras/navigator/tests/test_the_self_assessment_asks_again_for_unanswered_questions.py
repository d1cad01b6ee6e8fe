"""The resident's self-assessment names each unanswered question and asks again; a risk answer
shows the crisis box at once, above the questions still to answer."""

from __future__ import annotations

import re

import pytest

URL = "/navigator/"


def answers(phq9: dict[int, int], plan: str = "no") -> dict:
    data = {"stage": "answers", "age": "30", "county": "pirkanmaa", "concerns": ["depression"],
            "plan_to_end_life": plan}
    data.update({f"phq9-{item}": str(value) for item, value in phq9.items()})
    return data


def post(client, data, language="en"):
    client.cookies["porras_language"] = language
    return client.post(URL, data)


def summary_of(html: str) -> str:
    start = html.index('id="unanswered"')
    return html[start:html.index("</div>", start)]


def test_one_answered_question_gives_no_step_and_names_the_eight_unanswered(client, db):
    response = post(client, answers({1: 2}))
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="step-title"' not in html
    summary = summary_of(html)
    assert re.findall(r'href="#phq9-(\d+)"', summary) == [str(item) for item in range(2, 10)]
    assert "PHQ-9, question 4" in summary


@pytest.mark.parametrize(("language", "named"), [("fi", "PHQ-9, kysymys 4"), ("sv", "PHQ-9, fråga 4")])
def test_the_unanswered_questions_are_named_in_the_residents_language(client, db, language, named):
    html = post(client, answers({1: 2}), language).content.decode()
    assert named in summary_of(html)


def test_the_unanswered_question_is_marked_and_the_answers_given_are_kept(client, db):
    given = {item: 3 if item < 9 else 0 for item in range(1, 10) if item != 4}  # severe but for item 4
    html = post(client, answers(given)).content.decode()
    assert html.count("question-missing") == 1
    assert 'id="phq9-4"' in html and 'aria-describedby="phq9-4-missing"' in html
    assert re.search(r'name="phq9-1" value="3"\s+checked', html)
    assert 'id="step-title"' not in html
    assert 'id="crisis"' not in html


def test_a_risk_answer_with_the_rest_unanswered_shows_the_crisis_box_at_once_and_asks_again(client, db):
    response = post(client, answers({9: 2}))
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="crisis"' in html
    assert html.index('id="crisis"') < html.index('id="unanswered"') < html.index('name="phq9-1"')
    assert "09 2525 0111" in html and "112" in html
    assert re.findall(r'href="#phq9-(\d+)"', summary_of(html)) == [str(item) for item in range(1, 9)]


def test_a_plan_to_end_life_with_questions_unanswered_gives_the_emergency_guidance(client, db):
    response = post(client, answers({}, plan="yes"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Call the emergency number 112 now" in html
    assert 'id="unanswered"' not in html
