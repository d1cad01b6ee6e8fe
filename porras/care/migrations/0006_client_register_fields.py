"""Trust first 7, step 1 of 3 (schema): a client record names its register (county) and, for a local
identifier, the organisation that issued it. Filled by 0003, made required by 0004."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("care", "0005_idempotencyrecord_moved"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="county",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="accounts.county",
                help_text="the register: county of the unit that registered the client",
            ),
        ),
        migrations.AddField(
            model_name="client",
            name="organisation",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="accounts.organisation", help_text="whose client-record system issued a local identifier",
            ),
        ),
    ]
