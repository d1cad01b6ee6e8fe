"""Strategy programmes, programme entities, projects, state grants and indicators.

Business rules (funding totals, timelines, indicator history) live in ``porras.programmes.domain``;
the models convert themselves to its plain records with ``to_record()``.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import County
from porras.lib.language import current_language
from porras.programmes.domain import model as domain


class NamedFiSvEn(models.Model):
    """A name in Finnish, Swedish and English, shown in the user's language."""

    name_fi = models.CharField(_("name (Finnish)"), max_length=300)
    name_sv = models.CharField(_("name (Swedish)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        language = current_language()
        if language == "sv" and self.name_sv:
            return self.name_sv
        if language == "en" and self.name_en:
            return self.name_en
        return self.name_fi

    def names(self) -> dict[str, str]:
        return {"fi": self.name_fi, "sv": self.name_sv, "en": self.name_en}

    def __str__(self) -> str:
        return self.name


class ProgrammeKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    PROGRAMME = "programme", _("Programme")


class Programme(NamedFiSvEn):
    """The National Mental Health Strategy, or a programme within it (suicide prevention)."""

    code = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=ProgrammeKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    funder = models.CharField(max_length=200, blank=True)
    coordinator = models.CharField(max_length=200, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")


class PriorityArea(NamedFiSvEn):
    """One of the five priority areas of the strategy."""

    number = models.PositiveSmallIntegerField(unique=True)
    key = models.SlugField(max_length=60, unique=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class InnokylaFields(models.Model):
    """The fields of an Innokylä description of an entity, project or operating model."""

    short_description = models.TextField(_("short description"), blank=True)
    purpose_and_goals = models.TextField(_("purpose and goals"), blank=True)
    main_goal = models.TextField(_("main goal"), blank=True)
    period_text = models.CharField(_("period as described"), max_length=200, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    actors = models.TextField(_("actors"), blank=True, help_text=_("One actor per line."))
    place = models.CharField(_("place"), max_length=200, blank=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_organisation = models.CharField(_("contact organisation"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    created_on = models.DateField(_("created"), null=True, blank=True)
    modified_on = models.DateField(_("last modified"), null=True, blank=True)
    starting_point = models.TextField(_("starting point and strategic links"), blank=True)
    outputs_and_results = models.TextField(_("outputs and results"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        abstract = True

    def description_record(self) -> domain.InnokylaDescription:
        return domain.InnokylaDescription(
            short_description=self.short_description,
            purpose_and_goals=self.purpose_and_goals,
            main_goal=self.main_goal,
            period_text=self.period_text,
            start=self.start,
            end=self.end,
            actors=tuple(a for a in self.actors.splitlines() if a.strip()),
            place=self.place,
            funder=self.funder,
            contact_person=self.contact_person,
            contact_organisation=self.contact_organisation,
            author=self.author,
            created=self.created_on,
            modified=self.modified_on,
            starting_point_and_strategic_links=self.starting_point,
            outputs_and_results=self.outputs_and_results,
        )


class ProgrammeEntity(NamedFiSvEn, InnokylaFields):
    """A programme entity (kokonaisuus / hankekokonaisuus) with its projects."""

    code = models.SlugField(max_length=80, unique=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="entities")
    priority_area = models.ForeignKey(
        PriorityArea, null=True, blank=True, on_delete=models.PROTECT, related_name="entities"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    abbreviation = models.CharField(max_length=30, blank=True)
    projects_stated = models.PositiveIntegerField(
        _("number of projects stated in the record"), null=True, blank=True
    )

    class Meta:
        ordering = ["programme__code", "code"]
        verbose_name = _("programme entity")
        verbose_name_plural = _("programme entities")

    def to_record(self) -> domain.ProgrammeEntity:
        return domain.ProgrammeEntity(
            id=self.code,
            programme=self.programme.code,
            name=self.names(),
            source=self.source,
            priority_area=self.priority_area.number if self.priority_area else None,
            parent=self.parent.code if self.parent else None,
            abbreviation=self.abbreviation,
            projects_stated=self.projects_stated,
            description=self.description_record(),
        )


class Project(InnokylaFields):
    """A project (hanke) or operating model of an entity."""

    code = models.SlugField(max_length=80, unique=True)
    entity = models.ForeignKey(ProgrammeEntity, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(_("name"), max_length=300)
    funding_round = models.CharField(
        _("funding round"), max_length=7, blank=True, help_text=_("Year and month, e.g. 2021-07.")
    )
    listed_as = models.CharField(_("as listed in the record"), max_length=400, blank=True)
    region_as_listed = models.CharField(_("region as listed"), max_length=200, blank=True)
    organisation_as_listed = models.CharField(_("organisation as listed"), max_length=200, blank=True)
    county = models.ForeignKey(
        County,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_projects",
        verbose_name=_("wellbeing services county"),
    )

    class Meta:
        ordering = ["entity__code", "funding_round", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    def to_record(self) -> domain.Project:
        return domain.Project(
            id=self.code,
            entity=self.entity.code,
            name=self.name,
            round=self.funding_round,
            listed_as=self.listed_as,
            region_as_listed=self.region_as_listed or None,
            organisation_as_listed=self.organisation_as_listed or None,
            county_code=self.county.code if self.county else None,
            start=self.start,
            end=self.end,
            description=self.description_record(),
        )


class Grant(models.Model):
    """A state grant (valtionavustus) to an entity or one of its projects."""

    code = models.SlugField(max_length=80, unique=True)
    entity = models.ForeignKey(ProgrammeEntity, on_delete=models.PROTECT, related_name="grants")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="grants"
    )
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    approximate = models.BooleanField(_("approximate in the record"), default=False)
    decision_ref = models.CharField(_("decision"), max_length=120, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("decision year"))
    period_start = models.DateField(_("grant period start"), null=True, blank=True)
    period_end = models.DateField(_("grant period end"), null=True, blank=True)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["year", "entity__code", "code"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_eur__gte=0), name="grant_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.amount_eur} EUR"

    def to_record(self) -> domain.Grant:
        return domain.Grant(
            id=self.code,
            entity=self.entity.code,
            amount_eur=Decimal(self.amount_eur),
            year=self.year,
            source=self.source,
            decision=self.decision_ref or None,
            approximate=self.approximate,
            project=self.project.code if self.project else None,
            recipient=self.recipient or None,
            decision_date=self.decision_date,
            period_start=self.period_start,
            period_end=self.period_end,
        )


class UnallocatedFunds(models.Model):
    """Money of a funding decision left for a later call."""

    code = models.SlugField(max_length=80, unique=True)
    decision_ref = models.CharField(max_length=120)
    year = models.PositiveSmallIntegerField()
    amount_eur = models.DecimalField(max_digits=14, decimal_places=2)
    approximate = models.BooleanField(default=False)
    note_fi = models.TextField(blank=True)
    note_sv = models.TextField(blank=True)
    note_en = models.TextField(blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["year", "code"]
        verbose_name = _("unallocated funds")
        verbose_name_plural = _("unallocated funds")

    def __str__(self) -> str:
        return f"{self.code}: {self.amount_eur} EUR"

    @property
    def note(self) -> str:
        language = current_language()
        return {"sv": self.note_sv, "en": self.note_en}.get(language) or self.note_fi


class Indicator(NamedFiSvEn):
    """An indicator followed for an entity or project, with targets and measured values over time."""

    code = models.SlugField(max_length=80, unique=True)
    unit = models.CharField(_("unit of measure"), max_length=60, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    entity = models.ForeignKey(
        ProgrammeEntity, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    source = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def to_record(self) -> domain.Indicator:
        return domain.Indicator(
            id=self.code,
            name=self.names(),
            unit=self.unit,
            higher_is_better=self.higher_is_better,
            entity=self.entity.code if self.entity else None,
            project=self.project.code if self.project else None,
        )


class ValueKind(models.TextChoices):
    MEASURED = "measured", _("Measured")
    TARGET = "target", _("Target")


class IndicatorValue(models.Model):
    """A measured value or a target of an indicator on a date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    kind = models.CharField(_("kind"), max_length=10, choices=ValueKind.choices, default=ValueKind.MEASURED)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["indicator__code", "on", "kind"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "on", "kind"], name="indicator_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.on} {self.kind}: {self.value}"

    def to_record(self) -> domain.IndicatorValue:
        return domain.IndicatorValue(self.indicator.code, self.on, Decimal(self.value), self.kind)
