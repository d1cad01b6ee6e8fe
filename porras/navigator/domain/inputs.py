"""The navigator's input: parsing and validation with one error per bad field.

Input JSON (all keys but ``age`` optional)::

    {
      "age": 19, "sex": "female", "county": "pirkanmaa", "language": "fi",
      "concerns": ["depression", "anxiety"],
      "responses": {"phq9": [1, 2, 1, 0, 2, 1, 1, 0, 1], "gad7": [...], "auditc": [...]},
      "scores": {"core10": {"total": 14, "risk_items": {"6": 0}}},
      "risk": {"plan_to_end_life": false},
      "history": [{"step": 1, "reliable_improvement": false}],
      "preferences": {"delivery": "digital", "format": "group"},
      "guardian": {"concerns": ["anxiety"], "responses": {}, "scores": {},
                   "risk": {"self_harm": false, "plan_to_end_life": false}}
    }

``guardian`` (youth rule sets only) is a guardian's own answers about the young person: they never
overwrite the young person's; ``responses`` and ``scores`` take only the parent-report questionnaires
the rule set lists under ``respondents.guardian.instruments``.

``responses`` are raw answer positions, scored through the instruments engine. ``scores`` are results
already scored elsewhere, per instrument::

    {"total": 16,                    # optional, number >= 0
     "severity": "moderately_severe", # optional, the instruments engine's band / zone key
     "risk_items": {"9": 1}}          # optional, item number -> answer score (null = unanswered)

An instrument may appear in ``responses`` or in ``scores``, not in both.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from .errors import FieldError, NavigatorInputError, Problems
from .ruleset import LANGUAGES, MAX_STEP, RuleSet

COUNTIES_CSV = Path(__file__).resolve().parents[2] / "accounts" / "data" / "counties.csv"

SEXES = ("female", "male", "other", "unknown")
DELIVERIES = ("digital", "face_to_face", "no_preference")
FORMATS = ("individual", "group", "no_preference")
TOP_LEVEL_KEYS = (
    "age", "sex", "county", "language", "concerns", "responses", "scores", "risk", "history", "preferences",
    "guardian",
)
GUARDIAN_KEYS = ("concerns", "responses", "scores", "risk")
GUARDIAN_RISK_KEYS = ("self_harm", "plan_to_end_life")
MAX_AGE = 120
# Bounds on lists, far above any real input: no instrument a county uses has more items (CORE-OM,
# the longest, has 34), and no one has had this many earlier steps of care.
MAX_ANSWERS = 100
MAX_HISTORY = 20


@dataclass(frozen=True)
class ScoreInput:
    """An instrument result given in the ``scores`` form."""

    total: float | None = None
    severity: str | None = None
    risk_items: Mapping[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class HistoryEntry:
    step: int
    reliable_improvement: bool


@dataclass(frozen=True)
class GuardianInput:
    """A guardian's answers about the young person (a second respondent)."""

    concerns: tuple[str, ...] = ()
    responses: Mapping[str, tuple[int | None, ...]] = field(default_factory=dict)
    scores: Mapping[str, ScoreInput] = field(default_factory=dict)
    self_harm: bool = False
    plan_to_end_life: bool = False


@dataclass(frozen=True)
class NavigatorInput:
    age: int
    sex: str | None = None
    county: str | None = None
    language: str = "fi"
    concerns: tuple[str, ...] = ()
    responses: Mapping[str, tuple[int | None, ...]] = field(default_factory=dict)
    scores: Mapping[str, ScoreInput] = field(default_factory=dict)
    plan_to_end_life: bool = False
    history: tuple[HistoryEntry, ...] = ()
    delivery: str = "no_preference"
    format: str = "no_preference"
    guardian: GuardianInput | None = None

    @property
    def any_plan_to_end_life(self) -> bool:
        return self.plan_to_end_life or (self.guardian is not None and self.guardian.plan_to_end_life)

    @property
    def all_concerns(self) -> tuple[str, ...]:
        """The young person's concerns, then the guardian's that the young person did not name."""
        extra = tuple(c for c in self.guardian.concerns if c not in self.concerns) if self.guardian else ()
        return self.concerns + extra


