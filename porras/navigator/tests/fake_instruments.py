"""A small stand-in for ``porras.instruments.domain`` (same public names and result shape).

It pins the navigator to the engine's public interface (names, result shape, errors, refusal of
incomplete answers) independently of the real definitions; the real engine is exercised in
``test_with_instruments_engine.py``. It only sums answers and names PHQ-9 bands from the cut-offs of
Kroenke et al. 2001 (5, 10, 15, 20); item texts are placeholders.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field

import pytest


class ScoringError(ValueError):
    def __init__(self, instrument, errors):
        self.instrument = instrument
        self.errors = errors
        super().__init__(f"{instrument}: {errors}")


class UnknownInstrument(KeyError):
    pass


@dataclass(frozen=True)
class ScoreResult:
    instrument: str
    version: str
    total: int | None
    severity: str | None
    caseness: bool | None
    subscores: dict = field(default_factory=dict)
    risk_flags: list = field(default_factory=list)
    complete: bool = True
    warnings: list = field(default_factory=list)


def _band(total: int) -> str:
    for edge, band in ((20, "severe"), (15, "moderately_severe"), (10, "moderate"), (5, "mild")):
        if total >= edge:
            return band
    return "minimal"


def score(instrument: str, answers):
    if instrument not in ("phq9", "auditc", "audit", "gad7"):
        raise UnknownInstrument(instrument)
    for i, answer in enumerate(answers, start=1):
        if answer is not None and not 0 <= answer <= 4:
            raise ScoringError(instrument, [{"item": str(i), "reason": f"answer {answer} is out of range"}])
    if None in answers:  # like an instrument whose missing-item rule refuses
        missing = [str(i) for i, a in enumerate(answers, start=1) if a is None]
        raise ScoringError(instrument, [{"item": i, "reason": "missing answer"} for i in missing])
    total = sum(answers)
    if instrument == "phq9":
        flags = [{"item": "9", "value": answers[8]}] if answers[8] > 0 else []
        return ScoreResult("phq9", "test", total, _band(total), total >= 10, risk_flags=flags)
    if instrument == "gad7":
        return ScoreResult("gad7", "test", total, "minimal" if total < 5 else "mild", None)
    if instrument == "audit":
        zone = "possible_dependence" if total >= 20 else "low_risk"
        return ScoreResult("audit", "test", total, zone, None)
    return ScoreResult(instrument, "test", total, None, None)


@dataclass(frozen=True)
class Option:
    text: dict


@dataclass(frozen=True)
class RiskRule:
    min_score: int


@dataclass(frozen=True)
class Item:
    id: str
    text: dict
    options: tuple
    risk: RiskRule | None = None

    def score_of(self, position: int) -> int:
        return position


@dataclass(frozen=True)
class Instrument:
    id: str
    name: dict
    items: tuple
    instructions: dict | None = None
    recall_period: dict | None = None


def _texts(label: str) -> dict:
    return {"fi": f"{label} (fi)", "sv": f"{label} (sv)", "en": label}


def validate_answers(instrument: Instrument, answers):
    errors = [
        {"item": item.id, "reason": f"answer {a} is out of range"}
        for item, a in zip(instrument.items, answers, strict=False) if a is not None and not 0 <= a <= 3
    ]
    if len(answers) > len(instrument.items):
        errors.append({"item": str(len(instrument.items) + 1), "reason": "surplus answer"})
    if errors:
        raise ScoringError(instrument.id, errors)
    return list(answers)


def load_instrument(instrument_id: str) -> Instrument:
    sizes = {"phq9": 9, "gad7": 7, "auditc": 3}
    if instrument_id not in sizes:
        raise UnknownInstrument(instrument_id)
    options = tuple(Option(_texts(f"option {n}")) for n in range(4))
    risk_item = {"phq9": 9}.get(instrument_id)
    items = tuple(
        Item(str(n), _texts(f"{instrument_id} question {n}"), options, RiskRule(1) if n == risk_item else None)
        for n in range(1, sizes[instrument_id] + 1)
    )
    return Instrument(instrument_id, _texts(instrument_id.upper()), items)


@pytest.fixture
def fake_instruments(monkeypatch):
    module = types.ModuleType("porras.instruments.domain")
    for name in ("score", "ScoreResult", "ScoringError", "UnknownInstrument", "load_instrument", "validate_answers"):
        setattr(module, name, globals()[name])
    monkeypatch.setitem(sys.modules, "porras.instruments.domain", module)
    return module
