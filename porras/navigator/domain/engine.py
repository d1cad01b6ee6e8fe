"""The navigator engine: from answers to a stepped-care recommendation with its reasons.

Output JSON::

    {"urgency": "non_urgent" | "same_day" | "emergency",
     "step": 0-4, or null with a plan to end one's life (emergency guidance only, see below),
     "interventions": [{"code", "name", "step", "reasons": [str]}],
     "scores": [{"instrument", "total", "severity", "derived_from"}],   # each questionnaire read
     "concerns": [{"concern", "name", "instruments", "step", "interventions": [code], "because"}],
     "services": [...],                      # from the injected service finder
     "crisis_contacts": [{"id", "name", "phone", "description"}],
     "trace": [{"rule", "because"}],
     "ruleset": {"id", "version"},
     "respondents": {"person": {"concerns", "scores"}, "guardian": null or {"concerns", "scores", "risk"}},
     "driven_by": ["person" and/or "guardian"]}   # whose answers set the step or the urgency

Texts (names, reasons, trace) are in the input's language. The rules themselves are data (see
``ruleset.py``); this module only applies them, in a fixed order, and guarantees the safety
invariants whatever a rule set says: crisis contacts whenever urgency is not ``non_urgent``, never a
self-help-only plan when risk shows, and with a plan to end one's life the emergency guidance alone
(``step`` null, no interventions, no services, no concerns; the trace says why).

``concerns`` addresses every concern the person chose or answered a questionnaire for (the rule set's
``concern_measures``), not only the one that set the step: each names the interventions offered for
it, and the trace has a ``concerns.<id>`` entry saying which rule gave them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import FieldError, NavigatorInputError, RuleSetError
from .inputs import NavigatorInput, peek_age, peek_county, read_input
from .ruleset import URGENCIES, Intervention, RuleSet, ruleset_for_person
from .scoring import InstrumentScore, Scorer, collect_scores

log = logging.getLogger(__name__)

ALCOHOL_INSTRUMENTS = ("auditc", "audit")


class ServiceFinder(Protocol):
    """The service catalogue's look-up: services of a county for a step, age and language."""

    def __call__(self, county: str | None, step: int, age: int, language: str) -> list[dict[str, Any]]: ...


def no_services(county: str | None, step: int, age: int, language: str) -> list[dict[str, Any]]:
    """The default service finder: no catalogue, no services."""
    return []


def navigate(
    data: object,
    *,
    score: Scorer | None = None,
    find_services: ServiceFinder | Callable[..., list[dict[str, Any]]] = no_services,
    ruleset: RuleSet | None = None,
    rulesets_dir: str | Path | None = None,
) -> dict[str, Any]:
    """Validate ``data`` (the input JSON as Python objects) and return the recommendation.

    ``score`` scores raw ``responses`` (needed only when the input has them); ``find_services`` looks
    up the county's services. The rule set is the county's (``rulesets_dir/<county>.yaml``) when the
    person's county has one, else the default; pass ``ruleset`` to force one. Raises
    ``NavigatorInputError`` naming each bad field, or ``RuleSetError`` for a broken rule-set file.

    No step comes from a questionnaire that its own missing-item rule cannot score: each missing
    item is an error naming it. Every refusal carries the risk outcome of the valid answers
    (``NavigatorInputError.risk``), and a plan to end one's life is answered with the emergency
    guidance even when questionnaire answers are missing (no step is given then anyway).
    """
    chooser: RuleSet | None = None
    if ruleset is not None:
        rules = ruleset
    else:
        rules, chooser = ruleset_for_person(peek_county(data), peek_age(data), rulesets_dir)
    inp, problems = read_input(data, rules)
    scores, answer_errors = collect_scores(inp, score)
    problems.extend(answer_errors)
    guardian_scores: dict[str, InstrumentScore] = {}
    if inp.guardian is not None:
        guardian_inp = NavigatorInput(age=inp.age, responses=inp.guardian.responses, scores=inp.guardian.scores)
        guardian_scores, guardian_errors = collect_scores(guardian_inp, score)
        problems.extend([FieldError(f"guardian.{e.field}", e.reason, item=e.item) for e in guardian_errors])
    if not problems and inp.any_plan_to_end_life:
        return recommend(inp, scores, rules, find_services, guardian_scores=guardian_scores, chooser=chooser)
    reported = {e.field.partition("[")[0] for e in problems.listed}  # an answer already named as invalid
    for prefix, read in (("", scores), ("guardian.", guardian_scores)):
        problems.extend([
            FieldError(f"{prefix}responses.{s.instrument}", p.reason, item=p.item)
            for s in read.values() if f"{prefix}responses.{s.instrument}" not in reported for p in s.missing
        ])
    if problems:
        raise NavigatorInputError(problems.as_list(), risk=risk_outcome(inp, scores, rules, guardian_scores))
    return recommend(inp, scores, rules, find_services, guardian_scores=guardian_scores, chooser=chooser)


