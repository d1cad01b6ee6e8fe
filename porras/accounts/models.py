"""Organisation structure, users, memberships, API tokens and the audit log."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porras.accounts.domain import audit_chain
from porras.accounts.roles import Role
from porras.lib.language import current_language


class County(models.Model):
    """A wellbeing services county, or the City of Helsinki, which organises its own services."""

    code = models.SlugField(max_length=40, unique=True)
    name_fi = models.CharField(max_length=120)
    name_sv = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120, blank=True)
    statistics_finland_code = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("wellbeing services county")
        verbose_name_plural = _("wellbeing services counties")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = current_language()
        if language == "sv":
            return self.name_sv
        if language == "en" and self.name_en:
            return self.name_en
        return self.name_fi


class NamedInFinnishAndSwedish:
    """Organisations and units are named in Finnish, and in Swedish where a Swedish name exists."""

    name_fi: str
    name_sv: str

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if current_language() == "sv" and self.name_sv:
            return self.name_sv
        return self.name_fi


class Organisation(NamedInFinnishAndSwedish, models.Model):
    """A service provider within a county: the county itself, a city, an NGO."""

    code = models.SlugField(max_length=60, unique=True)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="organisations")
    name_fi = models.CharField(max_length=200)
    name_sv = models.CharField(max_length=200, blank=True)
    is_ngo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")



class UnitKind(models.TextChoices):
    SOTE_CENTRE = "sote_centre", _("Health and social services centre")
    SCHOOL_HEALTH = "school_health", _("School and student health care")
    FAMILY_CENTRE = "family_centre", _("Family centre")
    SPECIALISED_PSYCHIATRY = "specialised_psychiatry", _("Specialised psychiatric care")
    SUBSTANCE_USE = "substance_use", _("Substance-use services")
    NGO = "ngo", _("NGO")
    IPS_SERVICE = "ips_service", _("IPS employment support")


class Unit(NamedInFinnishAndSwedish, models.Model):
    """An organisational unit where professionals work and clients are cared for."""

    code = models.SlugField(max_length=60, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units")
    kind = models.CharField(max_length=40, choices=UnitKind.choices)
    name_fi = models.CharField(max_length=200)
    name_sv = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")


    @property
    def county(self) -> County:
        return self.organisation.county


ROLE_CHOICES = [
    (Role.PROFESSIONAL.value, _("Professional")),
    (Role.UNIT_MANAGER.value, _("Unit manager")),
    (Role.COUNTY_ANALYST.value, _("County analyst")),
    (Role.NATIONAL_ANALYST.value, _("National analyst")),
    (Role.PROGRAMME_MANAGER.value, _("Programme manager")),
    (Role.IPS_SPECIALIST.value, _("IPS employment specialist")),
    (Role.ADMINISTRATOR.value, _("Administrator")),
]


class User(AbstractUser):
    """A professional user. Residents never have accounts."""

    preferred_language = models.CharField(max_length=2, blank=True)


class Membership(models.Model):
    """A role held by a user, scoped to one unit, one county, or (national roles) to nothing."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=ROLE_CHOICES)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(unit__isnull=False) & models.Q(county__isnull=False)),
                name="membership_one_scope",
            ),
            models.UniqueConstraint(fields=["user", "role", "unit", "county"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        scope = self.unit.code if self.unit else (self.county.code if self.county else "national")
        return f"{self.user.username}: {self.role} @ {scope}"


def hash_token(raw: str) -> str:
    # Tokens carry 256 bits of randomness, so a plain SHA-256 is enough to keep them safe at rest.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"token {self.prefix} of {self.user_id}"

    @classmethod
    def issue(cls, user: User, expires_days: int | None = 90) -> tuple[ApiToken, str]:
        prefix = secrets.token_hex(4)
        raw = f"porras_{prefix}_{secrets.token_urlsafe(32)}"
        expires = timezone.now() + timedelta(days=expires_days) if expires_days else None
        token = cls.objects.create(user=user, prefix=prefix, token_hash=hash_token(raw), expires_at=expires)
        return token, raw

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class AppendOnlyError(Exception):
    """The audit log only grows."""


class AuditEntry(models.Model):
    """One entry of the append-only, hash-chained audit log.

    ``entry_hash`` is an HMAC under ``PORRAS_AUDIT_KEY`` (kept outside the database) of every field
    and the previous entry's hash, so changing or removing any entry breaks the chain from that
    point on, and nobody without the key can recompute it (``porras audit verify``; see
    :mod:`porras.accounts.domain.audit_chain`).
    """

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=80, blank=True)
    outcome = models.CharField(max_length=20)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        # The audit log page filters by user, action, time and object, newest first.
        indexes = [
            models.Index(fields=["username", "seq"], name="audit_username_seq"),
            models.Index(fields=["action", "seq"], name="audit_action_seq"),
            models.Index(fields=["at"], name="audit_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"audit #{self.seq} {self.action}"

    def compute_hash(self) -> str:
        """The hash this entry should carry, under the configured key."""
        fields = {name: getattr(self, name) for name in audit_chain.FIELDS}
        return audit_chain.keyed(settings.PORRAS_AUDIT_KEY)(audit_chain.canonical(fields, self.prev_hash))

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")
