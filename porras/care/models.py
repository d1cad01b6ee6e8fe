"""Pseudonymous clients, care episodes, appointments, measurements, risk flags, safety plans and
follow-ups. No names and no identity codes are stored: a client is found by a keyed hash of the
identifier of the client-record system (see :mod:`porras.care.domain.identity_code`), keyed per
county register (:mod:`porras.care.domain.clients`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from porras.accounts.models import County, Organisation, Unit
from porras.care import choices
from porras.care.domain import episodes as rules
from porras.care.domain.children import ChildrenOfClient
from porras.instruments.domain import UnknownInstrument, load_instrument
from porras.lib.errors import InputError

if TYPE_CHECKING:
    from porras.instruments.services import AnswerInWords


class Voidable(models.Model):
    """A record that can be voided as entered in error: it stays, with who voided it, when and why,
    and drops out of charts, work lists, exports and reports. Voiding is never undone."""

    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.CharField(max_length=150, blank=True)
    void_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    def void(self, by: str, reason: str, *, at: dt.datetime | None = None) -> None:
        """Mark the record entered in error (a reason is required); saved by the caller's transaction."""
        if not reason or not reason.strip():
            raise InputError.of("reason", "is required: say why the record is voided")
        if self.voided:
            raise InputError.of(self._meta.model_name or "record", "has already been voided")
        self.voided_at = at or timezone.now()
        self.voided_by = by
        self.void_reason = reason.strip()
        self.save(update_fields=["voided_at", "voided_by", "void_reason"])


class Client(models.Model):
    """A pseudonymous client record of one county's register: a keyed hash of the record identifier
    and a few facts, never a name.

    ``county`` is the register the record belongs to: the county of the unit that registered it (not
    the client's home county). The same person known in two counties is two records, with pseudonyms
    that cannot be linked; episodes of a record are in units of its county only. A local identifier
    is its ``organisation``'s (the client-record system that issued it).
    """

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+",
                               help_text="the register: county of the unit that registered the client")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     help_text="whose client-record system issued a local identifier")
    identifier_system = models.CharField(max_length=10, choices=choices.IDENTIFIER_SYSTEMS)
    pseudonym = models.CharField(max_length=64, help_text="HMAC-SHA256 of county|organisation|HMAC(system:identifier)")
    code = models.CharField(max_length=64, unique=True, help_text="the interchange client_id")
    birth_year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=10, choices=choices.SEXES)
    home_county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=2, choices=choices.LANGUAGES)
    local_identifier = models.CharField(
        max_length=100, blank=True, default="",
        help_text="the organisation's local client-record identifier, kept in clear as the label professionals "
                  "recognise (pseudonymous data; never an identity code, never a name); empty when none was given")
    units = models.ManyToManyField(Unit, through="ClientUnit", related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["county", "identifier_system", "pseudonym"],
                                    name="care_client_register_identifier_unique"),
            models.CheckConstraint(condition=models.Q(identifier_system="local") | models.Q(organisation__isnull=True),
                                   name="care_client_organisation_only_for_local"),
        ]
        indexes = [models.Index(fields=["local_identifier"], name="care_client_local_identifier")]

    def __str__(self) -> str:
        return f"client {self.pk}"

    def registers_in(self, unit: Unit) -> bool:
        """May this record have episodes in ``unit``? Only in its county, and a record known by a local
        identifier only in the organisation that issued it."""
        if unit.organisation.county_id != self.county_id:
            return False
        return self.organisation_id is None or unit.organisation_id == self.organisation_id

    @property
    def label(self) -> str:
        """How professionals recognise the client: the local identifier where there is one, else the
        client id (never a name)."""
        return self.local_identifier or f"#{self.pk}"

    @property
    def language_label(self) -> str:
        return choices.label(choices.LANGUAGES, self.language)


