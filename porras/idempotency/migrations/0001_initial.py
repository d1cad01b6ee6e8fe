# The IdempotencyRecord model moves here from the care app. State only: the table care_idempotencyrecord
# and its rows stay as they are; 0002 gives them this app's table and constraint names.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("care", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("key", models.CharField(max_length=200)),
                        ("endpoint", models.CharField(max_length=200)),
                        ("request_hash", models.CharField(max_length=64)),
                        ("status", models.PositiveSmallIntegerField()),
                        ("body", models.JSONField()),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                   to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "care_idempotencyrecord",
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "key"), name="care_idempotency_key_unique")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
