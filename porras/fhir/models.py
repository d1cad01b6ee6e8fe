"""FHIR storage: imported external Questionnaires and received QuestionnaireResponses."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porras.instruments.models import InstrumentResponse


class ImportedQuestionnaire(models.Model):
    """An external FHIR Questionnaire (e.g. the LOINC PHQ-9) registered so that responses to it can be
    scored. ``link_map`` maps its linkIds to our item ids where LOINC item codes are absent."""

    url = models.CharField(max_length=500, unique=True, help_text="Canonical URL, or Questionnaire/{id}.")
    instrument = models.CharField(max_length=40)
    link_map = models.JSONField(default=dict, blank=True)
    resource = models.JSONField()
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return f"{self.url} → {self.instrument}"


class QuestionnaireResponseRecord(models.Model):
    """A QuestionnaireResponse received over FHIR, stored as submitted (a disagreeing stated total is
    kept) except for who it is about: the subject is a pseudonymous reference and no identity code
    is kept anywhere (:mod:`porras.fhir.domain.privacy`). With the recomputed score (``response``,
    the answer set), the score Observations and the OperationOutcome returned on create."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.OneToOneField(InstrumentResponse, on_delete=models.PROTECT, related_name="fhir_record")
    questionnaire = models.CharField(max_length=600)
    resource = models.JSONField()
    observations = models.JSONField()
    outcome = models.JSONField()
    submitted_total = models.FloatField(null=True)
    total_disagrees = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"QuestionnaireResponse/{self.id}"
