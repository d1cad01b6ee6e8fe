# One Idempotency-Key mechanism (schema): FHIR's own key columns go, their rows having moved (0004).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("fhir", "0004_idempotency_keys_to_one_table"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="questionnaireresponserecord", name="fhir_qr_unique_idempotency_key"),
        migrations.RemoveField(model_name="questionnaireresponserecord", name="idempotency_key"),
        migrations.RemoveField(model_name="questionnaireresponserecord", name="request_hash"),
    ]
