"""When only the guardian told of a plan to end life, the trace says the guardian did - never
"because you told us" to a young person who said nothing of the kind (fi, sv, en)."""

from __future__ import annotations

import pytest

from porras.navigator.domain import navigate

from .conftest import person, phq9

YOU_TOLD_US = {"fi": "Koska kerroit", "sv": "Eftersom du berättade", "en": "Because you told us"}
THE_GUARDIAN_TOLD_US = {
    "fi": "Koska huoltaja kertoi", "sv": "Eftersom vårdnadshavaren berättade", "en": "Because the guardian told us",
}


def _withheld(result: dict) -> str:
    return next(t["because"] for t in result["trace"] if t["rule"] == "steps.withheld")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_plan_told_by_the_guardian_alone_is_the_guardian_s_in_the_trace(language):
    result = navigate(person(age=15, language=language, scores={"phq9": phq9("mild")},
                             guardian={"risk": {"plan_to_end_life": True}}))
    because = _withheld(result)
    assert because.startswith(THE_GUARDIAN_TOLD_US[language])
    assert YOU_TOLD_US[language] not in because


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_plan_the_young_person_told_of_is_still_theirs_in_the_trace(language):
    result = navigate(person(age=15, language=language, scores={"phq9": phq9("mild")},
                             risk={"plan_to_end_life": True}, guardian={"risk": {"plan_to_end_life": True}}))
    assert _withheld(result).startswith(YOU_TOLD_US[language])