def input_schema() -> dict[str, Any]:
    """The input as a JSON Schema (draft 2020-12), for the API document: what :func:`parse_input`
    accepts, every object closed to unknown fields. Concerns, instruments and bands belong to the
    person's county's rule set, so they are strings here; ``parse_input`` names a bad one."""
    answer_score = {"type": ["integer", "null"], "minimum": 0}
    return {
        "type": "object", "additionalProperties": False, "required": ["age"],
        "properties": {
            "age": {"type": "integer", "minimum": 0, "maximum": MAX_AGE},
            "sex": {"enum": list(SEXES)},
            "county": {"type": "string", "description": "a county code of GET /api/v1/counties"},
            "language": {"enum": list(LANGUAGES), "default": "fi"},
            "concerns": {"type": "array", "items": {"type": "string"}, "uniqueItems": True,
                         "description": "concern keys of the rule set"},
            "responses": {
                "type": "object", "description": "instrument id -> answer positions in item order (null: unanswered)",
                "additionalProperties": {"type": "array", "minItems": 1, "maxItems": MAX_ANSWERS,
                                         "items": answer_score},
            },
            "scores": {
                "type": "object", "description": "instrument id -> a result scored elsewhere",
                "additionalProperties": {
                    "type": "object", "additionalProperties": False, "minProperties": 1,
                    "properties": {
                        "total": {"type": "number", "minimum": 0},
                        "severity": {"type": "string", "description": "the instrument's band key"},
                        "risk_items": {"type": "object", "additionalProperties": answer_score,
                                       "description": "risk item number -> answer score (null: unanswered)"},
                    },
                },
            },
            "risk": {"type": "object", "additionalProperties": False,
                     "properties": {"plan_to_end_life": {"type": "boolean"}}},
            "history": {
                "type": "array", "maxItems": MAX_HISTORY,
                "items": {"type": "object", "additionalProperties": False,
                          "required": ["step", "reliable_improvement"],
                          "properties": {"step": {"type": "integer", "minimum": 0, "maximum": MAX_STEP},
                                         "reliable_improvement": {"type": "boolean"}}},
            },
            "preferences": {"type": "object", "additionalProperties": False,
                            "properties": {"delivery": {"enum": list(DELIVERIES)},
                                           "format": {"enum": list(FORMATS)}}},
            "guardian": {
                "type": "object", "additionalProperties": False,
                "description": "a guardian's own answers about the young person (youth rule sets only); "
                               "never overwrite the young person's",
                "properties": {
                    "concerns": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
                    "responses": {"type": "object", "description": "parent-report questionnaires of the rule set",
                                  "additionalProperties": {"type": "array", "minItems": 1, "maxItems": MAX_ANSWERS,
                                                           "items": answer_score}},
                    "scores": {"type": "object", "additionalProperties": {"type": "object"}},
                    "risk": {"type": "object", "additionalProperties": False,
                             "properties": {"self_harm": {"type": "boolean"},
                                            "plan_to_end_life": {"type": "boolean"}}},
                },
            },
        },
    }


@lru_cache(maxsize=1)
def known_counties() -> frozenset[str]:
    """County codes of Porras's county reference data (porras/accounts/data/counties.csv)."""
    with COUNTIES_CSV.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _only_known(value: Mapping[Any, Any], known: tuple[str, ...], prefix: str, bad: Any) -> bool:
    """Report every key of ``value`` outside ``known``; True when there is none."""
    unknown = [key for key in value if key not in known]
    for key in unknown:
        bad(f"{prefix}{key}", f"is not a known field (known: {', '.join(known)})")
    return not unknown


