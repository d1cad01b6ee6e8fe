"""Use cases of the instruments app: describe instruments, import text packs, store responses."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import transaction

from porras.accounts import audit
from porras.fhir.domain import FhirInputError, import_text_pack
from porras.instruments.domain import Instrument, ScoreResult, load_instrument, score
from porras.instruments.models import InstrumentResponse, TextPack


class TextPackError(ValueError):
    """A text pack cannot be imported (bad file, no matching item)."""


def _language(language: str | None) -> str:
    return language if language in ("fi", "sv", "en") else "fi"


def own_wording_ref(instrument: Instrument, language: str) -> str:
    return f"porras:{instrument.id}:{instrument.version}:{language}"


def item_texts(instrument: Instrument, language: str, text_pack: TextPack | None = None) -> dict[str, str]:
    """The item wording to show: the text pack's where it has one, else Porras's own."""
    texts = {item.id: item.text[language] for item in instrument.items}
    if text_pack is not None:
        texts.update({k: v for k, v in text_pack.texts.items() if k in texts})
    return texts


def describe(
    instrument: Instrument, language: str | None = None, text_pack: TextPack | None = None
) -> dict[str, Any]:
    """Everything a form or an integrator needs, with sources for every number."""
    lang = _language(language)
    texts = item_texts(instrument, lang, text_pack)
    return {
        "id": instrument.id,
        "version": instrument.version,
        "abbreviation": instrument.abbreviation,
        "name": instrument.name[lang],
        "language": lang,
        "wording": text_pack.wording_ref if text_pack else own_wording_ref(instrument, lang),
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


def import_text_pack_file(
    path: Path | str, instrument_id: str, language: str, *, name: str | None = None, actor: Any = None
) -> TextPack:
    """Import (or replace) a text pack from a FHIR Questionnaire JSON file."""
    import json

    path = Path(path)
    load_instrument(instrument_id)  # UnknownInstrument early
    try:
        resource = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TextPackError(f"{path.name}: cannot read a JSON Questionnaire ({exc})") from exc
    try:
        texts = import_text_pack(resource, instrument_id, language)
    except FhirInputError as exc:
        raise TextPackError(f"{path.name}: {exc}") from exc
    source = str(resource.get("url") or path.name)
    pack_name = name or str(resource.get("title") or resource.get("name") or path.stem)
    with transaction.atomic():
        pack, _ = TextPack.objects.update_or_create(
            instrument=instrument_id,
            language=language,
            name=pack_name,
            defaults={
                "source": source,
                "texts": texts,
                "imported_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        audit.record(
            actor, "import", "text_pack", pack.pk, detail={"instrument": instrument_id, "language": language}
        )
    return pack


def record_response(
    instrument_id: str,
    answers: Sequence[int | None],
    *,
    channel: str,
    language: str | None = None,
    text_pack: TextPack | None = None,
    wording: str | None = None,
    actor: Any = None,
) -> tuple[InstrumentResponse, ScoreResult]:
    """Score and store one response with the wording shown. Raises ScoringError before storing."""
    instrument = load_instrument(instrument_id)
    result = score(instrument, answers)
    lang = _language(language)
    if wording is None:
        wording = text_pack.wording_ref if text_pack else own_wording_ref(instrument, lang)
    user = getattr(actor, "user", actor)
    with transaction.atomic():
        stored = InstrumentResponse.objects.create(
            instrument=instrument.id,
            instrument_version=instrument.version,
            channel=channel,
            answers=list(answers),
            total=result.total,
            severity=result.severity or "",
            caseness=result.caseness,
            has_risk=bool(result.risk_flags),
            result=result.to_dict(),
            language=lang,
            wording=wording,
            text_pack=text_pack,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
    return stored, result
