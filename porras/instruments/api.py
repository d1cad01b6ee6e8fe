"""``/api/v1/instruments``: the instrument definitions and stateless scoring (no client data)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from porras.instruments import services
from porras.instruments.domain import (
    ScoringError,
    UnknownInstrument,
    list_instruments,
    load_instrument,
    score,
)
from porras.instruments.models import TextPack
from porras.lib.errors import InputError, NotFound
from porras.lib.language import UI_LANGUAGES, current_language
from porras.lib.schema import Input

router = Router(tags=["instruments"])


class InstrumentSummary(Schema):
    id: str
    version: str
    abbreviation: str
    name: str
    items: int
    range: list[int]
    caseness_min_total: float | None
    reliable_change: float | None
    loinc_panel: str | None
    loinc_total: str | None


class ErrorOut(Schema):
    error: str
    detail: Any


class OptionOut(Schema):
    position: int
    code: str
    text: str
    score: int | None


class ItemOut(Schema):
    id: str
    position: int
    text: str
    scored: bool
    required: bool
    reverse: bool
    risk: bool
    loinc: str | None
    options: list[OptionOut]


class BandOut(Schema):
    key: str
    min: int
    max: int
    label: str


class SourcedNumber(Schema):
    source: str


class CutoffOut(SourcedNumber):
    min_total: float


class ReliableChangeOut(SourcedNumber):
    threshold: float


class DerivedOut(Schema):
    id: str
    kind: str
    items: list[str]
    source: str


class SourceOut(Schema):
    id: str
    citation: str
    url: str | None = None


class InstrumentDetail(Schema):
    id: str
    version: str
    abbreviation: str
    name: str
    language: str
    wording: str
    instructions: str | None
    licence: str
    range: list[int]
    loinc: dict[str, str | None]
    missing_rule: dict[str, Any]
    items: list[ItemOut]
    severity_bands: list[BandOut]
    severity_source: str | None
    caseness: CutoffOut | None
    reliable_change: ReliableChangeOut | None
    derived: list[DerivedOut]
    sources: list[SourceOut]


class ScoreIn(Input):
    # Any, not int: the engine itself refuses what is not an option position (true, 1.0, "1"), naming
    # the item, instead of a schema coercing true to 1.
    answers: list[Any] = Field(max_length=200, description="option positions in item order (0 = first option)")


class ScoreOut(Schema):
    instrument: str
    version: str
    total: int | float | None
    severity: str | None
    caseness: bool | None
    subscores: dict[str, int | float]
    risk_flags: list[dict[str, Any]]
    complete: bool
    warnings: list[str]
    item_scores: list[int | None]
    subscore_caseness: dict[str, bool]
    diagnostic_algorithm: str | None
    scored_item_scores: list[int | None]


def _query_or_current_language(language: str | None) -> str:
    """The language asked for in the query, else the request's."""
    return language if language in UI_LANGUAGES else current_language()


def _instrument(instrument_id: str) -> Any:
    try:
        return load_instrument(instrument_id)
    except UnknownInstrument as exc:
        raise NotFound(str(exc)) from None


@router.get("/instruments", response=list[InstrumentSummary], auth=None, summary="Validated questionnaires")
def list_all(request: HttpRequest, language: str | None = None) -> list[dict[str, Any]]:
    lang = _query_or_current_language(language)
    return [
        {
            "id": i.id,
            "version": i.version,
            "abbreviation": i.abbreviation,
            "name": i.name[lang],
            "items": len(i.items),
            "range": list(i.score_range),
            "caseness_min_total": i.caseness.min_total if i.caseness else None,
            "reliable_change": i.reliable_change.threshold if i.reliable_change else None,
            "loinc_panel": i.loinc_panel,
            "loinc_total": i.loinc_total,
        }
        for i in list_instruments()
    ]


@router.get(
    "/instruments/{instrument_id}", response=dict[str, Any], auth=None, summary="One instrument in full"
)
def detail(
    request: HttpRequest, instrument_id: str, language: str | None = None, text_pack: int | None = None
) -> dict[str, Any]:
    instrument = _instrument(instrument_id)
    pack = None
    if text_pack is not None:
        pack = TextPack.objects.filter(pk=text_pack, instrument=instrument.id).first()
        if pack is None:
            raise NotFound(f"no text pack {text_pack} for {instrument.id}")
    lang = pack.language if pack else _query_or_current_language(language)
    return services.describe(instrument, lang, pack)


@router.post(
    "/instruments/{instrument_id}/score",
    response={200: ScoreOut, 404: ErrorOut, 422: ErrorOut},
    auth=None,
    summary="Score answers (option positions, 0 = first option, in item order)",
)
def score_answers(request: HttpRequest, instrument_id: str, payload: ScoreIn) -> dict[str, Any]:
    instrument = _instrument(instrument_id)
    try:
        return score(instrument, payload.answers).to_dict()
    except ScoringError as exc:
        raise InputError(exc.errors) from None