def risk_outcome(
    inp: NavigatorInput, scores: Mapping[str, InstrumentScore], rules: RuleSet,
    guardian_scores: Mapping[str, InstrumentScore] | None = None,
) -> dict[str, Any]:
    """What the answers show of risk when no recommendation can be given: urgency, crisis contacts
    and the trace, read from the valid answers alone (the guardian's too)."""
    ev = _Evaluation(rules, inp)
    if inp.any_plan_to_end_life:
        _plan_notes(ev)
        ev.urgency = rules.risk["plan_urgency"]
    _risk_items(ev, scores)
    _guardian_risk(ev, guardian_scores or {})
    ev.note("answers.incomplete", "answers_incomplete")
    return {"urgency": ev.urgency, "crisis_contacts": _crisis_contacts(ev), "trace": ev.trace}


def _max_urgency(a: str, b: str) -> str:
    return a if URGENCIES.index(a) >= URGENCIES.index(b) else b


@dataclass
class _Evaluation:
    rules: RuleSet
    inp: NavigatorInput
    step: int = 0
    urgency: str = "non_urgent"
    risk: bool = False
    trace: list[dict[str, str]] = field(default_factory=list)
    # (step the driver asks for, its plain-language reason); the reasons of the winning step are
    # attached to the interventions.
    drivers: list[tuple[int, str]] = field(default_factory=list)
    # Whose answers set the step or the urgency: "person", "guardian".
    driven_by: set[str] = field(default_factory=set)
    driver_of: list[tuple[int, str]] = field(default_factory=list)

    @property
    def child(self) -> bool:
        """Under the rule set's children age: never self-help alone."""
        return self.rules.children is not None and self.inp.age < int(self.rules.children["below_age"])

    @property
    def no_self_help(self) -> bool:
        return self.risk or self.child

    @property
    def fallback_code(self) -> str:
        """A child's services lead for a child; a professional's assessment for everyone else."""
        return str(self.rules.children["adds"]) if self.child and self.rules.children else self.rules.fallback_intervention

    def note(self, rule: str, key: str, **params: object) -> str:
        text = self.rules.text(key, self.inp.language, **params)
        self.trace.append({"rule": rule, "because": text})
        return text

    def at_least(self, step: int, reason: str, respondent: str | None = None) -> None:
        self.step = max(self.step, step)
        self.drivers.append((step, reason))
        if respondent is not None:
            self.driver_of.append((step, respondent))

    def label(self, instrument: str) -> str:
        return self.rules.instruments[instrument].label[self.inp.language]


