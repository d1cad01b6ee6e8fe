"""Validation of FHIR JSON with the ``fhir.resources.R4B`` models.

Real-world resources often carry broken *non-modifier* extensions (the LHC-Forms PHQ-9, for example,
has an ``optionPrefix`` whose ``valueString`` is a number, and R5-style expression names). FHIR lets
a receiver ignore extensions it does not understand, so :func:`validate_resource` can drop exactly
the invalid extension elements, revalidate, and report what it dropped as warnings. Everything else
that is invalid is an error.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from .errors import FhirInputError, issue


def _path_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _extension_prefix(loc: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The path of the outermost ``extension[i]`` element in loc, or None."""
    for index, part in enumerate(loc[:-1]):
        if part == "extension" and isinstance(loc[index + 1], int):
            return loc[: index + 2]
    return None


def _errors_of(exc: ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    return [(tuple(e["loc"]), str(e["msg"])) for e in exc.errors()]


def validate_resource(
    data: Any, resource_type: str, *, drop_invalid_extensions: bool = False
) -> tuple[Any, dict[str, Any], list[str]]:
    """Validate ``data`` as an R4B ``resource_type``.

    Returns ``(model, data_used, warnings)``; ``data_used`` is ``data`` itself or a copy without the
    dropped extensions. Raises FhirInputError with one issue per problem.
    """
    if not isinstance(data, Mapping):
        raise FhirInputError(f"expected a JSON object with resourceType {resource_type!r}")
    actual = data.get("resourceType")
    if actual != resource_type:
        raise FhirInputError(
            f"expected resourceType {resource_type!r}, got {actual!r}",
            [
                issue(
                    "error",
                    "invalid",
                    f"expected resourceType {resource_type!r}, got {actual!r}",
                    "resourceType",
                )
            ],
        )
    model_class = get_fhir_model_class(resource_type)
    working: dict[str, Any] = dict(data)
    warnings: list[str] = []
    repaired = False
    for _attempt in range(5):
        try:
            model = model_class.model_validate(working)
        except ValidationError as exc:
            errors = _errors_of(exc)
            prefixes = [_extension_prefix(loc) for loc, _ in errors]
            if not drop_invalid_extensions or any(p is None for p in prefixes):
                raise FhirInputError(
                    f"invalid {resource_type}",
                    [
                        issue("error", "structure", f"{_path_text(loc)}: {msg}", _path_text(loc))
                        for loc, msg in errors
                    ],
                ) from exc
            if not repaired:
                working, repaired = copy.deepcopy(dict(data)), True
            _drop(working, {p for p in prefixes if p is not None}, errors, warnings)
            continue
        return model, working, warnings
    raise FhirInputError(f"invalid {resource_type}: could not repair its extensions")


def _drop(
    data: dict[str, Any],
    prefixes: set[tuple[Any, ...]],
    errors: list[tuple[tuple[Any, ...], str]],
    warnings: list[str],
) -> None:
    # Remove deepest-index-first within each list so earlier indices stay valid.
    for prefix in sorted(prefixes, key=lambda p: (tuple(map(str, p[:-1])), -int(p[-1]))):
        parent: Any = data
        for part in prefix[:-1]:
            parent = parent[part]
        reasons = "; ".join(msg for loc, msg in errors if loc[: len(prefix)] == prefix)
        url = parent[prefix[-1]].get("url") if isinstance(parent[prefix[-1]], dict) else None
        del parent[prefix[-1]]
        warnings.append(f"ignored invalid extension {url!r} at {_path_text(prefix)}: {reasons}")
