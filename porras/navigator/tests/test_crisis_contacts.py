"""Crisis contacts: given whenever urgency is not non_urgent; configurable data; in the person's language."""

from __future__ import annotations

from porras.navigator.domain import navigate

from .conftest import person, phq9


def test_it_gives_the_national_crisis_line_numbers_as_mielenterveystalo_lists_them():
    result = navigate(person(scores={"phq9": phq9("mild", item9=1)}))
    phones = {c["phone"] for c in result["crisis_contacts"]}
    assert {"112", "09 2525 0111", "09 2525 0112"} <= phones


def test_it_lists_the_crisis_line_first_for_same_day_help():
    result = navigate(person(language="fi", scores={"phq9": phq9("mild", item9=1)}))
    assert result["crisis_contacts"][0]["phone"] == "09 2525 0111"
    assert result["crisis_contacts"][0]["name"] == "Kriisipuhelin (suomeksi)"


def test_it_lists_the_swedish_crisis_line_first_for_a_swedish_speaker():
    result = navigate(person(language="sv", scores={"phq9": phq9("mild", item9=1)}))
    assert result["crisis_contacts"][0]["phone"] == "09 2525 0112"
    assert result["crisis_contacts"][0]["name"] == "Kristelefonen (på svenska)"


def test_it_shows_no_crisis_contacts_when_not_urgent():
    assert navigate(person(scores={"phq9": phq9("severe")}))["crisis_contacts"] == []
