from __future__ import annotations

from typing import Any


def person(**fields: Any) -> dict[str, Any]:
    """A valid navigator input for a 30-year-old in Pirkanmaa, in English, with `fields` on top."""
    data: dict[str, Any] = {"age": 30, "sex": "female", "county": "pirkanmaa", "language": "en"}
    data.update(fields)
    return data


def phq9(severity: str, item9: int | None = 0, total: int | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"severity": severity, "risk_items": {"9": item9}}
    if total is not None:
        entry["total"] = total
    return entry


def codes(result: dict[str, Any]) -> list[str]:
    return [item["code"] for item in result["interventions"]]


def rules_fired(result: dict[str, Any]) -> list[str]:
    return [entry["rule"] for entry in result["trace"]]
