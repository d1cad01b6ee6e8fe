"""Names, reasons and the trace come in the person's language (fi, sv, en)."""

from __future__ import annotations

from porras.navigator.domain import navigate

from .conftest import person, phq9


def test_it_answers_in_finnish():
    result = navigate(person(language="fi", scores={"phq9": phq9("moderate")}))
    assert result["interventions"][0]["name"] == "Kognitiivinen lyhytterapia, yksilö (5-10 tapaamista)"
    assert result["interventions"][0]["reasons"][0] == "Sopii portaalle 2."


def test_it_answers_in_swedish():
    result = navigate(person(language="sv", scores={"phq9": phq9("moderate")}))
    assert result["interventions"][0]["name"] == "Kognitiv korttidsterapi, individuell (5-10 träffar)"
    assert result["trace"][0]["because"] == (
        "PHQ-9 (depressionssymtom): måttliga symtom. Det motsvarar steg 2."
    )


def test_it_defaults_to_finnish():
    data = person(scores={"phq9": phq9("mild")})
    del data["language"]
    assert navigate(data)["interventions"][0]["name"] == "Ohjattu omahoito (1-5 tapaamista)"
