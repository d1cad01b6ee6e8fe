"""The scoring engine: option positions in, an exact result out. No framework imports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .definitions import DiagnosticAlgorithm, Instrument, load_instrument

Number = int | float


class ScoringError(ValueError):
    """The answers cannot be scored. ``errors`` is a list of ``{"item": ..., "reason": ...}``."""

    def __init__(self, instrument: str, errors: list[dict[str, Any]]) -> None:
        self.instrument = instrument
        self.errors = errors
        detail = "; ".join(f"item {e['item']}: {e['reason']}" for e in errors)
        super().__init__(f"{instrument}: {detail}")


@dataclass(frozen=True)
class ScoreResult:
    """The result of scoring one completed questionnaire.

    ``total`` is an ``int`` for complete answers and a ``float`` when the instrument's missing-item
    rule prorated it. ``risk_flags`` holds ``{"item": item id, "value": item score}`` for every risk
    item answered at or above its risk threshold. ``diagnostic_algorithm`` is the key of the first
    matching rule of the instrument's diagnostic algorithm (PHQ-9: ``major_depressive_syndrome``,
    ``other_depressive_syndrome`` or ``none``), ``None`` if the instrument has none or it could not
    be evaluated. ``item_scores`` holds one score per item (``None`` for an unanswered or unscored
    item, such as PHQ-9 item 10); ``scored_item_scores`` only those of the scored items, in item
    order: what a stored measurement and the interchange format's ``items`` keep.
    """

    instrument: str
    version: str
    total: Number | None
    severity: str | None
    caseness: bool | None
    subscores: dict[str, Number] = field(default_factory=dict)
    risk_flags: list[dict[str, Any]] = field(default_factory=list)
    complete: bool = True
    warnings: list[str] = field(default_factory=list)
    item_scores: list[int | None] = field(default_factory=list)
    subscore_caseness: dict[str, bool] = field(default_factory=dict)
    diagnostic_algorithm: str | None = None
    scored_item_scores: list[int | None] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A plain, independent copy: what ``dataclasses.asdict`` gives, without its generic deep copy
        (0.022 ms of a 0.35 ms scoring request; this takes 0.001 ms: BENCHMARKS.md section 5)."""
        return {
            "instrument": self.instrument,
            "version": self.version,
            "total": self.total,
            "severity": self.severity,
            "caseness": self.caseness,
            "subscores": dict(self.subscores),
            "risk_flags": [dict(flag) for flag in self.risk_flags],
            "complete": self.complete,
            "warnings": list(self.warnings),
            "item_scores": list(self.item_scores),
            "subscore_caseness": dict(self.subscore_caseness),
            "diagnostic_algorithm": self.diagnostic_algorithm,
            "scored_item_scores": list(self.scored_item_scores),
        }


def _range_text(n_options: int) -> str:
    return f"0–{n_options - 1}"


def validate_answers(instrument: Instrument, answers: Sequence[Any]) -> list[int | None]:
    """Check shape and range; return one position (or None) per item. Raises ScoringError."""
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise ScoringError(
            instrument.id, [{"item": None, "reason": "answers must be a list of option positions"}]
        )
    errors: list[dict[str, Any]] = []
    items = instrument.items
    for extra in range(len(items), len(answers)):
        errors.append(
            {
                "item": str(extra + 1),
                "reason": f"surplus answer at position {extra + 1}: {instrument.id} has {len(items)} items",
            }
        )
    positions: list[int | None] = []
    for item, answer in zip(items, list(answers) + [None] * (len(items) - len(answers)), strict=False):
        allowed = f"allowed option positions {_range_text(len(item.options))}"
        if answer is None:
            positions.append(None)
        elif isinstance(answer, bool) or not isinstance(answer, int):
            errors.append({"item": item.id, "reason": f"answer {answer!r} is not an integer; {allowed}"})
            positions.append(None)
        elif not 0 <= answer < len(item.options):
            errors.append({"item": item.id, "reason": f"answer {answer} is out of range; {allowed}"})
            positions.append(None)
        else:
            positions.append(answer)
    if errors:
        raise ScoringError(instrument.id, errors)
    return positions


def _diagnostic(algo: DiagnosticAlgorithm, scores: dict[str, int | None]) -> str | None:
    if any(scores.get(i) is None for i in algo.symptom_items):
        return None
    present = {i for i in algo.symptom_items if (scores[i] or 0) >= algo.threshold_for(i)}
    for rule in algo.rules:
        count_ok = len(present) >= rule.min_count and (
            rule.max_count is None or len(present) <= rule.max_count
        )
        required_ok = not rule.required_any or bool(present.intersection(rule.required_any))
        if count_ok and required_ok:
            return rule.key
    return algo.otherwise


