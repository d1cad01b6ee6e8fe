"""Build R4 Questionnaires from instrument definitions (LOINC codes, scores as extensions)."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire

from porras.instruments.domain import LANGUAGES, Instrument, Item, load_instrument

DEFAULT_BASE_URL = "https://porras.example/fhir"
LOINC = "http://loinc.org"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
TOTAL_LINK_ID = "total"
INSTRUCTIONS_LINK_ID = "instructions"


def questionnaire_url(instrument_id: str, base_url: str = DEFAULT_BASE_URL) -> str:
    return f"{base_url.rstrip('/')}/Questionnaire/{instrument_id}"


def answer_system(instrument_id: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """Code system of an instrument's own answer codes (used where an option has no LOINC answer code)."""
    return f"{base_url.rstrip('/')}/CodeSystem/{instrument_id}-answers"


def score_system(base_url: str = DEFAULT_BASE_URL) -> str:
    """Code system for Porras score codes where LOINC has none (``phq9-total``, ``core10-total``…)."""
    return f"{base_url.rstrip('/')}/CodeSystem/porras-scores"


def severity_system(base_url: str = DEFAULT_BASE_URL) -> str:
    return f"{base_url.rstrip('/')}/CodeSystem/porras-severity"


def _translations(texts: Any, language: str) -> dict[str, Any]:
    return {
        "extension": [
            {
                "url": TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": lang},
                    {"url": "content", "valueString": texts[lang]},
                ],
            }
            for lang in LANGUAGES
            if lang != language
        ]
    }


def _item(instrument: Instrument, item: Item, language: str, base_url: str) -> dict[str, Any]:
    options = []
    for option, item_score in zip(item.options, item.scores, strict=True):
        coding: dict[str, Any]
        if option.loinc:
            coding = {"system": LOINC, "code": option.loinc, "display": option.text[language]}
        else:
            coding = {
                "system": answer_system(instrument.id, base_url),
                "code": option.code,
                "display": option.text[language],
            }
        coding["_display"] = _translations(option.text, language)
        entry: dict[str, Any] = {"valueCoding": coding}
        if item.scored:
            entry["extension"] = [
                {"url": ORDINAL_VALUE, "valueDecimal": item_score},
                {"url": ITEM_WEIGHT, "valueDecimal": item_score},
            ]
        options.append(entry)
    node: dict[str, Any] = {
        "linkId": item.id,
        "prefix": f"{item.position}.",
        "text": item.text[language],
        "_text": _translations(item.text, language),
        "type": "choice",
        "required": item.required,
        "answerOption": options,
    }
    if item.loinc:
        node["code"] = [{"system": LOINC, "code": item.loinc}]
    return node


def build_questionnaire(
    instrument: str | Instrument, *, base_url: str = DEFAULT_BASE_URL, language: str = "fi"
) -> dict[str, Any]:
    """An R4 Questionnaire (JSON dict) for an instrument, in ``language`` with translations of the
    other two. Scores are on each answerOption as ``ordinalValue`` and ``itemWeight``; unscored
    items (PHQ-9 item 10) carry none. Validated with fhir.resources R4B before it is returned."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    inst = instrument if isinstance(instrument, Instrument) else load_instrument(instrument)
    items: list[dict[str, Any]] = []
    if inst.instructions:
        items.append(
            {
                "linkId": INSTRUCTIONS_LINK_ID,
                "text": inst.instructions[language],
                "_text": _translations(inst.instructions, language),
                "type": "display",
            }
        )
    items.extend(_item(inst, item, language, base_url) for item in inst.items)
    total: dict[str, Any] = {
        "linkId": TOTAL_LINK_ID,
        "text": {"fi": "Kokonaispistemäärä", "sv": "Totalpoäng", "en": "Total score"}[language],
        "type": "decimal",
        "readOnly": True,
        "required": False,
    }
    if inst.loinc_total:
        total["code"] = [{"system": LOINC, "code": inst.loinc_total}]
    items.append(total)
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": inst.id,
        "url": questionnaire_url(inst.id, base_url),
        "version": inst.version,
        "name": inst.abbreviation.replace("-", "").replace(" ", ""),
        "title": inst.name[language],
        "_title": _translations(inst.name, language),
        "status": "active",
        "language": language,
        "subjectType": ["Patient"],
        "publisher": "Porras",
        "copyright": inst.licence,
        "item": items,
    }
    if inst.loinc_panel:
        resource["code"] = [{"system": LOINC, "code": inst.loinc_panel}]
    Questionnaire.model_validate(resource)
    return resource
