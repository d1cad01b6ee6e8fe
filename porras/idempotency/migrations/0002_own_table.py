# The moved IdempotencyRecord gets this app's table and constraint names (a rename: rows kept).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("idempotency", "0001_initial"),
        ("care", "0005_idempotencyrecord_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelTable(name="idempotencyrecord", table=None),
        migrations.RemoveConstraint(model_name="idempotencyrecord", name="care_idempotency_key_unique"),
        migrations.AddConstraint(
            model_name="idempotencyrecord",
            constraint=models.UniqueConstraint(fields=("user", "key"), name="idempotency_key_unique_per_user"),
        ),
    ]