def peek_county(data: object) -> str | None:
    """The input's county if it is a known code, else None (full validation reports the problem)."""
    if isinstance(data, Mapping):
        county = data.get("county")
        if isinstance(county, str) and county in known_counties():
            return county
    return None


def peek_age(data: object) -> int | None:
    """The input's age if it is a valid one, else None (full validation reports the problem)."""
    if isinstance(data, Mapping):
        age = data.get("age")
        if _is_int(age) and 0 <= age <= MAX_AGE:
            return age
    return None


def parse_input(data: object, ruleset: RuleSet) -> NavigatorInput:
    """Validate raw input against the rule set; raise :class:`NavigatorInputError` naming every bad field."""
    inp, problems = read_input(data, ruleset)
    if problems:
        raise NavigatorInputError(problems.as_list())
    return inp


def read_input(data: object, ruleset: RuleSet) -> tuple[NavigatorInput, Problems]:
    """The input as far as it is valid, and an error for every bad field.

    Each bad field is left at its default in the input returned (an invalid age as 0), so that what
    is valid, the risk answers above all, can still be read when the whole is refused.
    """
    problems = Problems()

    def bad(name: str, reason: str) -> None:
        problems.add(FieldError(name, reason))

    if not isinstance(data, Mapping):
        bad("(input)", "must be a JSON object")
        return NavigatorInput(age=0), problems
    _only_known(data, TOP_LEVEL_KEYS, "", bad)

    age = data.get("age")
    if age is None:
        bad("age", "is required")
        age = 0
    elif not _is_int(age) or not 0 <= age <= MAX_AGE:
        bad("age", f"must be a whole number of years from 0 to {MAX_AGE}")
        age = 0

    sex = data.get("sex")
    if sex is not None and sex not in SEXES:
        bad("sex", f"must be one of {', '.join(SEXES)} (or left out)")
        sex = None

    county = data.get("county")
    if county is not None and (not isinstance(county, str) or county not in known_counties()):
        bad("county", "is not a known county code (see GET /api/v1/counties)")
        county = None

    language = data.get("language", "fi")
    if language not in LANGUAGES:
        bad("language", f"must be one of {', '.join(LANGUAGES)}")
        language = "fi"

    concerns = data.get("concerns", [])
    if not isinstance(concerns, list):
        bad("concerns", "must be a list")
        concerns = []
    known_concerns: list[str] = []
    for i, concern in enumerate(concerns):
        if not isinstance(concern, str) or concern not in ruleset.concerns:
            bad(f"concerns[{i}]", f"is not a known concern (known: {', '.join(ruleset.concerns)})")
        elif concern in known_concerns:
            bad(f"concerns[{i}]", "is given twice")
        else:
            known_concerns.append(concern)
    concerns = known_concerns

    responses = _parse_responses(data.get("responses", {}), ruleset, bad)
    scores = _parse_scores(data.get("scores", {}), ruleset, bad)
    for instrument in set(responses) & set(scores):
        bad(f"scores.{instrument}", "is also given in responses; give an instrument in one form only")

    plan = False
    risk = data.get("risk", {})
    if not isinstance(risk, Mapping):
        bad("risk", "must be an object")
    else:
        _only_known(risk, ("plan_to_end_life",), "risk.", bad)
        plan_value = risk.get("plan_to_end_life", False)
        if not isinstance(plan_value, bool):
            bad("risk.plan_to_end_life", "must be true or false")
        else:
            plan = plan_value

    history = _parse_history(data.get("history", []), bad)

    delivery, form = "no_preference", "no_preference"
    preferences = data.get("preferences", {})
    if not isinstance(preferences, Mapping):
        bad("preferences", "must be an object")
    else:
        _only_known(preferences, ("delivery", "format"), "preferences.", bad)
        delivery = preferences.get("delivery", "no_preference")
        if delivery not in DELIVERIES:
            bad("preferences.delivery", f"must be one of {', '.join(DELIVERIES)}")
            delivery = "no_preference"
        form = preferences.get("format", "no_preference")
        if form not in FORMATS:
            bad("preferences.format", f"must be one of {', '.join(FORMATS)}")
            form = "no_preference"

    guardian = None
    if "guardian" in data:
        guardian = _parse_guardian(data["guardian"], ruleset, bad)

    inp = NavigatorInput(
        age=age, sex=sex, county=county, language=language, concerns=tuple(concerns),
        responses=responses, scores=scores, plan_to_end_life=plan, history=history,
        delivery=delivery, format=form, guardian=guardian,
    )
    return inp, problems


