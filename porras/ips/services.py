"""Use cases of the IPS app. Every read and write of client-level data is audited.

Scopes (through ``porras.accounts.authz``):

* caseload (``Perm.IPS_CASELOAD``): a user sees and edits only the paths of their own caseload, in
  the IPS services of their scope - an IPS specialist sees only their caseload;
* fidelity reviews (``Perm.IPS_FIDELITY``): the IPS services of the user's scope;
* reports (``Perm.AGGREGATE_READ`` or ``Perm.IPS_FIDELITY``): aggregates of the services in scope
  under the disclosure rule, rounded for everyone (a specialist reads only their own caseload, so
  nobody reads all the records a report covers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.domain.areas import county_areas
from porras.accounts.models import Unit, UnitKind
from porras.accounts.roles import Perm
from porras.ips import models as m
from porras.ips.domain import (
    CaseloadCell,
    ContactDelayCell,
    FidelityPoint,
    Period,
    RateCell,
    caseload_sizes,
    competitive_employment_rates,
    days_to_first_employer_contact,
    fidelity_history,
    first_employer_contact_delays,
    regroup,
)
from porras.ips.domain.employment import Margins
from porras.ips.domain.fidelity import FidelityItemError, FidelityResult, score_fidelity
from porras.ips.domain.rules import RuleError, contact_errors, employment_errors, path_errors, review_errors
from porras.lib.disclosure import DisclosureError, Policy
from porras.lib.errors import Conflict, InputError, NotFound

PATH_FIELDS = (
    "client_code",
    "episode_code",
    "agreement_date",
    "vocational_profile_date",
    "job_search_start_date",
    "employer_agreement_date",
    "support_in_work_start_date",
    "exit_date",
)


class StaleEdit(Conflict):
    """A path was changed by someone else since it was read (the API answers 409)."""


class DuplicatePath(Conflict):
    """The client already has a path in this service with this agreement date (409)."""


def _refuse(errors: Sequence[RuleError | dict[str, Any]]) -> None:
    """Raise every broken rule as one input error; nothing has been written yet."""
    if errors:
        raise InputError(
            [{"field": e.field, "reason": e.reason} if isinstance(e, RuleError) else e for e in errors]
        )


def ips_units(user: Any, perm: Perm) -> QuerySet[Unit]:
    """IPS services in which ``user`` holds ``perm``."""
    return (
        authz.unit_scope(user, perm).filter(kind=UnitKind.IPS_SERVICE).select_related("organisation__county")
    )


def visible_paths(user: Any) -> QuerySet[m.ClientPath]:
    """The user's own caseload within their IPS scope."""
    qs = authz.scope_queryset(user, Perm.IPS_CASELOAD, m.ClientPath.objects.all(), unit_field="unit")
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(specialist=user).select_related("unit", "specialist")


def get_path(user: Any, pk: int) -> m.ClientPath:
    """One path of the user's caseload; 404 (and an audited denial) for anything else."""
    path = visible_paths(user).filter(pk=pk).first()
    if path is None:
        audit.record(user, "ips.path.read", "ips_path", str(pk), outcome=audit.Outcome.DENIED)
        raise NotFound("IPS client path not found")
    audit.record(user, "ips.path.read", "ips_path", str(path.pk))
    return path


def list_caseload(user: Any) -> list[m.ClientPath]:
    authz.require(user, Perm.IPS_CASELOAD)
    paths = list(visible_paths(user).prefetch_related("employer_contacts", "employments"))
    audit.record(user, "ips.caseload.list", "ips_path", "", detail={"count": len(paths)})
    return paths


def first_contact_days(path: m.ClientPath) -> int | None:
    return days_to_first_employer_contact(
        path.to_record(), [c.to_record() for c in path.employer_contacts.all()]
    )