def recommend(
    inp: NavigatorInput,
    scores: Mapping[str, InstrumentScore],
    rules: RuleSet,
    find_services: ServiceFinder | Callable[..., list[dict[str, Any]]] = no_services,
    *,
    guardian_scores: Mapping[str, InstrumentScore] | None = None,
    chooser: RuleSet | None = None,
) -> dict[str, Any]:
    """Apply ``rules`` to validated input and its instrument results (and a guardian's, if any).
    ``chooser`` is the rule set that chose these youth rules by age, named in the trace."""
    ev = _Evaluation(rules, inp)
    guardian_scores = guardian_scores or {}
    if chooser is not None and chooser.youth is not None:
        ev.note("ruleset.youth", "youth_rules", age=inp.age, max_age=chooser.youth["max_age"])
    if inp.any_plan_to_end_life:
        return _emergency_only(ev, scores, guardian_scores)
    _severity(ev, scores)
    _severity(ev, guardian_scores, respondent="guardian")
    _risk_items(ev, scores)
    _guardian_risk(ev, guardian_scores)
    _risk_min_step(ev)
    _stepping_up(ev)
    _guardian_concerns(ev)
    interventions = _interventions(ev, scores)
    interventions += _alcohol(ev, scores)
    interventions += _family(ev)
    concerns = _concerns(ev, scores, interventions)
    _therapy_guarantee(ev, interventions)
    contacts = _crisis_contacts(ev)
    services = _services(ev, find_services)
    return {
        "urgency": ev.urgency,
        "step": ev.step,
        "interventions": interventions,
        "scores": _scores_out(ev, scores),
        "concerns": concerns,
        "services": services,
        "crisis_contacts": contacts,
        "trace": ev.trace,
        "ruleset": {"id": rules.id, "version": rules.version},
        **_respondents(ev, scores, guardian_scores),
    }


def _respondents(
    ev: _Evaluation, scores: Mapping[str, InstrumentScore], guardian_scores: Mapping[str, InstrumentScore]
) -> dict[str, Any]:
    """Each respondent's own answers side by side, and whose answers set the step or the urgency."""
    inp = ev.inp
    guardian = None
    if inp.guardian is not None:
        guardian = {
            "concerns": list(inp.guardian.concerns), "scores": _scores_out(ev, guardian_scores),
            "risk": {"self_harm": inp.guardian.self_harm, "plan_to_end_life": inp.guardian.plan_to_end_life},
        }
    if ev.step is not None:
        ev.driven_by.update(who for step, who in ev.driver_of if step == ev.step)
    return {
        "respondents": {"person": {"concerns": list(inp.concerns), "scores": _scores_out(ev, scores)},
                        "guardian": guardian},
        "driven_by": [who for who in ("person", "guardian") if who in ev.driven_by],
    }


# --- rules, in the order they are applied ----------------------------------------------------------


