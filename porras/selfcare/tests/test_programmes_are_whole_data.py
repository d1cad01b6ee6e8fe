"""The programmes Porras ships are whole: four or more, each 5-8 modules in fi/sv/en, demo content,
with sources; every embedded instrument exists; a broken file is refused with the reason."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from porras.instruments.domain import list_instruments
from porras.selfcare.domain.programmes import LANGUAGES, ProgrammeError, parse, programmes

SHIPPED = {"low-mood", "worry", "panic", "sleep"}


def test_the_four_programmes_are_shipped_as_demo_content_of_five_to_eight_modules() -> None:
    found = programmes()
    assert set(found) >= SHIPPED
    for programme_id in SHIPPED:
        programme = found[programme_id]
        assert programme.status == "demo"
        assert 5 <= len(programme.modules) <= 8
        for module in programme.modules:
            assert set(module.title) == set(LANGUAGES)
            for exercise in module.exercises:
                assert set(exercise.prompt) == set(LANGUAGES)


def test_every_embedded_instrument_exists_and_every_criterion_names_a_source() -> None:
    known = {i.id for i in list_instruments()}
    for programme in programmes().values():
        assert set(programme.instruments) <= known, programme.id
        for criterion in programme.criteria:
            assert criterion.source in programme.sources


def test_guided_programmes_exclude_acute_suicide_risk_psychosis_and_bipolar_disorder() -> None:
    for programme in programmes().values():
        if not programme.open:
            assert {"acute_suicide_risk", "current_psychosis", "bipolar_disorder"} <= {c.id for c in programme.exclusions}


def _minimal() -> dict[str, object]:
    text = {"fi": "a", "sv": "b", "en": "c"}
    return {"id": "x", "version": "1", "status": "demo", "step": 0, "min_age": 18, "min_age_source": "s",
            "expected_weeks": 4, "expected_weeks_source": "s", "title": text, "summary": text,
            "sources": {"s": {"title": "a source"}}, "modules": [{"id": "m1", "title": text, "text": text}]}


def test_a_module_without_swedish_is_refused_naming_it() -> None:
    raw = _minimal()
    raw["modules"] = [{"id": "m1", "title": {"fi": "a", "en": "c"}, "text": {"fi": "a", "sv": "b", "en": "c"}}]
    with pytest.raises(ProgrammeError, match=r"modules\[0\]\.title"):
        parse(raw)


def test_a_module_with_neither_text_nor_link_is_refused() -> None:
    raw = _minimal()
    raw["modules"] = [{"id": "m1", "title": {"fi": "a", "sv": "b", "en": "c"}}]
    with pytest.raises(ProgrammeError, match="own text or a link"):
        parse(raw)


def test_a_criterion_without_a_known_source_is_refused() -> None:
    raw = _minimal()
    raw["criteria"] = [{"id": "c", "kind": "exclusion", "source": "nowhere", "label": {"fi": "a", "sv": "b", "en": "c"}}]
    with pytest.raises(ProgrammeError, match="criteria"):
        parse(raw)


def test_the_command_lists_the_programmes_as_json() -> None:
    out = io.StringIO()
    call_command("selfcare", "list", "--format", "json", stdout=out)
    listed = {p["id"]: p for p in json.loads(out.getvalue())}
    assert set(listed) >= SHIPPED
    assert listed["low-mood"]["step"] == 1 and listed["low-mood"]["modules"] == 6
