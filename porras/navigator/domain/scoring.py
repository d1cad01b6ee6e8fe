"""Turn the input's ``responses`` and ``scores`` into one shape the rules read.

Raw responses are scored through the instruments engine's public interface
(``porras.instruments.domain.score``), imported lazily so the navigator works with the ``scores`` form
even where the instruments engine is not installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import FieldError, NavigatorInputError
from .inputs import NavigatorInput

AUDITC_ITEMS_IN_AUDIT = 3  # AUDIT-C is AUDIT items 1-3 (Bush et al. 1998)


@dataclass(frozen=True)
class InstrumentScore:
    """One instrument's result as the rules see it."""

    instrument: str
    total: float | None
    severity: str | None
    # Items the instrument marks as risk items, with their answer scores (None = unanswered).
    risk_items: Mapping[str, int | None] = field(default_factory=dict)
    # Item scores when the result came from responses; lets a rule read an item by number.
    answers: tuple[int | None, ...] | None = None
    derived_from: str | None = None

    def item_value(self, item: str) -> int | None:
        """The score of an item by number; None when it was not answered or not given at all."""
        if item in self.risk_items:
            return self.risk_items[item]
        if self.answers is not None:
            index = int(item) - 1
            if 0 <= index < len(self.answers):
                return self.answers[index]
        return None


def _engine() -> Any:
    try:
        return importlib.import_module("porras.instruments.domain")
    except ImportError:
        return None


def collect_scores(inp: NavigatorInput) -> dict[str, InstrumentScore]:
    """All instrument results of the input; raw responses are scored (errors name the answer)."""
    out: dict[str, InstrumentScore] = {
        instrument: InstrumentScore(instrument, s.total, s.severity, dict(s.risk_items))
        for instrument, s in inp.scores.items()
    }
    if not inp.responses:
        return out
    engine = _engine()
    if engine is None:
        raise NavigatorInputError([
            FieldError(f"responses.{name}", "raw answers cannot be scored here (the instruments engine is "
                       "not installed); send the results in 'scores' instead")
            for name in inp.responses
        ])
    errors: list[FieldError] = []
    for instrument, answers in inp.responses.items():
        try:
            result = engine.score(instrument, list(answers))
        except engine.UnknownInstrument:
            errors.append(FieldError(f"responses.{instrument}", "is not an instrument the engine knows"))
            continue
        except engine.ScoringError as exc:
            incomplete = _incomplete(engine, instrument, answers)
            if incomplete is not None:
                # Refused only for missing answers: keep the answers so no risk answer is lost.
                out[instrument] = incomplete
                continue
            item_errors = getattr(exc, "errors", None)
            if item_errors:
                name = f"responses.{instrument}"
                errors += [FieldError(name, f"item {e['item']}: {e['reason']}") for e in item_errors]
            else:
                errors.append(FieldError(f"responses.{instrument}", str(exc)))
            continue
        flags = {str(flag["item"]): flag["value"] for flag in (result.risk_flags or [])}
        # Item scores (reverse scoring applied) where the engine gives them, else the positions.
        item_scores = getattr(result, "item_scores", None) or answers
        out[instrument] = InstrumentScore(
            instrument, result.total, result.severity, flags, answers=tuple(item_scores)
        )
    if errors:
        raise NavigatorInputError(errors)
    # AUDIT-C can be read off a full AUDIT when it was not given on its own.
    if "audit" in inp.responses and "auditc" not in out:
        first = inp.responses["audit"][:AUDITC_ITEMS_IN_AUDIT]
        if len(first) == AUDITC_ITEMS_IN_AUDIT and None not in first:
            try:
                result = engine.score("auditc", list(first))
            except (engine.UnknownInstrument, engine.ScoringError):
                return out
            out["auditc"] = InstrumentScore(
                "auditc", result.total, result.severity, answers=tuple(first), derived_from="audit"
            )
    return out


def _incomplete(engine: Any, instrument: str, answers: tuple[int | None, ...]) -> InstrumentScore | None:
    """The result of answers the engine refused only because some are missing, else None.

    The answers themselves must pass the engine's shape-and-range check; the risk items the
    instrument definition marks keep their scores, so a risk answer in an unfinished questionnaire
    still counts.
    """
    if None not in answers:
        return None
    try:
        definition = engine.load_instrument(instrument)
        engine.validate_answers(definition, list(answers))
    except (AttributeError, engine.UnknownInstrument, engine.ScoringError):
        return None
    risk_items: dict[str, int | None] = {}
    for index, item in enumerate(definition.items):
        if getattr(item, "risk", None) is None:
            continue
        position = answers[index] if index < len(answers) else None
        risk_items[str(item.id)] = None if position is None else item.score_of(position)
    return InstrumentScore(instrument, None, None, risk_items, answers=answers)
