# No identity code is stored (data): a stored answer replays what an endpoint answered, and the
# measurement API used to echo its free-text ``text_pack`` (which could hold one). Every identity
# code in a stored body is replaced by "[identity code removed]". Irreversible by design.

from django.db import migrations

from porras.care.domain.identity_codes_in_text import redact_text


def _redact(value):
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [_redact(v) for v in value]
    if isinstance(value, dict):
        return {redact_text(k): _redact(v) for k, v in value.items()}
    return value


def forwards(apps, schema_editor):
    IdempotencyRecord = apps.get_model("idempotency", "IdempotencyRecord")
    for record in IdempotencyRecord.objects.all().iterator():
        cleaned = _redact(record.body)
        if cleaned != record.body:
            record.body = cleaned
            record.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("idempotency", "0002_own_table"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
