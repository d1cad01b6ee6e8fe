"""Property tests over every shipped instrument. The expected total is computed here straight from the
raw YAML (option scores, reverse flag, scored flag) without the engine's model classes."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from porras.instruments.domain import ScoringError, instrument_ids, score

DATA = Path(__file__).resolve().parents[1] / "data"
IDS = instrument_ids()


@cache
def raw(instrument_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / f"{instrument_id}.yaml").read_text(encoding="utf-8"))
    return data


def options_of(data: dict[str, Any], item: dict[str, Any]) -> list[int]:
    opts = item["options"] if "options" in item else data["response_sets"][item["response_set"]]
    scores = [o["score"] for o in opts]
    if item.get("reverse"):
        scores = [max(scores) + min(scores) - s for s in scores]
    return scores


@st.composite
def instrument_and_answers(draw: st.DrawFn) -> tuple[str, list[int]]:
    instrument_id = draw(st.sampled_from(IDS))
    data = raw(instrument_id)
    answers = [draw(st.integers(0, len(options_of(data, it)) - 1)) for it in data["items"]]
    return instrument_id, answers


def test_every_instrument_of_the_first_set_is_shipped() -> None:
    assert set(IDS) >= {"phq9", "gad7", "oasis", "audit", "auditc", "wsas", "core10", "pdss"}


@settings(max_examples=400, deadline=None)
@given(instrument_and_answers())
def test_total_equals_the_sum_of_the_chosen_option_scores(case: tuple[str, list[int]]) -> None:
    instrument_id, answers = case
    data = raw(instrument_id)
    expected = sum(
        options_of(data, it)[a]
        for it, a in zip(data["items"], answers, strict=True)
        if it.get("scored", True)
    )
    result = score(instrument_id, answers)
    assert result.total == expected
    low, high = data["scoring"]["range"]
    assert low <= result.total <= high
    assert result.complete is True


@settings(max_examples=300, deadline=None)
@given(instrument_and_answers())
def test_severity_is_the_band_containing_the_total(case: tuple[str, list[int]]) -> None:
    instrument_id, answers = case
    data = raw(instrument_id)
    result = score(instrument_id, answers)
    bands = data.get("severity", {}).get("bands", [])
    expected = next((b["key"] for b in bands if b["min"] <= result.total <= b["max"]), None)
    assert result.severity == expected
    cut = data.get("caseness", {}).get("min_total")
    assert result.caseness == (None if cut is None else result.total >= cut)


@settings(max_examples=300, deadline=None)
@given(instrument_and_answers())
def test_subscores_and_risk_flags_follow_the_definition(case: tuple[str, list[int]]) -> None:
    instrument_id, answers = case
    data = raw(instrument_id)
    item_score = {it["id"]: options_of(data, it)[a] for it, a in zip(data["items"], answers, strict=True)}
    result = score(instrument_id, answers)
    for derived in data.get("derived", []):
        assert result.subscores[derived["id"]] == sum(item_score[i] for i in derived["items"])
    expected_flags = [
        {"item": it["id"], "value": item_score[it["id"]]}
        for it in data["items"]
        if "risk" in it and item_score[it["id"]] >= it["risk"]["min_score"]
    ]
    assert result.risk_flags == expected_flags


@settings(max_examples=200, deadline=None)
@given(instrument_and_answers(), st.data())
def test_an_out_of_range_answer_is_always_refused(case: tuple[str, list[int]], data: st.DataObject) -> None:
    instrument_id, answers = case
    raw_data = raw(instrument_id)
    index = data.draw(st.integers(0, len(answers) - 1))
    n_options = len(options_of(raw_data, raw_data["items"][index]))
    answers[index] = data.draw(st.one_of(st.integers(max_value=-1), st.integers(min_value=n_options)))
    with pytest.raises(ScoringError) as info:
        score(instrument_id, answers)
    assert info.value.errors[0]["item"] == raw_data["items"][index]["id"]


@settings(max_examples=200, deadline=None)
@given(instrument_and_answers(), st.data())
def test_a_missing_required_item_is_refused_or_prorated_never_silently_summed(
    case: tuple[str, list[int]], data: st.DataObject
) -> None:
    instrument_id, answers = case
    raw_data = raw(instrument_id)
    scored = [i for i, it in enumerate(raw_data["items"]) if it.get("scored", True)]
    index = data.draw(st.sampled_from(scored))
    answers_with_gap: list[int | None] = list(answers)
    answers_with_gap[index] = None
    rule = raw_data["scoring"]["missing"]["rule"]
    if rule == "refuse":
        with pytest.raises(ScoringError):
            score(instrument_id, answers_with_gap)
    else:
        result = score(instrument_id, answers_with_gap)
        kept = [
            options_of(raw_data, it)[a]
            for i, (it, a) in enumerate(zip(raw_data["items"], answers, strict=True))
            if i != index and it.get("scored", True)
        ]
        assert result.complete is False
        assert result.total == pytest.approx(sum(kept) * len(scored) / len(kept))


@settings(max_examples=200, deadline=None)
@given(instrument_and_answers())
def test_the_result_as_a_dict_holds_every_field_and_shares_no_list_or_dict_with_it(
    case: tuple[str, list[int]],
) -> None:
    instrument_id, answers = case
    result = score(instrument_id, answers)
    as_dict = result.to_dict()
    assert as_dict == dataclasses.asdict(result)
    for key, value in as_dict.items():
        if isinstance(value, list | dict):
            assert value is not getattr(result, key), key
    for copied, original in zip(as_dict["risk_flags"], result.risk_flags, strict=True):
        assert copied is not original
