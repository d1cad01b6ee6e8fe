"""Use cases of the instruments app: describe instruments, store text packs, and the one writer of
scored answer sets (:func:`score_answers` then :func:`record_response`, whatever the channel)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from porras.accounts import audit
from porras.instruments.domain import (
    Instrument,
    ScoreResult,
    ScoringError,
    UnknownInstrument,
    WordingError,
    WordingKind,
    WordingRef,
    load_instrument,
    score,
)
from porras.instruments.models import Channel, InstrumentResponse, TextPack
from porras.lib import numbers
from porras.lib.errors import InputError
from porras.lib.language import current_language


def own_wording(instrument: Instrument, language: str) -> WordingRef:
    return WordingRef.own(instrument.id, instrument.version, language)


def item_texts(instrument: Instrument, language: str, text_pack: TextPack | None = None) -> dict[str, str]:
    """The item wording to show: the text pack's where it has one, else Porras's own."""
    texts = {item.id: item.text[language] for item in instrument.items}
    if text_pack is not None:
        texts.update({k: v for k, v in text_pack.texts.items() if k in texts})
    return texts


@dataclass(frozen=True)
class AnswerInWords:
    """One answer as a person reads it: the instrument's short name, the question's number and text,
    and the label of the option chosen (for a risk flag: "PHQ-9, question 9: … — On some days")."""

    instrument: str  # the abbreviation (PHQ-9)
    number: int  # the question's position in the instrument
    question: str
    answer: str  # the option's label; its score where no option has that score alone


def answer_in_words(
    instrument_id: str,
    item_id: str,
    language: str,
    *,
    answers: Sequence[int | None] | None = None,
    score: float | None = None,
    text_pack: TextPack | None = None,
) -> AnswerInWords | None:
    """An answer of a stored answer set in ``language``: the question in the wording that was shown
    when that wording (a text pack) is in ``language``, else in Porras's own wording; the option
    chosen in ``answers`` (option positions in item order), or the one option worth ``score``.
    None for an instrument or item that is gone."""
    try:
        instrument = load_instrument(instrument_id)
        item = instrument.item(str(item_id))
    except (UnknownInstrument, KeyError):
        return None
    pack = text_pack if text_pack is not None and text_pack.language == language else None
    question = item_texts(instrument, language, pack)[item.id]
    index = instrument.items.index(item)
    position = answers[index] if answers is not None and index < len(answers) else None
    if position is None and score is not None:
        matches = [p for p, s in enumerate(item.scores) if s == score]
        position = matches[0] if len(matches) == 1 else None
    if position is not None and 0 <= position < len(item.options):
        answer = item.options[position].text[language]
    else:
        answer = numbers.number(score) if score is not None else ""
    return AnswerInWords(instrument.abbreviation, item.position, question, answer)


_IN_LANGUAGE = {"fi": gettext_noop("in Finnish"), "sv": gettext_noop("in Swedish"), "en": gettext_noop("in English")}


def wording_in_words(stored: InstrumentResponse) -> str:
    """Which wording an answer set was given in, as a person reads it ("Porras's own wording, in
    Swedish"; an imported text pack by its name; an external questionnaire by its address), in the
    current language. The API keeps the reference's text form (``porras:phq9:1.0.0:sv``)."""
    try:
        ref = WordingRef.parse(stored.wording)
    except WordingError:
        return stored.wording
    if ref.kind == WordingKind.OWN:
        language = _IN_LANGUAGE.get(ref.language or stored.language)
        own = gettext("Porras's own wording")
        return f"{own}, {gettext(language)}" if language else own
    if ref.kind == WordingKind.TEXT_PACK:
        pack = stored.text_pack
        return gettext("imported wording “%(name)s”") % {"name": pack.name} if pack else stored.wording
    if ref.kind == WordingKind.QUESTIONNAIRE:
        return gettext("the questionnaire %(url)s") % {"url": ref.url}
    return ref.note


def describe(
    instrument: Instrument, language: str | None = None, text_pack: TextPack | None = None
) -> dict[str, Any]:
    """Everything a form or an integrator needs, with sources for every number."""
    lang = language if language in ("fi", "sv", "en") else current_language()
    texts = item_texts(instrument, lang, text_pack)
    return {
        "id": instrument.id,
        "version": instrument.version,
        "abbreviation": instrument.abbreviation,
        "name": instrument.name[lang],
        "language": lang,
        "wording": str(text_pack.wording_ref if text_pack else own_wording(instrument, lang)),
        "instructions": instrument.instructions[lang] if instrument.instructions else None,
        "licence": instrument.licence,
        "range": list(instrument.score_range),
        "loinc": {"panel": instrument.loinc_panel, "total": instrument.loinc_total},
        "missing_rule": {"rule": instrument.missing.rule, "max_missing": instrument.missing.max_missing},
        "items": [
            {
                "id": item.id,
                "position": item.position,
                "text": texts[item.id],
                "scored": item.scored,
                "required": item.required,
                "reverse": item.reverse,
                "risk": item.risk is not None,
                "loinc": item.loinc,
                "options": [
                    {"position": p, "code": o.code, "text": o.text[lang], "score": s if item.scored else None}
                    for p, (o, s) in enumerate(zip(item.options, item.scores, strict=True))
                ],
            }
            for item in instrument.items
        ],
        "severity_bands": [
            {"key": b.key, "min": b.min, "max": b.max, "label": b.label[lang]}
            for b in instrument.severity_bands
        ],
        "severity_source": instrument.severity_source,
        "caseness": (
            {"min_total": instrument.caseness.min_total, "source": instrument.caseness.source}
            if instrument.caseness
            else None
        ),
        "reliable_change": (
            {"threshold": instrument.reliable_change.threshold, "source": instrument.reliable_change.source}
            if instrument.reliable_change
            else None
        ),
        "derived": [
            {"id": d.id, "kind": d.kind, "items": list(d.items), "source": d.source}
            for d in instrument.derived
        ],
        "sources": [dict(s) for s in instrument.sources.values()],
    }


def save_text_pack(
    instrument_id: str, language: str, name: str, *, source: str, texts: dict[str, str], actor: Any = None
) -> TextPack:
    """Store (or replace) official wording of one instrument in one language. The texts come from
    a reader of some format (the FHIR app reads them from a Questionnaire)."""
    instrument = load_instrument(instrument_id)
    known = {item.id for item in instrument.items}
    unknown = sorted(set(texts) - known)
    if unknown:
        raise InputError.of("texts", f"{instrument_id} has no item(s) {', '.join(unknown)}")
    user = getattr(actor, "user", actor)
    with transaction.atomic():
        pack, _ = TextPack.objects.update_or_create(
            instrument=instrument_id,
            language=language,
            name=name[:200],
            defaults={
                "source": source[:500],
                "texts": dict(texts),
                "imported_by": user if getattr(user, "pk", None) else None,
            },
        )
        audit.record(
            actor, "import", "text_pack", pack.pk, detail={"instrument": instrument_id, "language": language}
        )
    return pack


@dataclass(frozen=True)
class ScoredAnswers:
    """An answer set scored by the engine, not yet stored: what :func:`record_response` writes.
    Made by :func:`score_answers` (or by a channel that scored the same answers with the engine)."""

    instrument: Instrument
    answers: tuple[int | None, ...]
    result: ScoreResult


def score_answers(instrument: str | Instrument, answers: Sequence[Any]) -> ScoredAnswers:
    """Score option positions. Raises :class:`InputError`: ``instrument`` when it is unknown, else one
    error per bad item (``{"item", "reason"}``); nothing is stored."""
    if not isinstance(instrument, Instrument):
        try:
            instrument = load_instrument(instrument)
        except UnknownInstrument as exc:
            raise InputError.of("instrument", str(exc)) from None
    try:
        result = score(instrument, answers)
    except ScoringError as exc:
        raise InputError([{"item": e.get("item"), "reason": e.get("reason")} for e in exc.errors]) from None
    return ScoredAnswers(instrument, tuple(answers), result)


def _resolve_wording(
    scored: ScoredAnswers, wording: WordingRef | None, language: str, field: str
) -> tuple[WordingRef, TextPack | None, str]:
    instrument = scored.instrument
    ref = wording or WordingRef(WordingKind.OWN)
    if ref.kind == WordingKind.OWN:
        try:
            ref = ref.completed(instrument.id, instrument.version, ref.language or language)
        except WordingError as exc:
            raise InputError.of(field, str(exc)) from None
        return ref, None, ref.language
    if ref.kind == WordingKind.TEXT_PACK:
        assert ref.pack_id is not None
        pack = TextPack.objects.filter(pk=ref.pack_id, instrument=instrument.id).first()
        if pack is None:
            raise InputError.of(field, f"there is no text pack {ref.pack_id} of {instrument.id}")
        return ref, pack, pack.language
    if ref.kind == WordingKind.QUESTIONNAIRE:
        return ref, None, language
    raise InputError.of(field, "legacy wording notes are not written anew")


def record_response(
    scored: ScoredAnswers,
    *,
    channel: Channel | str,
    wording: WordingRef | None = None,
    language: str | None = None,
    actor: Any = None,
    field: str = "wording",
) -> InstrumentResponse:
    """The one writer of a scored answer set (web form, API, FHIR, care measurements).

    ``wording`` defaults to Porras's own wording in ``language``; a text pack must be one of this
    instrument's (else :class:`InputError` naming ``field``). Call inside the caller's transaction
    when the answers belong to a larger write (a care measurement, a FHIR record)."""
    lang = language if language in ("fi", "sv", "en") else ""
    ref, pack, stored_language = _resolve_wording(scored, wording, lang, field)
    user = getattr(actor, "user", actor)
    result = scored.result
    with transaction.atomic():
        return InstrumentResponse.objects.create(
            instrument=scored.instrument.id,
            instrument_version=scored.instrument.version,
            channel=Channel(channel),
            answers=list(scored.answers),
            total=result.total,
            severity=result.severity or "",
            caseness=result.caseness,
            has_risk=bool(result.risk_flags),
            result=result.to_dict(),
            language=stored_language,
            wording=str(ref),
            text_pack=pack,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