def score(instrument_id: str | Instrument, answers: Sequence[int | None]) -> ScoreResult:
    """Score answers given as option positions (0 = first option shown), in item order.

    A list shorter than the instrument leaves its trailing items unanswered. Unanswered required
    items follow the instrument's missing-item rule: ``refuse`` raises ScoringError naming each
    missing item; ``prorate`` scales the total up to all scored items when at most ``max_missing``
    are missing, marks the result incomplete and warns.
    """
    instrument = instrument_id if isinstance(instrument_id, Instrument) else load_instrument(instrument_id)
    positions = validate_answers(instrument, answers)

    item_scores: list[int | None] = []
    by_id: dict[str, int | None] = {}
    for item, pos in zip(instrument.items, positions, strict=True):
        value = None if pos is None or not item.scored else item.score_of(pos)
        item_scores.append(value)
        by_id[item.id] = value

    warnings: list[str] = []
    missing = [it for it, pos in zip(instrument.items, positions, strict=True) if pos is None and it.required]
    missing_scored = [it for it in missing if it.scored]
    if missing:
        rule = instrument.missing
        if (
            rule.rule != "prorate"
            or len(missing_scored) > rule.max_missing
            or len(missing) > len(missing_scored)
        ):
            if rule.rule == "prorate":
                policy = f"{instrument.id} allows at most {rule.max_missing} missing item(s)"
            else:
                policy = f"{instrument.id} does not allow missing items"
            raise ScoringError(
                instrument.id,
                [
                    {
                        "item": it.id,
                        "reason": f"missing answer ({policy}); allowed option positions "
                        f"{_range_text(len(it.options))}",
                    }
                    for it in missing
                ],
            )

    scored = instrument.scored_items
    answered = [by_id[it.id] for it in scored if by_id[it.id] is not None]
    raw_total = sum(v for v in answered if v is not None)
    total: Number
    complete = not missing_scored
    if complete:
        total = raw_total
    else:
        total = raw_total * len(scored) / len(answered)
        warnings.append(
            f"total prorated from {len(answered)} of {len(scored)} items "
            f"(missing: {', '.join(it.id for it in missing_scored)})"
        )

    risk_flags: list[dict[str, Any]] = []
    for item in instrument.items:
        if item.risk is None:
            continue
        value = by_id[item.id]
        if value is None:
            warnings.append(f"risk item {item.id} was not answered: ask about it directly")
        elif value >= item.risk.min_score:
            risk_flags.append({"item": item.id, "value": value})

    severity = None
    for band in instrument.severity_bands:
        if band.min <= total:
            severity = band.key
    caseness = None if instrument.caseness is None else total >= instrument.caseness.min_total

    subscores: dict[str, Number] = {}
    subscore_caseness: dict[str, bool] = {}
    for derived in instrument.derived:
        values = [by_id[i] for i in derived.items]
        if any(v is None for v in values):
            warnings.append(f"{derived.id} not computed: item(s) missing")
            continue
        sub = sum(v for v in values if v is not None)
        subscores[derived.id] = sub
        if derived.caseness is not None:
            subscore_caseness[derived.id] = sub >= derived.caseness.min_total

    diagnostic = None
    if instrument.diagnostic_algorithm is not None:
        diagnostic = _diagnostic(instrument.diagnostic_algorithm, by_id)

    return ScoreResult(
        instrument=instrument.id,
        version=instrument.version,
        total=total,
        severity=severity,
        caseness=caseness,
        subscores=subscores,
        risk_flags=risk_flags,
        complete=complete,
        warnings=warnings,
        item_scores=item_scores,
        subscore_caseness=subscore_caseness,
        diagnostic_algorithm=diagnostic,
        scored_item_scores=[by_id[item.id] for item in scored],
    )


def classify_change(instrument_id: str | Instrument, first: Number, last: Number) -> str | None:
    """``reliable_improvement`` / ``reliable_deterioration`` / ``no_reliable_change`` between two
    totals (higher = worse for every instrument shipped), or None without a sourced threshold."""
    instrument = instrument_id if isinstance(instrument_id, Instrument) else load_instrument(instrument_id)
    if instrument.reliable_change is None:
        return None
    threshold = instrument.reliable_change.threshold
    if first - last >= threshold:
        return "reliable_improvement"
    if last - first >= threshold:
        return "reliable_deterioration"
    return "no_reliable_change"
