"""Instrument definitions: load a data file, validate it, and turn it into typed objects.

A definition is one YAML file in ``porras/instruments/data/``. It is checked twice: first by the JSON
Schema in ``schema.json`` (shape and types), then by :func:`_check_semantics` (cross-references and
arithmetic the schema cannot express: declared range equals the computed one, bands are contiguous,
every ``source`` names an entry of ``sources``). Any failure raises
:class:`InstrumentDefinitionError` naming the file, the field path and the reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEMA_PATH = DATA_DIR / "schema.json"
LANGUAGES = ("fi", "sv", "en")


class InstrumentDefinitionError(ValueError):
    """A definition file is malformed. ``file``, ``path`` (e.g. ``items/3/options``) and ``reason``."""

    def __init__(self, file: str, path: str, reason: str) -> None:
        self.file = file
        self.path = path
        self.reason = reason
        super().__init__(f"{file}: {path or '(root)'}: {reason}")


class UnknownInstrument(KeyError):
    """No instrument definition with this id."""

    def __init__(self, instrument_id: str, known: list[str]) -> None:
        self.instrument_id = instrument_id
        self.known = known
        super().__init__(f"unknown instrument {instrument_id!r}; known: {', '.join(known)}")

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])


@dataclass(frozen=True)
class Option:
    code: str
    raw_score: int
    text: Mapping[str, str]
    loinc: str | None = None


@dataclass(frozen=True)
class RiskRule:
    min_score: int
    source: str


@dataclass(frozen=True)
class Item:
    id: str
    position: int  # 1-based, as printed on the form
    text: Mapping[str, str]
    options: tuple[Option, ...]
    scored: bool = True
    required: bool = True
    reverse: bool = False
    loinc: str | None = None
    risk: RiskRule | None = None

    @property
    def scores(self) -> tuple[int, ...]:
        """Score of each option position, reverse scoring applied."""
        raw = [o.raw_score for o in self.options]
        if not self.reverse:
            return tuple(raw)
        low, high = min(raw), max(raw)
        return tuple(low + high - r for r in raw)

    def score_of(self, position: int) -> int:
        return self.scores[position]

    @property
    def min_score(self) -> int:
        return min(self.scores)

    @property
    def max_score(self) -> int:
        return max(self.scores)


@dataclass(frozen=True)
class Band:
    key: str
    min: int
    max: int
    label: Mapping[str, str]


@dataclass(frozen=True)
class Cutoff:
    min_total: float
    source: str
    note: str | None = None


@dataclass(frozen=True)
class ReliableChange:
    threshold: float
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Derived:
    id: str
    kind: str  # "short_form" | "subscale"
    items: tuple[str, ...]
    source: str
    name: Mapping[str, str] | None = None
    loinc_total: str | None = None
    caseness: Cutoff | None = None


@dataclass(frozen=True)
class DiagnosticRule:
    key: str
    min_count: int
    max_count: int | None = None
    required_any: tuple[str, ...] = ()


@dataclass(frozen=True)
class DiagnosticAlgorithm:
    source: str
    symptom_items: tuple[str, ...]
    symptom_min_score: int
    item_min_score: Mapping[str, int]
    rules: tuple[DiagnosticRule, ...]
    otherwise: str = "none"
    note: str | None = None

    def threshold_for(self, item_id: str) -> int:
        return self.item_min_score.get(item_id, self.symptom_min_score)


@dataclass(frozen=True)
class MissingRule:
    rule: str  # "refuse" | "prorate"
    max_missing: int = 0
    source: str | None = None


@dataclass(frozen=True)
class Instrument:
    """One validated questionnaire. Built only by :func:`parse_instrument`."""

    id: str
    version: str
    abbreviation: str
    name: Mapping[str, str]
    licence: str
    items: tuple[Item, ...]
    score_range: tuple[int, int]
    scoring_source: str
    missing: MissingRule
    sources: Mapping[str, Mapping[str, str]]
    instructions: Mapping[str, str] | None = None
    recall_period: Mapping[str, str] | None = None
    loinc_panel: str | None = None
    loinc_total: str | None = None
    severity_bands: tuple[Band, ...] = ()
    severity_source: str | None = None
    caseness: Cutoff | None = None
    reliable_change: ReliableChange | None = None
    derived: tuple[Derived, ...] = ()
    diagnostic_algorithm: DiagnosticAlgorithm | None = None
    notes: tuple[str, ...] = ()
    wording_note: Mapping[str, str] | None = None  # fi/sv/en: whose wording the data file's items are
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def band(self, key: str) -> Band:
        for b in self.severity_bands:
            if b.key == key:
                return b
        raise KeyError(key)

    def citation(self, source_id: str) -> str:
        return self.sources[source_id]["citation"]


# --------------------------------------------------------------------------- loading


@cache
def _schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _definition_files(data_dir: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(data_dir.glob("*.yaml"))}


def load_instrument_file(path: Path | str) -> Instrument:
    """Load and validate one definition file (any location). Raises InstrumentDefinitionError."""
    path = Path(path)
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InstrumentDefinitionError(name, "", f"cannot read file: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InstrumentDefinitionError(name, "", f"not valid YAML: {exc}") from exc
    instrument = parse_instrument(data, name)
    if instrument.id != path.stem:
        raise InstrumentDefinitionError(
            name, "id", f"id {instrument.id!r} must equal the file name {path.stem!r}"
        )
    return instrument


def parse_instrument(data: Any, file: str = "<definition>") -> Instrument:
    """Validate a definition (already parsed from YAML/JSON) and build the Instrument."""
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(
        validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path)))
    )
    if errors:
        err = _most_specific(errors[0])
        raise InstrumentDefinitionError(file, "/".join(str(p) for p in err.absolute_path), err.message)
    _check_semantics(data, file)
    return _build(data)


def _most_specific(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    # oneOf/anyOf errors hide the useful reason in their context; descend to the deepest one.
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def _item_options(item: Mapping[str, Any], data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if "options" in item:
        return list(item["options"])
    return list(data.get("response_sets", {})[item["response_set"]])


def _effective_scores(item: Mapping[str, Any], data: Mapping[str, Any]) -> list[int]:
    raw = [int(o["score"]) for o in _item_options(item, data)]
    if item.get("reverse", False):
        low, high = min(raw), max(raw)
        return [low + high - r for r in raw]
    return raw


def _source_refs(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            sub = f"{path}/{key}" if path else str(key)
            if key == "source" and isinstance(value, str):
                yield sub, value
            else:
                yield from _source_refs(value, sub)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _source_refs(value, f"{path}/{index}" if path else str(index))


def _check_semantics(data: Mapping[str, Any], file: str) -> None:
    def fail(path: str, reason: str) -> None:
        raise InstrumentDefinitionError(file, path, reason)

    source_ids = [s["id"] for s in data["sources"]]
    if len(set(source_ids)) != len(source_ids):
        fail("sources", "source ids must be unique")
    for path, ref in _source_refs({k: v for k, v in data.items() if k != "sources"}):
        if ref not in source_ids:
            fail(path, f"unknown source {ref!r}; declare it in `sources` ({', '.join(source_ids)})")

    response_sets = data.get("response_sets", {})
    items = data["items"]
    ids: list[str] = []
    for index, item in enumerate(items):
        ipath = f"items/{index}"
        if item["id"] in ids:
            fail(f"{ipath}/id", f"duplicate item id {item['id']!r}")
        ids.append(item["id"])
        if "response_set" in item and item["response_set"] not in response_sets:
            fail(f"{ipath}/response_set", f"unknown response set {item['response_set']!r}")
        codes = [o["code"] for o in _item_options(item, data)]
        if len(set(codes)) != len(codes):
            fail(ipath, "option codes must be unique within an item")
        scored = item.get("scored", True)
        if "risk" in item:
            if not scored:
                fail(f"{ipath}/risk", "a risk item must be scored")
            scores = _effective_scores(item, data)
            if not min(scores) <= item["risk"]["min_score"] <= max(scores):
                fail(
                    f"{ipath}/risk/min_score",
                    f"must lie within the item's scores {min(scores)}–{max(scores)}",
                )
        if not scored and item.get("reverse", False):
            fail(f"{ipath}/reverse", "an unscored item cannot be reverse-scored")

    scored_items = [i for i in items if i.get("scored", True)]
    if not scored_items:
        fail("items", "at least one item must be scored")
    low = sum(min(_effective_scores(i, data)) for i in scored_items)
    high = sum(max(_effective_scores(i, data)) for i in scored_items)
    declared = data["scoring"]["range"]
    if list(declared) != [low, high]:
        fail("scoring/range", f"declared range {declared} differs from the items' range [{low}, {high}]")
    missing = data["scoring"]["missing"]
    if missing["rule"] == "prorate" and missing["max_missing"] >= len(scored_items):
        fail("scoring/missing/max_missing", "must be smaller than the number of scored items")

    scored_ids = {i["id"] for i in scored_items}
    if "severity" in data:
        bands = data["severity"]["bands"]
        keys = [b["key"] for b in bands]
        if len(set(keys)) != len(keys):
            fail("severity/bands", "band keys must be unique")
        expected = low
        for index, band in enumerate(bands):
            if band["min"] != expected:
                fail(f"severity/bands/{index}/min", f"bands must be contiguous: expected min {expected}")
            if band["max"] < band["min"]:
                fail(f"severity/bands/{index}/max", "max must not be below min")
            expected = band["max"] + 1
        if bands[-1]["max"] != high:
            fail(f"severity/bands/{len(bands) - 1}/max", f"bands must end at the range maximum {high}")
    for key in ("caseness",):
        if key in data and not low < data[key]["min_total"] <= high:
            fail(f"{key}/min_total", f"must lie within the range ({low}, {high}]")
    if "reliable_change" in data and data["reliable_change"]["threshold"] > high - low:
        fail("reliable_change/threshold", "larger than the score range")

    derived_ids: list[str] = []
    for index, derived in enumerate(data.get("derived", [])):
        dpath = f"derived/{index}"
        if derived["id"] in derived_ids or derived["id"] == data["id"]:
            fail(f"{dpath}/id", f"duplicate derived id {derived['id']!r}")
        derived_ids.append(derived["id"])
        for j, item_id in enumerate(derived["items"]):
            if item_id not in scored_ids:
                fail(f"{dpath}/items/{j}", f"{item_id!r} is not a scored item of this instrument")
        if "caseness" in derived:
            d_items = [i for i in scored_items if i["id"] in derived["items"]]
            d_high = sum(max(_effective_scores(i, data)) for i in d_items)
            if derived["caseness"]["min_total"] > d_high:
                fail(f"{dpath}/caseness/min_total", f"above the maximum {d_high}")

    algo = data.get("diagnostic_algorithm")
    if algo is not None:
        for j, item_id in enumerate(algo["symptom_items"]):
            if item_id not in scored_ids:
                fail(f"diagnostic_algorithm/symptom_items/{j}", f"{item_id!r} is not a scored item")
        for item_id in algo.get("item_min_score", {}):
            if item_id not in algo["symptom_items"]:
                fail(f"diagnostic_algorithm/item_min_score/{item_id}", "not one of symptom_items")
        for r, rule in enumerate(algo["rules"]):
            for j, item_id in enumerate(rule.get("required_any", [])):
                if item_id not in algo["symptom_items"]:
                    fail(f"diagnostic_algorithm/rules/{r}/required_any/{j}", "not one of symptom_items")
            if rule.get("max_count", rule["min_count"]) < rule["min_count"]:
                fail(f"diagnostic_algorithm/rules/{r}/max_count", "must not be below min_count")


def _texts(node: Mapping[str, str] | None) -> Mapping[str, str] | None:
    return None if node is None else {lang: node[lang] for lang in LANGUAGES}


def _cutoff(node: Mapping[str, Any] | None) -> Cutoff | None:
    if node is None:
        return None
    return Cutoff(min_total=node["min_total"], source=node["source"], note=node.get("note"))


def _build(data: Mapping[str, Any]) -> Instrument:
    items = []
    for position, node in enumerate(data["items"], start=1):
        options = tuple(
            Option(
                code=o["code"], raw_score=int(o["score"]), text=_texts(o["text"]) or {}, loinc=o.get("loinc")
            )
            for o in _item_options(node, data)
        )
        scored = node.get("scored", True)
        risk = node.get("risk")
        items.append(
            Item(
                id=node["id"],
                position=position,
                text=_texts(node["text"]) or {},
                options=options,
                scored=scored,
                required=node.get("required", scored),
                reverse=node.get("reverse", False),
                loinc=node.get("loinc"),
                risk=RiskRule(risk["min_score"], risk["source"]) if risk else None,
            )
        )
    severity = data.get("severity")
    missing = data["scoring"]["missing"]
    algo = data.get("diagnostic_algorithm")
    rc = data.get("reliable_change")
    loinc = data.get("loinc", {})
    return Instrument(
        id=data["id"],
        version=str(data["version"]),
        abbreviation=data["abbreviation"],
        name=_texts(data["name"]) or {},
        licence=data["licence"],
        items=tuple(items),
        score_range=(int(data["scoring"]["range"][0]), int(data["scoring"]["range"][1])),
        scoring_source=data["scoring"]["source"],
        missing=MissingRule(missing["rule"], int(missing.get("max_missing", 0)), missing.get("source")),
        sources={s["id"]: dict(s) for s in data["sources"]},
        instructions=_texts(data.get("instructions")),
        recall_period=_texts(data.get("recall_period")),
        loinc_panel=loinc.get("panel"),
        loinc_total=loinc.get("total"),
        severity_bands=tuple(
            Band(b["key"], int(b["min"]), int(b["max"]), _texts(b["label"]) or {}) for b in severity["bands"]
        )
        if severity
        else (),
        severity_source=severity["source"] if severity else None,
        caseness=_cutoff(data.get("caseness")),
        reliable_change=ReliableChange(rc["threshold"], rc["source"], rc.get("note")) if rc else None,
        derived=tuple(
            Derived(
                id=d["id"],
                kind=d["kind"],
                items=tuple(d["items"]),
                source=d["source"],
                name=_texts(d.get("name")),
                loinc_total=d.get("loinc_total"),
                caseness=_cutoff(d.get("caseness")),
            )
            for d in data.get("derived", [])
        ),
        diagnostic_algorithm=DiagnosticAlgorithm(
            source=algo["source"],
            symptom_items=tuple(algo["symptom_items"]),
            symptom_min_score=int(algo["symptom_min_score"]),
            item_min_score=dict(algo.get("item_min_score", {})),
            rules=tuple(
                DiagnosticRule(r["key"], r["min_count"], r.get("max_count"), tuple(r.get("required_any", [])))
                for r in algo["rules"]
            ),
            otherwise=algo.get("otherwise", "none"),
            note=algo.get("note"),
        )
        if algo
        else None,
        notes=tuple(data.get("notes", [])),
        wording_note=_texts(data.get("wording_note")),
        raw=data,
    )


@cache
def _load_cached(instrument_id: str, data_dir: Path) -> Instrument:
    files = _definition_files(data_dir)
    if instrument_id not in files:
        raise UnknownInstrument(instrument_id, sorted(files))
    return load_instrument_file(files[instrument_id])


def load_instrument(instrument_id: str, data_dir: Path | str | None = None) -> Instrument:
    """The instrument with this id (e.g. ``"phq9"``).

    Raises UnknownInstrument or InstrumentDefinitionError.
    """
    if not isinstance(instrument_id, str):
        raise UnknownInstrument(repr(instrument_id), instrument_ids(data_dir))
    return _load_cached(instrument_id, Path(data_dir) if data_dir else DATA_DIR)


def instrument_ids(data_dir: Path | str | None = None) -> list[str]:
    return sorted(_definition_files(Path(data_dir) if data_dir else DATA_DIR))


def list_instruments(data_dir: Path | str | None = None) -> list[Instrument]:
    """Every instrument in the data directory, sorted by id; fails on the first malformed file."""
    return [load_instrument(i, data_dir) for i in instrument_ids(data_dir)]
