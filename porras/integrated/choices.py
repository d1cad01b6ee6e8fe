"""Choice lists of the integrated-care app, declared once: labels (fi/sv/en through the catalogue)
for the framework-free enums of :mod:`porras.integrated.domain`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from porras.integrated.domain.consultation import Outcome, PreferredForm, Status, Urgency


def _labelled(values: Iterable[Any], labels: Mapping[Any, Any]) -> list[tuple[str, Any]]:
    """``[(value, label), ...]``; every value labelled and nothing else (else it fails at import)."""
    found = list(values)
    if set(found) != set(labels):
        raise ValueError(f"choices: labels {sorted(map(str, labels))} do not match values {sorted(map(str, found))}")
    return [(v.value if isinstance(v, StrEnum) else v, labels[v]) for v in found]


def label(choices: Iterable[tuple[str, Any]], value: str) -> str:
    return str(dict(choices).get(value, value))


URGENCIES = _labelled(Urgency, {Urgency.URGENT: _("Urgent"), Urgency.NON_URGENT: _("Non-urgent")})
PREFERRED_FORMS = _labelled(PreferredForm, {
    PreferredForm.WRITTEN_ADVICE: _("Written advice"),
    PreferredForm.JOINT_VISIT: _("Joint visit"),
    PreferredForm.VIDEO: _("Video consultation"),
    PreferredForm.TRANSFER: _("Transfer to specialised care"),
})
OUTCOMES = _labelled(Outcome, {
    Outcome.PRIMARY_CARE: _("Care continues in primary care"),
    Outcome.TRANSFER: _("Transfer to specialised care"),
})
STATUSES = _labelled(Status, {Status.OPEN: _("Waiting for an answer"), Status.ANSWERED: _("Answered"),
                              Status.WITHDRAWN: _("Withdrawn by the asking unit")})
