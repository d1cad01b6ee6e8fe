"""Bind a FHIR Questionnaire (ours or imported) to a Porras instrument.

An item of the questionnaire is mapped to an instrument item by, in order: its LOINC code, an explicit
``link_map`` given at registration, or a linkId equal to the item id (our own questionnaires). Each
answer option is mapped to an option position of that item by its LOINC answer code, by our own
option code, or by its score (``ordinalValue``/``itemWeight`` on the answerOption, on its Coding, or
on the concept of a contained ValueSet) when that score picks exactly one of our options.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from porras.instruments.domain import Instrument, Item, list_instruments, load_instrument

from .errors import FhirInputError, issue
from .questionnaire import ITEM_WEIGHT, LOINC, ORDINAL_VALUE, TOTAL_LINK_ID
from .validation import validate_resource

SCORE_EXTENSIONS = (
    ORDINAL_VALUE,
    ITEM_WEIGHT,
    "http://hl7.org/fhir/StructureDefinition/questionnaire-ordinalValue",
)
CHOICE_TYPES = {"choice", "open-choice", "coding"}


@dataclass(frozen=True)
class ExternalOption:
    code: str | None
    system: str | None
    display: str | None
    score: float | None


@dataclass(frozen=True)
class ItemBinding:
    link_id: str
    item_id: str
    options: Mapping[tuple[str | None, str], int]  # (system, code) -> our option position
    text: str | None = None


@dataclass(frozen=True)
class QuestionnaireBinding:
    """How one questionnaire's items and answers map onto an instrument."""

    url: str | None
    aliases: tuple[str, ...]
    instrument: Instrument
    items: Mapping[str, ItemBinding]  # linkId -> binding
    total_link_ids: frozenset[str]
    questionnaire: Mapping[str, Any] = field(repr=False)
    version: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()
    external: bool = True
    # Other linkIds a response may give an item (a LOINC form's "44250-9" for its "/44250-9").
    link_aliases: Mapping[str, str] = field(default_factory=dict)

    def link_of(self, link_id: str) -> str:
        """The questionnaire's own linkId of a linkId a response gives."""
        return self.link_aliases.get(link_id, link_id)

    def position_of(self, link_id: str, system: str | None, code: str) -> int | None:
        options = self.items[link_id].options
        if (system, code) in options:
            return options[(system, code)]
        return options.get((None, code))


