# One Idempotency-Key mechanism for REST and FHIR (data): the keys FHIR kept on its records move to
# the idempotency app's table, each with the answer a replay gives (201 and the create's Bundle, from
# the record as 0003 left it). The stored request hash is FHIR's former one (of the body alone), so a
# retry of a request sent before this migration is refused (422) rather than stored twice.

import os

from django.conf import settings
from django.db import migrations

DEFAULT_BASE_URL = "https://porras.example/fhir"


def forwards(apps, schema_editor):
    Record = apps.get_model("fhir", "QuestionnaireResponseRecord")
    IdempotencyRecord = apps.get_model("idempotency", "IdempotencyRecord")
    configured = getattr(settings, "PORRAS_FHIR_BASE_URL", None) or os.environ.get("PORRAS_FHIR_BASE_URL")
    base = str(configured or DEFAULT_BASE_URL).rstrip("/")
    keyed = Record.objects.exclude(idempotency_key="").filter(created_by__isnull=False).order_by("created_at")
    for record in keyed.iterator():
        if IdempotencyRecord.objects.filter(user_id=record.created_by_id, key=record.idempotency_key).exists():
            continue
        entries = [{"fullUrl": f"{base}/QuestionnaireResponse/{record.pk}", "resource": record.resource}]
        entries += [{"fullUrl": f"{base}/Observation/{o['id']}", "resource": o} for o in record.observations]
        entries.append({"resource": record.outcome})
        IdempotencyRecord.objects.create(
            key=record.idempotency_key, user_id=record.created_by_id, endpoint="fhir.QuestionnaireResponse",
            request_hash=record.request_hash, status=201,
            body={"resourceType": "Bundle", "type": "collection", "entry": entries}, created_at=record.created_at,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("fhir", "0003_pseudonymous_subjects"),
        ("idempotency", "0002_own_table"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
