from __future__ import annotations

import pytest

from porras.ips.domain import FidelityItemError, score_fidelity


def test_it_names_the_first_missing_item_of_a_short_list() -> None:
    with pytest.raises(FidelityItemError) as error:
        score_fidelity([3] * 24)
    assert error.value.item == 25
    assert error.value.key == "assertive_engagement"
    assert "item 25" in str(error.value)
    assert "missing" in str(error.value)


def test_it_names_an_item_left_empty() -> None:
    items: list[int | None] = [3] * 25
    items[6] = None
    with pytest.raises(FidelityItemError, match=r"item 7 \(vocational_unit\): missing"):
        score_fidelity(items)  # type: ignore[arg-type]


@pytest.mark.parametrize(("position", "value"), [(0, 0), (12, 6), (24, -1)])
def test_it_names_an_item_outside_one_to_five(position: int, value: int) -> None:
    items = [3] * 25
    items[position] = value
    with pytest.raises(FidelityItemError) as error:
        score_fidelity(items)
    assert error.value.item == position + 1
    assert "outside 1-5" in str(error.value)


@pytest.mark.parametrize("value", [True, 2.5, "3"])
def test_it_names_an_item_that_is_not_an_integer(value: object) -> None:
    items: list[object] = [3] * 25
    items[4] = value
    with pytest.raises(FidelityItemError, match=r"item 5 .*must be an integer"):
        score_fidelity(items)  # type: ignore[arg-type]


def test_it_refuses_a_twenty_sixth_item() -> None:
    with pytest.raises(FidelityItemError, match="item 26: unexpected"):
        score_fidelity([3] * 26)


def test_it_refuses_an_empty_list_by_naming_item_one() -> None:
    with pytest.raises(FidelityItemError, match="item 1 "):
        score_fidelity([])


def test_it_refuses_a_string_instead_of_a_list() -> None:
    with pytest.raises(TypeError, match="items"):
        score_fidelity("3" * 25)  # type: ignore[arg-type]
