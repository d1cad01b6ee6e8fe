"""IPS caseloads (client paths), employer contacts, employments and fidelity reviews.

An IPS service is an organisation unit of kind ``ips_service``. Clients are recorded by a
pseudonymous client code (the care app's client and episode codes when linked), never by name.
Outcome definitions and scoring are in ``porras.ips.domain``; ``to_record()`` converts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import Unit
from porras.ips.domain import employment as domain
from porras.ips.domain import fidelity as fidelity_domain


class ClientPath(models.Model):
    """One client's IPS path in one service: agreement, vocational profile, job search, employer
    agreement and support in and out of work, each with its date."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ips_paths", verbose_name=_("IPS service")
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ips_caseload",
        verbose_name=_("employment specialist"),
    )
    client_code = models.CharField(
        _("client code"), max_length=60, help_text=_("Pseudonymous code, never a name.")
    )
    episode_code = models.CharField(_("care episode code"), max_length=60, blank=True)
    agreement_date = models.DateField(_("agreement"))
    vocational_profile_date = models.DateField(_("vocational profile"), null=True, blank=True)
    job_search_start_date = models.DateField(_("job search started"), null=True, blank=True)
    employer_agreement_date = models.DateField(_("employer agreement"), null=True, blank=True)
    support_in_work_start_date = models.DateField(_("support in work started"), null=True, blank=True)
    exit_date = models.DateField(_("support ended"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-agreement_date", "client_code"]
        verbose_name = _("IPS client path")
        verbose_name_plural = _("IPS client paths")
        constraints = [
            models.UniqueConstraint(fields=["unit", "client_code", "agreement_date"], name="ips_path_unique"),
            models.CheckConstraint(
                condition=models.Q(exit_date__isnull=True)
                | models.Q(exit_date__gte=models.F("agreement_date")),
                name="ips_path_exit_after_agreement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_code} ({self.unit.code})"

    def to_record(self) -> domain.ClientPath:
        return domain.ClientPath(
            client_id=str(self.pk),
            service_id=self.unit.code,
            specialist_id=str(self.specialist_id),
            agreement_date=self.agreement_date,
            vocational_profile_date=self.vocational_profile_date,
            job_search_start_date=self.job_search_start_date,
            employer_agreement_date=self.employer_agreement_date,
            exit_date=self.exit_date,
        )

    @property
    def phase(self) -> str:
        """The latest phase reached, for the caseload list."""
        if self.exit_date:
            return "ended"
        if self.support_in_work_start_date:
            return "support_in_work"
        if self.employer_agreement_date:
            return "employer_agreement"
        if self.job_search_start_date:
            return "job_search"
        if self.vocational_profile_date:
            return "vocational_profile"
        return "agreement"


class EmployerContact(models.Model):
    """A face-to-face contact with an employer on the client's behalf."""

    path = models.ForeignKey(ClientPath, on_delete=models.CASCADE, related_name="employer_contacts")
    contact_date = models.DateField(_("date"))
    employer = models.CharField(_("employer"), max_length=200)

    class Meta:
        ordering = ["contact_date"]
        verbose_name = _("employer contact")
        verbose_name_plural = _("employer contacts")

    def __str__(self) -> str:
        return f"{self.contact_date}: {self.employer}"

    @property
    def unit(self) -> Unit:
        return self.path.unit

    def to_record(self) -> domain.EmployerContact:
        return domain.EmployerContact(str(self.path_id), self.contact_date, self.employer)


class Employment(models.Model):
    """A job held by an IPS client: competitive when open to anyone and paying the going wage."""

    path = models.ForeignKey(ClientPath, on_delete=models.CASCADE, related_name="employments")
    employer = models.CharField(_("employer"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    hourly_pay = models.DecimalField(
        _("hourly pay (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    open_to_anyone = models.BooleanField(_("open to anyone"), default=True)
    pays_going_wage = models.BooleanField(_("pays at least the going wage"), default=True)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="ips_employment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer} from {self.start_date}"

    @property
    def unit(self) -> Unit:
        return self.path.unit

    def to_record(self) -> domain.Employment:
        return domain.Employment(
            client_id=str(self.path_id),
            start_date=self.start_date,
            end_date=self.end_date,
            hours_per_week=self.hours_per_week,
            hourly_pay=self.hourly_pay,
            open_to_anyone=self.open_to_anyone,
            pays_going_wage=self.pays_going_wage,
        )

    @property
    def is_competitive(self) -> bool:
        return self.to_record().is_competitive


class FidelityReview(models.Model):
    """A fidelity review of an IPS service on the 25-item scale; its history is the service's reviews."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ips_fidelity_reviews", verbose_name=_("IPS service")
    )
    review_date = models.DateField(_("review date"))
    reviewers = models.CharField(_("reviewers"), max_length=300, blank=True)
    items = models.JSONField(_("item ratings"))
    total = models.PositiveSmallIntegerField(_("total"))
    band = models.CharField(_("band"), max_length=20)
    scale_version = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "review_date"]
        verbose_name = _("fidelity review")
        verbose_name_plural = _("fidelity reviews")

    def __str__(self) -> str:
        return f"{self.unit.code} {self.review_date}: {self.total} ({self.band})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Total and band are always recomputed from the items; a submitted total is never trusted.
        result = fidelity_domain.score_fidelity(self.items)
        self.total, self.band = result.total, result.band
        self.scale_version = fidelity_domain.load_fidelity_scale().version
        super().save(*args, **kwargs)

    def to_record(self) -> fidelity_domain.FidelityReview:
        return fidelity_domain.FidelityReview(self.unit.code, self.review_date, list(self.items))
