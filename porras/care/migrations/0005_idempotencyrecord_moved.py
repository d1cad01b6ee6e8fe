# IdempotencyRecord belongs to the porras.idempotency app now (the one Idempotency-Key mechanism of
# REST and FHIR). State only: the table is handed over as it is (idempotency 0001), then renamed there.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0004_remove_measurement_answers_text_pack"),
        ("idempotency", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IdempotencyRecord")],
            database_operations=[],
        ),
    ]
