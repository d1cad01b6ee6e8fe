"""Demo IPS data for the demo specialist `ips.valmentaja` in the demo service `hki-ips` (invented)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from porras.accounts.models import Unit, User
from porras.ips import models as m

# (client code, agreement, first employer contact, job start, competitive?)
DEMO_CLIENTS = [
    ("DEMO-IPS-001", date(2025, 1, 8), date(2025, 1, 20), date(2025, 3, 3), True),
    ("DEMO-IPS-002", date(2025, 1, 15), date(2025, 2, 12), None, True),
    ("DEMO-IPS-003", date(2025, 2, 3), date(2025, 2, 10), date(2025, 4, 14), True),
    ("DEMO-IPS-004", date(2025, 2, 20), None, None, True),
    ("DEMO-IPS-005", date(2025, 3, 5), date(2025, 4, 2), date(2025, 5, 5), False),
    ("DEMO-IPS-006", date(2025, 3, 18), date(2025, 3, 25), date(2025, 6, 2), True),
    ("DEMO-IPS-007", date(2025, 4, 1), date(2025, 4, 9), None, True),
]


def _items(total: int) -> list[int]:
    """25 ratings adding up to ``total`` (ones raised item by item), for invented demo reviews."""
    items, extra = [1] * 25, total - 25
    for index in range(25):
        step = min(4, extra)
        items[index] += step
        extra -= step
    return items


DEMO_REVIEWS = [(date(2024, 3, 12), 78), (date(2024, 11, 5), 96), (date(2025, 6, 10), 104)]


def load() -> None:
    unit = Unit.objects.filter(code="hki-ips").first()
    specialist = User.objects.filter(username="ips.valmentaja").first()
    if unit is None or specialist is None:
        return
    for code, agreed, contact, job_start, competitive in DEMO_CLIENTS:
        path, created = m.ClientPath.objects.get_or_create(
            unit=unit,
            client_code=code,
            agreement_date=agreed,
            defaults={
                "specialist": specialist,
                "vocational_profile_date": agreed,
                "job_search_start_date": contact,
                "employer_agreement_date": job_start,
                "support_in_work_start_date": job_start,
            },
        )
        if not created:
            continue
        if contact:
            m.EmployerContact.objects.create(path=path, contact_date=contact, employer="Demo Oy")
        if job_start:
            m.Employment.objects.create(
                path=path,
                employer="Demo Oy",
                job_title="",
                start_date=job_start,
                hours_per_week=Decimal(20),
                hourly_pay=Decimal("13.50"),
                open_to_anyone=competitive,
                pays_going_wage=True,
            )
    for review_date, total in DEMO_REVIEWS:
        if not m.FidelityReview.objects.filter(unit=unit, review_date=review_date).exists():
            m.FidelityReview(
                unit=unit, review_date=review_date, items=_items(total), reviewers="Demo reviewers"
            ).save()
