"""Demo training records: a trained professional, a colleague in training, and one in Pirkanmaa. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from porras.accounts.models import User
from porras.care.models import Episode
from porras.competence import services
from porras.competence.models import TrainingRecord

# (professional, entered by, unit, method, course, provider, days ago started, days ago completed, supervision)
DEMO_RECORDS = [
    ("ammattilainen", "ammattilainen", "hki-kalasatama", "cbt_short_individual",
     "Kognitiivisen lyhytterapian koulutus", "Terapiat etulinjaan", 420, 60, 12),
    ("kollega", "esihenkilo", "hki-kalasatama", "ipc", "IPC-koulutus", "Terapiat etulinjaan", 90, None, 3),
    ("ammattilainen.pirkanmaa", "aluejohtaja.pirkanmaa", "pirha-hervanta", "cbt_short_group",
     "Kognitiivisen lyhytterapian koulutus", "Terapiat etulinjaan", 500, 120, 10),
]


def load() -> None:
    today = timezone.localdate()
    for username, by, unit, method, course, provider, started, completed, supervision in DEMO_RECORDS:
        professional = User.objects.filter(username=username).first()
        actor = User.objects.filter(username=by).first()
        if professional is None or actor is None or TrainingRecord.objects.filter(
                professional=professional, method=method).exists():
            continue
        cases = list(Episode.objects.filter(unit__code=unit, responsible=professional, voided_at__isnull=True)
                     .order_by("pk").values_list("pk", flat=True)[:2])
        services.save_record(actor, {
            "professional": username, "unit": unit, "method": method, "course": course, "provider": provider,
            "started_on": today - dt.timedelta(days=started),
            "completed_on": today - dt.timedelta(days=completed) if completed is not None else None,
            "certified_on": None, "supervision_sessions": supervision, "training_cases": cases,
        })
