"""LOINC forms: a QuestionnaireResponse that names a LOINC panel as its questionnaire
(``http://loinc.org/q/44249-1``, as LHC-Forms does) is scored without a Questionnaire registered first.

The form is made from the instrument's data file: its LOINC panel code names it, its items are the
instrument's items by their LOINC item codes, their answers the options' LOINC answer codes (LA…)
where the data file has them, and the total score item its LOINC total code. Only an instrument whose
data file gives a panel code and an item code for every item it requires has a LOINC form; any other
``http://loinc.org/q/…`` stays an unknown questionnaire.

Responses name their items by linkId. LOINC forms made by LHC-Forms use ``/<item code>`` (and
``/<panel>/<item code>`` for an item inside the panel's group); others use the bare item code: all
three are read as the same item.
"""

from __future__ import annotations

from typing import Any

from porras.instruments.domain import Instrument

from .questionnaire import LOINC, ORDINAL_VALUE, answer_system

LOINC_FORM_BASES = ("http://loinc.org/q/", "https://loinc.org/q/")


def loinc_form_url(panel: str) -> str:
    return f"{LOINC_FORM_BASES[0]}{panel}"


def loinc_form_panel(canonical: str) -> str | None:
    """The panel code a ``http://loinc.org/q/<panel>`` canonical names (its ``|version`` ignored), else None."""
    url = canonical.split("|", 1)[0].rstrip("/")
    for base in LOINC_FORM_BASES:
        if url.startswith(base) and "/" not in url[len(base):] and url[len(base):]:
            return url[len(base):]
    return None


def has_loinc_form(instrument: Instrument) -> bool:
    """A panel code, and an item code for every item the instrument requires."""
    return bool(instrument.loinc_panel) and all(item.loinc for item in instrument.items if item.required)


def link_id(code: str) -> str:
    """The linkId of an item in a LOINC form (LHC-Forms' form: a slash and the LOINC code)."""
    return f"/{code}"


def link_aliases(instrument: Instrument) -> dict[str, str]:
    """Every linkId a response may give an item of the instrument's LOINC form, with the form's own."""
    codes = [item.loinc for item in instrument.items if item.loinc]
    if instrument.loinc_total:
        codes.append(instrument.loinc_total)
    aliases: dict[str, str] = {}
    for code in codes:
        for alias in (code, link_id(code), f"/{instrument.loinc_panel}/{code}"):
            aliases[alias] = link_id(code)
    return aliases


def build_loinc_form(instrument: Instrument, base_url: str) -> dict[str, Any]:
    """The instrument's LOINC form as an R4 Questionnaire (JSON dict), in English wording of the
    data file (the form is only read to map answers, never shown)."""
    items: list[dict[str, Any]] = []
    for item in instrument.items:
        if not item.loinc:
            continue
        options = []
        for option, item_score in zip(item.options, item.scores, strict=True):
            coding = (
                {"system": LOINC, "code": option.loinc, "display": option.text["en"]}
                if option.loinc
                else {"system": answer_system(instrument.id, base_url), "code": option.code,
                      "display": option.text["en"]}
            )
            entry: dict[str, Any] = {"valueCoding": coding}
            if item.scored:
                entry["extension"] = [{"url": ORDINAL_VALUE, "valueDecimal": item_score}]
            options.append(entry)
        items.append({
            "linkId": link_id(item.loinc),
            "code": [{"system": LOINC, "code": item.loinc}],
            "text": item.text["en"],
            "type": "choice",
            "required": item.required,
            "answerOption": options,
        })
    if instrument.loinc_total:
        items.append({
            "linkId": link_id(instrument.loinc_total),
            "code": [{"system": LOINC, "code": instrument.loinc_total}],
            "text": "Total score",
            "type": "decimal",
            "readOnly": True,
        })
    assert instrument.loinc_panel
    return {
        "resourceType": "Questionnaire",
        "url": loinc_form_url(instrument.loinc_panel),
        "status": "active",
        "title": instrument.name["en"],
        "code": [{"system": LOINC, "code": instrument.loinc_panel}],
        "item": items,
    }
