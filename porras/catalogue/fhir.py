"""FHIR R4 ``HealthcareService`` for published catalogue services (validated with fhir.resources.R4B).

The resources only: the FHIR API (:mod:`porras.fhir.views`) serves them under ``/fhir/``.

Mapping: ``name``/``comment`` are the Finnish texts with Swedish/English in the standard translation
extension; categories, steps and channels are codings in Porras code systems (``category`` and
``characteristic``); the county is the ``coverageArea`` (identifier system
:data:`COUNTY_SYSTEM`); languages are BCP 47 ``communication``; free of charge is the HL7
``service-provision-conditions`` code ``free``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q, QuerySet
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService

from porras.catalogue.domain import taxonomy
from porras.catalogue.models import PublicationStatus, Service, TermVocabulary
from porras.lib.errors import NotFound

CATEGORY_SYSTEM = "urn:porras:catalogue:category"
STEP_SYSTEM = "urn:porras:catalogue:step"
CHANNEL_SYSTEM = "urn:porras:catalogue:channel"
COUNTY_SYSTEM = "urn:porras:county"
SERVICE_SYSTEM = "urn:porras:catalogue:service"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
PROVISION_SYSTEM = "http://terminology.hl7.org/CodeSystem/service-provision-conditions"
DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"}
SEARCH_PARAMETERS = ("_id", "name", "service-category", "category", "county", "_count")


class FhirSearchError(ValueError):
    """An unsupported or malformed search parameter (the FHIR API answers 400, an OperationOutcome)."""


def _translations(values: dict[str, str]) -> dict[str, Any] | None:
    extensions = [
        {
            "url": TRANSLATION,
            "extension": [{"url": "lang", "valueCode": lang}, {"url": "content", "valueString": text}],
        }
        for lang, text in values.items()
        if text
    ]
    return {"extension": extensions} if extensions else None


def _coding(system: str, vocabulary: str, code: str) -> dict[str, Any]:
    return {
        "coding": [{"system": system, "code": code, "display": taxonomy.term(vocabulary, code).label("en")}]
    }


def healthcare_service(service: Service) -> dict[str, Any]:
    """The FHIR R4 HealthcareService of ``service`` as JSON, validated."""
    resource: dict[str, Any] = {
        "resourceType": "HealthcareService",
        "id": str(service.uuid),
        "identifier": [{"system": SERVICE_SYSTEM, "value": str(service.uuid)}],
        "active": service.status == PublicationStatus.PUBLISHED,
        "name": service.name_fi,
        "coverageArea": [
            {
                "identifier": {"system": COUNTY_SYSTEM, "value": service.county.code},
                "display": service.county.name_fi,
            }
        ],
    }
    name_ext = _translations({"sv": service.name_sv, "en": service.name_en})
    if name_ext:
        resource["_name"] = name_ext
    if service.description_fi:
        resource["comment"] = service.description_fi
        comment_ext = _translations({"sv": service.description_sv, "en": service.description_en})
        if comment_ext:
            resource["_comment"] = comment_ext
    if service.organization is not None:
        resource["providedBy"] = {"display": service.organization.name_fi}
    categories = [_coding(CATEGORY_SYSTEM, "categories", c) for c in service.codes(TermVocabulary.CATEGORY)]
    if categories:
        resource["category"] = categories
    characteristics = [_coding(STEP_SYSTEM, "steps", str(s)) for s in service.steps]
    characteristics += [_coding(CHANNEL_SYSTEM, "channels", c) for c in service.codes(TermVocabulary.CHANNEL)]
    if characteristics:
        resource["characteristic"] = characteristics
    languages = service.codes(TermVocabulary.LANGUAGE)
    if languages:
        resource["communication"] = [
            {"coding": [{"system": "urn:ietf:bcp:47", "code": code}]} for code in languages
        ]
    if service.free_of_charge is not None:
        code = "free" if service.free_of_charge else "cost"
        resource["serviceProvisionCode"] = [{"coding": [{"system": PROVISION_SYSTEM, "code": code}]}]
    if service.referral_needed is not None:
        resource["appointmentRequired"] = service.referral_needed
    if service.minimum_age is not None or service.maximum_age is not None:
        low = service.minimum_age if service.minimum_age is not None else 0
        high = "" if service.maximum_age is None else str(service.maximum_age)
        resource["eligibility"] = [{"comment": f"age {low}–{high}".strip()}]
    phones = [p["number"] for p in service.hsds.get("phones", []) if p.get("number")]
    if phones:
        resource["telecom"] = [{"system": "phone", "value": number} for number in phones]
    times = []
    for schedule in service.hsds.get("schedules", []):
        days = [DAYS[d] for d in (schedule.get("byday") or "").split(",") if d in DAYS]
        entry: dict[str, Any] = {}
        if days:
            entry["daysOfWeek"] = days
        if schedule.get("opens_at"):
            entry["availableStartTime"] = schedule["opens_at"]
        if schedule.get("closes_at"):
            entry["availableEndTime"] = schedule["closes_at"]
        if entry:
            times.append(entry)
    if times:
        resource["availableTime"] = times
    return HealthcareService.model_validate(resource).model_dump(mode="json", exclude_none=True)


def search(params: dict[str, str], base_url: str) -> dict[str, Any]:
    """A ``searchset`` Bundle of published services for FHIR search parameters; raises FhirSearchError."""
    unknown = sorted(set(params) - set(SEARCH_PARAMETERS))
    if unknown:
        raise FhirSearchError(f"unsupported search parameter(s): {', '.join(unknown)}")
    qs: QuerySet[Service] = Service.objects.filter(status=PublicationStatus.PUBLISHED)
    if params.get("_id"):
        qs = qs.filter(uuid__in=[v for v in params["_id"].split(",") if _is_uuid(v)])
    if params.get("name"):
        term = params["name"]
        qs = qs.filter(Q(name_fi__icontains=term) | Q(name_sv__icontains=term) | Q(name_en__icontains=term))
    category = params.get("service-category") or params.get("category")
    if category:
        codes = [value.split("|")[-1] for value in category.split(",")]
        for code in codes:
            if code not in taxonomy.codes("categories"):
                raise FhirSearchError(f"service-category: unknown code {code!r}")
        qs = qs.filter(terms__vocabulary=TermVocabulary.CATEGORY, terms__code__in=codes)
    if params.get("county"):
        codes = [value.split("|")[-1] for value in params["county"].split(",")]
        qs = qs.filter(county__code__in=codes)
    count = 50
    if params.get("_count"):
        if not params["_count"].isdigit() or not 1 <= int(params["_count"]) <= 200:
            raise FhirSearchError("_count: must be a whole number between 1 and 200")
        count = int(params["_count"])
    qs = (
        qs.distinct()
        .order_by("name_fi", "pk")
        .select_related("county", "organization")
        .prefetch_related("terms")
    )
    total = qs.count()
    entries = [
        {
            "fullUrl": f"{base_url}/HealthcareService/{s.uuid}",
            "resource": healthcare_service(s),
            "search": {"mode": "match"},
        }
        for s in qs[:count]
    ]
    bundle = {"resourceType": "Bundle", "type": "searchset", "total": total, "entry": entries}
    return Bundle.model_validate(bundle).model_dump(mode="json", exclude_none=True)


def read(service_id: str) -> dict[str, Any]:
    """``HealthcareService/{id}`` of a published service; :class:`NotFound` otherwise."""
    try:
        key = uuid.UUID(service_id)
    except ValueError:
        raise NotFound(f"HealthcareService/{service_id} is not known") from None
    service = (
        Service.objects.filter(uuid=key, status=PublicationStatus.PUBLISHED)
        .select_related("county", "organization")
        .prefetch_related("terms")
        .first()
    )
    if service is None:
        raise NotFound(f"HealthcareService/{service_id} is not known")
    return healthcare_service(service)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
