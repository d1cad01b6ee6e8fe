"""Reports over programme records: funding, project timelines and indicator history.

Funding is attributed as follows:

* ``programme``: the programme of the grant's entity (the suicide prevention programme is its own
  programme, not folded into the strategy);
* ``priority_area``: the priority-area number of the grant's entity (``None`` when not stated);
* ``region``: the wellbeing services county of the grant's project, ``None`` for a grant to a whole
  entity (the December 2020 grants are of that kind);
* ``year``: the year of the funding decision;
* ``entity``: the grant's entity.

A total is ``approximate`` as soon as one of its grants is stated only approximately in the record.

These reports are outside the disclosure rule of :mod:`porras.lib.disclosure` on purpose: they
count euros, grants and projects of the public record (state grant decisions, Innokylä
descriptions), and indicator values that programme staff enter as published aggregates - never
people, nor anything derived from client records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from porras.programmes.domain.model import Grant, Indicator, IndicatorValue, ProgrammeEntity, Project

FUNDING_DIMENSIONS = ("programme", "priority_area", "region", "year", "entity")


@dataclass(frozen=True)
class FundingRow:
    group: Mapping[str, Any]
    amount_eur: Decimal
    grants: int
    approximate: bool


def _sort_key(values: tuple[Any, ...]) -> tuple[tuple[int, str], ...]:
    # None sorts last; numbers and text sort by their text form padded for numbers.
    return tuple((1, "") if v is None else (0, f"{v:012d}" if isinstance(v, int) else str(v)) for v in values)


def funding(
    grants: Iterable[Grant],
    entities: Iterable[ProgrammeEntity],
    projects: Iterable[Project] = (),
    by: Sequence[str] = ("programme",),
) -> list[FundingRow]:
    """Granted euros grouped by any of ``programme, priority_area, region, year, entity``."""
    for dimension in by:
        if dimension not in FUNDING_DIMENSIONS:
            raise ValueError(f"by: unknown dimension {dimension!r}; use {', '.join(FUNDING_DIMENSIONS)}")
    entity_by_id = {e.id: e for e in entities}
    project_by_id = {p.id: p for p in projects}
    totals: dict[tuple[Any, ...], tuple[Decimal, int, bool]] = {}
    for grant in grants:
        entity = entity_by_id.get(grant.entity)
        if entity is None:
            raise ValueError(f"grant {grant.id}: unknown entity {grant.entity!r}")
        project = None
        if "region" in by and grant.project:
            project = project_by_id.get(grant.project)
            if project is None:
                raise ValueError(f"grant {grant.id}: unknown project {grant.project!r}")
        values = {
            "programme": entity.programme,
            "priority_area": entity.priority_area,
            "region": project.county_code if project else None,
            "year": grant.year,
            "entity": entity.id,
        }
        key = tuple(values[d] for d in by)
        amount, count, approximate = totals.get(key, (Decimal(0), 0, False))
        totals[key] = (amount + grant.amount_eur, count + 1, approximate or grant.approximate)
    return [
        FundingRow(dict(zip(by, key, strict=True)), amount, count, approximate)
        for key, (amount, count, approximate) in sorted(totals.items(), key=lambda kv: _sort_key(kv[0]))
    ]


def funding_by_programme_and_year(
    grants: Iterable[Grant], entities: Iterable[ProgrammeEntity]
) -> list[FundingRow]:
    return funding(grants, entities, by=("programme", "year"))


def total_funding(grants: Iterable[Grant]) -> tuple[Decimal, bool]:
    """Sum of all grants and whether it is approximate."""
    amount, approximate = Decimal(0), False
    for grant in grants:
        amount += grant.amount_eur
        approximate = approximate or grant.approximate
    return amount, approximate


@dataclass(frozen=True)
class TimelineRow:
    project: str
    entity: str
    name: str
    round: str
    start: date | None
    end: date | None
    county_code: str | None

    @property
    def anchor(self) -> date | None:
        """The date the project sits at on a timeline: its start, else the first day of its funding round."""
        if self.start is not None:
            return self.start
        if self.round:
            year, _, month = self.round.partition("-")
            return date(int(year), int(month or 1), 1)
        return None


def project_timeline(projects: Iterable[Project], entity: str | None = None) -> list[TimelineRow]:
    """Projects (of one entity, or all) in timeline order: by start or funding round, then name."""
    rows = [
        TimelineRow(p.id, p.entity, p.name, p.round, p.start, p.end, p.county_code)
        for p in projects
        if entity is None or p.entity == entity
    ]
    return sorted(rows, key=lambda r: (r.anchor is None, r.anchor or date.min, r.name.casefold()))


@dataclass(frozen=True)
class IndicatorPoint:
    on: date
    value: Decimal
    target: Decimal | None
    met: bool | None


@dataclass(frozen=True)
class IndicatorHistory:
    indicator: str
    points: tuple[IndicatorPoint, ...]
    targets: tuple[tuple[date, Decimal], ...]

    @property
    def latest(self) -> IndicatorPoint | None:
        return self.points[-1] if self.points else None

    @property
    def change(self) -> Decimal | None:
        """Latest measured value minus the first one (None with fewer than two values)."""
        if len(self.points) < 2:
            return None
        return self.points[-1].value - self.points[0].value


def indicator_history(indicator: Indicator, values: Iterable[IndicatorValue]) -> IndicatorHistory:
    """Measured values in date order, each compared with the target it was working towards.

    Targets are dated by their deadline: a value is compared with the first target dated on or after
    it, or, after the last deadline, with the last target.
    """
    own = [v for v in values if v.indicator == indicator.id]
    targets = sorted((v.on, v.value) for v in own if v.kind == "target")
    measured = sorted((v for v in own if v.kind == "measured"), key=lambda v: v.on)
    points = []
    for value in measured:
        upcoming = [t for t in targets if t[0] >= value.on]
        target = upcoming[0][1] if upcoming else (targets[-1][1] if targets else None)
        met = None
        if target is not None:
            met = value.value >= target if indicator.higher_is_better else value.value <= target
        points.append(IndicatorPoint(value.on, value.value, target, met))
    return IndicatorHistory(indicator.id, tuple(points), tuple(targets))
