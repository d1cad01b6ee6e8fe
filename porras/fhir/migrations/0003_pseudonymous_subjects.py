# No identity code is stored (data): received QuestionnaireResponses, their Observations and
# OperationOutcomes get the subject that new ones get: ``Patient/<client id>`` when the response named
# an episode that exists (it was that episode's measurement), else only the subject's reference; and
# every identity code anywhere in them (and in imported Questionnaires) is replaced by
# "[identity code removed]". Irreversible by design: the codes are not kept anywhere to restore.

from django.db import migrations

from porras.fhir.domain.privacy import redact


def _episode_of(resource):
    ref = resource.get("encounter") or resource.get("context") or {}
    raw = None
    if isinstance(ref, dict) and isinstance(ref.get("reference"), str):
        raw = ref["reference"].rstrip("/").rsplit("/", 1)[-1]
    elif isinstance(ref, dict) and isinstance(ref.get("identifier"), dict):
        raw = ref["identifier"].get("value")
    return int(raw) if isinstance(raw, str) and raw.isascii() and raw.isdigit() else None


def _subject(resource, clients):
    original = resource.get("subject")
    if not isinstance(original, dict):
        return None
    episode = _episode_of(resource)
    if "identifier" in original and episode in clients:
        return {"reference": f"Patient/{clients[episode]}"}
    if isinstance(original.get("reference"), str):
        return {"reference": original["reference"]}
    return None


def forwards(apps, schema_editor):
    Record = apps.get_model("fhir", "QuestionnaireResponseRecord")
    Imported = apps.get_model("fhir", "ImportedQuestionnaire")
    Episode = apps.get_model("care", "Episode")
    clients = dict(Episode.objects.values_list("pk", "client_id"))
    for record in Record.objects.all().iterator():
        resource = record.resource if isinstance(record.resource, dict) else {}
        subject = _subject(resource, clients)
        if "subject" in resource:
            if subject is None:
                del resource["subject"]
            else:
                resource["subject"] = subject
        observations = record.observations if isinstance(record.observations, list) else []
        for obs in observations:
            if isinstance(obs, dict):
                obs.pop("subject", None)
                if subject is not None:
                    obs["subject"] = subject
        for value in (resource, observations, record.outcome):
            if isinstance(value, dict | list):
                redact(value)
        record.save(update_fields=["resource", "observations", "outcome"])
    for imported in Imported.objects.all().iterator():
        if isinstance(imported.resource, dict | list) and redact(imported.resource):
            imported.save(update_fields=["resource"])


class Migration(migrations.Migration):

    dependencies = [
        ("fhir", "0002_idempotency_key"),
        # after the client registers are split per county, so the subject is the episode's own record
        ("care", "0007_client_register_fill"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
