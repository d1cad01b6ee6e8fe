"""The service catalogue in the database, close to Open Referral HSDS 3.0.

Columns hold what is searched, filtered and curated; ``Service.hsds`` keeps the service's whole HSDS
document (contacts, phones, schedules, cost options, foreign attributes ...) so that an exchange is
lossless. :mod:`porras.catalogue.services` keeps the two in step on every save, and
:mod:`porras.catalogue.search` keeps the full-text index.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import County, Unit
from porras.catalogue.domain import taxonomy
from porras.catalogue.domain.model import (
    CITY_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    POSTAL_CODE_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from porras.lib.language import current_language


class Localized:
    """``name`` / ``description`` in the active language, falling back to Finnish."""

    name_fi: str
    name_sv: str
    name_en: str
    description_fi: str
    description_sv: str
    description_en: str

    @property
    def name(self) -> str:
        return getattr(self, f"name_{current_language()}") or self.name_fi

    @property
    def description(self) -> str:
        return getattr(self, f"description_{current_language()}") or self.description_fi


class Organization(Localized, models.Model):
    """An organisation that provides services (HSDS ``organization``): a county, a city, an NGO."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    name_fi = models.CharField(max_length=NAME_MAX_LENGTH)
    name_sv = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    name_en = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    description_fi = models.TextField(blank=True)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    website = models.URLField(max_length=URL_MAX_LENGTH, blank=True)
    email = models.EmailField(max_length=EMAIL_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place where services are delivered (HSDS ``location`` with its first address)."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    location_type = models.CharField(max_length=20, default="physical")
    name = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    address_1 = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    postal_code = models.CharField(max_length=POSTAL_CODE_MAX_LENGTH, blank=True)
    city = models.CharField(max_length=CITY_MAX_LENGTH, blank=True)
    municipality = models.CharField(max_length=CITY_MAX_LENGTH, blank=True, default="")
    district = models.CharField(max_length=CITY_MAX_LENGTH, blank=True, default="")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accessibility = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.address_1, self.city) if part)

    def as_address(self) -> dict[str, str]:
        return {"name": self.name, "street_address": self.address_1, "postal_code": self.postal_code,
                "city": self.city, "municipality": self.municipality, "district": self.district,
                "accessibility": self.accessibility}

    @property
    def street_address(self) -> str:
        """"Esimerkkikatu 1, 00580 Helsinki" (what is known of it)."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.address_1, town) if part)


_TAXONOMY_ORDER = {
    vocabulary: {code: index for index, code in enumerate(taxonomy.codes(name))}
    for vocabulary, name in (
        ("category", "categories"),
        ("channel", "channels"),
        ("age_group", "age_groups"),
        ("language", "languages"),
        ("step", "steps"),
    )
}


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Service(Localized, models.Model):
    """A service of one county's catalogue; only published services are public."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="catalogue_services")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="catalogue_services"
    )
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    name_fi = models.CharField(max_length=NAME_MAX_LENGTH)
    name_sv = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    name_en = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    description_fi = models.TextField(blank=True)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    url = models.URLField(max_length=URL_MAX_LENGTH, blank=True)
    email = models.EmailField(max_length=EMAIL_MAX_LENGTH, blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    referral_needed = models.BooleanField(null=True, blank=True)
    low_threshold = models.BooleanField(null=True, blank=True)
    free_of_charge = models.BooleanField(null=True, blank=True)
    fictional = models.BooleanField(default=False)
    hsds = models.JSONField(default=dict, blank=True)
    # Search only (porras.catalogue.search fills them on every save): the names of the places the
    # service is at, and per language the ready stems of compound heads and places.
    search_places = models.TextField(blank=True, default="", editable=False)
    search_extra_fi = models.TextField(blank=True, default="", editable=False)
    search_extra_sv = models.TextField(blank=True, default="", editable=False)
    search_extra_en = models.TextField(blank=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["county", "status"])]

    def __str__(self) -> str:
        return self.name

    def authz_county(self) -> County:
        return self.county

    def codes(self, vocabulary: str) -> list[str]:
        """The service's codes of one vocabulary, in the taxonomy's order."""
        codes = [term.code for term in self.terms.all() if term.vocabulary == vocabulary]
        order = _TAXONOMY_ORDER.get(vocabulary, {})
        return sorted(codes, key=lambda code: (order.get(code, len(order)), code))

    @property
    def steps(self) -> list[int]:
        return sorted(int(code) for code in self.codes(TermVocabulary.STEP))

    def as_dict(self) -> dict[str, Any]:
        """The public, JSON-ready description used by the API and the navigator."""
        return {
            "id": str(self.uuid),
            "name": {"fi": self.name_fi, "sv": self.name_sv, "en": self.name_en},
            "description": {"fi": self.description_fi, "sv": self.description_sv, "en": self.description_en},
            "county": self.county.code,
            "organization": self.organization.name_fi if self.organization else None,
            "categories": self.codes(TermVocabulary.CATEGORY),
            "channels": self.codes(TermVocabulary.CHANNEL),
            "age_groups": self.codes(TermVocabulary.AGE_GROUP),
            "languages": self.codes(TermVocabulary.LANGUAGE),
            "steps": self.steps,
            "minimum_age": self.minimum_age,
            "maximum_age": self.maximum_age,
            "referral_needed": self.referral_needed,
            "low_threshold": self.low_threshold,
            "free_of_charge": self.free_of_charge,
            "fictional": self.fictional,
            "url": self.url or None,
            "phones": [p.get("number") for p in self.hsds.get("phones", []) if p.get("number")],
            "locations": [str(sal.location) for sal in self.at_locations.all()],
            "email": self.email or None,
            "booking_url": self.booking_url or None,
            "opening_hours": [
                {key: schedule.get(key) for key in ("byday", "opens_at", "closes_at", "description")}
                for schedule in self.hsds.get("schedules", []) if schedule.get("byday") or schedule.get("description")
            ],
            "addresses": [sal.location.as_address() for sal in self.at_locations.all()],
        }

    @property
    def booking_url(self) -> str:
        """Where to book a time: the first schedule's link (HSDS ``schedule_link``), else empty."""
        for schedule in self.hsds.get("schedules", []):
            if schedule.get("schedule_link"):
                return str(schedule["schedule_link"])
        return ""


class TermVocabulary(models.TextChoices):
    CATEGORY = "category", _("Category")
    CHANNEL = "channel", _("Channel")
    AGE_GROUP = "age_group", _("Age group")
    LANGUAGE = "language", _("Language")
    STEP = "step", _("Step")
    AREA = "area", _("County served")


class ServiceTerm(models.Model):
    """One code of a controlled vocabulary attached to a service (the filters of search)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="terms")
    vocabulary = models.CharField(max_length=12, choices=TermVocabulary.choices)
    code = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "vocabulary", "code"], name="service_term_unique")
        ]
        indexes = [models.Index(fields=["vocabulary", "code"])]

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code}"


class ServiceAtLocation(models.Model):
    """A service delivered at a location (HSDS ``service_at_location``)."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="services_here")
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"
