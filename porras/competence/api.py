"""JSON API of method competence: method cards, training records, trained capacity against need."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from porras.competence import services
from porras.competence.domain.capacity import whole
from porras.competence.domain.centres import load_centres
from porras.competence.domain.methods import method_catalogue
from porras.competence.schemas import (
    AreaCapacityOut,
    CentresOut,
    MethodOut,
    TrainingRecordIn,
    TrainingRecordOut,
)
from porras.idempotency import services as idempotency

router = Router(tags=["competence"])


@router.get("/methods", response=list[MethodOut], auth=None, summary="Method cards")
def methods(request: HttpRequest) -> list[dict[str, Any]]:
    """Every method care and the navigator name: step, target group and age, contacts, procedure code
    where one exists, the training it asks, and the sources of each figure."""
    citations = method_catalogue().sources
    return [MethodOut.of(card, citations) for card in services.list_methods()]


@router.get("/methods/{code}", response=MethodOut, auth=None, summary="One method card")
def method(request: HttpRequest, code: str) -> dict[str, Any]:
    return MethodOut.of(services.get_method(code), method_catalogue().sources)


@router.get("/training-records", response=list[TrainingRecordOut], summary="Training records you may see")
def training_records(request: HttpRequest) -> list[dict[str, Any]]:
    """Your own records, and those of the professionals you manage (audited)."""
    return [TrainingRecordOut.of(r) for r in services.list_records(request.user)]


@router.get("/training-records/{pk}", response=TrainingRecordOut, summary="One training record")
def training_record(request: HttpRequest, pk: int) -> dict[str, Any]:
    return TrainingRecordOut.of(services.get_record(request.user, pk))


@router.post("/training-records", response={201: TrainingRecordOut}, summary="Record a training")
def create_training_record(request: HttpRequest, payload: TrainingRecordIn) -> HttpResponse:
    """A professional's training in one method (one record per professional and method: a second is
    409). Honours ``Idempotency-Key``."""

    def handler() -> tuple[int, Any]:
        record = services.save_record(request.user, payload.dict())
        return 201, TrainingRecordOut.of(record)

    return idempotency.run(request, "competence.training.create", payload.model_dump(mode="json"), handler)


@router.get("/competence/centres", response=CentresOut, auth=None, summary="Competence centres")
def centres(request: HttpRequest) -> dict[str, Any]:
    """The national and the collaborative areas' competence centres (reference data, public)."""
    found = load_centres()
    return {
        "centres": [{"code": c.code, "scope": c.scope, "status": c.status, "name": c.name, "host": c.host,
                     "url": c.url} for c in found.centres.values()],
        "duties": list(found.duties),
        "funding_eur_per_resident_year": float(found.funding_eur_per_resident_year),
        "source": found.source,
    }


@router.get("/competence/capacity/{area}", response=AreaCapacityOut,
            summary="Trained capacity against estimated need")
def capacity(request: HttpRequest, area: str) -> dict[str, Any]:
    """``area``: a county code; for national readers also a collaborative area code or ``national``."""
    found = services.area_capacity(request.user, area)
    return {
        "area": found.code, "kind": found.kind,
        "collaborative_area": found.collaborative_area.code if found.collaborative_area else None,
        "competence_centre": found.centre.code if found.centre else None,
        "centre_residents": found.centre_residents,
        "centre_funding_eur_year": float(found.centre_funding) if found.centre_funding is not None else None,
        "population_year": found.population.year, "population_source": found.population.source,
        "population_illustrative": found.population.illustrative,
        "groups": [{
            "group": g.group.code, "population": g.estimate.population,
            "people_in_need": whole(g.estimate.people_in_need), "contacts_needed": whole(g.estimate.contacts_needed),
            "trained": g.estimate.trained, "capacity_contacts": whole(g.estimate.capacity_contacts),
            "gap_contacts": whole(g.estimate.gap_contacts), "to_train": g.estimate.to_train,
            "coverage": round(float(g.estimate.coverage), 2) if g.estimate.coverage is not None else None,
            "referrals_last_year": g.referrals,
            "methods": [{"method": m.card.code, "trained": m.trained} for m in g.methods],
        } for g in found.groups],
    }
