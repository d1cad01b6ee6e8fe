"""Plain dicts of care objects, as the API answers them (and as idempotent answers are stored)."""

from __future__ import annotations

from typing import Any

from porras.care.models import Appointment, Client, Episode, FollowUp, Measurement, RiskFlag, SafetyPlan


def client_dict(c: Client) -> dict[str, Any]:
    return {
        "id": c.pk,
        "identifier_system": c.identifier_system,
        "birth_year": c.birth_year,
        "sex": c.sex,
        "county": c.home_county.code,
        "language": c.language,
    }


def episode_dict(e: Episode) -> dict[str, Any]:
    return {
        "id": e.pk,
        "client_id": e.client_id,
        "unit": e.unit.code,
        "phase": e.phase.value,
        "referral_date": e.referral_date,
        "referral_source": e.referral_source,
        "concerns": list(e.concerns or []),
        "assessment_date": e.assessment_date,
        "first_treatment_date": e.first_treatment_date,
        "step": e.step,
        "intervention": e.intervention or None,
        "end_date": e.end_date,
        "end_reason": e.end_reason or None,
        "navigator_recommendation": e.navigator_recommendation,
        "navigator_ruleset_id": e.navigator_ruleset_id or None,
        "navigator_ruleset_version": e.navigator_ruleset_version or None,
        "version": e.version,
    }


def appointment_dict(a: Appointment) -> dict[str, Any]:
    return {"id": a.pk, "episode_id": a.episode_id, "date": a.date, "kind": a.kind, "status": a.status}


def risk_flag_dict(f: RiskFlag) -> dict[str, Any]:
    return {
        "id": f.pk, "instrument": f.instrument, "item": f.item, "value": f.value,
        "open": f.acknowledged_at is None, "acknowledged_at": f.acknowledged_at,
        "acknowledged_by": f.acknowledged_by or None,
    }


def measurement_dict(m: Measurement, flags: list[RiskFlag] | None = None) -> dict[str, Any]:
    total: float | int = int(m.total) if float(m.total).is_integer() else m.total
    return {
        "id": m.pk,
        "episode_id": m.episode_id,
        "appointment_id": m.appointment_id,
        "instrument": m.instrument,
        "instrument_version": m.instrument_version,
        "date": m.date,
        "answers": m.answers,
        "score": {
            "total": total, "severity": m.severity or None, "caseness": m.caseness, "subscores": m.subscores,
            "complete": m.complete, "warnings": m.warnings, "item_scores": m.item_scores,
        },
        "risk_flags": [risk_flag_dict(f) for f in (flags if flags is not None else m.risk_flags.all())],
        "text_pack": m.text_pack,
        "source": m.source,
    }


def safety_plan_dict(p: SafetyPlan) -> dict[str, Any]:
    return {
        "id": p.pk, "episode_id": p.episode_id, "version": p.number, "warning_signs": p.warning_signs,
        "own_coping": p.own_coping, "people_and_places": p.people_and_places,
        "professionals_and_crisis_lines": p.professionals_and_crisis_lines,
        "safe_surroundings": p.safe_surroundings, "created_at": p.created_at, "by": p.by,
    }


def followup_dict(f: FollowUp) -> dict[str, Any]:
    return {
        "id": f.pk, "episode_id": f.episode_id, "reason": f.reason, "contact_date": f.contact_date,
        "due_date": f.due_date, "done": f.done_at is not None, "overdue": f.overdue(),
    }
