"""Is a programme suitable for this client? The checks Porras can make from the record, and the
criteria the professional found; anything unmet needs a recorded reason to assign anyway."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from porras.selfcare.domain.programmes import Programme

# The criterion a raised, unacknowledged risk flag stands for (acute suicide risk is an exclusion of
# guided internet therapy: the programme files name the source).
RISK_CRITERION = "acute_suicide_risk"


@dataclass(frozen=True)
class Unmet:
    criterion: str  # a criterion id of the programme, or "min_age"
    why: str  # "found" (by the professional) | "risk_flag" | "age"


def unmet_criteria(programme: Programme, *, age: int | None, open_risk_flags: int,
                   found: Iterable[str]) -> list[Unmet]:
    """The criteria this assignment would break: age under the programme's minimum, an open risk flag
    on the episode (when the programme excludes acute suicide risk), and the exclusions the
    professional found. Raises ``KeyError`` for a found id the programme does not have."""
    known = {c.id for c in programme.exclusions}
    unmet: list[Unmet] = []
    if age is not None and age < programme.min_age:
        unmet.append(Unmet("min_age", "age"))
    if open_risk_flags and RISK_CRITERION in known:
        unmet.append(Unmet(RISK_CRITERION, "risk_flag"))
    for criterion in dict.fromkeys(found):
        if criterion not in known:
            raise KeyError(criterion)
        if not any(u.criterion == criterion for u in unmet):
            unmet.append(Unmet(criterion, "found"))
    return unmet
