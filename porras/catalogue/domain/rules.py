"""Catalogue rules that need no database: what a publishable service must have, and the filters of
search and of the navigator's service matching (the Django layer implements the same filters in SQL;
its tests compare the two)."""

from __future__ import annotations

from dataclasses import dataclass

from . import taxonomy
from .model import Service

OTHER_LANGUAGE = "other"
MAIN_LANGUAGES = ("fi", "sv", "en")
MAX_AGE = 120


@dataclass(frozen=True)
class Filters:
    """Search filters; None means "any"."""

    county: str | None = None
    category: str | None = None
    age: int | None = None
    language: str | None = None
    channel: str | None = None
    step: int | None = None

    @classmethod
    def checked(
        cls,
        county: str | None = None,
        category: str | None = None,
        age: object = None,
        language: str | None = None,
        channel: str | None = None,
        step: object = None,
    ) -> Filters:
        """Filters from user input; raises ValueError naming the parameter when a value is unknown."""
        if county:
            taxonomy.county(county)
        if category:
            taxonomy.check("categories", category)
        if channel:
            taxonomy.check("channels", channel)
        if language and language != OTHER_LANGUAGE:
            taxonomy.check("languages", language)
        return cls(
            county=county or None,
            category=category or None,
            age=check_age(age) if age not in (None, "") else None,
            language=language or None,
            channel=channel or None,
            step=taxonomy.check_step(step) if step not in (None, "") else None,
        )


def check_age(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"age: expected a whole number of years, got {value!r}")
    try:
        age = int(str(value))
    except ValueError:
        raise ValueError(f"age: expected a whole number of years, got {value!r}") from None
    if not 0 <= age <= MAX_AGE:
        raise ValueError(f"age: {age} is outside 0–{MAX_AGE}")
    return age


def age_fits(service: Service, age: int) -> bool:
    """Whether a person of ``age`` is in the service's target group.

    The service's own minimum/maximum age decides when it has one; otherwise its age groups' bounds;
    a service with neither is open to all ages.
    """
    if service.minimum_age is not None or service.maximum_age is not None:
        low = service.minimum_age if service.minimum_age is not None else 0
        high = service.maximum_age if service.maximum_age is not None else MAX_AGE
        return low <= age <= high
    bounded = [
        taxonomy.term("age_groups", code)
        for code in service.age_groups
        if taxonomy.term("age_groups", code).min_age is not None
        or taxonomy.term("age_groups", code).max_age is not None
    ]
    if not bounded:
        return True
    return any(
        (group.min_age or 0) <= age <= (group.max_age if group.max_age is not None else MAX_AGE)
        for group in bounded
    )


def language_fits(service: Service, language: str) -> bool:
    codes = service.language_codes
    if language == OTHER_LANGUAGE:
        return any(code not in MAIN_LANGUAGES for code in codes)
    return language in codes


def serves_county(service: Service, county: str) -> bool:
    return service.county == county or any(area.county_code == county for area in service.service_areas)


def matches(service: Service, filters: Filters) -> bool:
    """Whether ``service`` passes every filter that is set."""
    return (
        (filters.county is None or serves_county(service, filters.county))
        and (filters.category is None or filters.category in service.categories)
        and (filters.channel is None or filters.channel in service.channels)
        and (filters.step is None or filters.step in service.steps)
        and (filters.language is None or language_fits(service, filters.language))
        and (filters.age is None or age_fits(service, filters.age))
    )


def publication_problems(service: Service) -> list[str]:
    """What keeps a service from being published, each as ``field: reason`` (empty when publishable)."""
    problems = []
    for field_name in ("name", "description"):
        for language in ("fi", "sv"):
            if not service.text(field_name, language).strip():
                problems.append(
                    f"{field_name}_{language}: required (services are described in Finnish and Swedish)"
                )
    if not service.county:
        problems.append("county: required")
    else:
        try:
            taxonomy.county(service.county)
        except ValueError as error:
            problems.append(str(error))
    for attr, vocabulary in (
        ("categories", "categories"),
        ("channels", "channels"),
        ("age_groups", "age_groups"),
    ):
        values = getattr(service, attr)
        if not values and attr != "age_groups":
            problems.append(f"{attr}: at least one is required")
        for code in values:
            try:
                taxonomy.check(vocabulary, code)
            except taxonomy.UnknownTermError as error:
                problems.append(str(error))
    if not service.steps:
        problems.append("steps: at least one step level (0–4) is required")
    for step in service.steps:
        try:
            taxonomy.check_step(step)
        except taxonomy.UnknownTermError as error:
            problems.append(str(error))
    if not service.language_codes:
        problems.append("languages: at least one is required")
    for field_name in ("minimum_age", "maximum_age"):
        value = getattr(service, field_name)
        if value is not None and not 0 <= value <= MAX_AGE:
            problems.append(f"{field_name}: {value} is outside 0–{MAX_AGE}")
    if (
        service.minimum_age is not None
        and service.maximum_age is not None
        and service.minimum_age > service.maximum_age
    ):
        problems.append("maximum_age: must not be below minimum_age")
    return problems
