"""Turn the input's ``responses`` and ``scores`` into one shape the rules read.

Raw responses are scored by a :class:`Scorer` passed in by the caller: the navigator's port to a
questionnaire engine. The service layer passes the instruments engine (``porras.navigator.scorer``);
the domain imports no engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .errors import FieldError
from .inputs import NavigatorInput

AUDITC_ITEMS_IN_AUDIT = 3  # AUDIT-C is AUDIT items 1-3 (Bush et al. 1998)


class UnknownInstrument(LookupError):
    """The scorer does not know this instrument."""


@dataclass(frozen=True)
class ItemProblem:
    """Why one item's answer cannot be used."""

    item: str
    reason: str


@dataclass(frozen=True)
class Scored:
    """One questionnaire's answers as the scorer reads them.

    ``total`` and ``severity`` are None when the answers cannot be scored: ``missing`` names the
    required items left unanswered beyond what the instrument's missing-item rule allows, ``invalid``
    the answers that are not options of their item. ``risk_items`` holds every item the instrument
    marks as a risk item, with its score whenever that one answer is a valid option (None when it was
    not answered), so that a risk answer counts even in a questionnaire that cannot be scored.
    """

    total: float | None
    severity: str | None
    item_scores: tuple[int | None, ...] = ()
    risk_items: Mapping[str, int | None] = field(default_factory=dict)
    missing: tuple[ItemProblem, ...] = ()
    invalid: tuple[ItemProblem, ...] = ()


class Scorer(Protocol):
    """Scores one instrument's answers (option positions, None = unanswered), in item order; raises
    :class:`UnknownInstrument` for an instrument it does not know."""

    def __call__(self, instrument: str, answers: Sequence[int | None], /) -> Scored: ...


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
    # Required items whose answers are missing beyond the instrument's missing-item rule.
    missing: tuple[ItemProblem, ...] = ()

    def item_value(self, item: str) -> int | None:
        """The score of an item by number; None when it was not answered or not given at all."""
        if item in self.risk_items:
            return self.risk_items[item]
        if self.answers is not None:
            index = int(item) - 1
            if 0 <= index < len(self.answers):
                return self.answers[index]
        return None


def collect_scores(
    inp: NavigatorInput, score: Scorer | None
) -> tuple[dict[str, InstrumentScore], list[FieldError]]:
    """All instrument results of the input, and the problems of raw answers, each naming its item.

    An instrument whose answers cannot be used is still in the results with no total, keeping its
    readable risk answers, so that no risk answer is lost whatever else is wrong.
    """
    out: dict[str, InstrumentScore] = {
        instrument: InstrumentScore(instrument, s.total, s.severity, dict(s.risk_items))
        for instrument, s in inp.scores.items()
    }
    errors: list[FieldError] = []
    if not inp.responses:
        return out, errors
    if score is None:
        raise TypeError("navigate(): raw 'responses' need a scorer (pass score=...)")
    for instrument, answers in inp.responses.items():
        name = f"responses.{instrument}"
        try:
            result = score(instrument, answers)
        except UnknownInstrument:
            errors.append(FieldError(name, "is not an instrument the engine knows"))
            continue
        errors += [FieldError(name, f"item {p.item}: {p.reason}", item=p.item) for p in result.invalid]
        out[instrument] = InstrumentScore(
            instrument, result.total, result.severity, dict(result.risk_items),
            answers=result.item_scores, missing=() if result.invalid else result.missing,
        )
    # AUDIT-C can be read off a full AUDIT when it was not given on its own.
    if "audit" in inp.responses and "auditc" not in out:
        first = inp.responses["audit"][:AUDITC_ITEMS_IN_AUDIT]
        if len(first) == AUDITC_ITEMS_IN_AUDIT and None not in first:
            try:
                auditc = score("auditc", first)
            except UnknownInstrument:
                return out, errors
            if auditc.total is not None:
                out["auditc"] = InstrumentScore(
                    "auditc", auditc.total, auditc.severity, answers=auditc.item_scores, derived_from="audit"
                )
    return out, errors