def _parse_responses(value: Any, ruleset: RuleSet, bad: Any) -> dict[str, tuple[int | None, ...]]:
    out: dict[str, tuple[int | None, ...]] = {}
    if not isinstance(value, Mapping):
        bad("responses", "must be an object of instrument id -> list of answers")
        return out
    for instrument, answers in value.items():
        name = f"responses.{instrument}"
        if instrument not in ruleset.instruments:
            bad(name, f"is not an instrument these rules know (known: {', '.join(ruleset.instruments)})")
            continue
        if not isinstance(answers, list) or not answers:
            bad(name, "must be a non-empty list of answer positions (whole numbers or null)")
            continue
        if len(answers) > MAX_ANSWERS:
            bad(name, f"has {len(answers)} answers; no instrument has more than {MAX_ANSWERS} items")
            continue
        readable: list[int | None] = []
        for i, answer in enumerate(answers):
            if answer is not None and not _is_int(answer):
                bad(f"{name}[{i}]", "must be a whole number or null")
                answer = None  # reported; the other answers (a risk answer) are still read
            readable.append(answer)
        out[instrument] = tuple(readable)
    return out


def _parse_scores(value: Any, ruleset: RuleSet, bad: Any) -> dict[str, ScoreInput]:
    out: dict[str, ScoreInput] = {}
    if not isinstance(value, Mapping):
        bad("scores", "must be an object of instrument id -> {total, severity, risk_items}")
        return out
    for instrument, spec in value.items():
        name = f"scores.{instrument}"
        rule = ruleset.instruments.get(instrument)
        if rule is None:
            bad(name, f"is not an instrument these rules know (known: {', '.join(ruleset.instruments)})")
            continue
        if not isinstance(spec, Mapping) or not spec:
            bad(name, "must be an object with at least one of total, severity, risk_items")
            continue
        ok = _only_known(spec, ("total", "severity", "risk_items"), f"{name}.", bad)
        total = spec.get("total")
        if total is not None and (not _is_number(total) or total < 0):
            bad(f"{name}.total", "must be a number of at least 0")
            ok = False
        severity = spec.get("severity")
        known = list(rule.bands) or list(rule.band_labels)
        if severity is not None and (not isinstance(severity, str) or (known and severity not in known)):
            bad(f"{name}.severity", f"must be one of {', '.join(known)}" if known else "must be a string")
            ok = False
        risk_items_raw = spec.get("risk_items", {})
        risk_items: dict[str, int | None] = {}
        if not isinstance(risk_items_raw, Mapping):
            bad(f"{name}.risk_items", "must be an object of item number -> answer score")
            ok = False
        else:
            read = {r.item for r in rule.risk_items}  # "*": every item the instrument marks as risk
            for item, item_value in risk_items_raw.items():
                item_name = f"{name}.risk_items.{item}"
                if not str(item).isdigit():
                    bad(item_name, "the key must be an item number")
                    ok = False
                elif "*" not in read and str(int(item)) not in read:
                    listed = ", ".join(sorted(read)) or "none"
                    bad(item_name, f"is not a risk item these rules read for {instrument} (risk items: {listed})")
                    ok = False
                elif item_value is not None and (not _is_int(item_value) or item_value < 0):
                    bad(item_name, "must be a whole number of at least 0, or null if unanswered")
                    ok = False
                else:
                    risk_items[str(int(item))] = item_value
        if ok:
            out[instrument] = ScoreInput(total, severity, risk_items)
    return out


