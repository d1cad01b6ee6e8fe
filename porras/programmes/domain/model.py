"""Plain records of strategy programmes, their entities, projects, grants and indicators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Names = Mapping[str, str]  # language code (fi, sv, en) -> text


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str = ""
    date: date | None = None
    kept_as: str | None = None


@dataclass(frozen=True)
class Programme:
    """The strategy itself, or a programme inside it (such as the suicide prevention programme)."""

    id: str
    kind: str
    name: Names
    start: date | None = None
    end: date | None = None
    parent: str | None = None
    funder: str = ""
    coordinator: str = ""
    name_sources: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PriorityArea:
    number: int
    key: str
    name: Names


@dataclass(frozen=True)
class InnokylaDescription:
    """The fields of an Innokylä entity or operating-model description (all optional)."""

    short_description: str = ""
    purpose_and_goals: str = ""
    main_goal: str = ""
    period_text: str = ""
    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    place: str = ""
    funder: str = ""
    contact_person: str = ""
    contact_organisation: str = ""
    author: str = ""
    created: date | None = None
    modified: date | None = None
    starting_point_and_strategic_links: str = ""
    outputs_and_results: str = ""


@dataclass(frozen=True)
class ProgrammeEntity:
    """A programme entity (kokonaisuus / hankekokonaisuus) and its Innokylä description."""

    id: str
    programme: str
    name: Names
    source: str
    priority_area: int | None = None
    parent: str | None = None
    abbreviation: str = ""
    projects_stated: int | None = None
    description: InnokylaDescription = field(default_factory=InnokylaDescription)
    name_sources: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Project:
    """A project (hanke) of an entity; ``county_code`` is the wellbeing services county, if any."""

    id: str
    entity: str
    name: str
    round: str = ""
    listed_as: str = ""
    region_as_listed: str | None = None
    organisation_as_listed: str | None = None
    county_code: str | None = None
    start: date | None = None
    end: date | None = None
    description: InnokylaDescription = field(default_factory=InnokylaDescription)


@dataclass(frozen=True)
class Decision:
    id: str
    funder: str
    year: int
    source: str
    announced: date | None = None


@dataclass(frozen=True)
class Grant:
    """A state grant: to an entity, optionally to one project of it."""

    id: str
    entity: str
    amount_eur: Decimal
    year: int
    source: str
    decision: str | None = None
    approximate: bool = False
    project: str | None = None
    recipient: str | None = None
    decision_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None

    def __post_init__(self) -> None:
        if self.amount_eur < 0:
            raise ValueError(f"grant {self.id}: amount_eur must not be negative")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError(f"grant {self.id}: period_end is before period_start")


@dataclass(frozen=True)
class Unallocated:
    """Money of a decision left for a later call."""

    id: str
    decision: str
    amount_eur: Decimal
    approximate: bool
    note: Names
    source: str


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Names
    unit: str = ""
    higher_is_better: bool = True
    entity: str | None = None
    project: str | None = None


@dataclass(frozen=True)
class IndicatorValue:
    """A measured value, or a target (``kind='target'``), of an indicator on a date."""

    indicator: str
    on: date
    value: Decimal
    kind: str = "measured"

    def __post_init__(self) -> None:
        if self.kind not in ("measured", "target"):
            raise ValueError(f"kind: must be 'measured' or 'target', got {self.kind!r}")
