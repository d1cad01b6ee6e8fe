"""The navigator's scorer: the instruments engine behind the domain's :class:`Scorer` port.

Framework-free like both domains it joins; the service layer passes :func:`score_answers` to
``navigate``. Each instrument's own missing-item rule decides what can be scored (PHQ-9 refuses any
missing answer; CORE-10 prorates one).
"""

from __future__ import annotations

from collections.abc import Sequence

from porras.instruments import domain as instruments
from porras.navigator.domain.scoring import ItemProblem, Scored, UnknownInstrument


def _valid_position(item: instruments.Item, answer: object) -> int | None:
    """The answer when it is one of the item's option positions, else None."""
    if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(item.options):
        return answer
    return None


def score_answers(instrument_id: str, answers: Sequence[int | None]) -> Scored:
    """Score option positions (None = unanswered) with the instruments engine."""
    try:
        definition = instruments.load_instrument(instrument_id)
    except instruments.UnknownInstrument as exc:
        raise UnknownInstrument(instrument_id) from exc
    padded = list(answers) + [None] * (len(definition.items) - len(answers))
    positions = [_valid_position(item, answer) for item, answer in zip(definition.items, padded, strict=False)]
    item_scores = tuple(
        None if pos is None or not item.scored else item.score_of(pos)
        for item, pos in zip(definition.items, positions, strict=True)
    )
    risk_items = {
        item.id: None if pos is None else item.score_of(pos)
        for item, pos in zip(definition.items, positions, strict=True) if item.risk is not None
    }
    try:
        instruments.validate_answers(definition, list(answers))
    except instruments.ScoringError as exc:
        invalid = tuple(ItemProblem(str(e["item"] or ""), str(e["reason"])) for e in exc.errors)
        return Scored(None, None, item_scores, risk_items, invalid=invalid)
    try:
        result = instruments.score(definition, list(answers))
    except instruments.ScoringError as exc:  # refused by the instrument's missing-item rule
        missing = tuple(ItemProblem(str(e["item"]), str(e["reason"])) for e in exc.errors)
        return Scored(None, None, item_scores, risk_items, missing=missing)
    return Scored(result.total, result.severity, tuple(result.item_scores), risk_items)
