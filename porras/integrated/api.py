"""JSON API of integrated care: consultations from primary care to specialised care.

POSTs honour ``Idempotency-Key`` (:mod:`porras.idempotency.services`); each is authorised before its
transaction opens, so that the audit entry of a denied attempt stays.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from porras.idempotency import services as idempotency
from porras.integrated import reports, services
from porras.integrated.domain import somatic
from porras.integrated.domain.report import parse_group_by
from porras.integrated.schemas import (
    AcknowledgeIn,
    AnswerIn,
    ConsultationIn,
    ConsultationOut,
    DueOut,
    RiskGroupIn,
    RiskGroupOut,
    SocialCareEndIn,
    SocialCareIn,
    SocialCareOut,
    SomaticCheckIn,
    SomaticCheckOut,
    SomaticItemOut,
)
from porras.lib.downloads import tabular_download
from porras.lib.errors import InputError
from porras.lib.language import current_language
from porras.outcomes.domain.engine import ReportError

router = Router(tags=["integrated care"])


@router.post("/episodes/{episode_id}/consultations", response={201: ConsultationOut},
             summary="Ask specialised care a consultation question about an episode")
def ask(request: HttpRequest, episode_id: int, payload: ConsultationIn) -> HttpResponse:
    """To a specialised psychiatry or substance-use unit of the episode's county (`specialist_unit`,
    its code); the episode must be open. Needs client write access to the episode's unit."""
    services.authorise_ask(request, episode_id)

    def handler() -> tuple[int, Any]:
        c = services.ask(request, episode_id, payload.specialist_unit, payload.question, payload.urgency,
                         payload.preferred_form)
        return 201, ConsultationOut.of(c).model_dump()

    return idempotency.run(request, f"consultations.create:{episode_id}", payload.model_dump(mode="json"), handler)


@router.get("/episodes/{episode_id}/consultations", response=list[ConsultationOut],
            summary="The consultations of an episode, with their answers")
def of_episode(request: HttpRequest, episode_id: int) -> list[ConsultationOut]:
    episode = services.read_episode(request, episode_id)
    return [ConsultationOut.of(c) for c in services.for_episode(request, episode)]


@router.get("/consultations", response=list[ConsultationOut],
            summary="The queue of my specialist units: open requests (urgent first, then oldest), then answered")
def queue(request: HttpRequest) -> list[ConsultationOut]:
    found = services.queue(request)
    return [ConsultationOut.of(c) for c in found.open + found.answered]


