"""Consultations from primary care to specialised care (docs/product.md §6 K).

A consultation belongs to a care episode of the asking unit and is addressed to a specialised
psychiatry or substance-use unit of the same wellbeing services county (the county is the register
controller of both). Its question and answer are about the client, so both are client data: read and
written only through :mod:`porras.integrated.services`, every time audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from porras.accounts.models import Unit
from porras.care.models import Episode
from porras.catalogue.domain import taxonomy
from porras.integrated import choices
from porras.integrated.domain import consultation as rules
from porras.integrated.domain import social_care as social_rules
from porras.lib.errors import Conflict


class Consultation(models.Model):
    """A question about an episode to a specialist unit, and the unit's answer."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="consultations")
    asking_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                    help_text="the episode's unit when the question was asked")
    specialist_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(max_length=rules.QUESTION_MAX)
    urgency = models.CharField(max_length=20, choices=choices.URGENCIES)
    preferred_form = models.CharField(max_length=20, choices=choices.PREFERRED_FORMS)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    asked_on = models.DateField(default=timezone.localdate,
                                help_text="the local day asked (interchange asked_date; the answer time counts from it)")
    answer = models.TextField(max_length=rules.ANSWER_MAX, blank=True)
    outcome = models.CharField(max_length=20, choices=choices.OUTCOMES, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True, help_text="the local day answered (interchange answered_date)")
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True,
                                        help_text="withdrawn by the asking unit before an answer")

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["specialist_unit", "answered_at"], name="integrated_consult_queue")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(answered_at__isnull=True, answered_on__isnull=True, outcome="")
                           | (models.Q(answered_at__isnull=False, answered_on__isnull=False) & ~models.Q(outcome=""))),
                name="integrated_consultation_answered_with_outcome"),
        ]

    def __str__(self) -> str:
        return f"consultation {self.pk}"

    @property
    def unit(self) -> Unit:
        return self.asking_unit

    @property
    def status(self) -> str:
        if self.withdrawn_at:
            return rules.Status.WITHDRAWN
        return rules.Status.ANSWERED if self.answered_at else rules.Status.OPEN

    @property
    def turnaround_days(self) -> int | None:
        return rules.turnaround_days(self.asked_on, self.answered_on)

    def waiting_days(self) -> int:
        return rules.waiting_days(self.asked_on, timezone.localdate())

    def record_answer(self, by: Any, answer: str, outcome: str) -> None:
        """The specialist unit's answer (once); saved by the caller's transaction."""
        if self.answered_at is not None:
            raise Conflict(f"consultation: {rules.ALREADY_ANSWERED}")
        if self.withdrawn_at is not None:
            raise Conflict(f"consultation: {rules.WITHDRAWN}")
        self.answer = answer.strip()
        self.outcome = outcome
        self.answered_by = by
        self.answered_at = timezone.now()
        self.answered_on = timezone.localdate(self.answered_at)
        self.save(update_fields=["answer", "outcome", "answered_by", "answered_at", "answered_on"])

    def withdraw(self, by: Any) -> None:
        """The asking unit withdraws the question before it is answered; saved by the caller's transaction."""
        if self.answered_at is not None:
            raise Conflict(f"consultation: {rules.ALREADY_ANSWERED}")
        if self.withdrawn_at is not None:
            raise Conflict(f"consultation: {rules.WITHDRAWN}")
        self.withdrawn_by = by
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["withdrawn_by", "withdrawn_at"])

    @property
    def urgency_label(self) -> str:
        return choices.label(choices.URGENCIES, self.urgency)

    @property
    def preferred_form_label(self) -> str:
        return choices.label(choices.PREFERRED_FORMS, self.preferred_form)

    @property
    def outcome_label(self) -> str:
        return choices.label(choices.OUTCOMES, self.outcome) if self.outcome else ""

    @property
    def status_label(self) -> str:
        return choices.label(choices.STATUSES, self.status)


class SocialCareMember(models.Model):
    """A social-welfare professional or service in an episode's team (social work, housing with social
    guidance, social rehabilitation, substance-use social services ...), with the contact the care team
    reaches them by. ``service`` links the catalogue's service where there is one."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="social_care")
    category = models.CharField(max_length=60, help_text="a social-welfare category of the service catalogue")
    service = models.ForeignKey("catalogue.Service", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    professional = models.CharField(max_length=social_rules.TEXT_MAX,
                                    help_text="the professional or team, with their title (never the client's name)")
    contact = models.CharField(max_length=social_rules.TEXT_MAX, blank=True, help_text="phone or e-mail")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__isnull=True)
                                   | models.Q(end_date__gte=models.F("start_date")),
                                   name="integrated_social_care_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"social care {self.pk}"

    @property
    def unit(self) -> Unit:
        return self.episode.unit

    def category_label(self, language: str = "fi") -> str:
        try:
            return taxonomy.term("categories", self.category).label(language)
        except taxonomy.UnknownTermError:
            return self.category

    def end(self, on: Any) -> None:
        """The member left the team on ``on``; saved by the caller's transaction."""
        self.end_date = on
        self.save(update_fields=["end_date"])


class SomaticCheck(models.Model):
    """A somatic health check of an episode's client: the values recorded (by item code of
    ``porras/integrated/data/somatic_check.yaml``), and those out of their reference range, flagged for
    follow-up when the check was recorded (with the version of the limits used)."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="somatic_checks")
    date = models.DateField()
    values = models.JSONField(default=dict)
    flagged = models.JSONField(default=list, blank=True)
    spec_version = models.CharField(max_length=40)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True,
                                           help_text="a professional has seen the flagged values (they stay flagged)")
    acknowledgement_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["episode", "date"], name="integrated_somatic_episode")]

    def __str__(self) -> str:
        return f"somatic check {self.pk}"

    @property
    def unit(self) -> Unit:
        return self.episode.unit


class SomaticRiskGroup(models.Model):
    """A somatic-risk diagnosis group that applies to an episode's client (codes of
    ``porras/integrated/data/somatic_check.yaml`` ``risk_groups``, each with its source): from the day
    recorded, the episode carries the yearly somatic health check. No diagnosis code is stored."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="somatic_risk_groups")
    risk_group = models.CharField(max_length=40)
    recorded_on = models.DateField(default=timezone.localdate,
                                   help_text="the local day recorded (interchange recorded_date)")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["episode", "risk_group"], name="integrated_risk_group_once")]

    def __str__(self) -> str:
        return f"somatic risk group {self.pk}"

    @property
    def unit(self) -> Unit:
        return self.episode.unit
