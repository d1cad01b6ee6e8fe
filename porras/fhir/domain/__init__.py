"""FHIR R4 for instruments: Questionnaires out, QuestionnaireResponses in, score Observations.

Framework-free; every resource built or read is validated with ``fhir.resources.R4B``.
"""

from __future__ import annotations

from .binding import QuestionnaireBinding, bind_questionnaire
from .errors import NO_ISSUES, FhirInputError, UnknownQuestionnaire, issue, operation_outcome
from .observations import build_observations
from .questionnaire import (
    DEFAULT_BASE_URL,
    ITEM_WEIGHT,
    LOINC,
    ORDINAL_VALUE,
    build_questionnaire,
    questionnaire_url,
)
from .registry import QuestionnaireRegistry
from .response import ScoredResponse, score_questionnaire_response
from .textpack import import_text_pack
from .validation import validate_resource

__all__ = [
    "DEFAULT_BASE_URL",
    "ITEM_WEIGHT",
    "LOINC",
    "NO_ISSUES",
    "ORDINAL_VALUE",
    "FhirInputError",
    "QuestionnaireBinding",
    "QuestionnaireRegistry",
    "ScoredResponse",
    "UnknownQuestionnaire",
    "bind_questionnaire",
    "build_observations",
    "build_questionnaire",
    "import_text_pack",
    "issue",
    "operation_outcome",
    "questionnaire_url",
    "score_questionnaire_response",
    "validate_resource",
]
