"""Pseudonymous clients, care episodes, appointments, measurements, risk flags, safety plans and
follow-ups. No names and no identity codes are stored: a client is found by a keyed hash of the
identifier of the client-record system (see :mod:`porras.care.domain.identity_code`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import County, Unit
from porras.care.domain import episodes as rules


class IdentifierSystem(models.TextChoices):
    HETU = "hetu", _("Finnish personal identity code")
    LOCAL = "local", _("Local client-record identifier")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    SMI = "se", _("Sámi")
    OTHER = "xx", _("Other language")


class Client(models.Model):
    """A pseudonymous client: a keyed hash of the record identifier and a few facts, never a name."""

    identifier_system = models.CharField(max_length=10, choices=IdentifierSystem.choices)
    pseudonym = models.CharField(max_length=64, help_text="HMAC-SHA256 of system:identifier")
    code = models.CharField(max_length=64, unique=True, help_text="the interchange client_id")
    birth_year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=10, choices=Sex.choices)
    home_county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=2)
    units = models.ManyToManyField(Unit, through="ClientUnit", related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["identifier_system", "pseudonym"], name="care_client_identifier_unique"),
        ]

    def __str__(self) -> str:
        return f"client {self.pk}"

    @property
    def label(self) -> str:
        """How the UI names the client: a short, non-identifying reference."""
        return f"#{self.pk} · {self.birth_year} · {self.get_sex_display()}"


class ClientUnit(models.Model):
    """A unit where a client is registered; client-level facts are visible to these units."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "unit"], name="care_client_unit_unique")]

    def __str__(self) -> str:
        return f"client {self.client_id} @ unit {self.unit_id}"


PHASE_CHOICES = [(p.value, p.value) for p in rules.Phase]
END_REASON_CHOICES = [
    (rules.EndReason.COMPLETED.value, _("Completed")),
    (rules.EndReason.DROPPED_OUT.value, _("Dropped out")),
    (rules.EndReason.REFERRED_ON.value, _("Referred on")),
    (rules.EndReason.DECLINED.value, _("Declined")),
    (rules.EndReason.OTHER.value, _("Other")),
]
REFERRAL_SOURCE_CHOICES = [
    (rules.ReferralSource.SELF.value, _("Self-referral")),
    (rules.ReferralSource.PRIMARY_CARE.value, _("Primary health care")),
    (rules.ReferralSource.SCHOOL_OR_STUDENT_HEALTH.value, _("School or student health care")),
    (rules.ReferralSource.OCCUPATIONAL_HEALTH.value, _("Occupational health care")),
    (rules.ReferralSource.SOCIAL_SERVICES.value, _("Social services")),
    (rules.ReferralSource.SPECIALISED_CARE.value, _("Specialised care")),
    (rules.ReferralSource.NAVIGATOR.value, _("Self-assessment in the navigator")),
    (rules.ReferralSource.OTHER.value, _("Other")),
]
CONCERN_CHOICES = [
    (rules.Concern.DEPRESSION.value, _("Depression")),
    (rules.Concern.ANXIETY.value, _("Anxiety")),
    (rules.Concern.PANIC.value, _("Panic")),
    (rules.Concern.SOCIAL_ANXIETY.value, _("Social anxiety")),
    (rules.Concern.TRAUMA.value, _("Trauma")),
    (rules.Concern.OBSESSIVE_COMPULSIVE.value, _("Obsessive-compulsive symptoms")),
    (rules.Concern.SLEEP.value, _("Sleep")),
    (rules.Concern.STRESS.value, _("Stress")),
    (rules.Concern.EATING.value, _("Eating")),
    (rules.Concern.ALCOHOL.value, _("Alcohol")),
    (rules.Concern.SUBSTANCE_USE.value, _("Substance use")),
    (rules.Concern.SELF_HARM.value, _("Self-harm")),
    (rules.Concern.RELATIONSHIPS.value, _("Relationships")),
    (rules.Concern.OTHER.value, _("Other")),
]
KIND_CHOICES = [
    (rules.AppointmentKind.ASSESSMENT.value, _("Assessment")),
    (rules.AppointmentKind.TREATMENT.value, _("Treatment")),
]
STATUS_CHOICES = [
    (rules.AppointmentStatus.BOOKED.value, _("Booked")),
    (rules.AppointmentStatus.ATTENDED.value, _("Attended")),
    (rules.AppointmentStatus.DID_NOT_ATTEND.value, _("Did not attend")),
    (rules.AppointmentStatus.CANCELLED.value, _("Cancelled")),
]
FOLLOWUP_REASON_CHOICES = [
    (rules.FollowUpReason.SUICIDE_ATTEMPT.value, _("Suicide attempt")),
    (rules.FollowUpReason.SELF_HARM.value, _("Self-harm")),
]
STEP_CHOICES = [
    (0, _("Step 0: self-care and promotion")),
    (1, _("Step 1: guided self-care")),
    (2, _("Step 2: brief structured psychosocial treatment")),
    (3, _("Step 3: short psychotherapy")),
    (4, _("Step 4: long psychotherapy and specialised care")),
]


