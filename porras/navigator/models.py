"""Saved anonymous self-assessments: answers and recommendation kept only under a random code."""

from __future__ import annotations

from django.db import models


class SavedAssessment(models.Model):
    """A resident's self-assessment, saved on request so a professional can open it with the code.

    Nothing identifying is stored: no name, no identity code, no IP address, no user. The code itself is
    not stored either, only its SHA-256 (the code has ~59 bits of entropy, so no salt is needed); the row
    is deleted by ``porras purge`` once ``expires_at`` has passed.
    """

    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=2)
    county = models.CharField(max_length=40, blank=True)
    answers = models.JSONField(help_text="The navigator input as given (age, county, answers, risk).")
    result = models.JSONField(help_text="The navigator output at the time of saving.")
    ruleset_id = models.CharField(max_length=80)
    ruleset_version = models.CharField(max_length=40)
    urgency = models.CharField(max_length=20)
    # A young person's self-assessment (youth rule set) has a second code for a guardian, who answers
    # on their own device; only its SHA-256 is stored. The guardian's answers join ``answers`` under
    # "guardian" (never overwriting the young person's) and ``result`` is made again from both.
    guardian_code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    guardian_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"self-assessment {self.pk} (expires {self.expires_at:%Y-%m-%d})"


class AttemptCounter(models.Model):
    """Attempts counted under a key in a fixed window: the navigator's rate limits.

    In the database rather than a cache, so that every server worker shares one count and counting is
    atomic on SQLite and PostgreSQL alike (see ``porras.navigator.limits``; Django's database cache
    reads then writes in ``incr`` and culls entries when full). ``key`` says what is counted: a
    professional's failed code look-ups (``lookup:<user id>``), anonymous saves from one address
    (``save:<keyed hash of the address>``, never the address itself). ``porras purge`` deletes
    counters whose window has ended.
    """

    key = models.CharField(max_length=100, primary_key=True)
    window_ends = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count} until {self.window_ends:%Y-%m-%d %H:%M}"
