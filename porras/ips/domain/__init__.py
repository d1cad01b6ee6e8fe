"""Framework-free IPS logic: fidelity scoring and employment-outcome definitions."""

from __future__ import annotations

from porras.ips.domain.employment import (
    CaseloadCell,
    ClientPath,
    ContactDelayCell,
    EmployerContact,
    Employment,
    Period,
    RateCell,
    caseload_sizes,
    competitive_employment_rates,
    days_to_first_employer_contact,
    first_employer_contact_delays,
    regroup,
)
from porras.ips.domain.fidelity import (
    FidelityBand,
    FidelityItem,
    FidelityItemError,
    FidelityPoint,
    FidelityResult,
    FidelityReview,
    FidelityScale,
    band_for_total,
    fidelity_history,
    load_fidelity_scale,
    score_fidelity,
)

__all__ = [
    "CaseloadCell",
    "ClientPath",
    "ContactDelayCell",
    "EmployerContact",
    "Employment",
    "FidelityBand",
    "FidelityItem",
    "FidelityItemError",
    "FidelityPoint",
    "FidelityResult",
    "FidelityReview",
    "FidelityScale",
    "Period",
    "RateCell",
    "band_for_total",
    "caseload_sizes",
    "competitive_employment_rates",
    "days_to_first_employer_contact",
    "fidelity_history",
    "first_employer_contact_delays",
    "regroup",
    "load_fidelity_scale",
    "score_fidelity",
]
