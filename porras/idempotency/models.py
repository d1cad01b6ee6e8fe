"""The stored first answers of POSTs sent with an ``Idempotency-Key``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotencyRecord(models.Model):
    """The first successful answer to a POST with an ``Idempotency-Key`` (see
    :mod:`porras.idempotency.services`): the key is the user's, ``endpoint`` names what was called
    (``episodes.12.measurements``, ``fhir.QuestionnaireResponse``), ``request_hash`` the body."""

    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endpoint = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body: Any = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")]

    def __str__(self) -> str:
        return f"idempotency {self.key}"