class Episode(models.Model):
    """One care episode of a client in a unit, from referral to end.

    ``version`` grows by one with every change; an update that names an older version is refused
    (optimistic concurrency: concurrent edits are detected, never lost).
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="episodes")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=40, choices=REFERRAL_SOURCE_CHOICES, default="other")
    concerns = models.JSONField(default=list, blank=True)
    problem = models.CharField(max_length=60, blank=True, help_text="the main concern (interchange 'problem')")
    assessment_date = models.DateField(null=True, blank=True)
    first_treatment_date = models.DateField(null=True, blank=True)
    step = models.PositiveSmallIntegerField(null=True, blank=True, choices=STEP_CHOICES)
    intervention = models.CharField(max_length=60, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, blank=True, choices=END_REASON_CHOICES)
    navigator_recommendation = models.JSONField(null=True, blank=True)
    navigator_ruleset_id = models.CharField(max_length=80, blank=True)
    navigator_ruleset_version = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-referral_date", "-pk"]
        indexes = [models.Index(fields=["unit", "end_date"])]

    def __str__(self) -> str:
        return f"episode {self.pk}"

    def dates(self) -> rules.EpisodeDates:
        return rules.EpisodeDates(self.referral_date, self.assessment_date, self.first_treatment_date,
                                  self.end_date, self.end_reason or None)

    @property
    def phase(self) -> rules.Phase:
        return rules.phase_of(self.dates())

    def intervention_label(self, language: str = "fi") -> str:
        found = rules.interventions().get(self.intervention)
        return found.label(language) if found else self.intervention


class Transfer(models.Model):
    """An episode moved from one unit to another."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    reason = models.TextField(blank=True)
    by = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"transfer of episode {self.episode_id}"


class StepChange(models.Model):
    """Care stepped up or down (or the first step set), with the reason."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="step_changes")
    from_step = models.PositiveSmallIntegerField(null=True, blank=True)
    to_step = models.PositiveSmallIntegerField()
    direction = models.CharField(max_length=10)  # initial | up | down
    date = models.DateField()
    reason = models.TextField(blank=True)
    by = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"step {self.from_step} → {self.to_step}"


class Appointment(models.Model):
    """One appointment of an episode."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="appointments")
    date = models.DateField()
    kind = models.CharField(max_length=12, choices=KIND_CHOICES)
    status = models.CharField(max_length=16, choices=STATUS_CHOICES)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["episode", "date"])]

    def __str__(self) -> str:
        return f"appointment {self.pk}"


class MeasurementManager(models.Manager["Measurement"]):
    """Measurements come with their answer set (``response``): what was answered and in which wording."""

    def get_queryset(self) -> models.QuerySet[Measurement]:
        return super().get_queryset().select_related("response")


class Measurement(models.Model):
    """One instrument score of an episode.

    Made from answers, it refers to the stored answer set (``response``, written by the instruments
    app's one writer), which holds the answers, the wording shown and the full scoring result; the
    score fields here are the episode's copy for charts and reports. An imported total without
    answers (``source="import"``) has no response.
    """

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="measurements")
    appointment = models.ForeignKey(Appointment, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="measurements")
    response = models.OneToOneField("instruments.InstrumentResponse", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="measurement")
    instrument = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20, blank=True)
    date = models.DateField()
    item_scores = models.JSONField(null=True, blank=True, help_text="scores of the scored items, in item order")
    total = models.FloatField()
    severity = models.CharField(max_length=40, blank=True)
    caseness = models.BooleanField(null=True)
    subscores = models.JSONField(default=dict, blank=True)
    complete = models.BooleanField(default=True)
    warnings = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=10, default="api")  # api | ui | fhir | import
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeasurementManager()

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["episode", "instrument", "date"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.total}"

    @property
    def answers(self) -> list[int | None] | None:
        """The option positions answered, in item order (``None`` for an imported total)."""
        return list(self.response.answers) if self.response is not None else None

    @property
    def text_pack(self) -> str:
        """The wording shown, as the text form of a wording reference ("" for an imported total)."""
        return self.response.wording if self.response is not None else ""


class RiskFlag(models.Model):
    """A risk answer of a measurement. Shown until a professional acknowledges it with a note."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="risk_flags")
    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="risk_flags")
    instrument = models.CharField(max_length=40)
    item = models.CharField(max_length=40)
    value = models.IntegerField()
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=150, blank=True)
    acknowledgement_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"risk {self.instrument} item {self.item}"

    @property
    def open(self) -> bool:
        return self.acknowledged_at is None


class SafetyPlan(models.Model):
    """One version of an episode's safety plan; a change adds a version, nothing is overwritten."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="safety_plans")
    number = models.PositiveIntegerField()
    warning_signs = models.TextField(blank=True)
    own_coping = models.TextField(blank=True)
    people_and_places = models.TextField(blank=True)
    professionals_and_crisis_lines = models.TextField(blank=True)
    safe_surroundings = models.TextField(blank=True)
    by = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["episode", "number"], name="care_safety_plan_version")]

    def __str__(self) -> str:
        return f"safety plan v{self.number}"


class FollowUp(models.Model):
    """A follow-up after a suicide attempt or self-harm contact, due within a set number of days."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="followups")
    reason = models.CharField(max_length=20, choices=FOLLOWUP_REASON_CHOICES)
    contact_date = models.DateField()
    due_date = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.CharField(max_length=150, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"follow-up due {self.due_date}"

    def overdue(self, today: dt.date | None = None) -> bool:
        return rules.is_overdue(self.due_date, self.done_at is not None, today or timezone.localdate())
