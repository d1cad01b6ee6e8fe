"""The world the permission matrix runs in: `porras demo` plus the ids of one object of each kind.

Principals are the demo users (the fixed cast of STYLE.md): two professionals of the Kalasatama unit
in Helsinki, a professional of another county's unit (whose bearer token is "a token of another
unit"), a unit manager of Kalasatama, a county-wide manager of Pirkanmaa, a county analyst of
Helsinki, a national analyst, a programme manager, an IPS specialist, an administrator — and the
anonymous resident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

PRINCIPALS = {
    "anonymous": None,
    "clinician_a": "ammattilainen",
    "colleague_a": "kollega",
    "clinician_b": "ammattilainen.pirkanmaa",
    "manager_a": "esihenkilo",
    "county_manager_b": "aluejohtaja.pirkanmaa",
    "county_analyst": "analyytikko.alue",
    "national_analyst": "analyytikko.thl",
    "programme_manager": "ohjelmapaallikko",
    "ips_specialist": "ips.valmentaja",
    "admin": "yllapitaja",
}


@dataclass
class World:
    ids: dict[str, Any]


def build_world() -> World:
    call_command("demo", verbosity=0)
    from porras.accounts.models import User
    from porras.care.models import Appointment, Client, Episode, FollowUp, Measurement, RiskFlag
    from porras.catalogue.models import Service
    from porras.competence.models import TrainingRecord
    from porras.integrated.models import Consultation, SocialCareMember, SomaticCheck, SomaticRiskGroup
    from porras.ips.models import ClientPath
    from porras.navigator import services as navigator_services
    from porras.programmes.models import Grant, Indicator, ProgrammeEntity, Project

    episode = Episode.objects.filter(unit__code="hki-kalasatama").order_by("pk").first()
    assert episode is not None
    clinician = User.objects.get(username="ammattilainen")
    followup = FollowUp.objects.filter(episode__unit__code="hki-kalasatama").first()
    if followup is None:
        from porras.care import services as care_services

        followup = care_services.schedule_followup(clinician, episode.pk, "self_harm")  # type: ignore[attr-defined]
    # An account that has never signed in (so its set-password token stays valid while the principals
    # sign in), managed by the Kalasatama unit manager and the administrator.
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from porras.accounts import services as account_services

    newcomer = User.objects.filter(username="matrix.newcomer").first() or account_services.admin_create_user(
        None, "matrix.newcomer", "", "professional", unit_code="hki-kalasatama")
    saved = navigator_services.save_assessment({"age": 30, "county": "helsinki", "language": "fi",
                                                "concerns": ["depression"], "scores": {"phq9": {"total": 12}}})
    # a young person's, with a guardian code
    youth = navigator_services.save_assessment({"age": 15, "county": "helsinki", "language": "fi"})
    # an episode that may be voided: no open risk flag, no follow-up left to do
    quiet = next(e for e in Episode.objects.filter(unit__code="hki-kalasatama").order_by("pk")
                 if not e.risk_flags.filter(acknowledged_at__isnull=True).exists()
                 and not e.followups.filter(done_at__isnull=True).exists())
    ids = {
        "client_id": episode.client_id,
        "quiet_episode_id": quiet.pk,
        "episode_id": episode.pk,
        "appointment_id": Appointment.objects.filter(episode=episode).first().pk,  # type: ignore[union-attr]
        # a measurement without a risk flag (one with an open flag is voided only after acknowledging it)
        "measurement_id": Measurement.objects.filter(episode=episode, risk_flags__isnull=True).order_by("-pk").first().pk,  # type: ignore[union-attr]
        "flag_id": RiskFlag.objects.filter(measurement__episode__unit__code="hki-kalasatama").first().pk,  # type: ignore[union-attr]
        "followup_id": followup.pk,
        "service_id": Service.objects.filter(status="published", county__code="helsinki").first().uuid,  # type: ignore[union-attr]
        "entity_code": ProgrammeEntity.objects.first().code,  # type: ignore[union-attr]
        "project_code": Project.objects.first().code,  # type: ignore[union-attr]
        "grant_code": Grant.objects.first().code,  # type: ignore[union-attr]
        "indicator_code": Indicator.objects.first().code,  # type: ignore[union-attr]
        "ips_path_id": ClientPath.objects.filter(unit__code="hki-ips").first().pk,  # type: ignore[union-attr]
        "ips_service_code": "hki-ips",
        "consultation_id": Consultation.objects.filter(asking_unit__code="hki-kalasatama").first().pk,  # type: ignore[union-attr]
        "social_care_id": SocialCareMember.objects.filter(episode__unit__code="hki-kalasatama").first().pk,  # type: ignore[union-attr]
        "open_consultation_id": Consultation.objects.filter(asking_unit__code="hki-kalasatama",  # type: ignore[union-attr]
                                                            answered_at__isnull=True).first().pk,
        "somatic_check_id": SomaticCheck.objects.filter(  # type: ignore[union-attr]
            episode__unit__code="hki-kalasatama").exclude(flagged=[]).first().pk,
        "somatic_episode_id": SomaticCheck.objects.filter(  # type: ignore[union-attr]
            episode__unit__code="hki-kalasatama").exclude(flagged=[]).first().episode_id,
        "risk_group_id": SomaticRiskGroup.objects.filter(episode__unit__code="hki-kalasatama").first().pk,  # type: ignore[union-attr]
        "assessment_code": saved.code,
        "guardian_code": youth.guardian_code,
        "instrument_id": "phq9",
        "managed_user_id": newcomer.pk,
        "membership_id": newcomer.memberships.get().pk,
        "password_uid": urlsafe_base64_encode(force_bytes(newcomer.pk)),
        "password_token": default_token_generator.make_token(newcomer),
        "method_code": "cbt_short_individual",
        "training_record_id": TrainingRecord.objects.get(professional=clinician, method="cbt_short_individual").pk,
        "capacity_area": "helsinki",
        "other_client_id": Client.objects.exclude(pk=episode.client_id).first().pk if Client.objects.count() > 1 else 0,  # type: ignore[union-attr]
    }
    from porras.selfcare.models import Assignment  # the demo's guided programme (Kalasatama, DEMO-0003)

    assignment = Assignment.objects.filter(episode__unit__code="hki-kalasatama").first()
    assert assignment is not None
    from porras.selfcare import services as selfcare_services

    open_saved = selfcare_services.save_open_progress("worry", ["start"], {}, address="matrix")
    ids.update(programme_id="low-mood", assignment_id=assignment.pk, selfcare_episode_id=assignment.episode_id,
               open_programme_id="worry", module_id="start", open_progress_code=open_saved.code)
    return World(ids)


def web_routes() -> list[tuple[str, str]]:
    """(url name, route) of every page outside /api/v1/."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith("api/v1/"):
                    continue
                name = f"{namespace}:{p.name}" if namespace else str(p.name)
                found.append((name, "/" + route))

    walk(get_resolver().url_patterns, "", None)
    return found


def api_operations() -> list[tuple[str, str]]:
    """(METHOD, path template) of every operation in the OpenAPI document."""
    from porras.api import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, ops in schema["paths"].items() for method in ops]


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")

ALIASES = {"pk": "ips_path_id", "code": None, "resource_id": None, "service_id": "service_id",
           "response_id": None}


def fill(route: str, values: dict[str, Any]) -> str:
    def sub(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name not in values:
            raise KeyError(f"no value for <{name}> in {route}")
        return str(values[name])

    return _PARAM.sub(sub, route)
