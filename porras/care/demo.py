"""Demo clients and episodes in unit ``hki-kalasatama`` (run after the accounts demo). Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from porras.accounts.models import Unit, User
from porras.care import services
from porras.care.domain.identity_code import pseudonym
from porras.care.models import Client

UNIT = "hki-kalasatama"
PROFESSIONAL = "ammattilainen"

# (local identifier, birth year, sex, language, concerns, weeks since referral, PHQ-9 answers by session,
#  GAD-7 answers by session). DEMO-0001 answers PHQ-9 item 9 at the first session: an open risk flag.
DEMO_CLIENTS: list[tuple[str, int, str, str, list[str], int, list[list[int]], list[list[int]]]] = [
    ("DEMO-0001", 1994, "female", "fi", ["depression", "sleep"], 10,
     [[2, 2, 2, 2, 1, 1, 2, 1, 1, 1], [2, 1, 1, 2, 1, 1, 1, 1, 0, 1], [1, 1, 1, 1, 0, 1, 0, 0, 0, 0],
      [0, 1, 1, 0, 0, 0, 0, 0, 0, 0]],
     [[2, 2, 1, 2, 1, 1, 1], [1, 2, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1, 0]]),
    ("DEMO-0002", 2003, "male", "sv", ["anxiety"], 6,
     [[1, 1, 1, 1, 0, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]],
     [[3, 2, 2, 2, 1, 2, 2], [2, 2, 2, 2, 1, 2, 2]]),
    ("DEMO-0003", 1978, "other", "fi", ["stress"], 1, [], []),
]
# DEMO-0001's safety plan (in the client's language, Finnish), so that its client's copy can be printed.
DEMO_SAFETY_PLAN = {
    "warning_signs": "Uni jää lyhyeksi monena yönä peräkkäin.\nVetäydyn ystävistä enkä vastaa viesteihin.",
    "own_coping": "Kävelylenkki, suihku ja musiikki.\nKirjoitan ajatukset paperille.",
    "people_and_places": "Sisko: soitan tai kirjoitan hänelle.\nKirjasto ja kuntosali.",
    "professionals_and_crisis_lines": "Oma hoitaja Kalasataman terveysasemalla arkisin.\n"
                                      "Kriisipuhelin 09 2525 0111 ympäri vuorokauden.",
    "safe_surroundings": "Lääkkeet annosjakeluun apteekista; ylimääräiset palautan apteekkiin.",
}


def load() -> None:
    user = User.objects.filter(username=PROFESSIONAL).first()
    if user is None:
        return  # the accounts demo has not been loaded
    key = services.pseudonym_key()
    unit = Unit.objects.select_related("organisation__county").filter(code=UNIT).first()
    if unit is None:
        return
    today = timezone.localdate()
    for ident, year, sex, language, concerns, weeks, phq9, gad7 in DEMO_CLIENTS:
        if Client.objects.filter(identifier_system="local",
                                 pseudonym=services.register_digest(pseudonym(key, "local", ident), unit,
                                                                    "local")).exists():
            continue
        with transaction.atomic():
            client, _ = services.register_client(user, services.ClientInput(
                "local", ident, birth_year=year, sex=sex, county="helsinki", language=language, unit=UNIT))
            referral = today - dt.timedelta(weeks=weeks)
            episode = services.open_episode(user, client.pk, UNIT, referral, concerns, "primary_care")
            if not phq9:
                services.add_appointment(user, episode.pk, today + dt.timedelta(days=3), "assessment", "booked")
                continue
            assessment = referral + dt.timedelta(days=7)
            services.add_appointment(user, episode.pk, assessment, "assessment", "attended")
            episode.refresh_from_db()
            services.update_episode(user, episode.pk, episode.version,
                                    {"step": 2, "intervention": "cbt_short_individual"})
            for session, (p, g) in enumerate(zip(phq9, gad7, strict=True)):
                day = assessment + dt.timedelta(weeks=session)
                kind = "assessment" if session == 0 else "treatment"
                if session:
                    services.add_appointment(user, episode.pk, day, kind, "attended")
                services.record_measurement(user, episode.pk, "phq9", day, p, source="ui")
                services.record_measurement(user, episode.pk, "gad7", day, g, source="ui")
            services.add_appointment(user, episode.pk, today + dt.timedelta(days=2), "treatment", "booked")
            if ident == "DEMO-0001":
                services.save_safety_plan(user, episode.pk, DEMO_SAFETY_PLAN)
            if ident == "DEMO-0002":
                services.record_self_harm_contact(user, episode.pk, "self_harm", today - dt.timedelta(days=9))
