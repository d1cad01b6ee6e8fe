"""Reference data and the caller's own identity."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from porras.accounts import authz, services
from porras.accounts.models import County

router = Router(tags=["reference"])


class CountyOut(Schema):
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    statistics_finland_code: str


class MeOut(Schema):
    username: str
    roles: list[str]
    aggregates_only: bool


@router.get("/counties", response=list[CountyOut], auth=None, summary="Wellbeing services counties and Helsinki")
def list_counties(request: HttpRequest) -> list[County]:
    return list(County.objects.order_by("name_fi"))


@router.get("/org", response=list[dict], summary="Counties, organisations and units with their codes")
def org_tree(request: HttpRequest) -> list[dict]:
    return services.organisation_tree()


@router.get("/me", response=MeOut, summary="The authenticated user and their roles")
def me(request: HttpRequest) -> MeOut:
    return MeOut(
        username=request.user.get_username(),
        roles=sorted(r.value for r in authz.roles(request.user)),
        aggregates_only=authz.aggregates_only(request.user),
    )
