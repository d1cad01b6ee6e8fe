"""The resident's result as a PDF: the scores in points and in words, the step and the care that could
suit, in the language the resident answered in; whenever risk showed it opens with the crisis guidance
(112 and the crisis lines), and it always ends with 112."""

from __future__ import annotations

import pytest

from porras.lib.testing import pdf_text
from porras.navigator.tests.printing_helpers import answers, post_result_pdf

pytestmark = pytest.mark.django_db


def test_a_risk_answer_puts_the_crisis_guidance_first(client) -> None:
    response = post_result_pdf(client, answers("fi", item9=1))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert text.index("Hae apua jo tänään") < text.index("Vastauksesi"), "the crisis box opens the document"
    assert "Kriisipuhelin (suomeksi): 09 2525 0111" in text and "Hätänumero: 112" in text


def test_a_plan_to_end_life_gives_the_emergency_guidance_and_no_step(client) -> None:
    text = pdf_text(post_result_pdf(client, answers("en", item9=2, plan_to_end_life=True)).content)
    assert "Get help now" in text and "Call the emergency number 112 now" in text
    assert "Step 0" not in text and "Step 2:" not in text
    assert "When you are safe, a professional will plan the right care together with you." in text


def test_without_risk_there_is_no_crisis_box_but_112_is_still_there(client) -> None:
    text = pdf_text(post_result_pdf(client, answers("fi", item9=0)).content)
    assert "Hae apua jo tänään" not in text and "Hae apua heti" not in text
    assert "Jos olet vaarassa, soita hätänumeroon 112." in text


def test_the_scores_are_in_points_and_in_words(client) -> None:
    text = pdf_text(post_result_pdf(client, answers("fi", item9=1)).content)
    # PHQ-9 11 + 1 = 12 of 27, "moderate" (10-14); GAD-7 7 of 21, "mild" (5-9): the instruments' bands.
    assert "12 / 27" in text and "Keskivaikea" in text
    assert "7 / 21" in text and "Lievä" in text
    assert "Porras 2: Lyhyt, rakenteinen psykososiaalinen hoito" in text


def test_the_pdf_is_in_the_language_the_resident_answered_in(client) -> None:
    response = post_result_pdf(client, answers("sv", item9=1))
    text = pdf_text(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="sjalvskattning.pdf"'
    assert "Resultatet av din självskattning" in text and "Sök hjälp redan i dag" in text
    assert "12 av 27" in text and "Måttlig" in text
    assert text.index("09 2525 0112") < text.index("09 2525 0111"), "the Swedish crisis line first"
