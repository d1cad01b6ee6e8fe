"""Shared set-up for the tests of the resident's result PDF: the answers the result page carries."""

from __future__ import annotations

import json
from typing import Any

# PHQ-9 positions: items 1-8 answered 1 or 2 and item 9 as given; GAD-7 all 1. Totals worked by hand:
# PHQ-9 2+2+2+1+1+1+1+1 + item 9 = 11 + item 9; GAD-7 7.
PHQ9_BASE = [2, 2, 2, 1, 1, 1, 1, 1]
GAD7 = [1, 1, 1, 1, 1, 1, 1]


def answers(language: str = "fi", item9: int = 0, plan_to_end_life: bool = False, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "age": 30, "language": language, "concerns": ["depression", "anxiety"], "county": "helsinki",
        "responses": {"phq9": [*PHQ9_BASE, item9, 0], "gad7": GAD7},
        "risk": {"plan_to_end_life": plan_to_end_life},
        "preferences": {"delivery": "no_preference", "format": "no_preference"},
    }
    data.update(extra)
    return data


def post_result_pdf(client: Any, data: dict[str, Any]) -> Any:
    return client.post("/navigator/result.pdf", {"payload": json.dumps(data)})
