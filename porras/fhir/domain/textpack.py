"""Text packs: official item wording for one language, imported from a FHIR Questionnaire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from porras.instruments.domain import load_instrument

from .binding import walk_items
from .errors import FhirInputError, issue
from .questionnaire import LOINC, TRANSLATION
from .validation import validate_resource


def _text_in(node: Mapping[str, Any], language: str, default_language: str | None) -> str | None:
    if default_language in (None, language) and node.get("text"):
        return str(node["text"])
    for ext in (node.get("_text") or {}).get("extension", []) or []:
        if ext.get("url") != TRANSLATION:
            continue
        parts = {e.get("url"): e for e in ext.get("extension", []) or []}
        if parts.get("lang", {}).get("valueCode") == language and "content" in parts:
            return str(parts["content"].get("valueString"))
    return None


def import_text_pack(questionnaire: Any, instrument_id: str, language: str) -> dict[str, str]:
    """``{item_id: text}`` for every item of the instrument whose LOINC code appears on an item of the
    questionnaire, in ``language`` (the questionnaire's own text when its language is that language
    or unstated, else a ``translation`` extension). Raises FhirInputError if nothing matches."""
    _, data, _ = validate_resource(questionnaire, "Questionnaire", drop_invalid_extensions=True)
    instrument = load_instrument(instrument_id)
    by_loinc = {item.loinc: item.id for item in instrument.items if item.loinc}
    if not by_loinc:
        raise FhirInputError(
            f"{instrument_id} has no LOINC item codes, so text cannot be matched",
            [issue("error", "not-supported", f"{instrument_id} has no LOINC item codes")],
        )
    pack: dict[str, str] = {}
    for _, node in walk_items(data.get("item")):
        for coding in node.get("code", []) or []:
            if coding.get("system", LOINC) == LOINC and coding.get("code") in by_loinc:
                text = _text_in(node, language, data.get("language"))
                if text:
                    pack.setdefault(by_loinc[coding["code"]], text)
    if not pack:
        raise FhirInputError(
            f"no item of the questionnaire matches a LOINC item code of {instrument_id} "
            f"in language {language!r}",
            [issue("error", "not-found", f"no {language!r} text for any LOINC item of {instrument_id}")],
        )
    return pack