@transaction.atomic
def create_path(user: Any, unit: Unit, values: dict[str, Any]) -> m.ClientPath:
    """Add a client to the user's caseload; every step dated on or after the agreement."""
    authz.require(user, Perm.IPS_CASELOAD, unit)
    if unit.kind != UnitKind.IPS_SERVICE:
        raise InputError([{"field": "unit", "reason": "is not an IPS service"}])
    _refuse(path_errors(values.get("agreement_date"), values))
    try:
        with transaction.atomic():
            path = m.ClientPath.objects.create(
                unit=unit,
                specialist=user,
                **{k: values.get(k) for k in PATH_FIELDS if values.get(k) is not None},
            )
    except IntegrityError as exc:
        raise DuplicatePath("the client already has a path in this service with this agreement date") from exc
    audit.record(user, "ips.path.create", "ips_path", str(path.pk))
    return path


@transaction.atomic
def update_path(user: Any, pk: int, values: dict[str, Any], version: int) -> m.ClientPath:
    """Change the dates of a path; ``version`` must be the one read (else 409: a concurrent edit)."""
    path = visible_paths(user).select_for_update().filter(pk=pk).first()
    if path is None:
        audit.record(user, "ips.path.update", "ips_path", str(pk), outcome=audit.Outcome.DENIED)
        raise NotFound("IPS client path not found")
    if path.version != version:
        raise StaleEdit(f"the path was changed by someone else (version {path.version}, you sent {version})")
    merged = {k: getattr(path, k) for k in PATH_FIELDS} | {
        k: v for k, v in values.items() if k in PATH_FIELDS
    }
    _refuse(path_errors(merged["agreement_date"], merged))
    for key, value in merged.items():
        setattr(path, key, value if value is not None or key != "episode_code" else "")
    path.version += 1
    path.save()
    audit.record(user, "ips.path.update", "ips_path", str(path.pk))
    return path


@transaction.atomic
def add_employer_contact(user: Any, pk: int, contact_date: date, employer: str) -> m.EmployerContact:
    path = get_path(user, pk)
    _refuse(contact_errors(path.agreement_date, contact_date))
    contact = m.EmployerContact.objects.create(path=path, contact_date=contact_date, employer=employer)
    audit.record(user, "ips.employer_contact.create", "ips_path", str(path.pk))
    return contact


@transaction.atomic
def add_employment(user: Any, pk: int, values: dict[str, Any]) -> m.Employment:
    path = get_path(user, pk)
    _refuse(
        employment_errors(
            values.get("start_date"), values.get("end_date"), values.get("hours_per_week"), values.get("hourly_pay")
        )
    )
    job = m.Employment.objects.create(path=path, **values)
    audit.record(user, "ips.employment.create", "ips_path", str(path.pk))
    return job


# ---------------------------------------------------------------------------------------------------
# Fidelity


def fidelity_unit(user: Any, code: str) -> Unit:
    """An IPS service the user may review (404 when it is not an IPS service, 403 when out of scope)."""
    unit = (
        Unit.objects.select_related("organisation__county")
        .filter(code=code, kind=UnitKind.IPS_SERVICE)
        .first()
    )
    if unit is None:
        raise NotFound("IPS service not found")
    authz.require(user, Perm.IPS_FIDELITY, unit)
    return unit


def fidelity_item_errors(items: Sequence[Any]) -> list[dict[str, Any]]:
    """The first bad rating of a review, named by its 1-based item number (as on the printed scale)."""
    try:
        score_fidelity(items)
    except FidelityItemError as exc:
        return [{"field": f"items.{exc.item}", "item": exc.item, "key": exc.key, "reason": exc.reason}]
    return []


def score_fidelity_items(items: Sequence[Any]) -> FidelityResult:
    """Total and band of a review's ratings; ``InputError`` naming the first bad item."""
    _refuse(fidelity_item_errors(items))
    return score_fidelity(items)


@transaction.atomic
def record_fidelity_review(
    user: Any, unit: Unit, review_date: date, items: Sequence[int], reviewers: str = ""
) -> m.FidelityReview:
    """Score and store a review of a past date; ``InputError`` naming each bad item or the date."""
    authz.require(user, Perm.IPS_FIDELITY, unit)
    _refuse([*review_errors(review_date, timezone.localdate()), *fidelity_item_errors(items)])
    review = m.FidelityReview(
        unit=unit, review_date=review_date, items=list(items), reviewers=reviewers, created_by=user
    )
    review.save()
    return review


