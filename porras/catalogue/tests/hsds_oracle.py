"""The official Open Referral HSDS 3.0 JSON schemas and examples, as the tests' oracle.

They are external fixtures (root ``conftest.external_fixture``): a test that uses them is skipped when
they are absent and fails under CI=true. Porras itself validates with its own models
(:mod:`porras.catalogue.domain.hsds_schema`); these tests hold those models to the official schemas.
Schema references are resolved from the fixture files only, never over the network.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from conftest import external_fixture

SCHEMA_FILES = {
    "service": "service.schema.json",
    "organization": "organization.schema.json",
    "service_at_location": "service_at_location.schema.json",
    "service_list": "service_list.schema.json",
}
EXAMPLES = {
    "service": "service_full.json",
    "organization": "organization_full.json",
    "service_at_location": "service_at_location_full.json",
}


def example_path(filename: str) -> Path:
    return external_fixture("hsds", filename)


def example(filename: str) -> Any:
    return json.loads(example_path(filename).read_text(encoding="utf-8"))


def _no_network(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def registry(directory: Path) -> Registry[Any]:
    resources = []
    for filename in SCHEMA_FILES.values():
        contents = json.loads((directory / filename).read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((filename, resource))
        resources.append(((directory / filename).as_uri(), resource))
    empty: Registry[Any] = Registry(retrieve=_no_network)  # type: ignore[call-arg]
    return empty.with_resources(resources)


@cache
def _validator(kind: str, directory: Path) -> Any:
    schemas = registry(directory)
    cls = jsonschema.Draft202012Validator
    return cls(schemas.contents(SCHEMA_FILES[kind]), registry=schemas, format_checker=cls.FORMAT_CHECKER)


def official_problems(document: Any, kind: str) -> list[str]:
    """What the official schema of ``kind`` finds wrong with ``document`` (empty when it accepts it)."""
    validator = _validator(kind, external_fixture("hsds", SCHEMA_FILES[kind]).parent)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
