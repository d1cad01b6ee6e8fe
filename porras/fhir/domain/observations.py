"""Score Observations for a scored questionnaire response."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.observation import Observation

from porras.instruments.domain import Instrument, ScoreResult

from .questionnaire import DEFAULT_BASE_URL, LOINC, score_system, severity_system

SURVEY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }
    ]
}


def _quantity(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}"}


def _score_code(loinc: str | None, porras_code: str, text: str, base_url: str) -> dict[str, Any]:
    coding = [{"system": LOINC, "code": loinc}] if loinc else []
    coding.append({"system": score_system(base_url), "code": porras_code})
    return {"coding": coding, "text": text}


def build_observations(
    instrument: Instrument,
    result: ScoreResult,
    *,
    base_url: str = DEFAULT_BASE_URL,
    subject: dict[str, Any] | None = None,
    effective: str | None = None,
    derived_from: str | None = None,
    submitted_total: float | None = None,
) -> list[dict[str, Any]]:
    """One Observation for the total (LOINC total-score code where it exists, plus a Porras code),
    with the severity band as interpretation and every risk flag and the caseness as components; one
    Observation per derived score (e.g. PHQ-2, LOINC 55758-7). All validated with R4B."""

    def common() -> dict[str, Any]:
        obs: dict[str, Any] = {"resourceType": "Observation", "status": "final", "category": [SURVEY]}
        if subject:
            obs["subject"] = subject
        if effective:
            obs["effectiveDateTime"] = effective
        if derived_from:
            obs["derivedFrom"] = [{"reference": derived_from}]
        return obs

    assert result.total is not None
    total = common()
    total["code"] = _score_code(
        instrument.loinc_total, f"{instrument.id}-total", f"{instrument.abbreviation} total score", base_url
    )
    total["valueQuantity"] = _quantity(result.total)
    if result.severity:
        band = instrument.band(result.severity)
        total["interpretation"] = [
            {
                "coding": [
                    {
                        "system": severity_system(base_url),
                        "code": f"{instrument.id}-{band.key}",
                        "display": band.label["en"],
                    }
                ],
                "text": band.label["en"],
            }
        ]
    components: list[dict[str, Any]] = []
    for flag in result.risk_flags:
        item = instrument.item(str(flag["item"]))
        coding = [{"system": LOINC, "code": item.loinc}] if item.loinc else []
        coding.append({"system": score_system(base_url), "code": f"{instrument.id}-item-{item.id}"})
        components.append(
            {
                "code": {"coding": coding, "text": f"{instrument.abbreviation} item {item.id} (risk item)"},
                "valueInteger": flag["value"],
                "interpretation": [{"text": "risk"}],
            }
        )
    if result.caseness is not None:
        components.append(
            {
                "code": {
                    "coding": [{"system": score_system(base_url), "code": f"{instrument.id}-caseness"}],
                    "text": f"{instrument.abbreviation} at or above the clinical cut-off",
                },
                "valueBoolean": result.caseness,
            }
        )
    if components:
        total["component"] = components
    notes = [{"text": w} for w in result.warnings]
    if submitted_total is not None and submitted_total != result.total:
        notes.append(
            {
                "text": f"The response states a total of {submitted_total:g}, but its answers give "
                f"{result.total:g}; the recomputed total is recorded here and the stated one is kept "
                "unchanged in the QuestionnaireResponse."
            }
        )
    if notes:
        total["note"] = notes
    observations = [total]
    for derived in instrument.derived:
        if derived.id not in result.subscores:
            continue
        obs = common()
        label = derived.name["en"] if derived.name else derived.id
        obs["code"] = _score_code(
            derived.loinc_total, f"{instrument.id}-{derived.id}", f"{label} score", base_url
        )
        obs["valueQuantity"] = _quantity(result.subscores[derived.id])
        observations.append(obs)
    for obs in observations:
        Observation.model_validate(obs)
    return observations