def history_points(unit: Unit) -> list[FidelityPoint]:
    reviews = [r.to_record() for r in m.FidelityReview.objects.filter(unit=unit).select_related("unit")]
    return fidelity_history(reviews).get(unit.code, [])


# ---------------------------------------------------------------------------------------------------
# Reports (suppressed aggregates)


# What the rate and delay tables are grouped by: the IPS service (unit), its county, or the county's
# collaborative area. The column of the group in the API and the downloads is named after it.
GROUP_COLUMNS: dict[str, str] = {"service": "service_id", "county": "county", "collaborative_area": "collaborative_area"}


@dataclass(frozen=True)
class EmploymentReport:
    rates: list[RateCell]
    contact_delays: list[ContactDelayCell]
    caseloads: list[CaseloadCell]
    policy: Policy
    periods: list[str]
    group_by: str = "service"

    @property
    def group_column(self) -> str:
        return GROUP_COLUMNS[self.group_by]

    def rows(self, cells: Sequence[RateCell | ContactDelayCell]) -> list[dict[str, Any]]:
        """The cells as rows whose group column is named after the grouping (``service_id``,
        ``county`` or ``collaborative_area``)."""
        out = []
        for cell in cells:
            row = dict(cell.__dict__)
            group = row.pop("service_id")
            out.append({self.group_column: group, **row})
        return out


def report_units(user: Any) -> QuerySet[Unit]:
    return (ips_units(user, Perm.AGGREGATE_READ) | ips_units(user, Perm.IPS_FIDELITY)).distinct()


def employment_report(user: Any, periods: list[Period], on: date, min_cell: int | None = None,
                      group_by: str = "service") -> EmploymentReport:
    """Competitive employment rate, days to first employer contact and caseload sizes under the
    disclosure rule; ``min_cell`` may raise the configured minimum, never lower it. The rate and delay
    tables are per ``group_by`` (service, county or collaborative_area), each protected against its
    coarser geography (service -> county -> area)."""
    if group_by not in GROUP_COLUMNS:
        raise InputError.of("group_by", f"must be one of {', '.join(GROUP_COLUMNS)}")
    try:
        policy = Policy.from_settings(settings, minimum=min_cell)
    except DisclosureError as exc:
        field, _, reason = str(exc).partition(": ")
        raise InputError.of(field, reason) from None
    units = list(report_units(user))
    if not units:
        authz.require(user, Perm.AGGREGATE_READ)  # raises: nothing in scope
    paths = list(m.ClientPath.objects.filter(unit__in=units).select_related("unit"))
    records = [p.to_record() for p in paths]
    unit_county = dict(Unit.objects.filter(pk__in=[u.pk for u in units]).values_list("code", "organisation__county__code"))
    areas = county_areas()
    margins: Margins
    if group_by == "service":
        grouped, margins = records, (unit_county.get, areas.get)
    elif group_by == "county":
        grouped, margins = regroup(records, unit_county), (areas.get,)
    else:
        grouped, margins = regroup(records, {u: areas.get(c, "") for u, c in unit_county.items()}), ()
    jobs = [j.to_record() for j in m.Employment.objects.filter(path__in=paths)]
    contacts = [c.to_record() for c in m.EmployerContact.objects.filter(path__in=paths)]
    specialist_names = {
        str(p.specialist_id): p.specialist.username
        for p in m.ClientPath.objects.filter(unit__in=units).select_related("specialist")
    }
    caseloads = [
        CaseloadCell(specialist_names.get(c.specialist_id, c.specialist_id), c.size, c.suppressed)
        for c in caseload_sizes(records, on, policy)
    ]
    return EmploymentReport(
        rates=competitive_employment_rates(grouped, jobs, periods, policy, margins),
        contact_delays=first_employer_contact_delays(grouped, contacts, periods, policy, margins),
        caseloads=caseloads,
        policy=policy,
        periods=[p.label for p in periods],
        group_by=group_by,
    )
