"""Demo consultations and social welfare in the team (invented): a specialist of the demo psychiatric outpatient clinic
``hki-psykiatria`` and two questions from the Kalasatama sote centre, one answered and one waiting.
Run after the accounts and care demos. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from porras.accounts import services as accounts
from porras.accounts.demo import DEMO_PASSWORD
from porras.accounts.models import Unit, User
from porras.care.models import Episode
from porras.integrated import services
from porras.integrated.models import Consultation, SocialCareMember

SPECIALIST = "psykiatri"
SPECIALIST_UNIT = "hki-psykiatria"
ASKER = "ammattilainen"

# (local identifier of the demo client, question, urgency, preferred form, answer or None, outcome,
#  days ago asked, days ago answered)
DEMO_CONSULTATIONS = [
    ("DEMO-0001",
     "Masennusoireet ovat lievittyneet lyhytterapiassa, mutta uni on edelleen katkonaista. "
     "Onko syytä arvioida lääkitystä ennen kuin hoito päättyy?",
     "non_urgent", "written_advice",
     "Jatkakaa lyhytterapia loppuun perusterveydenhuollossa. Unen seuranta unipäiväkirjalla; "
     "jos uni ei korjaannu, lääkärin vastaanotto lääkityksen arvioon. Uusi konsultaatio tarvittaessa.",
     "primary_care", 9, 6),
    ("DEMO-0002",
     "Ahdistuneisuus ei ole lievittynyt kahdessa käynnissä, ja asiakas kertoi viiltelystä. "
     "Toivomme yhteiskäyntiä hoidon porrastuksen arvioimiseksi.",
     "urgent", "joint_visit", None, "", 1, None),
]


# (local identifier, catalogue category, professional, contact, days in the team)
DEMO_TEAM = [
    ("DEMO-0001", "social_work", "Sosiaalityöntekijä (aikuissosiaalityö)", "09 310 00000 (demo)", 20),
    ("DEMO-0002", "supported_housing", "Asumisohjaaja, tuettu asuminen", "asumisohjaus@example.invalid", 10),
]


def _team(asker: User) -> None:
    for ident, category, professional, contact, days in DEMO_TEAM:
        episode = (Episode.objects.filter(client__local_identifier=ident, unit__code="hki-kalasatama",
                                          end_date__isnull=True, voided_at__isnull=True).order_by("pk").first())
        if episode is None or SocialCareMember.objects.filter(episode=episode, category=category).exists():
            continue
        service = services.social_services(episode).filter(terms__code=category).first()
        services.add_social_care(asker, episode.pk, category, professional, contact,
                                 timezone.localdate() - dt.timedelta(days=days), None,
                                 str(service.uuid) if service else None)


# A client in long care with an alcohol use disorder recorded as a somatic-risk group: the yearly somatic
# check is due (the last one, 13 months ago, flagged blood pressure and waist); and a check of DEMO-0001
# this month.
SOMATIC_CLIENT = "DEMO-0004"
DEMO_CHECKS = [
    (SOMATIC_CLIENT, 395, {"weight": 96.0, "waist": 104.0, "systolic": 148.0, "diastolic": 92.0, "glucose": 5.8,
                           "smoking": True, "alcohol": 20.0, "activity": 60.0}),
    ("DEMO-0001", 5, {"weight": 64.0, "bmi": 22.5, "waist": 76.0, "systolic": 118.0, "diastolic": 74.0,
                      "glucose": 5.2, "ldl": 2.6, "smoking": False, "activity": 180.0}),
]


def _somatic(asker: User) -> None:
    from porras.care import services as care
    from porras.integrated.models import SomaticCheck

    today = timezone.localdate()
    if not Episode.objects.filter(client__local_identifier=SOMATIC_CLIENT).exists():
        client, _ = care.register_client(asker, care.ClientInput(
            "local", SOMATIC_CLIENT, birth_year=1969, sex="male", county="helsinki", language="fi",
            unit="hki-kalasatama"))
        opened = care.open_episode(asker, client.pk, "hki-kalasatama", today - dt.timedelta(days=420),
                                   ["alcohol", "depression"], "primary_care")
        services.add_risk_group(asker, opened.pk, "alcohol_use_disorder")
    for ident, days_ago, values in DEMO_CHECKS:
        episode = (Episode.objects.filter(client__local_identifier=ident, unit__code="hki-kalasatama",
                                          end_date__isnull=True, voided_at__isnull=True).order_by("pk").first())
        if episode is None or SomaticCheck.objects.filter(episode=episode).exists():
            continue
        services.record_somatic_check(asker, episode.pk, today - dt.timedelta(days=days_ago), values)


def load() -> None:
    unit = Unit.objects.filter(code=SPECIALIST_UNIT).first()
    asker = User.objects.filter(username=ASKER).first()
    if unit is None or asker is None:
        return
    specialist = User.objects.filter(username=SPECIALIST).first()
    if specialist is None:
        specialist = accounts.create_user(SPECIALIST, "professional", unit_code=SPECIALIST_UNIT,
                                          password=DEMO_PASSWORD)
    _team(asker)
    _somatic(asker)
    now = timezone.now()
    for ident, question, urgency, form, answer, outcome, asked_days, answered_days in DEMO_CONSULTATIONS:
        episode = (Episode.objects.filter(client__local_identifier=ident, unit__code="hki-kalasatama",
                                          end_date__isnull=True, voided_at__isnull=True).order_by("pk").first())
        if episode is None or Consultation.objects.filter(episode=episode, question=question).exists():
            continue
        c = services.ask(asker, episode.pk, SPECIALIST_UNIT, question, urgency, form)
        asked = now - dt.timedelta(days=asked_days)
        Consultation.objects.filter(pk=c.pk).update(asked_at=asked, asked_on=timezone.localdate(asked))
        if answer is not None and answered_days is not None:
            services.answer(specialist, c.pk, answer, outcome)
            answered = now - dt.timedelta(days=answered_days)
            Consultation.objects.filter(pk=c.pk).update(answered_at=answered, answered_on=timezone.localdate(answered))
