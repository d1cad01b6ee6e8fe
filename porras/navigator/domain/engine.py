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
     "ruleset": {"id", "version"}}

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
from .inputs import NavigatorInput, peek_county, read_input
from .ruleset import URGENCIES, Intervention, RuleSet, ruleset_for_county
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
    rules = ruleset if ruleset is not None else ruleset_for_county(peek_county(data), rulesets_dir)
    inp, problems = read_input(data, rules)
    scores, answer_errors = collect_scores(inp, score)
    problems.extend(answer_errors)
    if not problems and inp.plan_to_end_life:
        return recommend(inp, scores, rules, find_services)
    reported = {e.field.partition("[")[0] for e in problems.listed}  # an answer already named as invalid
    problems.extend([
        FieldError(f"responses.{s.instrument}", p.reason, item=p.item)
        for s in scores.values() if f"responses.{s.instrument}" not in reported for p in s.missing
    ])
    if problems:
        raise NavigatorInputError(problems.as_list(), risk=risk_outcome(inp, scores, rules))
    return recommend(inp, scores, rules, find_services)


def risk_outcome(inp: NavigatorInput, scores: Mapping[str, InstrumentScore], rules: RuleSet) -> dict[str, Any]:
    """What the answers show of risk when no recommendation can be given: urgency, crisis contacts
    and the trace, read from the valid answers alone."""
    ev = _Evaluation(rules, inp)
    if inp.plan_to_end_life:
        ev.note("risk.plan_to_end_life", "plan_to_end_life")
        ev.urgency = rules.risk["plan_urgency"]
    _risk_items(ev, scores)
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

    def note(self, rule: str, key: str, **params: object) -> str:
        text = self.rules.text(key, self.inp.language, **params)
        self.trace.append({"rule": rule, "because": text})
        return text

    def at_least(self, step: int, reason: str) -> None:
        self.step = max(self.step, step)
        self.drivers.append((step, reason))

    def label(self, instrument: str) -> str:
        return self.rules.instruments[instrument].label[self.inp.language]


def recommend(
    inp: NavigatorInput,
    scores: Mapping[str, InstrumentScore],
    rules: RuleSet,
    find_services: ServiceFinder | Callable[..., list[dict[str, Any]]] = no_services,
) -> dict[str, Any]:
    """Apply ``rules`` to validated input and its instrument results."""
    ev = _Evaluation(rules, inp)
    if inp.plan_to_end_life:
        return _emergency_only(ev, scores)
    _severity(ev, scores)
    _risk_items(ev, scores)
    _risk_min_step(ev)
    _stepping_up(ev)
    interventions = _interventions(ev, scores)
    interventions += _alcohol(ev, scores)
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
    }


# --- rules, in the order they are applied ----------------------------------------------------------


def _ordered(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> list[InstrumentScore]:
    return [scores[name] for name in ev.rules.instruments if name in scores]


def _severity(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> None:
    """Step from the highest severity band across the banded instruments given."""
    lang = ev.inp.language
    banded: list[int] = []
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
        reason = ev.note(
            f"severity.{score.instrument}", "severity_step", instrument=ev.label(score.instrument),
            band=rule.band_labels[score.severity][lang], step=step,
        )
        ev.at_least(step, reason)
        banded.append(step)
    if not banded:
        ev.note("severity", "no_scores")
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


def _risk_min_step(ev: _Evaluation) -> None:
    """Risk shows: at least the rule set's minimum step, never self-help alone."""
    if ev.risk:
        min_step = int(ev.rules.risk["min_step"])
        ev.at_least(min_step, ev.note("risk.min_step", "risk_min_step", step=min_step))


def _emergency_only(ev: _Evaluation, scores: Mapping[str, InstrumentScore]) -> dict[str, Any]:
    """A plan to end one's life: emergency guidance only. No step, interventions or services are
    given beside it (they would read as a plan to wait for); the trace says why."""
    ev.note("risk.plan_to_end_life", "plan_to_end_life")
    ev.note("steps.withheld", "plan_withholds_steps")
    ev.urgency = ev.rules.risk["plan_urgency"]
    ev.risk = True
    _risk_items(ev, scores)
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
        ev.at_least(target, reason)


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
            if cond.concern is not None and cond.concern in ev.inp.concerns:
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
        if item.step != ev.step or item.add_only or (ev.risk and item.self_help_only):
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

    fallback = ev.rules.intervention(ev.rules.fallback_intervention)
    professional = [entry for _, entry, _ in chosen if not entry.self_help_only]
    if not chosen:
        ev.note("interventions", "no_match_for_age", step=ev.step)
    # Whenever risk shows, or nothing else fits, a professional's assessment leads the plan.
    if ev.risk or not chosen or (ev.step > 0 and not professional):
        reasons = [ev.rules.text("fallback", lang), *step_reasons]
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
    if item.code == ev.rules.fallback_intervention:
        return True
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
        if c in ev.inp.concerns or (c in measures and any(_answered(scores.get(i)) for i in measures[c].instruments))
    ]
    fallback = ev.rules.intervention(ev.rules.fallback_intervention)
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
                        or (ev.risk and item.self_help_only) or not _addresses(ev, item, concern, track)):
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
        return list(find_services(ev.inp.county, ev.step, ev.inp.age, ev.inp.language))
    except Exception:
        # A catalogue failure must not take the crisis contacts and the step away from the person.
        log.exception("service finder failed")
        ev.note("services", "services_unavailable")
        return []
