"""The PHQ-9 major / other depressive syndrome algorithm (Spitzer et al. 1999; PHQ manual), by hand."""

from __future__ import annotations

from porras.instruments.domain import score


def test_five_symptoms_with_item_one_suggest_major_depressive_syndrome() -> None:
    assert score("phq9", [2, 0, 2, 2, 2, 2, 0, 0, 0]).diagnostic_algorithm == "major_depressive_syndrome"


def test_five_symptoms_without_item_one_or_two_suggest_nothing() -> None:
    assert score("phq9", [0, 1, 2, 2, 2, 2, 2, 0, 0]).diagnostic_algorithm == "none"


def test_two_to_four_symptoms_with_item_two_suggest_other_depressive_syndrome() -> None:
    assert score("phq9", [0, 2, 3, 0, 0, 0, 0, 0, 0]).diagnostic_algorithm == "other_depressive_syndrome"
    assert score("phq9", [0, 2, 3, 2, 2, 0, 0, 0, 0]).diagnostic_algorithm == "other_depressive_syndrome"


def test_a_single_symptom_suggests_nothing() -> None:
    assert score("phq9", [3, 1, 1, 1, 1, 1, 1, 1, 0]).diagnostic_algorithm == "none"


def test_item_nine_counts_when_present_at_all() -> None:
    # item 1 at "more than half the days" plus item 9 at "several days" = two symptoms
    assert score("phq9", [2, 0, 0, 0, 0, 0, 0, 0, 1]).diagnostic_algorithm == "other_depressive_syndrome"
    # four symptoms at >= 2 plus item 9 at 1 = five
    assert score("phq9", [2, 2, 2, 2, 0, 0, 0, 0, 1]).diagnostic_algorithm == "major_depressive_syndrome"


def test_several_days_does_not_count_for_other_items() -> None:
    assert score("phq9", [2, 1, 1, 1, 1, 1, 1, 1, 0]).diagnostic_algorithm == "none"


def test_other_instruments_have_no_diagnostic_algorithm() -> None:
    assert score("gad7", [3] * 7).diagnostic_algorithm is None
