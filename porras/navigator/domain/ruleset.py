"""Rule sets as data: loading, validation and county selection.

A rule set is a YAML file validated against ``data/ruleset.schema.json`` and then checked for the
cross-references the schema cannot express (source ids, intervention codes, bands, safety sections).
An intervention names a method by its card's navigator code (``porras/methods/data/methods.yaml``) and
takes the method's step, name, ages and contacts from the card; only an entry marked ``not_a_method``
(an assessment, a place to be assessed) gives its own.
Every problem is reported as a :class:`RuleSetError` naming the file, the field and the reason.

County rule sets live in ``data/rulesets/counties/<county-code>.yaml`` (or in a directory given by the
caller). A county file either is a complete rule set or ``extends`` the default one, pinning its id
and version, and replaces whole top-level sections (see ``data/rulesets/counties/README.md``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from porras.methods.domain.cards import MethodCatalogue, method_catalogue

from .errors import RuleSetError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
RULESETS_DIR = DATA_DIR / "rulesets"
DEFAULT_RULESET_PATH = RULESETS_DIR / "default.yaml"
SCHEMA_PATH = DATA_DIR / "ruleset.schema.json"

LANGUAGES = ("fi", "sv", "en")
URGENCIES = ("non_urgent", "same_day", "emergency")  # in rising order
MAX_STEP = 4

Texts = Mapping[str, str]

# Sections a complete rule set must have (after `extends` is resolved).
REQUIRED_SECTIONS = (
    "title", "sources", "steps", "concerns", "instruments", "risk", "stepping_up", "alcohol",
    "therapy_guarantee", "interventions", "fallback_intervention", "crisis_contacts", "texts",
    "urgency_labels", "concern_measures",
)
# Templates the engine uses; a rule set must define each in every language.
REQUIRED_TEXTS = (
    "no_scores", "severity_step", "severity_highest", "no_band", "not_used_for_step", "risk_item",
    "risk_item_unanswered", "risk_min_step", "plan_to_end_life", "plan_withholds_steps", "answers_incomplete", "step_up", "step_up_capped",
    "auditc_positive", "auditc_below", "auditc_no_threshold", "audit_dependence", "therapy_guarantee",
    "therapy_guarantee_other_step", "matches_step", "matches_age", "matches_min_age", "matches_concern",
    "matches_preference", "fallback", "no_match_for_age", "crisis_contacts", "services_unavailable",
    "concern_covered", "concern_own_step", "concern_fallback",
)

# Templates a rule set with a guardian (a youth rule set) uses beside REQUIRED_TEXTS.
YOUTH_TEXTS = (
    "children_under_age", "family_support", "guardian_risk_item", "guardian_self_harm",
    "guardian_plan_to_end_life", "guardian_plan_withholds_steps", "guardian_concern", "guardian_answers",
    "youth_rules", "services_filtered",
)


@dataclass(frozen=True)
class RiskItemRule:
    instrument: str
    item: str  # an item number, or "*" for every item the instrument definition marks as risk
    min_value: int
    source: str


@dataclass(frozen=True)
class InstrumentRule:
    id: str
    label: Texts
    bands: Mapping[str, int]  # severity key -> step, in rising order of severity
    band_labels: Mapping[str, Texts]
    risk_items: tuple[RiskItemRule, ...]

    def band_rank(self, band: str) -> int:
        return list(self.bands).index(band)


@dataclass(frozen=True)
class ConcernMeasure:
    """Which questionnaires measure a concern (instrument id -> source id), and its care track."""

    concern: str
    instruments: Mapping[str, str]
    track: str = "mental_health"


@dataclass(frozen=True)
class Condition:
    concern: str | None = None
    instrument: str | None = None
    min_band: str | None = None


@dataclass(frozen=True)
class Intervention:
    code: str
    step: int
    name: Texts
    source: str
    delivery: str
    format: str
    self_help_only: bool = False
    add_only: bool = False
    track: str = "mental_health"
    min_age: int | None = None
    max_age: int | None = None
    requires_any: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class AuditcThreshold:
    sex: str
    at_least: int
    min_age: int | None = None
    max_age: int | None = None

    def covers_age(self, age: int) -> bool:
        return (self.min_age is None or age >= self.min_age) and (self.max_age is None or age <= self.max_age)


@dataclass(frozen=True)
class CrisisContact:
    id: str
    phone: str
    name: Texts
    description: Texts
    rank: Mapping[str, int]
    source: str
    language: str | None = None


@dataclass(frozen=True)
class RuleSet:
    """A validated, immutable rule set."""

    id: str
    version: str
    status: str
    county: str | None
    title: Texts
    sources: Mapping[str, str]
    steps: Mapping[int, Texts]
    concerns: Mapping[str, Texts]
    instruments: Mapping[str, InstrumentRule]
    risk: Mapping[str, Any]
    stepping_up: Mapping[str, Any]
    auditc: Mapping[str, Any] | None
    auditc_thresholds: tuple[AuditcThreshold, ...]
    audit: Mapping[str, Any] | None
    therapy_guarantee: Mapping[str, Any]
    interventions: tuple[Intervention, ...]
    fallback_intervention: str
    crisis_contacts: tuple[CrisisContact, ...]
    texts: Mapping[str, Texts]
    urgency_labels: Mapping[str, Texts]
    concern_measures: Mapping[str, ConcernMeasure] = field(default_factory=dict)
    # The youth rule set and the age up to which it applies (adult rule sets), or None.
    youth: Mapping[str, Any] | None = None
    # Instruments a guardian may answer; None: these rules take no guardian (adult rule sets).
    guardian_instruments: tuple[str, ...] | None = None
    # Under `below_age`, never self-help alone; `adds` leads the plan (youth rule sets).
    children: Mapping[str, Any] | None = None
    # A concern about the family adds a family intervention.
    family: Mapping[str, Any] | None = None
    # Only services of these catalogue categories are shown (empty: every category).
    service_categories: tuple[str, ...] = ()
    path: str = field(default="", compare=False)

    def intervention(self, code: str) -> Intervention:
        for item in self.interventions:
            if item.code == code:
                return item
        raise KeyError(code)

    def text(self, key: str, language: str, **params: object) -> str:
        return self.texts[key][language].format(**params)

    def step_name(self, step: int, language: str) -> str:
        return self.steps[step][language]


# --- loading ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)  # type: ignore[no-any-return]


def _stringify_keys(value: Any) -> Any:
    """YAML reads `0:` as an int key; JSON Schema and our lookups want strings."""
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def _json_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _read_yaml(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleSetError(name, "(file)", f"cannot be read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise RuleSetError(name, "(file)", f"is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise RuleSetError(name, "(root)", "must be a mapping of sections")
    data: dict[str, Any] = _stringify_keys(raw)
    errors = sorted(_schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise RuleSetError(name, _json_path(first.absolute_path), first.message)
    return data


def load_ruleset(
    path: str | Path, *, base: RuleSet | None = None, methods: MethodCatalogue | None = None
) -> RuleSet:
    """Load and validate one rule-set file.

    A file with ``extends`` is merged over ``base`` (default: the shipped default rule set), whose id
    and version must match what the file pins. Its interventions name methods by their cards'
    navigator codes; ``methods`` (default: the shipped cards) gives each its step, name and ages.
    """
    path = Path(path)
    data = _read_yaml(path)
    name = str(path)
    if "extends" in data:
        pinned = data["extends"]
        parent = base if base is not None else load_default_ruleset()
        if (pinned["id"], pinned["version"]) != (parent.id, parent.version):
            raise RuleSetError(
                name, "extends",
                f"pins {pinned['id']} {pinned['version']} "
                f"but the base rule set is {parent.id} {parent.version}",
            )
        merged = dict(_read_yaml(Path(parent.path)))
        merged.pop("status", None)
        merged.update({k: v for k, v in data.items() if k != "extends"})
        data = merged
    missing = [s for s in REQUIRED_SECTIONS if s not in data]
    if missing:
        raise RuleSetError(name, missing[0], "is required (give it, or extend a complete rule set)")
    return _build(data, name, methods)


def _method_facts(
    spec: Mapping[str, Any], where: str, name: str, catalogue: MethodCatalogue
) -> tuple[int, Texts, int | None, int | None]:
    """An entry's step, name and ages: from the method card its code names, or, for an entry marked
    ``not_a_method`` (an assessment, a place), its own. A rule set may narrow a card's ages (with its
    own ``age_source``) but not widen them, and states no fact the card holds."""
    code = spec["code"]
    card = catalogue.by_navigator_code(code)
    if spec.get("not_a_method"):
        if card is not None:
            raise RuleSetError(name, f"{where}.not_a_method",
                               f"'{code}' is the method {card.code} of {catalogue.path}; name it without not_a_method")
        for key in ("step", "name"):
            if key not in spec:
                raise RuleSetError(name, f"{where}.{key}", "is required for an entry that is not a method")
        return int(spec["step"]), spec["name"], spec.get("min_age"), spec.get("max_age")
    if card is None:
        raise RuleSetError(name, f"{where}.code",
                           f"names the method '{code}', which has no card in {catalogue.path} "
                           "(add its card, or mark a referral that is no method not_a_method: true)")
    for key in ("step", "name"):
        if key in spec:
            raise RuleSetError(name, f"{where}.{key}",
                               f"is on the card of the method {card.code} ({catalogue.path}); remove it here")
    min_age, max_age = card.age_min, card.age_max
    if "min_age" in spec:
        if (card.age_min is not None and spec["min_age"] < card.age_min) or (
                card.age_max is not None and spec["min_age"] > card.age_max):
            raise RuleSetError(name, f"{where}.min_age", f"is outside the ages on the card of {card.code}")
        min_age = spec["min_age"]
    if "max_age" in spec:
        if (card.age_max is not None and spec["max_age"] > card.age_max) or (
                card.age_min is not None and spec["max_age"] < card.age_min):
            raise RuleSetError(name, f"{where}.max_age", f"is outside the ages on the card of {card.code}")
        max_age = spec["max_age"]
    return card.step, catalogue.navigator_name(card, spec.get("setting")), min_age, max_age


def _build(data: Mapping[str, Any], name: str, methods: MethodCatalogue | None = None) -> RuleSet:
    sources: Mapping[str, str] = data["sources"]

    def need_source(source: str, where: str) -> str:
        if source not in sources:
            raise RuleSetError(name, where, f"names source '{source}', which is not listed under sources")
        return source

    steps = {int(k): v for k, v in data["steps"].items()}
    for step in range(MAX_STEP + 1):
        if step not in steps:
            raise RuleSetError(name, f"steps.{step}", "is missing; steps 0-4 must all be named")

    instruments: dict[str, InstrumentRule] = {}
    for inst_id, spec in data["instruments"].items():
        where = f"instruments.{inst_id}"
        bands = dict(spec.get("bands", {}))
        if bands:
            need_source(spec.get("bands_source", ""), f"{where}.bands_source")
            if list(bands.values()) != sorted(bands.values()):
                raise RuleSetError(name, f"{where}.bands", "must be listed from mildest to most severe")
        labels = spec.get("band_labels", {})
        for band in bands:
            if band not in labels:
                raise RuleSetError(name, f"{where}.band_labels.{band}", "is missing a label for this band")
        risk_items = []
        for i, r in enumerate(spec.get("risk_items", [])):
            need_source(r["source"], f"{where}.risk_items[{i}].source")
            risk_items.append(RiskItemRule(inst_id, r["item"], r["min_value"], r["source"]))
        instruments[inst_id] = InstrumentRule(inst_id, spec["label"], bands, labels, tuple(risk_items))
    if not any(r for i in instruments.values() for r in i.risk_items):
        raise RuleSetError(name, "instruments", "must define at least one risk item (safety)")

    risk = data["risk"]
    need_source(risk["source"], "risk.source")
    need_source(risk["plan_source"], "risk.plan_source")
    if risk["min_step"] < 1:
        raise RuleSetError(name, "risk.min_step", "must be at least 1: a risk result is never self-help only")
    stepping_up = data["stepping_up"]
    need_source(stepping_up["source"], "stepping_up.source")

    concerns = data["concerns"]
    catalogue = methods if methods is not None else method_catalogue()
    interventions: list[Intervention] = []
    for i, spec in enumerate(data["interventions"]):
        where = f"interventions[{i}]"
        need_source(spec["source"], f"{where}.source")
        if ("min_age" in spec or "max_age" in spec):
            need_source(spec.get("age_source", ""), f"{where}.age_source")
        step, label, min_age, max_age = _method_facts(spec, where, name, catalogue)
        conditions = []
        for j, cond in enumerate(spec.get("requires_any", [])):
            if "concern" in cond and cond["concern"] not in concerns:
                raise RuleSetError(name, f"{where}.requires_any[{j}].concern", "is not a listed concern")
            if "instrument" in cond:
                inst = instruments.get(cond["instrument"])
                if inst is None or cond["min_band"] not in inst.bands:
                    raise RuleSetError(
                        name, f"{where}.requires_any[{j}]", "names an instrument or band the rule set lacks"
                    )
            conditions.append(Condition(cond.get("concern"), cond.get("instrument"), cond.get("min_band")))
        interventions.append(Intervention(
            code=spec["code"], step=step, name=label, source=spec["source"],
            delivery=spec["delivery"], format=spec["format"],
            self_help_only=spec.get("self_help_only", False), add_only=spec.get("add_only", False),
            track=spec.get("track", "mental_health"), min_age=min_age,
            max_age=max_age, requires_any=tuple(conditions),
        ))
    codes = [item.code for item in interventions]
    for code in codes:
        if codes.count(code) > 1:
            raise RuleSetError(name, "interventions", f"code '{code}' is listed twice")

    fallback = data["fallback_intervention"]
    if fallback not in codes:
        raise RuleSetError(name, "fallback_intervention", f"'{fallback}' is not an intervention code")
    fallback_item = interventions[codes.index(fallback)]
    if fallback_item.self_help_only or fallback_item.min_age is not None or fallback_item.max_age is not None:
        raise RuleSetError(
            name, "fallback_intervention", "must be a professional contact open to every age (safety)"
        )

    alcohol = data["alcohol"]
    auditc = alcohol.get("auditc")
    thresholds: tuple[AuditcThreshold, ...] = ()
    if auditc is not None:
        need_source(auditc["source"], "alcohol.auditc.source")
        if auditc["adds"] not in codes:
            raise RuleSetError(name, "alcohol.auditc.adds", f"'{auditc['adds']}' is not an intervention code")
        thresholds = tuple(
            AuditcThreshold(t["sex"], t["at_least"], t.get("min_age"), t.get("max_age"))
            for t in auditc["thresholds"]
        )
    audit = alcohol.get("audit")
    if audit is not None:
        need_source(audit["source"], "alcohol.audit.source")
        if audit["adds"] not in codes:
            raise RuleSetError(name, "alcohol.audit.adds", f"'{audit['adds']}' is not an intervention code")

    guarantee = data["therapy_guarantee"]
    need_source(guarantee["source"], "therapy_guarantee.source")

    contacts = []
    for i, spec in enumerate(data["crisis_contacts"]):
        need_source(spec["source"], f"crisis_contacts[{i}].source")
        contacts.append(CrisisContact(
            id=spec["id"], phone=spec["phone"], name=spec["name"], description=spec["description"],
            rank=spec["rank"], source=spec["source"], language=spec.get("language"),
        ))
    for urgency in ("same_day", "emergency"):
        if not any(urgency in c.rank for c in contacts):
            raise RuleSetError(
                name, "crisis_contacts", f"no contact is shown for urgency '{urgency}' (safety)"
            )

    measures_spec = data["concern_measures"]
    need_source(measures_spec["source"], "concern_measures.source")
    measures: dict[str, ConcernMeasure] = {}
    for concern, spec in measures_spec["concerns"].items():
        where = f"concern_measures.concerns.{concern}"
        if concern not in concerns:
            raise RuleSetError(name, where, "is not a listed concern")
        for inst_id, source in spec["instruments"].items():
            if inst_id not in instruments:
                raise RuleSetError(name, f"{where}.instruments.{inst_id}", "is not an instrument of the rule set")
            need_source(source, f"{where}.instruments.{inst_id}")
        measures[concern] = ConcernMeasure(concern, dict(spec["instruments"]), spec.get("track", "mental_health"))

    texts = data["texts"]
    for key in REQUIRED_TEXTS:
        if key not in texts:
            raise RuleSetError(name, f"texts.{key}", "is missing")

    youth = data.get("youth")
    if youth is not None:
        need_source(youth["source"], "youth.source")
    respondents = data.get("respondents")
    guardian: tuple[str, ...] | None = None
    if respondents is not None:
        need_source(respondents["source"], "respondents.source")
        guardian = tuple(respondents["guardian"]["instruments"])
        for inst_id in guardian:
            if inst_id not in instruments:
                raise RuleSetError(name, "respondents.guardian.instruments", f"'{inst_id}' is not an instrument of the rule set")
        for key in YOUTH_TEXTS:
            if key not in texts:
                raise RuleSetError(name, f"texts.{key}", "is missing (a rule set with a guardian needs it)")
    children = data.get("children")
    if children is not None:
        need_source(children["source"], "children.source")
        if children["adds"] not in codes:
            raise RuleSetError(name, "children.adds", f"'{children['adds']}' is not an intervention code")
        if interventions[codes.index(children["adds"])].self_help_only:
            raise RuleSetError(name, "children.adds", "must be a professional contact, not self-help (safety)")
    family = data.get("family")
    if family is not None:
        need_source(family["source"], "family.source")
        if family["adds"] not in codes:
            raise RuleSetError(name, "family.adds", f"'{family['adds']}' is not an intervention code")
        if family["concern"] not in concerns:
            raise RuleSetError(name, "family.concern", "is not a listed concern")
    categories = data.get("service_categories")
    if categories is not None:
        need_source(categories["source"], "service_categories.source")

    return RuleSet(
        id=data["id"], version=str(data["version"]), status=data.get("status", "draft"),
        county=data.get("county"), title=data["title"], sources=sources, steps=steps,
        concerns=concerns, instruments=instruments, risk=risk, stepping_up=stepping_up, auditc=auditc,
        auditc_thresholds=thresholds, audit=audit, therapy_guarantee=guarantee,
        interventions=tuple(interventions), fallback_intervention=fallback,
        crisis_contacts=tuple(contacts), texts=texts, urgency_labels=data["urgency_labels"],
        concern_measures=measures, youth=youth, guardian_instruments=guardian, children=children,
        family=family, service_categories=tuple(categories["categories"]) if categories else (), path=name,
    )


@lru_cache(maxsize=1)
def load_default_ruleset() -> RuleSet:
    """The shipped default rule set (Porras's demo default)."""
    return load_ruleset(DEFAULT_RULESET_PATH)


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> RuleSet:
    return load_ruleset(path)


@lru_cache(maxsize=8)
def load_named_ruleset(name: str) -> RuleSet:
    """A shipped rule set by its file name in ``data/rulesets`` (e.g. ``youth``)."""
    return load_ruleset(RULESETS_DIR / f"{name}.yaml")


def ruleset_for_person(
    county: str | None, age: int | None, directory: str | Path | None = None
) -> tuple[RuleSet, RuleSet | None]:
    """The rule set for a person: the county's (or the default), or its youth rule set when the
    person is no older than the county rule set's ``youth.max_age``. Returns the rule set and, when
    the youth rule set was chosen by age, the rule set that chose it (else None)."""
    base = ruleset_for_county(county, directory)
    if base.youth is not None and age is not None and age <= int(base.youth["max_age"]):
        return load_named_ruleset(str(base.youth["ruleset"])), base
    return base, None


def ruleset_for_county(county: str | None, directory: str | Path | None = None) -> RuleSet:
    """The rule set for a person's county: ``<directory>/<county>.yaml`` if it exists, else the default.

    ``directory`` defaults to ``data/rulesets/counties``. A county file must name its county.
    """
    if not county:
        return load_default_ruleset()
    folder = Path(directory) if directory is not None else RULESETS_DIR / "counties"
    path = folder / f"{county}.yaml"
    if not path.is_file():
        return load_default_ruleset()
    ruleset = _load_cached(str(path), path.stat().st_mtime_ns)
    if ruleset.county != county:
        raise RuleSetError(str(path), "county", f"must be '{county}' for this file name")
    return ruleset
