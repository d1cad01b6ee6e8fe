"""Identity codes are found in text in every form they are written, and ordinary numbers are not."""

from __future__ import annotations

import pytest

from porras.care.domain.identity_codes_in_text import REMOVED, contains_identity_code, redact_text


@pytest.mark.parametrize(
    "text",
    ["131052-308T", "131052308T", "131052-308t", "131052308t", "Patient/131052-308T", "hetu: 010101A123N.",
     "１３１０５２－３０８Ｔ", "010101a123n", "290200A102L"],
)
def test_a_code_is_found_and_removed(text: str) -> None:
    assert contains_identity_code(text)
    cleaned = redact_text(text)
    assert REMOVED in cleaned and not contains_identity_code(cleaned)


@pytest.mark.parametrize(
    "text",
    ["131052-308X", "321052-308T", "131052-001B", "290200-102L", "EpisodeOfCare/12345",
     "1310523080T", "a131052-308T", "phone 040 123 4567", "2026-11-30T10:00:00+02:00"],
)
def test_what_is_not_a_code_is_left_alone(text: str) -> None:
    assert not contains_identity_code(text)
    assert redact_text(text) == text


def test_text_around_a_code_is_kept() -> None:
    assert redact_text("Client 131052-308T, seen today") == f"Client {REMOVED}, seen today"
