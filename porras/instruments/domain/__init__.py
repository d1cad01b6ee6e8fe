"""Instruments: validated questionnaires as data, and exact scoring. Framework-free."""

from __future__ import annotations

from .definitions import (
    DATA_DIR,
    LANGUAGES,
    Band,
    Cutoff,
    Derived,
    DiagnosticAlgorithm,
    Instrument,
    InstrumentDefinitionError,
    Item,
    Option,
    ReliableChange,
    UnknownInstrument,
    instrument_ids,
    list_instruments,
    load_instrument,
    load_instrument_file,
    parse_instrument,
)
from .scoring import ScoreResult, ScoringError, classify_change, score, validate_answers
from .wording import WordingError, WordingKind, WordingRef

__all__ = [
    "DATA_DIR",
    "LANGUAGES",
    "Band",
    "Cutoff",
    "Derived",
    "DiagnosticAlgorithm",
    "Instrument",
    "InstrumentDefinitionError",
    "Item",
    "Option",
    "ReliableChange",
    "ScoreResult",
    "ScoringError",
    "UnknownInstrument",
    "WordingError",
    "WordingKind",
    "WordingRef",
    "classify_change",
    "instrument_ids",
    "list_instruments",
    "load_instrument",
    "load_instrument_file",
    "parse_instrument",
    "score",
    "validate_answers",
]