def _ordered(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> list[InstrumentScore]:
    return [scores[name] for name in ev.rules.instruments if name in scores]


def _severity(ev: _Evaluation, scores: Mapping[str, InstrumentScore], respondent: str = "person") -> None:
    """Step from the highest severity band across the banded instruments given (by one respondent)."""
    lang = ev.inp.language
    banded: list[int] = []
    prefix = "" if respondent == "person" else f"{respondent}."
    if respondent != "person" and not scores:
        return
    for score in _ordered(ev, scores):
        rule = ev.rules.instruments[score.instrument]
        if not rule.bands:
            if score.instrument not in ALCOHOL_INSTRUMENTS:
                ev.note("severity", "not_used_for_step", instrument=ev.label(score.instrument))
            continue
        if score.severity is None or score.severity not in rule.bands:
            ev.note("severity", "no_band", instrument=ev.label(score.instrument))
            continue
        step = rule.bands[score.severity]
        label = ev.label(score.instrument)
        if respondent == "guardian":
            label = f"{ev.rules.text('guardian_answers', lang)}: {label}"
        reason = ev.note(
            f"{prefix}severity.{score.instrument}", "severity_step", instrument=label,
            band=rule.band_labels[score.severity][lang], step=step,
        )
        ev.at_least(step, reason, respondent)
        banded.append(step)
    if not banded and respondent == "person":
        ev.note("severity", "no_scores")
        ev.driver_of.append((0, "person"))
    elif len(banded) > 1:
        ev.note("severity", "severity_highest", step=max(banded))


def _risk_items(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> None:
    """A positive risk item: urgency at least same-day, step at least the risk minimum."""
    positive: list[tuple[str, str]] = []
    for score in _ordered(ev, scores):
        for rule in ev.rules.instruments[score.instrument].risk_items:
            if rule.item == "*":
                positive += [
                    (score.instrument, item) for item, value in sorted(score.risk_items.items())
                    if value is not None and value >= rule.min_value
                ]
                continue
            value = score.item_value(rule.item)
            if value is None:
                ev.note(
                    "risk.unanswered", "risk_item_unanswered", instrument=ev.label(score.instrument),
                    item=rule.item,
                )
            elif value >= rule.min_value:
                positive.append((score.instrument, rule.item))
    if not positive:
        return
    for instrument, item in positive:
        ev.note("risk.item", "risk_item", instrument=ev.label(instrument), item=item)
    ev.urgency = _max_urgency(ev.urgency, ev.rules.risk["min_urgency"])
    ev.risk = True
    ev.driven_by.add("person")


def _guardian_risk(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> None:
    """A guardian's risk answer raises the urgency at once, as the young person's own would."""
    guardian = ev.inp.guardian
    if guardian is None:
        return
    positive = False
    for score in _ordered(ev, scores):
        for rule in ev.rules.instruments[score.instrument].risk_items:
            items = sorted(score.risk_items) if rule.item == "*" else [rule.item]
            for item in items:
                value = score.item_value(item)
                if value is not None and value >= rule.min_value:
                    ev.note("guardian.risk.item", "guardian_risk_item", instrument=ev.label(score.instrument), item=item)
                    positive = True
    if guardian.self_harm:
        ev.note("guardian.risk.self_harm", "guardian_self_harm")
        positive = True
    if positive:
        ev.urgency = _max_urgency(ev.urgency, ev.rules.risk["min_urgency"])
        ev.risk = True
        ev.driven_by.add("guardian")


def _guardian_concerns(ev: _Evaluation) -> None:
    """The guardian's concerns that the young person did not name join the plan, each in the trace;
    the young person's own stay as given."""
    guardian = ev.inp.guardian
    if guardian is None:
        return
    for concern in guardian.concerns:
        ev.note(f"guardian.concerns.{concern}", "guardian_concern",
                concern=ev.rules.concerns[concern][ev.inp.language])


def _family(ev: _Evaluation) -> list[dict[str, Any]]:
    """A concern about the family's situation (the young person's or the guardian's) adds the family
    intervention (Let's Talk about Children)."""
    family = ev.rules.family
    if family is None or family["concern"] not in ev.inp.all_concerns:
        return []
    reason = ev.note("family", "family_support")
    return [_as_output(ev, ev.rules.intervention(str(family["adds"])), [reason])]

def _risk_min_step(ev: _Evaluation) -> None:
    """Risk shows: at least the rule set's minimum step, never self-help alone."""
    if ev.risk:
        min_step = int(ev.rules.risk["min_step"])
        ev.at_least(min_step, ev.note("risk.min_step", "risk_min_step", step=min_step))


def _plan_notes(ev: _Evaluation) -> None:
    if ev.inp.plan_to_end_life:
        ev.note("risk.plan_to_end_life", "plan_to_end_life")
        ev.driven_by.add("person")
    if ev.inp.guardian is not None and ev.inp.guardian.plan_to_end_life:
        ev.note("guardian.risk.plan_to_end_life", "guardian_plan_to_end_life")
        ev.driven_by.add("guardian")


def _emergency_only(
    ev: _Evaluation, scores: Mapping[str, InstrumentScore], guardian_scores: Mapping[str, InstrumentScore]
) -> dict[str, Any]:
    """A plan to end one's life (told by the young person or the guardian): emergency guidance only.
    No step, interventions or services are given beside it (they would read as a plan to wait for);
    the trace says why."""
    _plan_notes(ev)
    # Whose plan it was: "because you told us" only when the person answering said so themselves.
    ev.note("steps.withheld", "plan_withholds_steps" if ev.inp.plan_to_end_life else "guardian_plan_withholds_steps")
    ev.urgency = ev.rules.risk["plan_urgency"]
    ev.risk = True
    _risk_items(ev, scores)
    _guardian_risk(ev, guardian_scores)
    return {
        "urgency": ev.urgency,
        "step": None,
        "interventions": [],
        "scores": _scores_out(ev, scores),
        "concerns": [],
        "services": [],
        "crisis_contacts": _crisis_contacts(ev),
        "trace": ev.trace,
        "ruleset": {"id": ev.rules.id, "version": ev.rules.version},
        **_respondents(ev, scores, guardian_scores),
    }


def _stepping_up(ev: _Evaluation) -> None:
    """A step finished without reliable improvement: at least the next step."""
    increment = int(ev.rules.stepping_up["increment"])
    max_step = int(ev.rules.stepping_up["max_step"])
    for entry in ev.inp.history:
        if entry.reliable_improvement:
            continue
        target = min(entry.step + increment, max_step)
        if entry.step + increment > max_step:
            reason = ev.note("stepping_up", "step_up_capped", from_step=entry.step, to_step=target)
        else:
            reason = ev.note("stepping_up", "step_up", from_step=entry.step, to_step=target)
        ev.at_least(target, reason, "person")


def _fits(ev: _Evaluation, item: Intervention, scores: Mapping[str, InstrumentScore]) -> list[str] | None:
    """Reasons an intervention fits this person beyond its step, or None if it does not fit."""
    lang = ev.inp.language
    age = ev.inp.age
    if (item.min_age is not None and age < item.min_age) or (item.max_age is not None and age > item.max_age):
        return None
    reasons: list[str] = []
    if item.max_age is not None:
        reasons.append(ev.rules.text("matches_age", lang, min_age=item.min_age or 0, max_age=item.max_age))
    elif item.min_age is not None:
        reasons.append(ev.rules.text("matches_min_age", lang, min_age=item.min_age))
    if item.requires_any:
        matched = None
        for cond in item.requires_any:
            if cond.concern is not None and cond.concern in ev.inp.all_concerns:
                concern = ev.rules.concerns[cond.concern][lang]
                matched = ev.rules.text("matches_concern", lang, concern=concern)
                break
            if cond.instrument is not None and cond.min_band is not None:
                score = scores.get(cond.instrument)
                severity = score.severity if score is not None else None
                rule = ev.rules.instruments[cond.instrument]
                if (
                    severity is not None and severity in rule.bands
                    and rule.band_rank(severity) >= rule.band_rank(cond.min_band)
                ):
                    matched = ev.rules.text(
                        "matches_concern", lang,
                        concern=f"{rule.label[lang]}: {rule.band_labels[severity][lang]}",
                    )
                    break
        if matched is None:
            return None
        reasons.append(matched)
    return reasons


def _preference_fit(ev: _Evaluation, item: Intervention) -> int:
    fit = 0
    if ev.inp.delivery != "no_preference" and item.delivery in (ev.inp.delivery, "any"):
        fit += 1
    if ev.inp.format != "no_preference" and item.format in (ev.inp.format, "any"):
        fit += 1
    return fit


def _as_output(
    ev: _Evaluation, item: Intervention, reasons: list[str], step: int | None = None
) -> dict[str, Any]:
    return {
        "code": item.code, "name": item.name[ev.inp.language],
        "step": item.step if step is None else step, "reasons": reasons,
    }


def _interventions(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> list[dict[str, Any]]:
    lang = ev.inp.language
    step_reasons = [reason for step, reason in ev.drivers if step == ev.step]
    base = [ev.rules.text("matches_step", lang, step=ev.step), *step_reasons]
    chosen: list[tuple[int, Intervention, list[str]]] = []
    for item in ev.rules.interventions:
        if item.step != ev.step or item.add_only or (ev.no_self_help and item.self_help_only):
            continue
        fit = _fits(ev, item, scores)
        if fit is None:
            continue
        preference = _preference_fit(ev, item)
        if preference:
            fit.append(ev.rules.text("matches_preference", lang))
        chosen.append((preference, item, fit))
    chosen.sort(key=lambda entry: -entry[0])  # stable: rule-set order within equal fit
    out = [_as_output(ev, item, [*base, *fit]) for _, item, fit in chosen]

    fallback = ev.rules.intervention(ev.fallback_code)
    professional = [entry for _, entry, _ in chosen if not entry.self_help_only]
    if ev.child and ev.rules.children is not None:
        ev.note("children", "children_under_age", age=ev.rules.children["below_age"])
    elif not chosen:
        ev.note("interventions", "no_match_for_age", step=ev.step)
    # Whenever risk shows, or nothing else fits, a professional's assessment leads the plan; for a
    # child, always the child's own services with the guardian.
    if ev.risk or ev.child or not chosen or (ev.step > 0 and not professional):
        key = "children_under_age" if ev.child and ev.rules.children is not None else "fallback"
        params = {"age": ev.rules.children["below_age"]} if key == "children_under_age" and ev.rules.children else {}
        reasons = [ev.rules.text(key, lang, **params), *step_reasons]
        # The assessment is the way into the recommended step, so it carries that step.
        out.insert(0, _as_output(ev, fallback, reasons, step=ev.step))
    return out


def _scores_out(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> list[dict[str, Any]]:
    """Each questionnaire read, as numbers and band keys (the words are the instruments' own)."""
    known = [name for name in ev.rules.instruments if name in scores]
    out = []
    for name in known + sorted(set(scores) - set(known)):
        score = scores[name]
        if score.total is None and score.severity is None:
            continue
        total = score.total
        if total is not None and float(total).is_integer():
            total = int(total)
        out.append({"instrument": name, "total": total, "severity": score.severity,
                    "derived_from": score.derived_from})
    return out


def _addresses(ev: _Evaluation, item: Intervention, concern: str, track: str) -> bool:
    """Whether ``item`` treats ``concern``: the professional assessment treats every concern; an
    intervention with ``requires_any`` the concerns and instruments it names; any other one every
    concern of its track."""
    if item.code in (ev.rules.fallback_intervention, ev.fallback_code):
        return True
    if ev.rules.family is not None and (item.code == ev.rules.family["adds"] or concern == ev.rules.family["concern"]):
        # The family's situation is met by the family intervention alone (or a professional above).
        return item.code == ev.rules.family["adds"] and concern == ev.rules.family["concern"]
    if item.track != track:
        return False
    if not item.requires_any:
        return True
    measure = ev.rules.concern_measures.get(concern)
    instruments = measure.instruments if measure is not None else {}
    return any(
        cond.concern == concern or (cond.instrument is not None and cond.instrument in instruments)
        for cond in item.requires_any
    )


def _answered(score: InstrumentScore | None) -> bool:
    return score is not None and (score.total is not None or score.severity is not None)


def _concerns(
    ev: _Evaluation, scores: Mapping[str, InstrumentScore], interventions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every concern chosen or answered for, with what is offered for it (appended to
    ``interventions`` when the plan had nothing for it)."""
    lang = ev.inp.language
    measures = ev.rules.concern_measures
    wanted = [
        c for c in ev.rules.concerns
        if c in ev.inp.all_concerns or (c in measures and any(_answered(scores.get(i)) for i in measures[c].instruments))
    ]
    fallback = ev.rules.intervention(ev.fallback_code)
    out = []
    for concern in wanted:
        name = ev.rules.concerns[concern][lang]
        measure = measures.get(concern)
        track = measure.track if measure is not None else "mental_health"
        measured = [i for i in (measure.instruments if measure is not None else {}) if _answered(scores.get(i))]
        own_steps = [
            ev.rules.instruments[i].bands[scores[i].severity or ""] for i in measured
            if (scores[i].severity or "") in ev.rules.instruments[i].bands
        ]
        own = max(own_steps) if own_steps else None
        covering = [e for e in interventions if _addresses(ev, ev.rules.intervention(e["code"]), concern, track)]
        key = "concern_covered"
        step = own
        if not covering:
            target = own
            if target is not None and ev.risk:
                target = max(target, int(ev.rules.risk["min_step"]))
            fitting = []
            for item in ev.rules.interventions:
                if (target is None or item.step != target or item.add_only or item.code == fallback.code
                        or (ev.no_self_help and item.self_help_only) or not _addresses(ev, item, concern, track)):
                    continue
                fit = _fits(ev, item, scores)
                if fit is not None:
                    fitting.append((item, fit))
            if fitting:
                key, step = "concern_own_step", target
                offers = ", ".join(item.name[lang] for item, _ in fitting)
                reason = ev.rules.text(key, lang, concern=name, step=target, offers=offers)
                covering = [_as_output(ev, item, [reason, *fit]) for item, fit in fitting]
            else:
                key, step = "concern_fallback", ev.step
                reason = ev.rules.text(key, lang, concern=name, offers=fallback.name[lang])
                covering = [_as_output(ev, fallback, [ev.rules.text("fallback", lang), reason], step=ev.step)]
            interventions.extend(covering)
        offers = ", ".join(e["name"] for e in covering)
        because = ev.note(f"concerns.{concern}", key, concern=name, step=step, offers=offers)
        out.append({
            "concern": concern, "name": name, "instruments": measured, "step": step,
            "interventions": [e["code"] for e in covering], "because": because,
        })
    return out


def auditc_threshold(rules: RuleSet, sex: str | None, age: int) -> int | None:
    """The AUDIT-C cut-off (score at or above) for this sex and age, or None where none is sourced."""
    rows = [row for row in rules.auditc_thresholds if row.covers_age(age)]
    if sex in ("male", "female"):
        for row in rows:
            if row.sex in (sex, "any"):
                return row.at_least
        return None
    return min((row.at_least for row in rows), default=None)


def _alcohol(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> list[dict[str, Any]]:
    added: list[dict[str, Any]] = []
    auditc = scores.get("auditc")
    if ev.rules.auditc is not None and auditc is not None and auditc.total is not None:
        total = auditc.total
        threshold = auditc_threshold(ev.rules, ev.inp.sex, ev.inp.age)
        shown = int(total) if float(total).is_integer() else total
        if threshold is None:
            ev.note("alcohol.auditc", "auditc_no_threshold", total=shown)
        elif total >= threshold:
            reason = ev.note("alcohol.auditc", "auditc_positive", total=shown, threshold=threshold)
            added.append(_as_output(ev, ev.rules.intervention(ev.rules.auditc["adds"]), [reason]))
        else:
            ev.note("alcohol.auditc", "auditc_below", total=shown, threshold=threshold)
    audit = scores.get("audit")
    if ev.rules.audit is not None and audit is not None and audit.severity in ev.rules.audit["zones"]:
        reason = ev.note("alcohol.audit", "audit_dependence")
        added.append(_as_output(ev, ev.rules.intervention(ev.rules.audit["adds"]), [reason]))
    return added


def _therapy_guarantee(ev: _Evaluation, interventions: list[dict[str, Any]]) -> None:
    guarantee = ev.rules.therapy_guarantee
    if ev.inp.age >= int(guarantee["below_age"]):
        return
    days = int(guarantee["days"])
    covered = set(guarantee["applies_to_steps"])
    if ev.step not in covered:
        ev.note("therapy_guarantee", "therapy_guarantee_other_step", days=days)
        return
    reason = ev.note("therapy_guarantee", "therapy_guarantee", days=days)
    for entry in interventions:
        item = ev.rules.intervention(entry["code"])
        treatment = item.track == "mental_health" and not item.add_only and not item.self_help_only
        if item.step in covered and treatment:
            entry["reasons"].append(reason)


def _crisis_contacts(ev: _Evaluation) -> list[dict[str, str]]:
    if ev.urgency == "non_urgent":
        return []
    lang = ev.inp.language

    def order(contact: Any) -> tuple[int, int]:
        language_fit = 0 if contact.language == lang else (1 if contact.language is None else 2)
        return contact.rank[ev.urgency], language_fit

    shown = sorted((c for c in ev.rules.crisis_contacts if ev.urgency in c.rank), key=order)
    if not shown:  # the loader refuses such rule sets; never return an empty list with risk
        raise RuleSetError(ev.rules.path, "crisis_contacts", f"no contact for urgency '{ev.urgency}'")
    ev.note("crisis_contacts", "crisis_contacts", urgency=ev.rules.urgency_labels[ev.urgency][lang])
    return [
        {"id": c.id, "name": c.name[lang], "phone": c.phone, "description": c.description[lang]}
        for c in shown
    ]


def _services(
    ev: _Evaluation, find_services: ServiceFinder | Callable[..., list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    try:
        found = list(find_services(ev.inp.county, ev.step, ev.inp.age, ev.inp.language))
        if ev.rules.service_categories:
            wanted = set(ev.rules.service_categories)
            found = [s for s in found if wanted & set(s.get("categories") or ())]
            ev.note("services", "services_filtered")
        return found
    except Exception:
        # A catalogue failure must not take the crisis contacts and the step away from the person.
        log.exception("service finder failed")
        ev.note("services", "services_unavailable")
        return []