class ClientUnit(models.Model):
    """A unit where a client is registered; client-level facts are visible to these units."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "unit"], name="care_client_unit_unique")]

    def __str__(self) -> str:
        return f"client {self.client_id} @ unit {self.unit_id}"


class Episode(Voidable):
    """One care episode of a client in a unit, from referral to end.

    ``version`` grows by one with every change; an update that names an older version is refused
    (optimistic concurrency: concurrent edits are detected, never lost). A client has at most one open
    episode in a unit, unless a professional opened a second one beside it (``opened_beside``) with
    an explicit, recorded reason. A voided episode (a referral entered in error) takes its
    appointments and measurements with it.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="episodes")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=40, choices=choices.REFERRAL_SOURCES, default="other")
    concerns = models.JSONField(default=list, blank=True)
    problem = models.CharField(max_length=60, blank=True, help_text="the main concern (interchange 'problem')")
    assessment_date = models.DateField(null=True, blank=True)
    first_treatment_date = models.DateField(null=True, blank=True)
    step = models.PositiveSmallIntegerField(null=True, blank=True, choices=choices.STEP_CHOICES)
    intervention = models.CharField(max_length=60, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, blank=True, choices=choices.END_REASONS)
    navigator_recommendation = models.JSONField(null=True, blank=True)
    navigator_ruleset_id = models.CharField(max_length=80, blank=True)
    navigator_ruleset_version = models.CharField(max_length=40, blank=True)
    # The children of the client (issue 17): yes / no / unknown and dates only, never a child's identity.
    minor_children = models.CharField(max_length=7, choices=choices.MINOR_CHILDREN, default="unknown",
                                      help_text="has the client children under 18 (interchange 'minor_children')")
    children_discussed_date = models.DateField(
        null=True, blank=True, help_text="when the children's situation was discussed with the parent")
    children_discussion_method = models.CharField(max_length=30, blank=True, choices=choices.CHILDREN_DISCUSSIONS)
    family_referral_date = models.DateField(null=True, blank=True, help_text="when the family was referred to "
                                            "family services")
    family_service = models.ForeignKey(
        "catalogue.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="the family service of the catalogue referred to")
    opened_beside = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="the client's open episode in the same unit that this one was opened beside, after confirmation")
    opened_beside_reason = models.TextField(blank=True, help_text="why a second open episode was confirmed")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-referral_date", "-pk"]
        indexes = [models.Index(fields=["unit", "end_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "unit"], name="care_episode_one_open_per_unit",
                condition=models.Q(end_date__isnull=True, voided_at__isnull=True, opened_beside__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"episode {self.pk}"

    def dates(self) -> rules.EpisodeDates:
        return rules.EpisodeDates(self.referral_date, self.assessment_date, self.first_treatment_date,
                                  self.end_date, self.end_reason or None)

    @property
    def phase(self) -> rules.Phase:
        return rules.phase_of(self.dates())

    @property
    def phase_label(self) -> str:
        return choices.label(choices.PHASES, self.phase)

    def children(self) -> ChildrenOfClient:
        return ChildrenOfClient(self.minor_children, self.children_discussed_date, self.children_discussion_method,
                                self.family_referral_date, self.family_service_id is not None)

    def concern_labels(self) -> list[str]:
        return [choices.label(choices.CONCERNS, c) for c in self.concerns or []]

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


class Appointment(Voidable):
    """One appointment of an episode (voided when entered in error; corrected in place, with its history)."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="appointments")
    date = models.DateField()
    kind = models.CharField(max_length=12, choices=choices.APPOINTMENT_KINDS)
    status = models.CharField(max_length=16, choices=choices.APPOINTMENT_STATUSES)
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


class Measurement(Voidable):
    """One instrument score of an episode.

    Made from answers, it refers to the stored answer set (``response``, written by the instruments
    app's one writer), which holds the answers, the wording shown and the full scoring result; the
    score fields here are the episode's copy for charts and reports. An imported total without
    answers (``source="import"``) has no response. A measurement entered in error is voided; a
    correction is a new measurement (``corrects`` names the voided one), the answers never rewritten.
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
    source = models.CharField(max_length=10, default="api")  # api | ui | fhir | import | navigator
    corrects = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="corrected_by", help_text="the voided measurement this one corrects")
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeasurementManager()

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["episode", "instrument", "date"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.total}"

    @property
    def abbreviation(self) -> str:
        """The instrument's short name (PHQ-9), or its id when Porras does not know it."""
        try:
            return load_instrument(self.instrument).abbreviation
        except UnknownInstrument:
            return self.instrument

    @property
    def source_label(self) -> str:
        return choices.label(choices.MEASUREMENT_SOURCES, self.source)

    @property
    def answers(self) -> list[int | None] | None:
        """The option positions answered, in item order (``None`` for an imported total)."""
        return list(self.response.answers) if self.response is not None else None

    @property
    def text_pack(self) -> str:
        """The wording shown, as the text form of a wording reference ("" for an imported total)."""
        return self.response.wording if self.response is not None else ""


class RiskFlag(models.Model):
    """A risk answer of a measurement (or, without one, of a resident's self-assessment: a plan to end
    one's life). Shown until a professional acknowledges it with a note; voiding the measurement does
    not close it."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="risk_flags")
    measurement = models.ForeignKey(Measurement, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="risk_flags")
    instrument = models.CharField(max_length=40)
    item = models.CharField(max_length=40)
    value = models.IntegerField()
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=150, blank=True)
    acknowledgement_note = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True, help_text="when the risk answer was given, if not "
                                                                      "the measurement's date")

    class Meta:
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"risk {self.instrument} item {self.item}"

    @property
    def open(self) -> bool:
        return self.acknowledged_at is None

    @property
    def answered(self) -> dt.date | None:
        """When the risk answer was given: the measurement's date, or the self-assessment's."""
        return self.answered_on or (self.measurement.date if self.measurement is not None else None)

    @property
    def from_self_assessment(self) -> bool:
        return self.measurement_id is None and self.instrument == "navigator"

    def in_words(self, language: str) -> AnswerInWords | None:
        """The risk answer as a person reads it: the question's text (in the wording shown, when that
        was in ``language``) and the answer's label, not "PHQ9 item 9 = 1". None for a flag raised by a
        self-assessment's plan to end one's life, which has no questionnaire item."""
        from porras.instruments.services import answer_in_words

        if self.measurement is None:
            return None
        response = self.measurement.response
        return answer_in_words(self.instrument, self.item, language,
                               answers=response.answers if response is not None else None, score=self.value,
                               text_pack=response.text_pack if response is not None else None)

    def acknowledge(self, by: str, note: str) -> None:
        """Close the flag: who acknowledged it, when, and what was done (a note is required)."""
        if not note or not note.strip():
            raise InputError.of("note", "is required: say what was done about the risk")
        if not self.open:
            raise InputError.of("risk_flag", "has already been acknowledged")
        self.acknowledged_at = timezone.now()
        self.acknowledged_by = by
        self.acknowledgement_note = note.strip()
        self.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"])


class Correction(models.Model):
    """A record of an episode corrected or voided because it was entered in error: which record, what
    changed, who, when and why. The history of corrections is kept; nothing in it is edited."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="corrections")
    record_type = models.CharField(max_length=12, choices=choices.CORRECTED_RECORDS)
    record_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=8, choices=choices.CORRECTION_ACTIONS)
    reason = models.TextField()
    changes = models.JSONField(default=dict, blank=True,
                               help_text="{field: [before, after]}; a corrected measurement names its replacement")
    by = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.record_type} {self.record_id}"


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
    reason = models.CharField(max_length=20, choices=choices.FOLLOWUP_REASONS)
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

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def overdue(self, today: dt.date | None = None) -> bool:
        return rules.is_overdue(self.due_date, self.done, today or timezone.localdate())

    def complete(self, by: str, note: str = "") -> None:
        """Mark the follow-up done: by whom, when, with an optional note."""
        if self.done:
            raise InputError.of("followup", "is already done")
        self.done_at = timezone.now()
        self.done_by = by
        self.note = note.strip()
        self.save(update_fields=["done_at", "done_by", "note"])

