"""Every audit action written in the code has a human name in porras.accounts.audit_labels (read from
the source, so that a new action without one fails here), and every name is translated."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from porras.accounts import audit_labels

PORRAS = Path(__file__).resolve().parents[2]
# audit.record(actor, "action", ...) and the helpers that pass an action on: _deny/_hide/_require(actor, ..., "action")
_RECORD = re.compile(r"""audit\.record\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*f?"([^"]+)\"""")
_LITERAL_ACTION = re.compile(r'"((?:[a-z_]+\.)+[a-z_]+|login|logout|create|read|search|import)"')


def _written_actions() -> set[str]:
    found: set[str] = set()
    for path in PORRAS.rglob("*.py"):
        if "tests" in path.relative_to(PORRAS).parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "audit.record" not in text:
            continue
        found |= set(_RECORD.findall(text))
    return found


def test_every_action_written_in_the_code_has_a_human_name() -> None:
    written = _written_actions()
    assert "episode.read" in written and "user.create" in written, "the source was not read"
    dynamic = {a for a in written if "{" in a}
    assert dynamic == {"catalogue.service.{status}"}, "a new computed action: add its names and this test's case"
    missing = sorted(a for a in written - dynamic if a not in audit_labels.ACTION_LABELS)
    assert missing == [], f"audit actions without a human name in audit_labels.ACTION_LABELS: {missing}"


def _names(language: str) -> dict[str, str]:
    with translation.override(language):
        return {action: str(text) for action, text in audit_labels.ACTION_LABELS.items()}


def test_every_name_is_translated_into_finnish_and_swedish() -> None:
    english = _names("en")
    for language in ("fi", "sv"):
        same = [a for a, text in _names(language).items() if text == english[a]]
        assert same == [], f"untranslated in {language}: {same}"


def test_an_unknown_action_is_shown_as_it_is_written() -> None:
    assert audit_labels.label("something.new") == "something.new"
    with translation.override("fi"):
        assert audit_labels.label("login") == "Kirjautuminen"
