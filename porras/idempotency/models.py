"""The stored first answers of POSTs sent with an ``Idempotency-Key``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotencyRecord(models.Model):
    """The first successful answer to a POST with an ``Idempotency-Key`` (see
    :mod:`porras.idempotency.services`): the key is the user's - or, for callers who are no user (a
    client signed in with a code), the ``principal``'s (``client-session:41``) - ``endpoint`` names what
    was called (``episodes.12.measurements``, ``fhir.QuestionnaireResponse``), ``request_hash`` the body."""

    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    principal = models.CharField(max_length=80, blank=True, default="",
                                 help_text="who the key belongs to when it is no user (empty for users)")
    endpoint = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body: Any = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user"),
            models.UniqueConstraint(fields=["principal", "key"], condition=~models.Q(principal=""),
                                    name="idempotency_key_unique_per_principal"),
            models.CheckConstraint(condition=models.Q(user__isnull=False) | ~models.Q(principal=""),
                                   name="idempotency_key_has_an_owner"),
        ]

    def __str__(self) -> str:
        return f"idempotency {self.key}"
