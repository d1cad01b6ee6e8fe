"""Shared helpers: the real FHIR questionnaires are external fixtures (root ``conftest.external_fixture``);
a test that loads one is skipped when they are absent and fails under CI=true."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import external_fixture

HL7_LINK_MAP = {f"H1/T1/Q{n}": str(n) for n in range(1, 10)}


def path(name: str) -> Path:
    return external_fixture("fhir", name)


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path(name).read_text(encoding="utf-8"))
    return data


def lforms_response(
    codes: list[str], total: float | None = None, questionnaire: str = "Questionnaire/44249-1-x"
) -> dict[str, Any]:
    """A response to the LHC-Forms PHQ-9, answering its nine items with these LOINC answer codes."""
    links = [
        "44250-9",
        "44255-8",
        "44259-0",
        "44254-1",
        "44251-7",
        "44258-2",
        "44252-5",
        "44253-3",
        "44260-8",
    ]
    items: list[dict[str, Any]] = [
        {"linkId": f"/{link}", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": code}}]}
        for link, code in zip(links, codes, strict=True)
    ]
    if total is not None:
        items.append({"linkId": "/44261-6", "answer": [{"valueDecimal": total}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": questionnaire,
        "item": items,
    }
