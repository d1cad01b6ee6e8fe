"""Framework-free logic for strategy programmes, projects, grants and indicators."""

from __future__ import annotations

from porras.programmes.domain.model import (
    Decision,
    Grant,
    Indicator,
    IndicatorValue,
    InnokylaDescription,
    PriorityArea,
    Programme,
    ProgrammeEntity,
    Project,
    Source,
    Unallocated,
)
from porras.programmes.domain.reference import ReferenceData, ReferenceDataError, load_reference_data
from porras.programmes.domain.reports import (
    FUNDING_DIMENSIONS,
    FundingRow,
    IndicatorHistory,
    IndicatorPoint,
    TimelineRow,
    funding,
    funding_by_programme_and_year,
    indicator_history,
    project_timeline,
    total_funding,
)

__all__ = [
    "FUNDING_DIMENSIONS",
    "Decision",
    "FundingRow",
    "Grant",
    "Indicator",
    "IndicatorHistory",
    "IndicatorPoint",
    "IndicatorValue",
    "InnokylaDescription",
    "PriorityArea",
    "Programme",
    "ProgrammeEntity",
    "Project",
    "ReferenceData",
    "ReferenceDataError",
    "Source",
    "TimelineRow",
    "Unallocated",
    "funding",
    "funding_by_programme_and_year",
    "indicator_history",
    "load_reference_data",
    "project_timeline",
    "total_funding",
]