def _parse_history(value: Any, bad: Any) -> tuple[HistoryEntry, ...]:
    if not isinstance(value, list):
        bad("history", "must be a list of {step, reliable_improvement}")
        return ()
    if len(value) > MAX_HISTORY:
        bad("history", f"has {len(value)} entries; at most {MAX_HISTORY}")
        return ()
    out = []
    for i, entry in enumerate(value):
        name = f"history[{i}]"
        if not isinstance(entry, Mapping):
            bad(name, "must be an object {step, reliable_improvement}")
            continue
        ok = _only_known(entry, ("step", "reliable_improvement"), f"{name}.", bad)
        step = entry.get("step")
        if not _is_int(step) or not 0 <= step <= MAX_STEP:
            bad(f"{name}.step", f"must be a whole number from 0 to {MAX_STEP}")
            ok = False
        improvement = entry.get("reliable_improvement")
        if not isinstance(improvement, bool):
            bad(f"{name}.reliable_improvement", "must be true or false")
            ok = False
        if ok:
            out.append(HistoryEntry(step, improvement))  # type: ignore[arg-type]
    return tuple(out)


def _parse_guardian(value: Any, ruleset: RuleSet, bad: Any) -> GuardianInput | None:
    """A guardian's answers; refused by name where the rules take no guardian or no such form."""
    if ruleset.guardian_instruments is None:
        # Refused, but a risk answer in it is still read (the refusal carries it).
        bad("guardian", "is read only by a youth rule set; these rules are for adults")
    if not isinstance(value, Mapping):
        bad("guardian", "must be an object {concerns, responses, scores, risk}")
        return None
    _only_known(value, GUARDIAN_KEYS, "guardian.", bad)
    concerns: list[str] = []
    raw_concerns = value.get("concerns", [])
    if not isinstance(raw_concerns, list):
        bad("guardian.concerns", "must be a list")
        raw_concerns = []
    for i, concern in enumerate(raw_concerns):
        if not isinstance(concern, str) or concern not in ruleset.concerns:
            bad(f"guardian.concerns[{i}]", f"is not a known concern (known: {', '.join(ruleset.concerns)})")
        elif concern in concerns:
            bad(f"guardian.concerns[{i}]", "is given twice")
        else:
            concerns.append(concern)

    def guardian_bad(name: str, reason: str) -> None:
        bad(f"guardian.{name}", reason)

    responses = _parse_responses(value.get("responses", {}), ruleset, guardian_bad)
    scores = _parse_scores(value.get("scores", {}), ruleset, guardian_bad)
    allowed = ruleset.guardian_instruments or ()
    listed = ", ".join(allowed) or "none yet"
    for form, given in (("responses", responses), ("scores", scores)):
        for instrument in list(given):
            if instrument not in allowed:
                if ruleset.guardian_instruments is not None:
                    bad(f"guardian.{form}.{instrument}", "is not a parent-report questionnaire these rules "
                        f"take from a guardian (they take: {listed})")
                del given[instrument]
    self_harm = plan = False
    risk = value.get("risk", {})
    if not isinstance(risk, Mapping):
        bad("guardian.risk", "must be an object")
    else:
        _only_known(risk, GUARDIAN_RISK_KEYS, "guardian.risk.", bad)
        for key in GUARDIAN_RISK_KEYS:
            answer = risk.get(key, False)
            if not isinstance(answer, bool):
                bad(f"guardian.risk.{key}", "must be true or false")
            elif key == "self_harm":
                self_harm = answer
            else:
                plan = answer
    return GuardianInput(tuple(concerns), responses, scores, self_harm, plan)
