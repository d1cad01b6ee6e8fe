"""Navigator domain: stepped-care recommendations from versioned rule sets (framework-free)."""

from __future__ import annotations

from .engine import ServiceFinder, auditc_threshold, navigate, no_services, recommend
from .errors import FieldError, NavigatorInputError, RuleSetError
from .inputs import NavigatorInput, known_counties, parse_input
from .ruleset import RuleSet, load_default_ruleset, load_ruleset, ruleset_for_county
from .scoring import ItemProblem, Scored, Scorer, UnknownInstrument

__all__ = [
    "FieldError",
    "ItemProblem",
    "NavigatorInput",
    "NavigatorInputError",
    "RuleSet",
    "RuleSetError",
    "Scored",
    "Scorer",
    "ServiceFinder",
    "UnknownInstrument",
    "auditc_threshold",
    "known_counties",
    "load_default_ruleset",
    "load_ruleset",
    "navigate",
    "no_services",
    "parse_input",
    "recommend",
    "ruleset_for_county",
]