def walk_items(
    items: list[Mapping[str, Any]] | None, path: str = "item"
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every item, depth first, with its FHIRPath-like location."""
    for index, item in enumerate(items or []):
        here = f"{path}[{index}]"
        yield here, item
        yield from walk_items(item.get("item"), f"{here}.item")


def _score_of(node: Mapping[str, Any] | None) -> float | None:
    """The score an option carries in an ordinalValue/itemWeight extension. ``true`` is not a score
    (R4B accepts it as a valueInteger; read as 1 it would pick an option): such an option has none."""
    for ext in (node or {}).get("extension", []) or []:
        if ext.get("url") in SCORE_EXTENSIONS:
            for key in ("valueDecimal", "valueInteger"):
                value = ext.get(key)
                if isinstance(value, int | float | str) and not isinstance(value, bool):
                    return float(value)
    return None


def _loinc_codes(node: Mapping[str, Any]) -> list[str]:
    return [
        c["code"] for c in node.get("code", []) or [] if c.get("code") and c.get("system", LOINC) == LOINC
    ]


def _contained_value_sets(questionnaire: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for res in questionnaire.get("contained", []) or []:
        if res.get("resourceType") == "ValueSet":
            if res.get("id"):
                found[f"#{res['id']}"] = res
            if res.get("url"):
                found[res["url"]] = res
    return found


def _external_options(
    item: Mapping[str, Any], value_sets: Mapping[str, Mapping[str, Any]]
) -> list[ExternalOption]:
    options: list[ExternalOption] = []
    for opt in item.get("answerOption", []) or []:
        coding = opt.get("valueCoding")
        if coding:
            score = _score_of(opt)
            options.append(
                ExternalOption(
                    coding.get("code"),
                    coding.get("system"),
                    coding.get("display"),
                    score if score is not None else _score_of(coding),
                )
            )
        elif "valueString" in opt:
            options.append(ExternalOption(opt["valueString"], None, opt["valueString"], _score_of(opt)))
        elif "valueInteger" in opt and not isinstance(opt["valueInteger"], bool):
            options.append(ExternalOption(str(opt["valueInteger"]), None, None, _score_of(opt)))
    value_set_ref = item.get("answerValueSet")
    if value_set_ref and value_set_ref in value_sets:
        vs = value_sets[value_set_ref]
        for include in (vs.get("compose") or {}).get("include", []) or []:
            for concept in include.get("concept", []) or []:
                options.append(
                    ExternalOption(
                        concept.get("code"), include.get("system"), concept.get("display"), _score_of(concept)
                    )
                )
        for contains in (vs.get("expansion") or {}).get("contains", []) or []:
            options.append(
                ExternalOption(
                    contains.get("code"), contains.get("system"), contains.get("display"), _score_of(contains)
                )
            )
    return options


def _map_option(item: Item, option: ExternalOption) -> int | None:
    if option.code is not None:
        for position, ours in enumerate(item.options):
            if ours.loinc and ours.loinc == option.code and option.system in (None, LOINC):
                return position
        for position, ours in enumerate(item.options):
            if ours.code == option.code:
                return position
    if option.score is not None:
        matches = [p for p, s in enumerate(item.scores) if s == option.score]
        if len(matches) == 1:
            return matches[0]
    return None


def _infer_instrument(questionnaire: Mapping[str, Any]) -> Instrument:
    panel_codes = set(_loinc_codes(questionnaire))
    for ident in questionnaire.get("identifier", []) or []:
        if ident.get("system") == LOINC and ident.get("value"):
            panel_codes.add(ident["value"])
    instruments = list_instruments()
    for inst in instruments:
        if inst.loinc_panel and inst.loinc_panel in panel_codes:
            return inst
    item_codes = {code for _, node in walk_items(questionnaire.get("item")) for code in _loinc_codes(node)}
    best, best_hits = None, 0
    for inst in instruments:
        hits = len({i.loinc for i in inst.items if i.loinc} & item_codes)
        if hits > best_hits:
            best, best_hits = inst, hits
    if best is None:
        raise FhirInputError(
            "cannot tell which instrument this questionnaire is; give the instrument id when registering it",
            [
                issue(
                    "error",
                    "not-supported",
                    "no LOINC panel or item code of a Porras instrument",
                    "Questionnaire",
                )
            ],
        )
    return best


def bind_questionnaire(
    questionnaire: Mapping[str, Any],
    instrument_id: str | None = None,
    *,
    link_map: Mapping[str, str] | None = None,
    url: str | None = None,
    external: bool = True,
) -> QuestionnaireBinding:
    """Validate a Questionnaire (R4B; invalid non-modifier extensions dropped with a warning) and
    map it to an instrument. Raises FhirInputError naming what cannot be mapped."""
    _, data, warnings = validate_resource(questionnaire, "Questionnaire", drop_invalid_extensions=True)
    instrument = load_instrument(instrument_id) if instrument_id else _infer_instrument(data)
    link_map = dict(link_map or {})
    value_sets = _contained_value_sets(data)
    by_loinc = {i.loinc: i for i in instrument.items if i.loinc}
    by_id = {i.id: i for i in instrument.items}
    bindings: dict[str, ItemBinding] = {}
    totals: set[str] = set()
    problems: list[dict[str, Any]] = []
    notes = list(warnings)
    for location, node in walk_items(data.get("item")):
        link_id = str(node.get("linkId"))
        codes = _loinc_codes(node)
        if (
            instrument.loinc_total
            and instrument.loinc_total in codes
            or link_map.get(link_id) == TOTAL_LINK_ID
        ):
            totals.add(link_id)
            continue
        if not external and link_id == TOTAL_LINK_ID:
            totals.add(link_id)
            continue
        target = next((by_loinc[c] for c in codes if c in by_loinc), None)
        if target is None and link_id in link_map:
            target = by_id.get(link_map[link_id])
            if target is None:
                problems.append(
                    issue("error", "invalid", f"link_map names unknown item {link_map[link_id]!r}", location)
                )
                continue
        if target is None and link_id in by_id and (not external or not codes):
            target = by_id[link_id]
        if target is None:
            if node.get("type") in CHOICE_TYPES:
                notes.append(f"item {link_id!r} is not part of {instrument.id} and will be ignored")
            continue
        if any(b.item_id == target.id for b in bindings.values()):
            problems.append(
                issue("error", "invalid", f"two items map to {instrument.id} item {target.id}", location)
            )
            continue
        options: dict[tuple[str | None, str], int] = {}
        for position, ours in enumerate(target.options):  # our own codes always work
            options[(None, ours.code)] = position
            if ours.loinc:
                options[(LOINC, ours.loinc)] = position
                options[(None, ours.loinc)] = position
        for ext in _external_options(node, value_sets):
            mapped = _map_option(target, ext)
            if mapped is None:
                problems.append(
                    issue(
                        "error",
                        "invalid",
                        f"answer {ext.code!r} of item {link_id!r} cannot be mapped to an option of "
                        f"{instrument.id} item {target.id}",
                        location,
                    )
                )
                continue
            position = mapped
            if ext.code is not None:
                options[(ext.system, ext.code)] = position
                options.setdefault((None, ext.code), position)
            if target.scored and ext.score is not None and ext.score != target.scores[position]:
                notes.append(
                    f"item {link_id!r} scores answer {ext.code!r} as {ext.score:g}; "
                    f"Porras scores it {target.scores[position]} as {instrument.id} defines"
                )
        bindings[link_id] = ItemBinding(link_id, target.id, options, node.get("text"))
    bound = {b.item_id for b in bindings.values()}
    for item in instrument.items:
        if item.required and item.id not in bound:
            problems.append(
                issue(
                    "error", "required", f"the questionnaire has no item for {instrument.id} item {item.id}"
                )
            )
    if problems:
        raise FhirInputError(f"questionnaire cannot be mapped to {instrument.id}", problems)
    aliases = [a for a in (url, data.get("url")) if a]
    if data.get("id"):
        aliases.append(f"Questionnaire/{data['id']}")
    return QuestionnaireBinding(
        url=url or data.get("url"),
        aliases=tuple(dict.fromkeys(aliases)),
        instrument=instrument,
        items=bindings,
        total_link_ids=frozenset(totals),
        questionnaire=data,
        version=data.get("version"),
        language=data.get("language"),
        warnings=tuple(notes),
        external=external,
    )