@router.get("/consultations/{consultation_id}", response=ConsultationOut, summary="One consultation")
def get(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    return ConsultationOut.of(services.get(request, consultation_id))


@router.post("/consultations/{consultation_id}/answer", response={200: ConsultationOut},
             summary="Answer a consultation (the specialist unit it is addressed to); the answer lands on the episode")
def answer(request: HttpRequest, consultation_id: int, payload: AnswerIn) -> HttpResponse:
    """Answered once: a second answer is 409."""
    services.authorise_answer(request, consultation_id)

    def handler() -> tuple[int, Any]:
        c = services.answer(request, consultation_id, payload.answer, payload.outcome)
        return 200, ConsultationOut.of(c).model_dump()

    return idempotency.run(request, f"consultations.answer:{consultation_id}", payload.model_dump(mode="json"),
                           handler)


@router.post("/consultations/{consultation_id}/withdraw", response={200: ConsultationOut},
             summary="Withdraw a question before it is answered (the asking unit)")
def withdraw(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Shown as withdrawn in both queues and left out of every consultation figure. Answered or
    withdrawn already: 409. Anyone but the asking side: 404."""
    services.authorise_withdraw(request, consultation_id)

    def handler() -> tuple[int, Any]:
        return 200, ConsultationOut.of(services.withdraw(request, consultation_id)).model_dump()

    return idempotency.run(request, f"consultations.withdraw:{consultation_id}", {}, handler)


@router.post("/somatic-checks/{check_id}/acknowledge", response={200: SomaticCheckOut},
             summary="Acknowledge a check's flagged values (who, when, a note); they stay flagged")
def acknowledge(request: HttpRequest, check_id: int, payload: AcknowledgeIn) -> SomaticCheckOut:
    return SomaticCheckOut.of(services.acknowledge_somatic_check(request, check_id, payload.note))


@router.post("/episodes/{episode_id}/somatic-risk-groups", response={201: RiskGroupOut},
             summary="Record a somatic-risk diagnosis group on an episode (makes the yearly check due)")
def add_risk_group(request: HttpRequest, episode_id: int, payload: RiskGroupIn) -> Status[RiskGroupOut]:
    group = services.add_risk_group(request, episode_id, payload.risk_group)
    spec = somatic.load_check().risk_group(group.risk_group)
    return Status(201, RiskGroupOut(id=group.pk, episode_id=group.episode_id, risk_group=group.risk_group,
                                    recorded_on=group.recorded_on, source=spec.source if spec else ""))


@router.delete("/somatic-risk-groups/{group_id}", response={204: None},
               summary="Remove a somatic-risk group recorded in error or no longer applying")
def remove_risk_group(request: HttpRequest, group_id: int) -> Status[None]:
    services.remove_risk_group(request, group_id)
    return Status(204, None)


class ConsultationReportQuery(Schema):
    group_by: str = ""
    format: Literal["json", "csv", "xlsx"] = "json"
    county: str | None = None
    unit: str | None = None


@router.get("/reports/consultations", summary="Consultations per 1,000 episodes, median answer time, transfers")
def consultation_report(request: HttpRequest, q: Query[ConsultationReportQuery]) -> Any:
    """Episodes referred in each group (`group_by`: any of county, collaborative_area, unit, month,
    quarter, year - of the episode's referral; an area is the collaborative area of the episode's county), the consultations asked about them per 1,000 episodes, the median answer time in
    days, and the shares of answers leading to a transfer to specialised care or to care continuing in
    primary care. Under the one disclosure rule (small counts withheld, counts rounded unless the caller
    may read the records). `format` csv or xlsx returns a file with the same columns."""
    try:
        report = reports.run_for_user(request.user, parse_group_by(q.group_by), county=q.county, unit=q.unit)
    except ReportError as exc:
        field, _, reason = str(exc).partition(": ")
        raise InputError([{"field": field, "reason": reason or str(exc)}]) from None
    if q.format in ("csv", "xlsx"):
        return tabular_download(report.groups, list(report.columns), q.format, "porras-consultations",
                                sheet="consultations")
    return {"groups": report.groups, "definitions": {"disclosure": report.policy.as_dict()}}


@router.post("/episodes/{episode_id}/social-care", response={201: SocialCareOut},
             summary="Add a social-welfare professional or service to an episode's team")
def add_social_care(request: HttpRequest, episode_id: int, payload: SocialCareIn) -> HttpResponse:
    """`category` is one of the service catalogue's social-welfare categories (social work, housing services
    with social guidance, social rehabilitation, substance-use services ...); `service` optionally links a
    published catalogue service of the episode's county."""
    services.authorise_team_change(request, episode_id)

    def handler() -> tuple[int, Any]:
        m = services.add_social_care(request, episode_id, payload.category, payload.professional, payload.contact,
                                     payload.start_date, payload.end_date, payload.service)
        return 201, SocialCareOut.of(m, current_language()).model_dump()

    return idempotency.run(request, f"social_care.create:{episode_id}", payload.model_dump(mode="json"), handler)


@router.get("/episodes/{episode_id}/social-care", response=list[SocialCareOut],
            summary="The social-welfare professionals and services in an episode's team")
def social_care(request: HttpRequest, episode_id: int) -> list[SocialCareOut]:
    episode = services.read_episode(request, episode_id)
    return [SocialCareOut.of(m, current_language()) for m in services.social_care_of(request, episode)]


@router.post("/social-care/{member_id}/end", response=SocialCareOut,
             summary="Record that a social-welfare member left the episode's team")
def end_social_care(request: HttpRequest, member_id: int, payload: SocialCareEndIn) -> SocialCareOut:
    return SocialCareOut.of(services.end_social_care(request, member_id, payload.end_date), current_language())


@router.get("/somatic-checks/items", response=list[SomaticItemOut], auth=None,
            summary="The items of the somatic health check: units, reference limits and their sources")
def somatic_items(request: HttpRequest) -> list[dict[str, Any]]:
    spec = somatic.load_check()
    return [{"code": i.code, "unit": i.unit, "kind": i.kind, "label": dict(i.labels), "below": i.below,
             "below_by_sex": dict(i.below_by_sex), "at_least": i.at_least, "flag_yes": i.flag_yes,
             "source": spec.sources.get(i.source, "")} for i in spec.items]


@router.post("/episodes/{episode_id}/somatic-checks", response={201: SomaticCheckOut},
             summary="Record a somatic health check; values out of their reference range are flagged")
def record_somatic_check(request: HttpRequest, episode_id: int, payload: SomaticCheckIn) -> HttpResponse:
    services.authorise_somatic_check(request, episode_id)

    def handler() -> tuple[int, Any]:
        check = services.record_somatic_check(request, episode_id, payload.date, dict(payload.values))
        return 201, SomaticCheckOut.of(check).model_dump()

    return idempotency.run(request, f"somatic_check.create:{episode_id}", payload.model_dump(mode="json"), handler)


@router.get("/episodes/{episode_id}/somatic-checks", response=list[SomaticCheckOut],
            summary="The somatic health checks of an episode")
def somatic_checks(request: HttpRequest, episode_id: int) -> list[SomaticCheckOut]:
    episode = services.read_episode(request, episode_id)
    return [SomaticCheckOut.of(c) for c in services.somatic_checks_of(request, episode)]


@router.get("/somatic-checks/due", response=list[DueOut],
            summary="Open episodes of my units whose yearly somatic check is due or has values to follow up")
def somatic_due(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"episode_id": r.episode.pk, "unit": r.episode.unit.code, "referral_date": r.episode.referral_date,
             "last_check": r.last_check.date if r.last_check else None, "due": r.due, "flagged": r.flagged}
            for r in services.somatic_worklist(request)]


@router.get("/reports/somatic-checks", summary="Share of eligible clients with a somatic check within 12 months")
def somatic_report(request: HttpRequest, group_by: str = "county", date_from: str | None = None,
                   date_to: str | None = None) -> dict[str, Any]:
    """`group_by`: any of county, collaborative_area, unit and one period (month, quarter, year). For each period (months
    `date_from`..`date_to`, YYYY-MM; by default the last twelve months) the episodes eligible on its last
    day (`eligible`: open and long or with a somatic-risk group recorded) and those with a check in the
    12 months up to it (`checked`), under the disclosure rule. Without a period: today."""
    try:
        report = reports.somatic_report_for_user(request.user, group_by.split(","),
                                                 date_from=date_from, date_to=date_to)
    except ReportError as exc:
        field, _, reason = str(exc).partition(": ")
        raise InputError([{"field": field, "reason": reason or str(exc)}]) from None
    return {"groups": report.groups, "definitions": {"disclosure": report.policy.as_dict()}}
