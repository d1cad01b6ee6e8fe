"""Training records: which professional is trained in which method (docs/product.md §6 J)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from porras.accounts.models import Unit, User
from porras.care.models import Episode
from porras.competence import choices


class TrainingRecord(models.Model):
    """A professional's training in one method, in the unit where they deliver it: the course, its
    dates, the training cases (episodes in Porras), supervision and certification. One record per
    professional and method; the training cases are linked episodes of the same unit."""

    professional = models.ForeignKey(User, on_delete=models.PROTECT, related_name="training_records")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=60, help_text="a method card's code")
    course = models.CharField(max_length=200, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    certified_on = models.DateField(null=True, blank=True)
    supervision_sessions = models.PositiveSmallIntegerField(default=0)
    training_cases = models.ManyToManyField(Episode, blank=True, related_name="+")
    origin = models.CharField(max_length=10, choices=choices.ORIGINS, default="entered")
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["method", "professional__username"]
        constraints = [
            models.UniqueConstraint(fields=["professional", "method"], name="competence_one_record_per_method"),
        ]

    def __str__(self) -> str:
        return f"{self.professional.username}: {self.method}"

    def authz_unit(self) -> Unit:
        return self.unit

    def completed(self, on: dt.date) -> bool:
        """Has the training been completed by ``on``?"""
        return self.completed_on is not None and self.completed_on <= on
