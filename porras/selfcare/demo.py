"""Demo data: the Kalasatama client DEMO-0003 works through the open programme "worry" with guidance,
signed in with the demo code ``DEMO-DEMO-DEMO`` (demo data is refused in production). Idempotent."""

from __future__ import annotations

from django.db import transaction

from porras.accounts.models import User
from porras.care.demo import PROFESSIONAL, UNIT
from porras.care.models import Episode
from porras.selfcare import services
from porras.selfcare.models import AccessCode, Assignment

DEMO_CODE = "DEMO-DEMO-DEMO"
DEMO_CLIENT = "DEMO-0003"
# GAD-7 answers of the first module (option positions): total 7, mild (hand-counted: 1+1+1+1+1+1+1).
DEMO_GAD7 = [1, 1, 1, 1, 1, 1, 1]


def load() -> None:
    user = User.objects.filter(username=PROFESSIONAL).first()
    episode = (Episode.objects.filter(unit__code=UNIT, client__local_identifier=DEMO_CLIENT, end_date__isnull=True,
                                      voided_at__isnull=True).order_by("pk").first())
    if user is None or episode is None or Assignment.objects.filter(episode=episode).exists():
        return
    with transaction.atomic():
        assigned = services.assign_programme(user, episode.pk, "worry")
        AccessCode.objects.filter(assignment=assigned.assignment).update(
            code_hash=services._hash(services.normalise_code(DEMO_CODE)))
    signed_in = services.exchange_code(DEMO_CODE, address="demo")
    access = services.client_access(signed_in.token)
    assert access is not None
    services.client_measurement(access, "gad7", DEMO_GAD7, module_id="start", language="fi")
    services.save_module(access, "start", {"worry_topics": "Työt ja raha-asiat."}, complete=True)
    services.save_module(access, "sort", {"solvable": "partly"}, complete=False)
    services.client_send(access, "Huoliaika tuntuu vaikealta, miten sen kanssa pääsee alkuun?")
    services.sign_out(access)
