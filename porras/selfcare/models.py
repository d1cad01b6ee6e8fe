"""Programme assignments of care episodes, the client's way in (codes and sessions), module progress,
messages with the therapist, and anonymous saved progress of open programmes.

Codes and tokens are never stored, only their SHA-256 (each has at least ~59 bits of entropy, so no
salt is needed). Nothing here names a person: a client is reached only through the episode.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from porras.care.models import Episode, Measurement


class Assignment(models.Model):
    """A programme given to a care episode by a professional (guided internet therapy, step 1, or a
    guided open programme). ``unmet`` lists the suitability criteria the assignment broke, with the
    professional's ``override_reason``; ``ended_at`` is set when the episode ends or the programme is
    ended early."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="+")
    programme = models.CharField(max_length=60)
    programme_version = models.CharField(max_length=20)
    modules_total = models.PositiveSmallIntegerField()
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    unmet = models.JSONField(default=list, blank=True, help_text="criteria not met, as [{criterion, why}]")
    override_reason = models.TextField(blank=True)
    last_client_activity_at = models.DateTimeField(null=True, blank=True)
    # Kept with each write, so that the work list sorts what needs the therapist without counting
    # every assignment's modules and messages (bench/selfcare_load.py).
    awaiting_feedback = models.PositiveSmallIntegerField(default=0, help_text="completed modules without feedback")
    modules_completed = models.PositiveSmallIntegerField(default=0, help_text="modules the client completed")
    client_message_at = models.DateTimeField(null=True, blank=True)
    therapist_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["episode", "ended_at"]),
                   models.Index(fields=["ended_at", "last_client_activity_at"])]

    def __str__(self) -> str:
        return f"assignment {self.pk} ({self.programme})"

    @property
    def active(self) -> bool:
        return self.ended_at is None

    def end(self, at: dt.datetime | None = None) -> None:
        if self.ended_at is None:
            self.ended_at = at or timezone.now()
            self.save(update_fields=["ended_at"])


class AccessKind(models.TextChoices):
    PROGRAMME = "programme", "programme"
    QUESTIONNAIRE = "questionnaire", "questionnaire"


class AccessCode(models.Model):
    """A code a professional gives a client: to a programme (used again at every sign-in until it
    expires or is revoked) or to one questionnaire before the next appointment (single use)."""

    code_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=14, choices=AccessKind.choices)
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="codes")
    instrument = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} code {self.pk}"

    def usable(self, now: dt.datetime) -> bool:
        if self.revoked_at is not None or self.expires_at <= now:
            return False
        return not (self.kind == AccessKind.QUESTIONNAIRE and self.used_at is not None)


class ClientSession(models.Model):
    """What a code was exchanged for: a bearer token (API) or a browser session, scoped to the one
    assignment or questionnaire of its code, expiring, revocable by the professional."""

    token_hash = models.CharField(max_length=64, unique=True)
    access = models.ForeignKey(AccessCode, on_delete=models.CASCADE, related_name="sessions")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"client session {self.pk}"


class ModuleProgress(models.Model):
    """One module of an assignment: the client's exercise answers, when it was completed, the
    embedded measure's measurement, and the therapist's feedback."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="progress")
    module = models.CharField(max_length=60)
    answers = models.JSONField(default=dict, blank=True, help_text="{exercise id: answer}")
    completed_at = models.DateTimeField(null=True, blank=True)
    measurement = models.ForeignKey(Measurement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    feedback = models.TextField(blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    feedback_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "module"], name="selfcare_progress_unique")]

    def __str__(self) -> str:
        return f"{self.module} of assignment {self.assignment_id}"


class Sender(models.TextChoices):
    CLIENT = "client", "client"
    THERAPIST = "therapist", "therapist"


class Message(models.Model):
    """A message between the client and the therapist of an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"message {self.pk}"


class OpenProgress(models.Model):
    """A resident's progress in an open programme, saved on request under a random code: which
    modules are done and the exercise answers. Nothing identifying is asked or kept; deleted by
    ``porras purge`` once expired."""

    code_hash = models.CharField(max_length=64, unique=True)
    programme = models.CharField(max_length=60)
    completed = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"open progress {self.pk}"
