"""Porras's own HSDS schema (porras.catalogue.domain.hsds_schema) against the official JSON schemas:
it accepts every official example, and refuses whatever the official schema refuses.
(External fixtures: skipped without them, failing under CI=true.)"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import load_demo

from .hsds_oracle import EXAMPLES, SCHEMA_FILES, example, example_path, official_problems, registry


@pytest.mark.parametrize(("kind", "filename"), sorted(EXAMPLES.items()))
def test_an_official_example_that_the_official_schema_accepts_is_accepted_by_ours(kind, filename):
    document = example(filename)
    assert official_problems(document, kind) == []
    assert hsds.validate(document, kind) == []


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _broken(value: Any) -> list[Any]:
    """Values of another JSON type than ``value`` (and, for strings, a few malformed ones)."""
    if isinstance(value, bool):
        return ["true", 1]
    if isinstance(value, int | float):
        return ["12", True]
    if isinstance(value, str):
        return [12, None, False, "not-a-uuid-" + value[:4], "no email", "javascript:alert(1)"]
    if isinstance(value, list):
        return [{}, "x"]
    if isinstance(value, dict):
        return [[], "x"]
    return []


def _mutations(document: Any) -> Iterator[tuple[str, Any]]:
    """Each property broken once per kind of place (``phones.number`` once, not under every phone)."""
    seen: set[tuple[Any, ...]] = set()
    for path, value in _paths(document):
        place = tuple(p for p in path if not isinstance(p, int))[-2:]
        if not path or (place, path[-1] == 0) in seen:
            continue
        seen.add((place, path[-1] == 0))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        for replacement in _broken(value):
            changed = copy.deepcopy(document)
            target = changed
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = replacement
            yield f"{path} = {replacement!r}", changed
        if isinstance(parent, dict):
            changed = copy.deepcopy(document)
            target = changed
            for part in path[:-1]:
                target = target[part]
            del target[path[-1]]
            yield f"{path} removed", changed


@pytest.mark.parametrize(("kind", "filename"), sorted(EXAMPLES.items()))
def test_whatever_the_official_schema_refuses_in_an_official_example_ours_refuses_too(kind, filename):
    missed = [
        what
        for what, changed in _mutations(example(filename))
        if official_problems(changed, kind) and not hsds.validate(changed, kind)
    ]
    assert not missed, f"{len(missed)} change(s) the official schema refuses and ours accepts: {missed[:10]}"


def test_whatever_the_official_schema_refuses_in_a_porras_export_ours_refuses_too():
    document = hsds.export_services(load_demo().services[1:2])[0]
    missed = [
        what
        for what, changed in _mutations(document)
        if official_problems(changed, "service") and not hsds.validate(changed, "service")
    ]
    assert not missed, f"{len(missed)} change(s) the official schema refuses and ours accepts: {missed[:10]}"


def test_the_oracle_never_fetches_a_schema_over_the_network():
    schemas = registry(example_path(SCHEMA_FILES["service"]).parent)
    with pytest.raises(Exception, match="https://example.org/elsewhere.json"):
        schemas.get_or_retrieve("https://example.org/elsewhere.json")
