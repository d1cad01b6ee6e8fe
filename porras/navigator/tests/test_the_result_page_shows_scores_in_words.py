"""The result page shows the person's own scores in words (total and band per questionnaire, the band
named by the instrument's data) beside the recommendation, and what is offered for each concern."""

from __future__ import annotations

import html

import pytest

URL = "/navigator/"
PHQ9_MODERATE = [1, 1, 1, 2, 1, 1, 2, 1, 0, 0]  # total 10: moderate (Kroenke et al. 2001)
GAD7_MILD = [1, 1, 1, 1, 1, 1, 1]  # total 7: mild (Spitzer et al. 2006)


def _answers(language_fields=None):  # type: ignore[no-untyped-def]
    data = {"stage": "answers", "age": "30", "sex": "female", "county": "pirkanmaa",
            "concerns": ["depression", "anxiety"], "plan_to_end_life": "no"}
    data.update({f"phq9-{i}": str(v) for i, v in enumerate(PHQ9_MODERATE, start=1)})
    data.update({f"gad7-{i}": str(v) for i, v in enumerate(GAD7_MILD, start=1)})
    return data


@pytest.mark.parametrize(("language", "phq9", "gad7", "anxiety", "offered"), [
    ("fi", "PHQ-9: 10/27 pistettä, keskivaikea", "GAD-7: 7/21 pistettä, lievä", "Ahdistus tai jännittäminen",
     "Tähän tarjotaan:"),
    ("sv", "PHQ-9: 10/27 poäng, måttlig", "GAD-7: 7/21 poäng, lindrig", "Ångest eller oro", "För detta erbjuds:"),
    ("en", "PHQ-9: 10/27 points, moderate", "GAD-7: 7/21 points, mild", "Anxiety or worry", "Offered for this:"),
])
def test_both_scores_are_shown_in_words_with_an_offer_for_each_concern(
    client, db, language, phq9, gad7, anxiety, offered
):
    client.cookies["porras_language"] = language
    response = client.post(URL, _answers())
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert phq9 in content
    assert gad7 in content
    assert anxiety in content
    assert content.count("data-concern") == 2
    assert content.count(offered) == 2


def test_a_result_saved_before_scores_were_kept_still_shows(client, db):
    from porras.navigator.views import _result_context

    old = {"urgency": "non_urgent", "step": 1, "interventions": [], "services": [], "crisis_contacts": [],
           "trace": [], "ruleset": {"id": "porras-default", "version": "2026.2"}}
    context = _result_context(old, None, "fi")
    assert context["concern_offers"] == [] and context["other_scores"] == []
